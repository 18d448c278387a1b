// SLA clocks in the engine: due times on the decision lines, a pause on hold that keeps the
// time already used, warnings and breaches as lines of their own at exact virtual instants, a
// new priority moving the due times, the backlog by due time and the per-level report.
//
// The calendar is Monday to Friday 08:00-17:00 in Europe/Berlin, which is UTC+1 in early March
// 2026: open 07:00-16:00 UTC. 2026-03-02 is a Monday. A business day is 9 business hours.
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::Decision;
using millwright::Engine;

namespace {

constexpr const char* rules_text = R"(priorities standard

calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

sla targets "Targets"
  P1 response 1h, resolution 4h
  P2 response 4 business hours, resolution 2 business days
  P3 response 1 business day, resolution 5 business days
  P4 response 2 business days, resolution 10 business days
  response stops at assigned
  resolution stops at done
  pause while on_hold
  warn at 75%
end

workflow job "Job"
  field asset   : text, required
  field impact  : high | medium | low = medium
  field urgency : high | medium | low = medium
  priority = standard_priority(impact, urgency)
  sla targets

  states new (initial), assigned, on_hold, done (final), cancelled (final)
  on assign:     new -> assigned
  on hold:       assigned -> on_hold
  on resume:     on_hold -> assigned
  on finish:     assigned -> done
  on cancel:     any except done, cancelled -> cancelled
  on reclassify: new -> new
                 assigned -> assigned
end
)";

std::shared_ptr<const millwright::Ruleset> rules() {
    static const auto loaded = millwright::test::load_rules_or_fail(rules_text, "job.mw");
    return loaded;
}

std::string json_of(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

// An engine that keeps the lines it originates (SLA warnings and breaches).
struct Harness {
    Engine engine{rules()};
    std::vector<std::string> engine_lines;
    std::uint64_t line = 0;

    Harness() {
        engine.on_engine_decision(
            [this](const Decision& decision) { engine_lines.push_back(json_of(decision)); });
    }
    std::string handle(const std::string& json) {
        return json_of(engine.handle_line(json, ++line));
    }
    std::string submit(const std::string& at, const std::string& wo, const std::string& data) {
        return handle(R"({"at":")" + at + R"(","type":"submit","workflow":"job","wo":")" + wo +
                      R"(","by":"rita","data":{"asset":"AHU-1")" + data + "}}");
    }
    std::string event(const std::string& at, const std::string& type, const std::string& wo,
                      const std::string& data = "") {
        return handle(R"({"at":")" + at + R"(","type":")" + type + R"(","wo":")" + wo +
                      R"(","by":"dan","data":{)" + data + "}}");
    }
};

} // namespace

