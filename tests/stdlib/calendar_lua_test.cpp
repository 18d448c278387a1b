// The business-time builtins as generated code calls them: calendars named by text, times and
// durations in integer milliseconds, nil when a calendar never opens again, and errors that
// name the builtin and list the calendars there are.
#include "millwright/stdlib/calendar.hpp"
#include "millwright/stdlib/format.hpp"
#include "millwright/stdlib/register.hpp"

#include "lua_fixture.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace millwright::stdlib;
using namespace std::chrono_literals;

namespace {

// Monday to Friday 08:00-17:00 in Berlin (UTC+1 in early March 2026), and a calendar that
// never opens.
CalendarsByName calendars() {
    CalendarSpec office;
    office.time_zone = "Europe/Berlin";
    office.set_hours(std::chrono::Monday, std::chrono::Friday, {{8h, 17h}});
    CalendarSpec never;
    never.time_zone = "UTC";
    CalendarsByName by_name;
    by_name.emplace("office", std::make_shared<const BusinessCalendar>(
                                  *BusinessCalendar::create(office).calendar));
    by_name.emplace("never", std::make_shared<const BusinessCalendar>(
                                 *BusinessCalendar::create(never).calendar));
    return by_name;
}

std::string ms(const char* time) {
    return std::to_string(*parse_time(time));
}

} // namespace

TEST_CASE("business-time builtins count on the named calendar", "[stdlib][calendar][lua]") {
    const CalendarsByName by_name = calendars();
    millwright::test::StdlibLua lua(&by_name);
    // Friday 16:00 Berlin to Monday 10:00 Berlin: one hour on Friday, two on Monday.
    CHECK(lua.eval("lib.business_time(" + ms("2026-03-06T15:00:00Z") + ", " +
                   ms("2026-03-09T09:00:00Z") + ", 'office')") == std::to_string(3 * 3600 * 1000));
    // Four business hours from Friday 16:00 Berlin end on Monday at 11:00 Berlin.
    CHECK(lua.eval("lib.add_business_time(" + ms("2026-03-06T15:00:00Z") + ", " +
                   std::to_string(4 * 3600 * 1000) + ", 'office')") == ms("2026-03-09T10:00:00Z"));
    CHECK(lua.eval("lib.is_open(" + ms("2026-03-06T15:59:59Z") + ", 'office')") == "true");
    CHECK(lua.eval("lib.is_open(" + ms("2026-03-06T16:00:00Z") + ", 'office')") == "false");
    CHECK(lua.eval("lib.next_open(" + ms("2026-03-07T12:00:00Z") + ", 'office')") ==
          ms("2026-03-09T07:00:00Z"));
    // A calendar that never opens: no instant, and no business time.
    CHECK(lua.eval("lib.next_open(0, 'never')") == "nil");
    CHECK(lua.eval("lib.add_business_time(0, 1, 'never')") == "nil");
    CHECK(lua.eval("lib.business_time(0, 86400000, 'never')") == "0");
}

TEST_CASE("business-time builtins refuse bad arguments like Lua's own functions",
          "[stdlib][calendar][lua]") {
    const CalendarsByName by_name = calendars();
    millwright::test::StdlibLua lua(&by_name);
    CHECK(lua.eval("lib.is_open(0, 'offce')") ==
          "error: bad argument #2 to 'is_open' (unknown calendar 'offce'; the calendars are "
          "never, office)");
    CHECK(lua.eval("lib.is_open(nil, 'office')") ==
          "error: bad argument #1 to 'is_open' (number expected, got nil)");
    CHECK(lua.eval("lib.add_business_time(0, -1, 'office')") ==
          "error: bad argument #2 to 'add_business_time' (negative duration)");
    CHECK(lua.eval("lib.business_time(0, 1.5, 'office')") ==
          "error: bad argument #2 to 'business_time' (number has no integer representation)");
    millwright::test::StdlibLua without;
    CHECK(without.eval("lib.next_open(0, 'office')") ==
          "error: bad argument #2 to 'next_open' (unknown calendar 'office'; no calendar is "
          "defined)");
}
