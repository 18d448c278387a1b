// The engine's runtime: every transition kind, guards tried in order, `requires`, actions and
// hooks, and the rule that a rejected event changes nothing (snapshots before and after).
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

using millwright::Decision;
using millwright::Engine;
using millwright::Event;
using nlohmann::json;

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::shared_ptr<const millwright::Ruleset> job_rules() {
    static const auto rules = [] {
        auto result = millwright::load_string(
            read_text(std::string(MILLWRIGHT_TESTS_DIR) + "/engine/data/job.mw"), "job.mw");
        for (const auto& diagnostic : result.diagnostics) {
            FAIL_CHECK(diagnostic.rendered);
        }
        REQUIRE(result.ok());
        return result.ruleset;
    }();
    return rules;
}

Event event(const std::string& at, const std::string& type, const std::string& wo,
            const std::string& by, json data = json::object()) {
    Event e;
    e.at = millwright::Timestamp{};
    e.at_text = at;
    e.type = type;
    e.wo = wo;
    e.by = by;
    e.data = std::move(data);
    // at: parse "2026-03-01T08:MM:00Z" style test times by minutes past 08:00.
    const int minutes = std::stoi(at.substr(14, 2));
    e.at = millwright::Timestamp(std::chrono::milliseconds(1772352000000LL + minutes * 60000LL));
    return e;
}

Event create(const std::string& wo, json data, const std::string& at = "2026-03-01T08:00:00Z") {
    Event e = event(at, "submit", wo, "rita", std::move(data));
    e.workflow = "job";
    return e;
}

std::string line_of(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

} // namespace

TEST_CASE("a creation sets fields and defaults and enters the initial state", "[engine]") {
    Engine engine(job_rules());
    const auto decision = engine.handle(create("J-1", {{"asset", "AHU-1"}, {"cost", 12.5}}));
    CHECK(line_of(decision) ==
          R"({"seq":1,"at":"2026-03-01T08:00:00Z","wo":"J-1","event":"submit","ok":true,)"
          R"("to":"open","version":1,"changes":{"asset":"AHU-1","cost":12.50,"priority":"low",)"
          R"("holds":0,"approved":false,"estimate":"2h"},"effects":[]})");
    const auto snapshot = engine.snapshot("J-1");
    REQUIRE(snapshot);
    CHECK((*snapshot)["state"] == "open");
    CHECK((*snapshot)["requester"] == "rita");
    CHECK((*snapshot)["fields"]["cost"] == 12.5);
    CHECK((*snapshot)["fields"]["notes"].is_null());
}

TEST_CASE("a creation without a required field is rejected and creates nothing", "[engine]") {
    Engine engine(job_rules());
    const auto decision = engine.handle(create("J-1", {{"cost", 5}}));
    CHECK_FALSE(decision.ok);
    CHECK(decision.error == "missing_required");
    CHECK(decision.reason ==
          "a `job` work order requires asset when it is created; missing: asset");
    CHECK_FALSE(engine.snapshot("J-1"));
    CHECK(engine.work_order_count() == 0);
}

TEST_CASE("guards are tried in order and the first that holds is taken", "[engine][guards]") {
    Engine engine(job_rules());
    engine.handle(create("cheap", {{"asset", "A"}, {"cost", 50}}));
    engine.handle(create("dear", {{"asset", "B"}, {"cost", 500}}));
    engine.handle(create("approved", {{"asset", "C"}, {"cost", 500}, {"approved", true}}));

    const auto cheap = engine.handle(event("2026-03-01T08:01:00Z", "start", "cheap", "tom"));
    CHECK(cheap.ok);
    CHECK(cheap.to == "doing");
    REQUIRE(cheap.effects.size() == 1);
    CHECK(cheap.effects[0].type == "assign");
    CHECK(cheap.effects[0].to == "tom");

    const auto dear = engine.handle(event("2026-03-01T08:02:00Z", "start", "dear", "tom"));
    CHECK(dear.to == "paused");
    CHECK(line_of(dear).find(R"("changes":{"holds":1})") != std::string::npos);

    const auto approved = engine.handle(event("2026-03-01T08:03:00Z", "start", "approved", "tom"));
    CHECK(approved.to == "doing");
    CHECK((*engine.snapshot("approved"))["assignee"] == "tom");
}

