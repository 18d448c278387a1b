// Text forms of money, durations, times, dates and numbers: exact outputs, strict parsing,
// round trips, leap days and dates before 1970.
#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

using namespace millwright::stdlib;

namespace {
constexpr std::int64_t second = 1000;
constexpr std::int64_t minute = 60 * second;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;
} // namespace

TEST_CASE("money prints whole cents with exactly two decimals", "[stdlib][format]") {
    CHECK(format_money(125050) == "1250.50");
    CHECK(format_money(100) == "1.00");
    CHECK(format_money(7) == "0.07");
    CHECK(format_money(0) == "0.00");
    CHECK(format_money(-5) == "-0.05");
    CHECK(format_money(-125050) == "-1250.50");
    CHECK(format_money(std::numeric_limits<std::int64_t>::max()) == "92233720368547758.07");
    CHECK(format_money(std::numeric_limits<std::int64_t>::min()) == "-92233720368547758.08");
}

TEST_CASE("durations print in canonical form, largest unit first", "[stdlib][format]") {
    CHECK(format_duration(4 * hour + 30 * minute) == "4h30m");
    CHECK(format_duration(3 * day) == "3d");
    CHECK(format_duration(90 * second) == "1m30s");
    CHECK(format_duration(14 * day) == "14d");
    CHECK(format_duration(250) == "250ms");
    CHECK(format_duration(1500) == "1s500ms");
    CHECK(format_duration(day + hour + minute + second + 1) == "1d1h1m1s1ms");
    CHECK(format_duration(0) == "0s");
    CHECK(format_duration(-hour) == "-1h");
    CHECK(format_duration(std::numeric_limits<std::int64_t>::min()) ==
          "-106751991167d7h12m55s808ms");
}

TEST_CASE("durations parse in compact and spelled forms", "[stdlib][format]") {
    CHECK(parse_duration("4h30m") == 4 * hour + 30 * minute);
    CHECK(parse_duration("3d") == 3 * day);
    CHECK(parse_duration("90s") == 90 * second);
    CHECK(parse_duration("2w") == 14 * day);
    CHECK(parse_duration("250ms") == 250);
    CHECK(parse_duration("1m5s") == minute + 5 * second);
    CHECK(parse_duration("1d12h") == day + 12 * hour);
    CHECK(parse_duration("0s") == 0);
    CHECK(parse_duration("-1h") == -hour);
    CHECK(parse_duration("3 days") == 3 * day);
    CHECK(parse_duration("1 day") == day);
    CHECK(parse_duration("2 hours") == 2 * hour);
    CHECK(parse_duration("45 minutes") == 45 * minute);
    CHECK(parse_duration("10 seconds") == 10 * second);
    CHECK(parse_duration("2 weeks") == 14 * day);
    CHECK(parse_duration("1 week") == 7 * day);
    CHECK(parse_duration("20 milliseconds") == 20);
    CHECK(parse_duration("1 hour 30 minutes") == hour + 30 * minute);
}

TEST_CASE("malformed durations give no value", "[stdlib][format]") {
    for (const char* text : {"",
                             "-",
                             "h",
                             "4",
                             "4x",
                             "30m4h",
                             "1h1h",
                             "4h 30m",
                             "3 dayz",
                             "3  days",
                             "3 days ",
                             " 3d",
                             "3d ",
                             "1.5h",
                             "3days",
                             "3 Days",
                             "+3d",
                             "99999999999999999999s",
                             "9223372036854775807w",
                             "106751991167d7h12m55s808ms"}) {
        INFO(text);
        CHECK_FALSE(parse_duration(text).has_value());
    }
    CHECK(parse_duration("106751991167d7h12m55s807ms") == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("a parsed duration prints in canonical form", "[stdlib][format]") {
    CHECK(format_duration(*parse_duration("90s")) == "1m30s");
    CHECK(format_duration(*parse_duration("2w")) == "14d");
    CHECK(format_duration(*parse_duration("3 days")) == "3d");
    CHECK(format_duration(*parse_duration("1 hour 30 minutes")) == "1h30m");
    for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1}, 999 * std::int64_t{1}, hour + 1,
                            -(day + 250), 12345678901234, std::numeric_limits<std::int64_t>::max(),
                            std::numeric_limits<std::int64_t>::min() + 1}) {
        INFO(ms);
        CHECK(parse_duration(format_duration(ms)) == ms);
    }
}