TEST_CASE("SLA clocks run in business time, pause on hold and resume with what is left",
          "[engine][sla]") {
    Harness h;
    // P3 from 09:00 Berlin on Monday: one business day (9 h) ends Tuesday 09:00 Berlin; five
    // business days end the next Monday at 09:00 Berlin.
    CHECK(
        h.submit("2026-03-02T08:00:00Z", "J-1", "") ==
        R"({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-1","event":"submit","ok":true,"to":"new","version":1,"priority":{"level":"P3","why":"matrix standard_priority[medium][medium]"},"sla":{"name":"targets","response":{"status":"running","due":"2026-03-03T08:00:00Z"},"resolution":{"status":"running","due":"2026-03-09T08:00:00Z"}},"changes":{"asset":"AHU-1","impact":"medium","urgency":"medium"},"effects":[]})");
    // Assigned within the response target: the response clock stops, met.
    CHECK(
        h.event("2026-03-02T09:00:00Z", "assign", "J-1") ==
        R"({"seq":2,"at":"2026-03-02T09:00:00Z","line":2,"wo":"J-1","event":"assign","ok":true,"from":"new","to":"assigned","version":2,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"running","due":"2026-03-09T08:00:00Z"}},"changes":{},"effects":[]})");
    // On hold at 12:00 Berlin: 3 of the 45 business hours are used, 42 are left.
    CHECK(
        h.event("2026-03-02T11:00:00Z", "hold", "J-1") ==
        R"({"seq":3,"at":"2026-03-02T11:00:00Z","line":3,"wo":"J-1","event":"hold","ok":true,"from":"assigned","to":"on_hold","version":3,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"paused","remaining":"42h"}},"changes":{},"effects":[]})");
    // Resumed on Wednesday at 14:00 Berlin: 42 business hours from then end on the next
    // Wednesday at 11:00 Berlin (3 + 9 + 9 + 9 + 9 + 3).
    CHECK(
        h.event("2026-03-04T13:00:00Z", "resume", "J-1") ==
        R"({"seq":4,"at":"2026-03-04T13:00:00Z","line":4,"wo":"J-1","event":"resume","ok":true,"from":"on_hold","to":"assigned","version":4,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"running","due":"2026-03-11T10:00:00Z"}},"changes":{},"effects":[]})");
    CHECK(h.engine_lines.empty()); // the old due time's timers were cancelled by the pause
    // The warning falls due at 75% (33.75 business hours, 30.75 after the resume): Tuesday
    // 08:45 Berlin; the breach at the due time. Both fire before the tick, in order.
    CHECK(
        h.handle(R"({"at":"2026-03-12T00:00:00Z","type":"tick"})") ==
        R"({"seq":7,"at":"2026-03-12T00:00:00Z","line":5,"event":"tick","ok":true,"changes":{},"effects":[]})");
    CHECK(
        h.engine_lines ==
        std::vector<std::string>{
            R"({"seq":5,"at":"2026-03-10T07:45:00Z","wo":"J-1","event":"resolution_warning","ok":true,"from":"assigned","to":"assigned","version":5,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"running","due":"2026-03-11T10:00:00Z"}},"changes":{},"effects":[],"origin":"sla"})",
            R"({"seq":6,"at":"2026-03-11T10:00:00Z","wo":"J-1","event":"resolution_breach","ok":true,"from":"assigned","to":"assigned","version":6,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"running","due":"2026-03-11T10:00:00Z","breached":true}},"changes":{},"effects":[],"origin":"sla"})"});
    // Finished late: the resolution clock stops as missed.
    CHECK(
        h.event("2026-03-12T09:00:00Z", "finish", "J-1") ==
        R"({"seq":8,"at":"2026-03-12T09:00:00Z","line":6,"wo":"J-1","event":"finish","ok":true,"from":"assigned","to":"done","version":7,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"missed"}},"changes":{},"effects":[]})");
    const auto snapshot = h.engine.snapshot("J-1");
    REQUIRE(snapshot);
    CHECK((*snapshot)["history"][4]["event"] == "resolution_warning");
    CHECK((*snapshot)["history"][4]["by"] == "engine");
    CHECK((*snapshot)["history"][5]["event"] == "resolution_breach");
    CHECK((*snapshot)["priority"].dump() ==
          R"({"level":"P3","why":"matrix standard_priority[medium][medium]"})");
    CHECK((*snapshot)["sla"].dump() ==
          R"({"name":"targets","response":{"status":"met"},"resolution":{"status":"missed"}})");
}

TEST_CASE("a new priority moves the due times", "[engine][sla]") {
    Harness h;
    h.submit("2026-03-02T08:00:00Z", "J-1", "");
    // P3 -> P1 half an hour in: P1's clock-time targets count from the creation.
    CHECK(
        h.event("2026-03-02T08:30:00Z", "reclassify", "J-1",
                R"("impact":"high","urgency":"high")") ==
        R"({"seq":2,"at":"2026-03-02T08:30:00Z","line":2,"wo":"J-1","event":"reclassify","ok":true,"from":"new","to":"new","version":2,"priority":{"level":"P1","why":"matrix standard_priority[high][high]"},"sla":{"name":"targets","response":{"status":"running","due":"2026-03-02T09:00:00Z"},"resolution":{"status":"running","due":"2026-03-02T12:00:00Z"}},"changes":{"impact":"high","urgency":"high"},"effects":[]})");
    h.handle(R"({"at":"2026-03-02T09:30:00Z","type":"tick"})");
    CHECK(
        h.engine_lines ==
        std::vector<std::string>{
            R"({"seq":3,"at":"2026-03-02T08:45:00Z","wo":"J-1","event":"response_warning","ok":true,"from":"new","to":"new","version":3,"sla":{"name":"targets","response":{"status":"running","due":"2026-03-02T09:00:00Z"},"resolution":{"status":"running","due":"2026-03-02T12:00:00Z"}},"changes":{},"effects":[],"origin":"sla"})",
            R"({"seq":4,"at":"2026-03-02T09:00:00Z","wo":"J-1","event":"response_breach","ok":true,"from":"new","to":"new","version":4,"sla":{"name":"targets","response":{"status":"running","due":"2026-03-02T09:00:00Z","breached":true},"resolution":{"status":"running","due":"2026-03-02T12:00:00Z"}},"changes":{},"effects":[],"origin":"sla"})"});
}