TEST_CASE("when every guard is false the decision says why not", "[engine][guards]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}, {"cost", 20}}));
    engine.handle(event("2026-03-01T08:01:00Z", "start", "J-1", "tom"));
    const auto before = engine.snapshot("J-1");
    const auto decision = engine.handle(event("2026-03-01T08:02:00Z", "escalate", "J-1", "tom"));
    CHECK(decision.error == "guard_rejected");
    CHECK(decision.reason == "`escalate` is not allowed now: no alternative's condition holds in "
                             "state `doing` (see why_not)");
    REQUIRE(decision.why_not.size() == 2);
    CHECK(decision.why_not[0].transition == "doing -> paused");
    CHECK(decision.why_not[0].guard == "priority = high");
    CHECK(decision.why_not[0].where.rfind("job.mw:28:", 0) == 0);
    CHECK(decision.why_not[0].saw ==
          std::vector<std::pair<std::string, std::string>>{{"priority", "\"low\""}});
    CHECK(decision.why_not[1].guard == "cost > 1000");
    CHECK(decision.why_not[1].where.rfind("job.mw:29:", 0) == 0);
    CHECK(decision.why_not[1].saw ==
          std::vector<std::pair<std::string, std::string>>{{"cost", "20.00"}});
    CHECK(engine.snapshot("J-1") == before);
}

TEST_CASE("a transition not allowed in the current state is rejected with the states it is "
          "allowed from",
          "[engine]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    const auto before = engine.snapshot("J-1");
    const auto decision = engine.handle(event("2026-03-01T08:01:00Z", "finish", "J-1", "tom"));
    CHECK_FALSE(decision.ok);
    CHECK(decision.error == "transition_not_allowed");
    CHECK(decision.reason == "`finish` is not allowed in state `open`; it is allowed from doing");
    CHECK(decision.from == "open");
    CHECK(engine.snapshot("J-1") == before);
}

TEST_CASE("requires rejects an event whose data lacks the named fields", "[engine][requires]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    engine.handle(event("2026-03-01T08:01:00Z", "start", "J-1", "tom"));
    const auto before = engine.snapshot("J-1");
    const auto missing = engine.handle(
        event("2026-03-01T08:02:00Z", "finish", "J-1", "tom", {{"notes", "replaced fuse"}}));
    CHECK(missing.error == "missing_required");
    CHECK(missing.reason ==
          "`finish` requires notes and parts; missing: parts (give them in the event's data)");
    CHECK(engine.snapshot("J-1") == before); // the notes given were not kept either

    const auto done = engine.handle(event("2026-03-01T08:03:00Z", "finish", "J-1", "tom",
                                          {{"notes", "replaced fuse"}, {"parts", {"fuse"}}}));
    CHECK(
        line_of(done) ==
        R"({"seq":4,"at":"2026-03-01T08:03:00Z","wo":"J-1","event":"finish","ok":true,)"
        R"("from":"doing","to":"done","version":3,"changes":{"notes":"replaced fuse",)"
        R"("parts":["fuse"]},"effects":[{"type":"notify","to":"rita","message":"job J-1 is done"}]})");
}

TEST_CASE("any except reaches every open state but the excluded ones", "[engine]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    const auto dropped =
        engine.handle(event("2026-03-01T08:01:00Z", "drop", "J-1", "tom", {{"reason", "dup"}}));
    CHECK(dropped.ok);
    CHECK(dropped.to == "dropped");
    REQUIRE(dropped.effects.size() == 1);
    CHECK(dropped.effects[0].type == "note");
    CHECK(dropped.effects[0].text == "dup");
    const auto again =
        engine.handle(event("2026-03-01T08:02:00Z", "drop", "J-1", "tom", {{"reason", "dup"}}));
    CHECK(again.error == "transition_not_allowed");
    CHECK(again.reason == "`drop` is not allowed in state `dropped` (a final state: the work order "
                          "is finished)");
}

