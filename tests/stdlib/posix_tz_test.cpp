// POSIX TZ strings as TZif files close with them: a table of strings the parser accepts (the
// footers of real zones, RFC 8536's extensions: hours -167 to 167 in a change's time, quoted
// names, 30-minute and negative daylight saving, Jn and n days) with every field they yield, a
// table of strings it refuses, and the instants of a year's changes computed from each day form.
#include "posix_tz.hpp"

#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace millwright::stdlib;
using namespace millwright::stdlib::detail;

namespace {

constexpr std::int32_t hour = 60 * 60;

PosixDay m(int month, int week, int weekday) {
    return {PosixDay::Kind::month_week_day, 0, month, week, weekday};
}
PosixDay julian(int day) {
    return {PosixDay::Kind::julian, day, 0, 0, 0};
}
PosixDay zero_based(int day) {
    return {PosixDay::Kind::zero_based, day, 0, 0, 0};
}

PosixTz with_dst(std::string std_name, std::int32_t std_offset, std::string dst_name,
                 std::int32_t dst_offset, PosixChange start, PosixChange end) {
    return {std::move(std_name), std_offset, PosixDst{std::move(dst_name), dst_offset, start, end}};
}

std::string utc(std::int64_t seconds) {
    return format_time(seconds * 1000);
}

std::string utc_of(std::string_view rfc3339) {
    const auto ms = parse_time(rfc3339);
    REQUIRE(ms.has_value());
    return format_time(*ms);
}

} // namespace

TEST_CASE("POSIX TZ strings the parser accepts, with what they say", "[stdlib][zone]") {
    struct Case {
        const char* text;
        PosixTz expected;
    };
    const Case cases[] = {
        {"EST5EDT,M3.2.0,M11.1.0",
         with_dst("EST", -5 * hour, "EDT", -4 * hour, {m(3, 2, 0)}, {m(11, 1, 0)})},
        {"CET-1CEST,M3.5.0,M10.5.0/3",
         with_dst("CET", hour, "CEST", 2 * hour, {m(3, 5, 0)}, {m(10, 5, 0), 3 * hour})},
        {"AEST-10AEDT,M10.1.0,M4.1.0/3",
         with_dst("AEST", 10 * hour, "AEDT", 11 * hour, {m(10, 1, 0)}, {m(4, 1, 0), 3 * hour})},
        // Lord Howe: quoted names, a half-hour offset and a 30-minute saving.
        {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
         with_dst("+1030", 10 * hour + 1800, "+11", 11 * hour, {m(10, 1, 0)}, {m(4, 1, 0)})},
        // Chatham: the saving defaults to an hour; change times with minutes.
        {"<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
         with_dst("+1245", 12 * hour + 2700, "+1345", 13 * hour + 2700, {m(9, 5, 0), 9900},
                  {m(4, 1, 0), 13500})},
        // Santiago: 24:00 on a Saturday (RFC 8536 section 3.3.1).
        {"<-04>4<-03>,M9.1.6/24,M4.1.6/24",
         with_dst("-04", -4 * hour, "-03", -3 * hour, {m(9, 1, 6), 24 * hour},
                  {m(4, 1, 6), 24 * hour})},
        // Nuuk: a negative time, the evening before.
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
         with_dst("-02", -2 * hour, "-01", -hour, {m(3, 5, 0), -hour}, {m(10, 5, 0), 0})},
        {"IST-2IDT,M3.4.4/26,M10.5.0",
         with_dst("IST", 2 * hour, "IDT", 3 * hour, {m(3, 4, 4), 26 * hour}, {m(10, 5, 0)})},
        // Dublin: negative saving, winter is the "daylight" time.
        {"IST-1GMT0,M10.5.0,M3.5.0/1",
         with_dst("IST", hour, "GMT", 0, {m(10, 5, 0)}, {m(3, 5, 0), hour})},
        {"NST3:30NDT,M3.2.0,M11.1.0",
         with_dst("NST", -3 * hour - 1800, "NDT", -2 * hour - 1800, {m(3, 2, 0)}, {m(11, 1, 0)})},
        // DST all year (RFC 8536 section 3.3.1), and the day forms Jn and n.
        {"EST5EDT,0/0,J365/25", with_dst("EST", -5 * hour, "EDT", -4 * hour, {zero_based(0), 0},
                                         {julian(365), 25 * hour})},
        {"XXX3YYY,J1/-167,365/167",
         with_dst("XXX", -3 * hour, "YYY", -2 * hour, {julian(1), -167 * hour},
                  {zero_based(365), 167 * hour})},
        {"EST+5EDT+4:00:00,M3.2.0/+2:30:15,M11.1.0/-0:00:01",
         with_dst("EST", -5 * hour, "EDT", -4 * hour, {m(3, 2, 0), 2 * hour + 1815},
                  {m(11, 1, 0), -1})},
        // No daylight-saving time.
        {"JST-9", {"JST", 9 * hour, std::nullopt}},
        {"UTC0", {"UTC", 0, std::nullopt}},
        {"<+0330>-3:30", {"+0330", 3 * hour + 1800, std::nullopt}},
        {"<-03>3", {"-03", -3 * hour, std::nullopt}},
        {"ABC-24:59:59", {"ABC", 24 * hour + 59 * 60 + 59, std::nullopt}},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const auto parsed = parse_posix_tz(c.text);
        REQUIRE(parsed.has_value());
        CHECK(parsed->std_name == c.expected.std_name);
        CHECK(parsed->std_offset == c.expected.std_offset);
        REQUIRE(parsed->dst.has_value() == c.expected.dst.has_value());
        if (parsed->dst) {
            CHECK(parsed->dst->name == c.expected.dst->name);
            CHECK(parsed->dst->offset == c.expected.dst->offset);
            CHECK(parsed->dst->start == c.expected.dst->start);
            CHECK(parsed->dst->end == c.expected.dst->end);
        }
        CHECK(*parsed == c.expected);
    }
}