TEST_CASE("a new priority whose target has already passed breaches at once", "[engine][sla]") {
    // A P4 job made P1 two hours in: its 1 h response target has passed, so the breach is due
    // now (no warning for a target already passed); the line keeps the real due time.
    Harness h;
    h.submit("2026-03-02T08:00:00Z", "J-2", R"(,"impact":"low","urgency":"low")");
    h.event("2026-03-02T10:00:00Z", "reclassify", "J-2", R"("impact":"high","urgency":"high")");
    h.handle(R"({"at":"2026-03-02T10:00:01Z","type":"tick"})");
    REQUIRE(h.engine_lines.size() == 1);
    CHECK(
        h.engine_lines[0] ==
        R"({"seq":3,"at":"2026-03-02T10:00:00Z","wo":"J-2","event":"response_breach","ok":true,"from":"new","to":"new","version":3,"sla":{"name":"targets","response":{"status":"running","due":"2026-03-02T09:00:00Z","breached":true},"resolution":{"status":"running","due":"2026-03-02T12:00:00Z"}},"changes":{},"effects":[],"origin":"sla"})");
}

TEST_CASE("a rejected event leaves SLA clocks alone, and a final state stops every clock",
          "[engine][sla]") {
    Harness h;
    h.submit("2026-03-02T08:00:00Z", "J-1", "");
    CHECK(h.event("2026-03-02T08:10:00Z", "hold", "J-1").find("transition_not_allowed") !=
          std::string::npos);
    // Cancelled before anyone responded: the response clock stops too, met (not breached).
    CHECK(
        h.event("2026-03-02T08:20:00Z", "cancel", "J-1") ==
        R"({"seq":3,"at":"2026-03-02T08:20:00Z","line":3,"wo":"J-1","event":"cancel","ok":true,"from":"new","to":"cancelled","version":2,"sla":{"name":"targets","response":{"status":"met"},"resolution":{"status":"met"}},"changes":{},"effects":[]})");
    h.handle(R"({"at":"2026-04-01T00:00:00Z","type":"tick"})");
    CHECK(h.engine_lines.empty()); // every timer of the stopped clocks is stale
}

TEST_CASE("the backlog orders by priority, then SLA due time, then age", "[engine][sla]") {
    Harness h;
    h.submit("2026-03-02T08:00:00Z", "A", "");                                       // P3
    h.submit("2026-03-02T08:05:00Z", "B", R"(,"impact":"high","urgency":"low")");    // P3
    h.submit("2026-03-02T08:10:00Z", "C", R"(,"impact":"low","urgency":"low")");     // P4
    h.submit("2026-03-02T08:15:00Z", "D", R"(,"impact":"high","urgency":"medium")"); // P2
    // A is assigned and put on hold: no running response clock, its resolution clock paused.
    h.event("2026-03-02T08:20:00Z", "assign", "A");
    h.event("2026-03-02T08:25:00Z", "hold", "A");
    // B is assigned: its resolution clock runs, due 5 business days after 09:05 Berlin.
    h.event("2026-03-02T08:30:00Z", "assign", "B");
    const auto backlog = h.engine.backlog();
    REQUIRE(backlog.size() == 4);
    CHECK(backlog[0].id == "D");
    CHECK(backlog[0].priority == "P2");
    CHECK(backlog[0].due_text == "2026-03-02T12:15:00Z"); // 4 business hours
    CHECK(backlog[1].id == "B");
    CHECK(backlog[1].due_text == "2026-03-09T08:05:00Z");
    CHECK(backlog[2].id == "A"); // same level as B, but nothing running: after it
    CHECK(backlog[2].due_text.empty());
    CHECK(backlog[3].id == "C");
    CHECK(backlog[3].priority == "P4");
    CHECK(backlog[3].due_text == "2026-03-04T08:10:00Z"); // 2 business days (18 h)
}