TEST_CASE("enter and leave hooks run when the state changes, not on a self-transition",
          "[engine][hooks]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}, {"cost", 500}}));
    const auto paused = engine.handle(event("2026-03-01T08:01:00Z", "start", "J-1", "tom"));
    CHECK(paused.to == "paused");
    const auto approve = engine.handle(event("2026-03-01T08:02:00Z", "approve", "J-1", "sam"));
    CHECK(approve.from == "paused");
    CHECK(approve.to == "paused");
    CHECK(line_of(approve).find(R"("changes":{"approved":true},"effects":[])") !=
          std::string::npos);
    const auto resumed = engine.handle(event("2026-03-01T08:03:00Z", "resume", "J-1", "sam"));
    REQUIRE(resumed.effects.size() == 1);
    CHECK(resumed.effects[0].role == "supervisor");
    CHECK(resumed.effects[0].text == "job J-1 resumed");
    CHECK((*engine.snapshot("J-1"))["fields"]["holds"] == 1);
}

TEST_CASE("a self-transition with a set action changes the field and the version",
          "[engine][actions]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}, {"cost", 1}}));
    const auto bumped = engine.handle(event("2026-03-01T08:01:00Z", "bump", "J-1", "tom"));
    CHECK(
        line_of(bumped).find(R"("from":"open","to":"open","version":2,"changes":{"cost":11.00})") !=
        std::string::npos);
}

TEST_CASE("rejections name a stable error code and change nothing", "[engine][reject]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    const auto before = engine.snapshot("J-1");
    struct Case {
        Event event;
        std::string error;
        std::string reason;
    };
    std::vector<Case> cases{
        {event("2026-03-01T08:01:00Z", "start", "J-9", "tom"), "unknown_work_order",
         "there is no work order `J-9`"},
        {event("2026-03-01T08:01:00Z", "launch", "J-1", "tom"), "unknown_event",
         "workflow `job` has no event `launch`"},
        {event("2026-03-01T08:01:00Z", "start", "J-1", "tom", {{"cost", "a lot"}}),
         "bad_field_type",
         "/data/cost: field `cost` expects money (a number with at most 2 decimals), got \"a "
         "lot\""},
        {event("2026-03-01T08:01:00Z", "start", "J-1", "tom", {{"priority", "urgent"}}),
         "bad_field_type",
         "/data/priority: field `priority` expects one of high, low, got \"urgent\""},
        {event("2026-03-01T08:01:00Z", "start", "J-1", "tom", {{"colour", "red"}}), "unknown_field",
         "`colour` is not a field of workflow `job` and no rule reads data.colour"},
        {event("2026-03-01T08:01:00Z", "start", "J-1", "tom", {{"cost", 1.005}}), "bad_field_type",
         "/data/cost: field `cost` expects money (a number with at most 2 decimals), got 1.005"},
    };
    for (const auto& c : cases) {
        const auto decision = engine.handle(c.event);
        CHECK_FALSE(decision.ok);
        CHECK(decision.error == c.error);
        CHECK(decision.reason == c.reason);
        CHECK(engine.snapshot("J-1") == before);
    }
    const auto duplicate = engine.handle(create("J-1", {{"asset", "A"}}, "2026-03-01T08:02:00Z"));
    CHECK(duplicate.error == "duplicate_work_order");
    CHECK(engine.snapshot("J-1") == before);
}

TEST_CASE("time may not go backwards", "[engine]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    engine.handle(event("2026-03-01T08:05:00Z", "bump", "J-1", "tom"));
    const auto late = engine.handle(event("2026-03-01T08:04:00Z", "bump", "J-1", "tom"));
    CHECK(late.error == "time_went_backwards");
    CHECK(late.reason == "`at` 2026-03-01T08:04:00Z is before the previous event's "
                         "2026-03-01T08:05:00Z; a stream must not go back in time");
}

