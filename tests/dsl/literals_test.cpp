// Literal decoding: calendar validity, offsets, fractions, duration units and overflow.
#include "literals.hpp"

#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

using namespace millwright::dsl::literals;

TEST_CASE("timestamps decode to milliseconds since the epoch in UTC", "[dsl][literals]") {
    CHECK(decode_timestamp("1970-01-01T00:00:00Z").value == 0);
    CHECK(decode_timestamp("2026-11-22T10:00:00Z").value == 1795341600000);
    CHECK(decode_timestamp("2026-11-22T10:00:00+01:00").value == 1795338000000);
    CHECK(decode_timestamp("2026-11-22T10:00:00-05:30").value == 1795361400000);
    CHECK(decode_timestamp("2026-11-22T10:00:00.25Z").value == 1795341600250);
    CHECK(decode_timestamp("2026-11-22T10:00:00.123456Z").value == 1795341600123);
    CHECK(decode_timestamp("1969-12-31T23:59:59Z").value == -1000);
}

TEST_CASE("timestamps without seconds or offset, or out of range, are rejected",
          "[dsl][literals]") {
    for (const char* bad :
         {"2026-11-22T10:00Z", "2026-11-22T10:00:00", "2026-11-22T24:00:00Z",
          "2026-11-22T10:60:00Z", "2026-11-22T10:00:60Z", "2026-02-30T10:00:00Z",
          "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00+1:00", "2026-1-22T10:00:00Z"}) {
        INFO(bad);
        const Decoded decoded = decode_timestamp(bad);
        CHECK_FALSE(decoded.value);
        CHECK(decoded.hint.find("RFC 3339") != std::string::npos);
    }
}

TEST_CASE("dates decode to days since the epoch and respect leap years", "[dsl][literals]") {
    CHECK(decode_date("1970-01-01").value == 0);
    CHECK(decode_date("2026-11-22").value == 20779);
    CHECK(decode_date("2024-02-29").value == 19782);
    CHECK_FALSE(decode_date("2025-02-29").value);
    CHECK_FALSE(decode_date("2026-13-01").value);
    CHECK_FALSE(decode_date("2026-1-01").value);
    CHECK(decode_date("2026-00-10").hint == "write a date as `YYYY-MM-DD`, e.g. `2026-11-22`");
}

TEST_CASE("durations decode to milliseconds in every spelling", "[dsl][literals]") {
    CHECK(decode_duration("90s").value == 90'000);
    CHECK(decode_duration("30m").value == 1'800'000);
    CHECK(decode_duration("4h").value == 14'400'000);
    CHECK(decode_duration("4h30m").value == 16'200'000);
    CHECK(decode_duration("2d").value == 172'800'000);
    CHECK(decode_duration("1w").value == 604'800'000);
    CHECK(decode_duration("3 days").value == 259'200'000);
    CHECK(decode_duration("1 day").value == 86'400'000);
    CHECK(decode_duration("2 hours").value == 7'200'000);
    CHECK(decode_duration("45 minutes").value == 2'700'000);
    CHECK(decode_duration("10 seconds").value == 10'000);
    CHECK(decode_duration("2 weeks").value == 1'209'600'000);
    CHECK(decode_duration("1\tweek").value == 604'800'000);
}

TEST_CASE("durations that overflow are rejected", "[dsl][literals]") {
    CHECK_FALSE(decode_duration("99999999999999999999d").value);
    CHECK_FALSE(decode_duration("9999999999999999w").value);
    CHECK(decode_duration("9999999999999999w").hint == "the duration is too large");
}

TEST_CASE("numbers keep at most 15 integer digits", "[dsl][literals]") {
    CHECK(check_number("123456789012345.5").value);
    CHECK_FALSE(check_number("1234567890123456").value);
}

TEST_CASE("string escapes decode and braces stay verbatim", "[dsl][literals]") {
    CHECK(decode_string(R"(a\"b\\c\nd\te)") == "a\"b\\c\nd\te");
    CHECK(decode_string("work order {id} {{x}}") == "work order {id} {{x}}");
}

TEST_CASE("malformed literals get a hint for what they resemble", "[dsl][literals]") {
    CHECK(malformed_hint("2days").find("`2d`") != std::string::npos);
    CHECK(malformed_hint("1.2.3") == "a number is written `12` or `12.5`");
}

TEST_CASE("business durations split by unit, since weeks and days are the calendar's",
          "[dsl][literals]") {
    const auto parts = [](std::string_view text) {
        const auto split = split_duration(text);
        return std::vector<std::int64_t>{split.weeks, split.days, split.ms};
    };
    CHECK(parts("3 business days") == std::vector<std::int64_t>{0, 3, 0});
    CHECK(parts("1 business week") == std::vector<std::int64_t>{1, 0, 0});
    CHECK(parts("4 business hours") == std::vector<std::int64_t>{0, 0, 14'400'000});
    CHECK(parts("1w2d4h30m") == std::vector<std::int64_t>{1, 2, 16'200'000});
    CHECK(parts("2 days") == std::vector<std::int64_t>{0, 2, 0});
    CHECK(parts("90s") == std::vector<std::int64_t>{0, 0, 90'000});
}
