// Calendars, front to back: the `calendar` block parses into opening hours, holidays, yearly
// rules and closures; the checker rejects bad times, shifts out of order or overlapping, and
// yearly dates that do not occur every year; the model holds plain minutes and days.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::ShiftModel;
using millwright::dsl::testing::compile_text;

namespace {

const std::string office = R"(calendar office_hours "Office hours" in "America/New_York"
  mon-fri 08:00-12:00, 13:00-17:00    # lunch break
  saturday 09:00-12:00
  holidays 2026-12-25, 2027-01-01,
           2026-12-25
  every 25 december
  every 4th thursday of november
  every last monday of may
  closed 2026-11-27 12:00-17:00
  closed 2026-12-24
end

calendar always in "UTC"
  every day 00:00-24:00
end

calendar weekend in "Europe/Berlin"
  fri-mon 18:00-24:00
end
)";

const std::string trailer = "workflow w\n  states new (initial)\nend\n";

} // namespace

TEST_CASE("a calendar compiles to plain minutes and days", "[dsl][calendar]") {
    auto result = compile_text(office + trailer);
    CHECK(result->rendered() == "");
    REQUIRE(result->program.calendars.size() == 3);
    const auto& calendar = result->program.calendars[0];
    CHECK(calendar.name == "office_hours");
    CHECK(calendar.title == "Office hours");
    CHECK(calendar.time_zone == "America/New_York");
    CHECK(result->where(calendar.span) == "1:1");
    const std::vector<ShiftModel> weekday{{8 * 60, 12 * 60}, {13 * 60, 17 * 60}};
    CHECK(calendar.weekly[0].empty()); // Sunday
    for (std::size_t day = 1; day <= 5; ++day) {
        CHECK(calendar.weekly[day] == weekday);
    }
    CHECK(calendar.weekly[6] == std::vector<ShiftModel>{{9 * 60, 12 * 60}});
    CHECK(calendar.holidays == std::vector<std::int64_t>{20812, 20819}); // sorted, unique
    REQUIRE(calendar.yearly.size() == 3);
    CHECK(calendar.yearly[0].month == 12);
    CHECK(calendar.yearly[0].day == 25);
    CHECK(calendar.yearly[1].month == 11);
    CHECK(calendar.yearly[1].day == 0);
    CHECK(calendar.yearly[1].nth == 4);
    CHECK(calendar.yearly[1].weekday == 4); // Thursday
    CHECK(calendar.yearly[2].month == 5);
    CHECK(calendar.yearly[2].nth == -1);
    CHECK(calendar.yearly[2].weekday == 1); // Monday
    REQUIRE(calendar.closures.size() == 2);
    CHECK(calendar.closures[0].date == 20784); // 2026-11-27
    CHECK(calendar.closures[0].from == 12 * 60);
    CHECK(calendar.closures[0].to == 17 * 60);
    CHECK(calendar.closures[1].from == 0);
    CHECK(calendar.closures[1].to == 24 * 60);

    const auto& always = result->program.calendars[1];
    for (const auto& day : always.weekly) {
        CHECK(day == std::vector<ShiftModel>{{0, 24 * 60}});
    }
    // `fri-mon` wraps past Saturday: Friday, Saturday, Sunday, Monday.
    const auto& weekend = result->program.calendars[2];
    const std::vector<ShiftModel> evening{{18 * 60, 24 * 60}};
    CHECK(weekend.weekly[5] == evening);
    CHECK(weekend.weekly[6] == evening);
    CHECK(weekend.weekly[0] == evening);
    CHECK(weekend.weekly[1] == evening);
    CHECK(weekend.weekly[2].empty());
}

TEST_CASE("a business timer names a declared calendar", "[dsl][calendar]") {
    auto result = compile_text(office + "workflow w\n"
                                        "  states new (initial), late\n"
                                        "  after 2 business days on office_hours in new: -> late\n"
                                        "  after 1h business on ofice_hours in late:\n"
                                        "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0603 23:24"});
    CHECK(result->diagnostics.items()[0].hint == "did you mean `office_hours`?");
}

TEST_CASE("a business-time builtin names a declared calendar when it names one by text",
          "[dsl][calendar]") {
    auto result =
        compile_text(office + "workflow w\n"
                              "  field site : text\n"
                              "  field slot : time\n"
                              "  states new (initial), booked\n"
                              "  on book: new -> booked when is_open(now, \"office_hour\")\n"
                              "    set slot = next_open(now, site)\n"
                              "end\n");
    // Only the literal is checked; `site` is checked when the rule runs.
    CHECK(result->positions() == std::vector<std::string>{"E0603 24:44"});
    CHECK(result->diagnostics.items()[0].hint == "did you mean `office_hours`?");
}

TEST_CASE("calendar errors are reported at the shift, date or rule", "[dsl][calendar]") {
    auto result = compile_text("calendar bad in \"Europe Berlin\"\n"
                               "  mon-fri 13:00-17:00, 08:00-12:00\n"
                               "  mon 11:00-14:00\n"
                               "  tue 17:00-08:00\n"
                               "  wed 25:00-24:30\n"
                               "  every 31 april\n"
                               "  every 29 february\n"
                               "  every 5th friday of march\n"
                               "  closed 2026-03-01 10:00-09:00\n"
                               "end\n"
                               "calendar bad in \"UTC\"\n"
                               "end\n" +
                               trailer);
    CHECK(result->positions() == std::vector<std::string>{"E0107 5:7", "E0107 5:13", "E0705 1:17",
                                                          "E0703 2:24", "E0701 4:7", "E0702 3:7",
                                                          "E0702 3:7", "E0701 9:21", "E0704 6:3",
                                                          "E0704 8:3", "E0506 11:10"});
    CHECK(result->diagnostics.items()[5].message ==
          "shifts `11:00-14:00` and `08:00-12:00` overlap on monday");
    CHECK(result->diagnostics.items()[6].message ==
          "shifts `11:00-14:00` and `13:00-17:00` overlap on monday");
    CHECK(result->diagnostics.items()[8].hint == "april has 30 days");
    CHECK(result->diagnostics.items()[9].hint == "use `last friday of march`");
}

TEST_CASE("calendar syntax errors say what was expected", "[dsl][calendar]") {
    SECTION("no zone") {
        auto result = compile_text("calendar c\nend\n" + trailer);
        CHECK(result->positions() == std::vector<std::string>{"E0101 1:11"});
        CHECK(result->diagnostics.items()[0].message ==
              "expected `in` and the time zone, found end of line");
    }
    SECTION("hours without days") {
        auto result = compile_text("calendar c in \"UTC\"\n  08:00-17:00\nend\n" + trailer);
        CHECK(result->positions() == std::vector<std::string>{"E0101 2:3"});
    }
    SECTION("a missing end is E0106 and the workflow still parses") {
        auto result = compile_text("calendar c in \"UTC\"\n  mon 08:00-17:00\n" + trailer);
        CHECK(result->positions() == std::vector<std::string>{"E0106 1:1"});
        CHECK(result->diagnostics.items()[0].message == "calendar `c` has no `end`");
    }
    SECTION("a weekday rule without of") {
        auto result =
            compile_text("calendar c in \"UTC\"\n  every last monday may\nend\n" + trailer);
        CHECK(result->positions() == std::vector<std::string>{"E0101 2:21"});
        CHECK(result->diagnostics.items()[0].hint ==
              "a yearly weekday is written `4th thursday of november`");
    }
}
