// Timers, front to back: `after DURATION [business] [on CALENDAR] in STATE: ...` parses into
// its parts, is checked (E0202, E0601-E0604), makes its `-> STATE` count for reachability and
// compiles to a TimerModel with an actions function.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::FunctionKind;
using millwright::dsl::testing::compile_text;

namespace {

const std::string states = "  field cost : money = 0\n"
                           "  states new (initial), triaged, escalated, closed (final)\n"
                           "  on triage: new -> triaged\n"
                           "  on close: any except closed -> closed\n"; // lines 2-5

std::string workflow_with(const std::string& timers) {
    return "workflow w\n" + states + timers + "end\n";
}

} // namespace

TEST_CASE("timers compile to timer models in source order", "[dsl][timer]") {
    auto result = compile_text(
        workflow_with("  after 3 business days in triaged: -> escalated\n"
                      "    notify role facilities_manager \"Job {id} waits\", set cost = cost + 1\n"
                      "  after 4h30m in new: note \"still new\"\n"
                      "  after 2 weeks business in escalated: -> closed\n"
                      "  after 1 day in new:\n") +
        // The file's only calendar is what `business` without `on` counts on.
        "calendar office in \"UTC\"\n  mon-fri 09:00-17:00\nend\n");
    INFO(result->rendered());
    REQUIRE(result->workflows.size() == 1);
    const auto& model = result->workflows[0];
    REQUIRE(model.timers.size() == 4);

    const auto& first = model.timers[0];
    CHECK(first.state == 1);
    CHECK(first.duration_ms == 3LL * 24 * 3600 * 1000);
    CHECK(first.business);
    CHECK(first.calendar == "office"); // resolved by the compiler, not left to the engine
    CHECK(first.target == std::size_t{2});
    CHECK(first.text == "after 3 business days in triaged: -> escalated");
    CHECK(result->where(first.span) == "6:3");
    REQUIRE(first.actions);
    const auto& actions = model.functions.at(*first.actions);
    CHECK(actions.name == "after_triaged_actions");
    CHECK(actions.kind == FunctionKind::actions);

    const auto& second = model.timers[1];
    CHECK(second.state == 0);
    CHECK(second.duration_ms == (4 * 60 + 30) * 60 * 1000);
    CHECK_FALSE(second.business);
    CHECK(second.calendar.empty()); // clock time counts on no calendar
    CHECK_FALSE(second.target);
    CHECK(model.functions.at(*second.actions).name == "after_new_actions");

    CHECK(model.timers[2].duration_ms == 14LL * 24 * 3600 * 1000);
    CHECK(model.timers[2].business);
    CHECK(model.timers[2].calendar == "office");
    CHECK_FALSE(model.timers[2].actions);
    CHECK_FALSE(model.timers[3].actions); // a timer may do nothing but fire
    CHECK_FALSE(model.timers[3].target);

    CHECK(model.lua.find("-- test.mw:6:3  after 3 business days in triaged: -> escalated\n"
                         "local function after_triaged_actions(id, cost)\n"
                         "  rt.notify_role(\"facilities_manager\", \"Job \" .. id .. \" waits\")\n"
                         "  cost = cost + 100\n"
                         "  rt.set(\"cost\", cost)\n"
                         "end\n") != std::string::npos);
}

TEST_CASE("a second timer on the same state gets _2", "[dsl][timer]") {
    auto result = compile_text(workflow_with("  after 1h in new: note \"one\"\n"
                                             "  after 2h in new: note \"two\"\n"));
    REQUIRE(result->workflows.size() == 1);
    const auto& model = result->workflows[0];
    CHECK(model.functions.at(*model.timers[1].actions).name == "after_new_actions_2");
}

TEST_CASE("a state reached only by a timer is reachable", "[dsl][timer]") {
    auto result = compile_text("workflow w\n"
                               "  states new (initial), expired (final)\n"
                               "  after 30 days in new: -> expired\n"
                               "end\n");
    CHECK(result->rendered() == "");
}

TEST_CASE("timer errors are reported at their place", "[dsl][timer]") {
    auto result = compile_text(workflow_with("  after 1 day in nowhere: -> nothing\n"
                                             "  after 2 days in closed: note \"x\"\n"
                                             "  after 0h in new: -> triaged, -> escalated\n"
                                             "  after 4h business on office in new:\n"
                                             "  after 1 day in new: set price = 1\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0202 6:18", "E0202 6:30", "E0201 10:27",
                                                          "E0601 7:19", "E0602 8:9", "E0604 8:35",
                                                          "E0603 9:24"});
}

TEST_CASE("timer syntax errors say what was expected", "[dsl][timer]") {
    SECTION("no state") {
        auto result = compile_text(workflow_with("  after 3 days: note \"x\"\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0101 6:15"});
        CHECK(result->diagnostics.items()[0].message == "expected `in`, found `:`");
    }
    SECTION("no duration") {
        auto result = compile_text(workflow_with("  after 3 in new: note \"x\"\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0101 6:9"});
    }
    SECTION("a stray word after the colon") {
        auto result = compile_text(workflow_with("  after 3h in new: escalate\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0101 6:20"});
        CHECK(result->diagnostics.items()[0].message ==
              "expected an action, `-> STATE` or end of line, found `escalate`");
    }
    SECTION("after stays a state name") {
        auto result = compile_text("workflow w\n"
                                   "  states after (initial), done (final)\n"
                                   "  on go: after -> done\n"
                                   "end\n");
        CHECK(result->rendered() == "");
    }
}

TEST_CASE("timer actions cannot read event data or the actor, E0605", "[dsl][timer]") {
    auto result = compile_text(
        workflow_with("  after 1h in new: notify actor \"{actor} waits\", set cost = data.cost\n"
                      "  after 2h in triaged: -> escalated, note \"{id} at {now}\", notify "
                      "requester \"late\"\n"));
    CHECK(result->positions() ==
          std::vector<std::string>{"E0605 6:27", "E0605 6:33", "E0605 6:61"});
    CHECK(result->diagnostics.items()[2].message ==
          "`data.cost` cannot be read when a timer fires");
}
