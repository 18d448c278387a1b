// The standard definitions that `priorities standard` includes: the 24x7 calendar is there by
// name, its spans point at the line that asked for it, and it never becomes a file's default
// calendar (the levels and matrix are tested in codegen_priority_test.cpp).
#include "dsl/checker_helpers.hpp"

#include "standard.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

// Lines 2-5: a workflow whose timer counts business time, on a calendar or the default one.
std::string workflow_with(const std::string& timer) {
    return "workflow w\n"
           "  states new (initial), done (final)\n"
           "  on finish: new -> done\n" +
           timer + "end\n";
}

} // namespace

TEST_CASE("the standard text compiles without a diagnostic and declares a 24x7 calendar",
          "[dsl][standard]") {
    auto result = compile_text(millwright::dsl::detail::standard_text() +
                               "workflow w\n  states s (initial)\nend\n");
    CHECK(result->rendered() == "");
    REQUIRE(result->program.calendars.size() == 1);
    const auto& calendar = result->program.calendars[0];
    CHECK(calendar.name == "around_the_clock");
    CHECK(calendar.title == "24x7");
    CHECK(calendar.time_zone == "UTC");
    for (const auto& day : calendar.weekly) {
        CHECK(day == std::vector<millwright::dsl::ShiftModel>{{0, 24 * 60}});
    }
    CHECK(calendar.holidays.empty());
    CHECK(calendar.yearly.empty());
    CHECK(calendar.closures.empty());
}

TEST_CASE("priorities standard makes the standard calendar available by name", "[dsl][standard]") {
    auto result = compile_text("priorities standard\n" +
                                   workflow_with("  after 2 business days on around_the_clock "
                                                 "in new: -> done\n"),
                               "w.mw");
    CHECK(result->rendered() == "");
    REQUIRE(result->program.calendars.size() == 1);
    const auto& calendar = result->program.calendars[0];
    CHECK(calendar.name == "around_the_clock");
    // Everything included points at the line that asked for it.
    CHECK(result->where(calendar.span) == "1:1");
    REQUIRE(result->workflows.size() == 1);
    REQUIRE(result->workflows[0].timers.size() == 1);
    CHECK(result->workflows[0].timers[0].calendar == "around_the_clock");
}

TEST_CASE("without priorities standard there is no standard calendar", "[dsl][standard]") {
    auto result = compile_text(
        "priorities P1, P2\n" +
        workflow_with("  after 2 business days on around_the_clock in new: -> done\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0603 5:28"});
    CHECK(result->program.calendars.empty());
}

TEST_CASE("a file's own single calendar stays its default beside the standard one",
          "[dsl][standard]") {
    // `around_the_clock` sorts before `office_hours` and comes from the same program, but only
    // the file's own calendar counts for `business` without `on`.
    auto result = compile_text("priorities standard\n" +
                               workflow_with("  after 3 business days in new: -> done\n") +
                               "calendar office_hours in \"Europe/Berlin\"\n"
                               "  mon-fri 08:00-17:00\n"
                               "end\n"
                               "sla targets\n"
                               "  P1 response 1h, resolution 1 business day\n"
                               "  P2 response 2h, resolution 2 business days\n"
                               "  P3 response 4h, resolution 3 business days\n"
                               "  P4 response 8h, resolution 4 business days on around_the_clock\n"
                               "end\n");
    CHECK(result->rendered() == "");
    REQUIRE(result->program.calendars.size() == 2);
    CHECK(result->program.calendars[0].name == "office_hours"); // the file's own come first
    CHECK(result->program.calendars[1].name == "around_the_clock");
    REQUIRE(result->workflows.size() == 1);
    REQUIRE(result->workflows[0].timers.size() == 1);
    CHECK(result->workflows[0].timers[0].calendar == "office_hours");
    REQUIRE(result->program.slas.size() == 1);
    const auto& levels = result->program.slas[0].levels;
    REQUIRE(levels.size() == 4);
    CHECK(levels[0].response.calendar.empty()); // clock time
    CHECK(levels[0].resolution.calendar == "office_hours");
    CHECK(levels[2].resolution.calendar == "office_hours");
    CHECK(levels[3].resolution.calendar == "around_the_clock");
}

TEST_CASE("the standard calendar alone is no default: business time must name it",
          "[dsl][standard]") {
    auto result = compile_text("priorities standard\n" +
                               workflow_with("  after 3 business days in new: -> done\n"));
    REQUIRE(result->positions() == std::vector<std::string>{"E0606 5:3"});
    CHECK(result->diagnostics.items()[0].hint ==
          "say which with `on CALENDAR`: the calendars are `around_the_clock`");
}

TEST_CASE("two calendars of the file's own still need `on`, standard or not", "[dsl][standard]") {
    auto result = compile_text("priorities standard\n" +
                               workflow_with("  after 3 business days in new: -> done\n") +
                               "calendar a in \"UTC\"\n  mon-fri 08:00-17:00\nend\n"
                               "calendar b in \"UTC\"\n  mon-fri 09:00-17:00\nend\n");
    REQUIRE(result->positions() == std::vector<std::string>{"E0606 5:3"});
    CHECK(result->diagnostics.items()[0].hint ==
          "say which with `on CALENDAR`: the calendars are `a`, `b` or `around_the_clock`");
}