// A workflow whose `check` guard loops (lib.includes walks the list) and whose `start` guard
// cannot loop.
std::shared_ptr<const millwright::Ruleset> list_rules() {
    static const auto rules = [] {
        auto result = millwright::load_string(R"(workflow job "List job"
  field asset : text, required
  field parts : list of text
  field cost  : money = 0
  states open (initial), doing, done (final)
  on check: open -> doing when "zzz" in parts
  on start: open -> doing when cost <= 100 and cost >= 0 and cost + 1 > 0
end
)",
                                              "job.mw");
        REQUIRE(result.ok());
        return result.ruleset;
    }();
    return rules;
}

json many_parts(std::size_t count) {
    json parts = json::array();
    for (std::size_t i = 0; i < count; ++i) {
        parts.push_back("p" + std::to_string(i));
    }
    return parts;
}

TEST_CASE("a rule stopped by the instruction budget is rejected and the engine keeps serving",
          "[engine][sandbox]") {
    millwright::EngineOptions options;
    options.instruction_budget = 1000;
    options.max_list_items = 5000; // more than the default cap, to make the rule run long
    Engine engine(list_rules(), options);
    engine.handle(create("J-1", {{"asset", "A"}, {"parts", many_parts(5000)}}));
    const auto before = engine.snapshot("J-1");
    const auto stopped = engine.handle(event("2026-03-01T08:01:00Z", "check", "J-1", "tom"));
    CHECK(stopped.error == "rule_failed");
    CHECK(stopped.reason.rfind("rule `check_open_to_doing_guard` was stopped at job.mw:6:", 0) ==
          0);
    CHECK(stopped.reason.find("instruction budget exceeded") != std::string::npos);
    CHECK(stopped.reason.find("(workflow `job`, state `open`, event `check`)") !=
          std::string::npos);
    CHECK(engine.snapshot("J-1") == before);
    // The engine keeps serving: the same rule over a short list fits the budget.
    engine.handle(
        create("J-2", {{"asset", "B"}, {"parts", many_parts(10)}}, "2026-03-01T08:02:00Z"));
    const auto fits = engine.handle(event("2026-03-01T08:02:00Z", "check", "J-2", "tom"));
    CHECK(fits.error == "guard_rejected");
    CHECK(engine.work_order_count() == 2);
}

TEST_CASE("a rule that cannot loop runs without the per-instruction hook", "[engine][sandbox]") {
    // Loop-free code is bounded by its length (see CompiledWorkflow::metered), so even a budget
    // of one instruction does not stop it; a rule that loops over a list is still metered.
    millwright::EngineOptions options;
    options.instruction_budget = 1;
    Engine engine(list_rules(), options);
    engine.handle(create("J-1", {{"asset", "A"}, {"parts", many_parts(3)}}));
    const auto started = engine.handle(event("2026-03-01T08:01:00Z", "start", "J-1", "tom"));
    CHECK(started.ok);
    CHECK(started.to == "doing");
    engine.handle(
        create("J-2", {{"asset", "B"}, {"parts", many_parts(3)}}, "2026-03-01T08:02:00Z"));
    const auto checked = engine.handle(event("2026-03-01T08:02:00Z", "check", "J-2", "tom"));
    CHECK(checked.error == "rule_failed");
    CHECK(checked.reason.find("instruction budget exceeded") != std::string::npos);
}

TEST_CASE("two engines on one ruleset are independent", "[engine]") {
    Engine first(job_rules());
    Engine second(job_rules());
    first.handle(create("J-1", {{"asset", "A"}}));
    CHECK(first.work_order_count() == 1);
    CHECK(second.work_order_count() == 0);
    CHECK_FALSE(second.snapshot("J-1"));
}