TEST_CASE("POSIX TZ strings the parser refuses", "[stdlib][zone]") {
    const char* refused[] = {
        "",                               // an empty footer says nothing
        "EST",                            // no offset
        "ES5",                            // a name of two letters
        "E5T5",                           // digits in an unquoted name
        "<+1>-1",                         // a quoted name of two characters
        "<+11-11",                        // an unclosed quote
        "<A B>5",                         // a space in a quoted name
        "<>5",                            // an empty quoted name
        "EST25",                          // an offset of 25 hours
        "EST5:60",                        // 60 minutes
        "EST5:3",                         // minutes need two digits
        "EST5:30:",                       // a colon without seconds
        "EST5EDT",                        // DST without a rule (POSIX leaves it open)
        "EST5EDT4",                       // the same, with an offset
        "EST5EDT,M3.2.0",                 // a start without an end
        "EST5EDT,M3.2.0,",                // an empty end
        "EST5EDT,M13.2.0,M11.1.0",        // month 13
        "EST5EDT,M0.2.0,M11.1.0",         // month 0
        "EST5EDT,M3.6.0,M11.1.0",         // week 6
        "EST5EDT,M3.0.0,M11.1.0",         // week 0
        "EST5EDT,M3.2.7,M11.1.0",         // weekday 7
        "EST5EDT,M3.2,M11.1.0",           // no weekday
        "EST5EDT,J0,J365",                // Jn counts from 1
        "EST5EDT,J1,J366",                // and to 365
        "EST5EDT,366,J365",               // n counts to 365
        "EST5EDT,M3.2.0/168,M11.1.0",     // 168 hours
        "EST5EDT,M3.2.0/-168,M11.1.0",    // -168 hours
        "EST5EDT,M3.2.0/,M11.1.0",        // a slash without a time
        "EST5EDT,M3.2.0,M11.1.0 ",        // a trailing space
        "EST5EDT,M3.2.0,M11.1.0,M12.1.0", // a third change
        "EST5\n",                         // a newline (the footer's delimiter)
        "5EST",                           // an offset first
    };
    for (const char* text : refused) {
        INFO('"' << text << '"');
        CHECK_FALSE(parse_posix_tz(text).has_value());
    }
}

TEST_CASE("a year's changes from each day form", "[stdlib][zone]") {
    const auto changes = [](std::string_view text, int year) {
        const auto tz = parse_posix_tz(text);
        REQUIRE(tz.has_value());
        const auto both = transitions_in(*tz, year);
        CHECK(both[0].to_dst);
        CHECK_FALSE(both[1].to_dst);
        return std::pair{utc(both[0].at), utc(both[1].at)};
    };
    // Second Sunday of March at 02:00 EST, first Sunday of November at 02:00 EDT.
    CHECK(changes("EST5EDT,M3.2.0,M11.1.0", 2038) ==
          std::pair{utc_of("2038-03-14T07:00:00Z"), utc_of("2038-11-07T06:00:00Z")});
    // Week 5 is the last one, here the fourth: October 2042 has four Sundays.
    CHECK(changes("CET-1CEST,M3.5.0,M10.5.0/3", 2042) ==
          std::pair{utc_of("2042-03-30T01:00:00Z"), utc_of("2042-10-26T01:00:00Z")});
    // Southern hemisphere: the start comes after the end within the year.
    CHECK(changes("<-04>4<-03>,M9.1.6/24,M4.1.6/24", 2040) ==
          std::pair{utc_of("2040-09-02T04:00:00Z"), utc_of("2040-04-08T03:00:00Z")});
    CHECK(changes("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 2040) ==
          std::pair{utc_of("2040-09-29T14:00:00Z"), utc_of("2040-03-31T14:00:00Z")});
    // J60 is 1 March in every year; zero-based 59 is 29 February in a leap year.
    CHECK(changes("UTC0XXX,J60/0,59/12", 2040) ==
          std::pair{utc_of("2040-03-01T00:00:00Z"), utc_of("2040-02-29T11:00:00Z")});
    CHECK(changes("UTC0XXX,J60/0,59/12", 2041) ==
          std::pair{utc_of("2041-03-01T00:00:00Z"), utc_of("2041-03-01T11:00:00Z")});
    // A time past 24:00 or below 00:00 moves the change into another day, even another year.
    CHECK(changes("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 2040) ==
          std::pair{utc_of("2040-03-25T01:00:00Z"), utc_of("2040-10-28T01:00:00Z")});
    CHECK(changes("EST5EDT,J1/-167,J365/167", 2040) ==
          std::pair{utc_of("2039-12-25T06:00:00Z"), utc_of("2041-01-07T03:00:00Z")});
    // DST all year: each end meets the next start.
    const auto all_year = parse_posix_tz("EST5EDT,0/0,J365/25");
    REQUIRE(all_year.has_value());
    for (int year = 2038; year < 2045; ++year) {
        CHECK(transitions_in(*all_year, year)[1].at == transitions_in(*all_year, year + 1)[0].at);
    }
}