TEST_CASE("times print as RFC 3339 in UTC, milliseconds only when not zero", "[stdlib][format]") {
    CHECK(format_time(0) == "1970-01-01T00:00:00Z");
    CHECK(format_time(1795341600000) == "2026-11-22T10:00:00Z");
    CHECK(format_time(1795341600250) == "2026-11-22T10:00:00.250Z");
    CHECK(format_time(1795341600007) == "2026-11-22T10:00:00.007Z");
    CHECK(format_time(1709208000000) == "2024-02-29T12:00:00Z");
    CHECK(format_time(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(format_time(-day) == "1969-12-31T00:00:00Z");
    CHECK(format_time(-25567 * day) == "1900-01-01T00:00:00Z");
}

TEST_CASE("times parse from RFC 3339 with Z or an offset", "[stdlib][format]") {
    CHECK(parse_time("2026-11-22T10:00:00Z") == 1795341600000);
    CHECK(parse_time("2026-11-22t10:00:00z") == 1795341600000);
    CHECK(parse_time("2026-11-22T12:00:00+02:00") == 1795341600000);
    CHECK(parse_time("2026-11-22T05:00:00-05:00") == 1795341600000);
    CHECK(parse_time("2026-11-22T10:00:00-00:00") == 1795341600000);
    CHECK(parse_time("2026-11-22T10:00:00.5Z") == 1795341600500);
    CHECK(parse_time("2026-11-22T10:00:00.250Z") == 1795341600250);
    CHECK(parse_time("2026-11-22T10:00:00.123456789Z") == 1795341600123);
    CHECK(parse_time("2024-02-29T12:00:00Z") == 1709208000000);
    CHECK(parse_time("1969-12-31T23:59:59.999Z") == -1);
    CHECK(parse_time("1970-01-01T00:30:00+01:00") == -30 * minute);
}

TEST_CASE("malformed times give no value", "[stdlib][format]") {
    for (const char* text :
         {"", "2026-11-22", "2026-11-22T10:00:00", "2026-11-22 10:00:00Z", "2026-11-22T10:00Z",
          "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00.1234567890Z", "2026-11-22T10:00:00+0200",
          "2026-11-22T10:00:00+02", "2026-11-22T10:00:00Z ", "2023-02-29T00:00:00Z",
          "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-22T24:00:00Z",
          "2026-11-22T10:60:00Z", "2026-11-22T10:00:60Z", "2026-11-22T10:00:00+24:00",
          "26-11-22T10:00:00Z", "2026-1-22T10:00:00Z"}) {
        INFO(text);
        CHECK_FALSE(parse_time(text).has_value());
    }
}

TEST_CASE("a formatted time parses back to the same instant", "[stdlib][format]") {
    for (std::int64_t ms = -400LL * 365 * day; ms < 400LL * 365 * day; ms += 7919 * minute + 13) {
        const std::string text = format_time(ms);
        INFO(text);
        REQUIRE(parse_time(text) == ms);
    }
}

TEST_CASE("dates print and parse as YYYY-MM-DD", "[stdlib][format]") {
    CHECK(format_date(0) == "1970-01-01");
    CHECK(format_date(-1) == "1969-12-31");
    CHECK(format_date(20779) == "2026-11-22");
    CHECK(format_date(19782) == "2024-02-29");
    CHECK(format_date(11016) == "2000-02-29");
    CHECK(format_date(-25567) == "1900-01-01");
    CHECK(format_date(-719162) == "0001-01-01");
    CHECK(format_date(2932896) == "9999-12-31");
    CHECK(format_date(2932897) == "+10000-01-01");
    CHECK(format_date(-719528) == "0000-01-01");
    CHECK(format_date(-719893) == "-0001-01-01");

    CHECK(parse_date("2026-11-22") == 20779);
    CHECK(parse_date("2024-02-29") == 19782);
    CHECK(parse_date("2000-02-29") == 11016);
    CHECK(parse_date("1900-01-01") == -25567);
    CHECK(parse_date("1969-12-31") == -1);
    for (const char* text : {"2023-02-29", "1900-02-29", "2026-00-10", "2026-11-00", "2026-11-31",
                             "2026-11-22T", "2026-11-2", "+2026-11-22", ""}) {
        INFO(text);
        CHECK_FALSE(parse_date(text).has_value());
    }
}

TEST_CASE("civil dates and day counts convert both ways", "[stdlib][format]") {
    for (std::int64_t days = -1'000'000; days <= 1'000'000; days += 17) {
        const CivilDate date = civil_from_days(days);
        REQUIRE(days_from_civil(date.year, date.month, date.day) == days);
        if (date.year >= 0 && date.year <= 9999) {
            REQUIRE(parse_date(format_date(days)) == days);
        }
    }
}

TEST_CASE("numbers print as the shortest text that reads back", "[stdlib][format]") {
    CHECK(format_number(3.0) == "3");
    CHECK(format_number(-12.0) == "-12");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(1.0 / 3.0) == "0.3333333333333333");
    CHECK(format_number(123456789012.0) == "123456789012");
    CHECK(format_number(1e21) == "1e+21");
    CHECK(format_number(std::nan("")) == "null");
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "null");
    for (double value :
         {0.1, 1.0 / 3.0, 2.0 / 3.0, 1e-300, 6.02214076e23, 9007199254740993.0, -123.456, 5e-324}) {
        INFO(value);
        CHECK(std::strtod(format_number(value).c_str(), nullptr) == value);
    }
}