TEST_CASE("history records every accepted event with actor, time and changes", "[engine]") {
    Engine engine(job_rules());
    engine.handle(create("J-1", {{"asset", "A"}}));
    engine.handle(event("2026-03-01T08:01:00Z", "start", "J-1", "tom"));
    engine.handle(event("2026-03-01T08:02:00Z", "finish", "J-1", "tom")); // rejected
    const auto snapshot = *engine.snapshot("J-1");
    REQUIRE(snapshot["history"].size() == 2);
    CHECK(snapshot["history"][1].dump() ==
          R"({"seq":2,"at":"2026-03-01T08:01:00Z","event":"start","by":"tom","from":"open",)"
          R"("to":"doing","changes":{}})");
}

TEST_CASE("malformed lines are reported with their line number", "[engine][lines]") {
    Engine engine(job_rules());
    CHECK(engine.handle_line("{\"at\":", 7).reason ==
          "line 7 is not a valid event: invalid or truncated JSON");
    CHECK(engine.handle_line("[1,2]", 8).reason ==
          "line 8 is not a valid event: a line must be a JSON object");
    CHECK(engine.handle_line("", 9).reason == "line 9 is not a valid event: empty line");
    CHECK(engine.handle_line(R"({"type":"tick"})", 10).reason ==
          "line 10 is not a valid event: missing `at`");
    std::string deep = R"({"at":"2026-03-01T08:00:00Z","type":"submit","data":{"x":)";
    deep += std::string(100000, '[') + std::string(100000, ']') + "}}";
    const auto& decision = engine.handle_line(deep, 11);
    CHECK(decision.error == "malformed_line");
    CHECK(decision.reason == "line 11 is not a valid event: JSON nested too deeply");
    const auto& ok = engine.handle_line(
        R"({"at":"2026-03-01T08:00:00Z","type":"submit","wo":"J-1","workflow":"job","by":"rita","data":{"asset":"A"}})",
        12);
    CHECK(ok.ok);
    CHECK(ok.line == 12u);
}

TEST_CASE("a text field longer than the field cap is refused even when the input cap allows it",
          "[engine][limits]") {
    millwright::EngineOptions options;
    options.max_text_bytes = 2 * 1024 * 1024; // the host lets longer texts in ...
    Engine engine(job_rules(), options);      // ... but a field still holds at most 1 MiB
    engine.handle(create("J-1", {{"asset", "A"}}));
    const auto before = engine.snapshot("J-1");
    const auto decision = engine.handle(event("2026-03-01T08:01:00Z", "bump", "J-1", "tom",
                                              {{"notes", std::string(1024 * 1024 + 1, 'x')}}));
    CHECK(decision.error == "bad_field_type");
    CHECK(decision.reason == "/data/notes: field `notes` expects text (at most 1048576 bytes), "
                             "got \"" +
                                 std::string(79, 'x') + "...");
    CHECK(engine.snapshot("J-1") == before);
}

TEST_CASE("a runtime error in a guard is reported at its DSL line with workflow, state and event",
          "[engine][line_map]") {
    const auto rules = millwright::load_string("workflow w\n"
                                               "  field due : time\n"
                                               "  states a (initial), b (final)\n"
                                               "  on check: a -> b when due < now\n"
                                               "end\n",
                                               "rules/w.mw");
    REQUIRE(rules.ok());
    Engine engine(rules.ruleset);
    REQUIRE(engine
                .handle_line(
                    R"({"at":"2026-01-05T08:00:00Z","type":"submit","wo":"W","workflow":"w"})", 1)
                .ok);
    const auto before = engine.snapshot("W");
    const auto& decision =
        engine.handle_line(R"({"at":"2026-01-05T08:01:00Z","type":"check","wo":"W"})", 2);
    CHECK(decision.error == "rule_failed");
    CHECK(decision.reason == "rule `check_a_to_b_guard` failed at w.mw:4:25: attempt to compare "
                             "nil with number (workflow `w`, state `a`, event `check`)");
    CHECK(engine.snapshot("W") == before);
}