TEST_CASE("the SLA report counts breaches per level and the share met", "[engine][sla]") {
    Harness h;
    h.submit("2026-03-02T08:00:00Z", "A", R"(,"impact":"high","urgency":"high")"); // P1
    h.submit("2026-03-02T08:00:00Z", "B", R"(,"impact":"high","urgency":"high")"); // P1
    h.submit("2026-03-02T08:00:00Z", "C", "");                                     // P3
    h.event("2026-03-02T08:30:00Z", "assign", "A");
    h.event("2026-03-02T09:30:00Z", "assign", "B"); // response breached at 09:00
    h.event("2026-03-02T10:00:00Z", "finish", "A"); // within 4 h
    h.event("2026-03-02T13:00:00Z", "finish", "B"); // resolution breached at 12:00
    const auto report = h.engine.sla_report();
    REQUIRE(report.size() == 2);
    CHECK(report[0].sla == "targets");
    CHECK(report[0].level == "P1");
    CHECK(report[0].work_orders == 2);
    CHECK(report[0].settled == 2);
    CHECK(report[0].met == 1);
    CHECK(report[0].response_breaches == 1);
    CHECK(report[0].resolution_breaches == 1);
    CHECK(report[1].level == "P3");
    CHECK(report[1].work_orders == 1);
    CHECK(report[1].settled == 0);
    CHECK(report[1].met == 0);
    CHECK(report[1].response_breaches == 0);
}

TEST_CASE("replay counts SLA warnings and breaches apart from timers", "[engine][sla]") {
    Engine engine(rules());
    const std::string stream =
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"A","by":"r","data":{"asset":"x","impact":"high","urgency":"high"}})"
        "\n"
        R"({"at":"2026-03-02T09:30:00Z","type":"tick"})"
        "\n";
    std::FILE* in = fmemopen(const_cast<char*>(stream.data()), stream.size(), "r");
    char* out_text = nullptr;
    std::size_t out_size = 0;
    std::FILE* out = open_memstream(&out_text, &out_size);
    const auto summary = millwright::replay(engine, in, out);
    std::fclose(in);
    std::fclose(out);
    const std::string written(out_text, out_size);
    std::free(out_text);
    CHECK(summary.events == 2);
    CHECK(summary.timers_fired == 0);
    CHECK(summary.sla_warnings == 1); // response at 08:45
    CHECK(summary.sla_breaches == 1); // response at 09:00
    CHECK(written.find(R"("event":"response_breach")") != std::string::npos);
}

TEST_CASE("next_due skips cancelled timers, and the wall clock fires what is past due",
          "[engine][sla][clock]") {
    using namespace std::chrono;
    const auto instant = [](sys_days day, hours h, minutes m) {
        return millwright::Timestamp(duration_cast<milliseconds>(day.time_since_epoch() + h + m));
    };
    Harness h;
    CHECK_FALSE(h.engine.next_due());
    h.submit("2026-03-02T08:00:00Z", "J-1", "");
    // The response warning: 75% of 9 business hours after 09:00 Berlin is 15:45 Berlin.
    CHECK(h.engine.next_due() == instant(sys_days(2026y / March / 2), 14h, 45min));
    // Assigned: the response timers are cancelled; next is the resolution warning, 33.75
    // business hours in, on Thursday at 15:45 Berlin.
    h.event("2026-03-02T09:00:00Z", "assign", "J-1");
    CHECK(h.engine.next_due() == instant(sys_days(2026y / March / 5), 14h, 45min));
    // The machine's clock is long past March 2026: both resolution timers fire.
    const auto before = time_point_cast<milliseconds>(system_clock::now());
    h.engine.advance_to_wall_clock();
    CHECK(h.engine.now() >= before);
    REQUIRE(h.engine_lines.size() == 2);
    CHECK(h.engine_lines[0].find(R"("event":"resolution_warning")") != std::string::npos);
    CHECK(h.engine_lines[1].find(
              R"("at":"2026-03-09T08:00:00Z","wo":"J-1","event":"resolution_breach")") !=
          std::string::npos);
    CHECK_FALSE(h.engine.next_due());
}
