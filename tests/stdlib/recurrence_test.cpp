// Recurrence rules, hand-picked cases with exact expected instants: a daily 02:30 job across the
// 2026 DST changes in America/New_York and Europe/Berlin under each dst_gap policy, DST after
// 2037 (New York, Sydney, Lord Howe, Santiago: changes from the TZif footer's rule), clock times
// a gap moves onto or past others, hourly rules stepping the local clock, month ends and 29
// February under each missing_day policy (and how a moved day meets BYSETPOS, duplicates and
// COUNT), COUNT and UNTIL, WKST with a fortnightly rule, BYSETPOS, first_at_or_after around an
// occurrence, cursors, rules that never occur, the year 9999, and every refusal of create.
// Expected instants are written with the local offset so each case reads as wall-clock time.
#include "millwright/stdlib/recurrence.hpp"

#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

using namespace millwright::stdlib;
using namespace std::chrono_literals;
using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Sunday;
using std::chrono::Thursday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;

namespace {

using Texts = std::vector<std::string>;

Instant at(std::string_view rfc3339) {
    const auto ms = parse_time(rfc3339);
    REQUIRE(ms.has_value());
    return Instant{std::chrono::milliseconds{*ms}};
}

/// A local date-time written "2026-03-08T02:30:00".
std::chrono::local_seconds local(std::string_view text) {
    const auto ms = parse_time(std::string(text) + "Z");
    REQUIRE(ms.has_value());
    return std::chrono::local_seconds{std::chrono::seconds{*ms / 1000}};
}

std::string utc(std::optional<Instant> t) {
    return t ? format_time(t->time_since_epoch().count()) : "none";
}

/// The same instants as UTC text, so a failed check prints both sides readably.
Texts utc(std::initializer_list<std::string_view> rfc3339) {
    Texts texts;
    for (const std::string_view text : rfc3339) {
        texts.push_back(utc(at(text)));
    }
    return texts;
}

RecurrenceSpec spec_of(RecurrenceFrequency frequency, std::string_view start) {
    RecurrenceSpec spec;
    spec.frequency = frequency;
    spec.start = local(start);
    return spec;
}

Recurrence build(RecurrenceSpec spec, std::string zone) {
    RecurrenceResult result = Recurrence::create(std::move(spec), std::move(zone));
    INFO(result.error);
    REQUIRE(result.ok());
    return *result.recurrence;
}

std::string refusal(RecurrenceSpec spec, std::string zone = "UTC") {
    const RecurrenceResult result = Recurrence::create(std::move(spec), std::move(zone));
    return result.ok() ? "accepted" : result.error;
}

Texts between(const Recurrence& rule, std::string_view from, std::string_view to) {
    Texts texts;
    rule.for_each_between(at(from), at(to), [&](Instant t) { texts.push_back(utc(t)); });
    return texts;
}

/// Every occurrence through a cursor from the start (at most `limit`).
Texts walk(const Recurrence& rule, int limit = 1000) {
    Texts texts;
    RecurrenceCursor cursor = rule.start();
    while (std::ssize(texts) < limit) {
        const auto next = rule.next(cursor);
        if (!next) {
            break;
        }
        texts.push_back(utc(next));
    }
    return texts;
}

RecurrenceSpec daily_0230_new_york(RecurrenceSkip gap) {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2026-03-06T02:30:00");
    spec.dst_gap = gap;
    return spec;
}

} // namespace

TEST_CASE("a daily 02:30 job across New York's spring-forward follows dst_gap",
          "[stdlib][recurrence]") {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that day.
    const Recurrence forward =
        build(daily_0230_new_york(RecurrenceSkip::forward), "America/New_York");
    CHECK(between(forward, "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z") ==
          utc({"2026-03-06T02:30:00-05:00", "2026-03-07T02:30:00-05:00",
               "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"}));
    const Recurrence backward =
        build(daily_0230_new_york(RecurrenceSkip::backward), "America/New_York");
    CHECK(between(backward, "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z") ==
          utc({"2026-03-06T02:30:00-05:00", "2026-03-07T02:30:00-05:00",
               "2026-03-08T01:30:00-05:00", "2026-03-09T02:30:00-04:00"}));
    const Recurrence omit = build(daily_0230_new_york(RecurrenceSkip::omit), "America/New_York");
    CHECK(between(omit, "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z") ==
          utc({"2026-03-06T02:30:00-05:00", "2026-03-07T02:30:00-05:00",
               "2026-03-09T02:30:00-04:00"}));
    // An omitted occurrence is not counted: COUNT=3 reaches the 9th.
    RecurrenceSpec counted = daily_0230_new_york(RecurrenceSkip::omit);
    counted.count = 3;
    CHECK(walk(build(counted, "America/New_York")) ==
          utc({"2026-03-06T02:30:00-05:00", "2026-03-07T02:30:00-05:00",
               "2026-03-09T02:30:00-04:00"}));
}

TEST_CASE("a daily job in the repeated hour of fall-back occurs once, at its first occurrence",
          "[stdlib][recurrence]") {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice; the rule means the first.
    const Recurrence rule =
        build(spec_of(RecurrenceFrequency::daily, "2026-10-31T01:30:00"), "America/New_York");
    CHECK(between(rule, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z") ==
          utc({"2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00",
               "2026-11-02T01:30:00-05:00"}));
    // 02:30 is unambiguous that day (EST).
    const Recurrence later =
        build(spec_of(RecurrenceFrequency::daily, "2026-10-31T02:30:00"), "America/New_York");
    CHECK(between(later, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z") ==
          utc({"2026-10-31T02:30:00-04:00", "2026-11-01T02:30:00-05:00",
               "2026-11-02T02:30:00-05:00"}));
}

TEST_CASE("Europe/Berlin: the gap on 29 March and the overlap on 25 October 2026",
          "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2026-03-28T02:30:00");
    CHECK(between(build(spec, "Europe/Berlin"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z") ==
          utc({"2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00",
               "2026-03-30T02:30:00+02:00"}));
    spec.dst_gap = RecurrenceSkip::backward;
    CHECK(between(build(spec, "Europe/Berlin"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z") ==
          utc({"2026-03-28T02:30:00+01:00", "2026-03-29T01:30:00+01:00",
               "2026-03-30T02:30:00+02:00"}));
    // 03:00 CEST becomes 02:00 CET: 02:30 is first read as CEST.
    const Recurrence autumn =
        build(spec_of(RecurrenceFrequency::daily, "2026-10-24T02:30:00"), "Europe/Berlin");
    CHECK(between(autumn, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z") ==
          utc({"2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00",
               "2026-10-26T02:30:00+01:00"}));
}

TEST_CASE("a time moved out of the gap stays in instant order and counts once where it lands",
          "[stdlib][recurrence]") {
    // 02:30 moves to 03:30 EDT: after 03:15, and onto the 03:30 occurrence itself.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2026-03-07T00:00:00");
    spec.by_hour = {2, 3};
    spec.by_minute = {15, 30};
    const Recurrence rule = build(spec, "America/New_York");
    CHECK(between(rule, "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z") ==
          utc({"2026-03-08T03:15:00-04:00", "2026-03-08T03:30:00-04:00"}));
    // 02:15 moves to 03:15 and 02:30 to 03:30: four local times, two instants.
    spec.count = 6;
    CHECK(walk(build(spec, "America/New_York")) ==
          utc({"2026-03-07T02:15:00-05:00", "2026-03-07T02:30:00-05:00",
               "2026-03-07T03:15:00-05:00", "2026-03-07T03:30:00-05:00",
               "2026-03-08T03:15:00-04:00", "2026-03-08T03:30:00-04:00"}));
    // Backward, 02:15 and 02:30 become 01:15 and 01:30 EST, before 03:15 EDT.
    spec.count.reset();
    spec.dst_gap = RecurrenceSkip::backward;
    CHECK(
        between(build(spec, "America/New_York"), "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z") ==
        utc({"2026-03-08T01:15:00-05:00", "2026-03-08T01:30:00-05:00", "2026-03-08T03:15:00-04:00",
             "2026-03-08T03:30:00-04:00"}));
}

TEST_CASE("a 30-minute gap (Lord Howe) moves times past or before the next period's",
          "[stdlib][recurrence]") {
    // 2026-10-04 02:00 +10:30 becomes 02:30 +11:00. Each minute is a period of its own, so
    // 02:15 moved backward (to 01:45 +10:30) must still come before 01:50.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::minutely, "2026-10-04T00:00:00");
    spec.by_hour = {1, 2};
    spec.by_minute = {15, 50};
    spec.dst_gap = RecurrenceSkip::backward;
    CHECK(between(build(spec, "Australia/Lord_Howe"), "2026-10-03T12:00:00Z",
                  "2026-10-04T00:00:00Z") ==
          utc({"2026-10-04T01:15:00+10:30", "2026-10-04T02:15:00+11:00",
               "2026-10-04T01:50:00+10:30", "2026-10-04T02:50:00+11:00"}));
    spec.dst_gap = RecurrenceSkip::forward;
    CHECK(between(build(spec, "Australia/Lord_Howe"), "2026-10-03T12:00:00Z",
                  "2026-10-04T00:00:00Z") ==
          utc({"2026-10-04T01:15:00+10:30", "2026-10-04T01:50:00+10:30",
               "2026-10-04T02:45:00+11:00", "2026-10-04T02:50:00+11:00"}));
}

TEST_CASE("after 2037 New York keeps summer time: weekly on Monday at 09:00, 2037 to 2040",
          "[stdlib][recurrence][zone]") {
    // Debian's tz files list New York's changes up to 2037; later ones come from the file's
    // closing rule (EST5EDT,M3.2.0,M11.1.0). Without it, the 102 Mondays of 2038-2040 in
    // summer time came out at 08:00 EDT. Expected: 09:00 EDT from the second Sunday of March
    // to the first Sunday of November, 09:00 EST otherwise, worked out here from those days.
    using namespace std::chrono;
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::weekly, "2037-01-05T09:00:00");
    spec.until = local("2040-12-31T23:59:59");
    Texts expected;
    int summer_after_2037 = 0;
    for (sys_days day = 2037y / January / 5; day <= sys_days{2040y / December / 31};
         day += days{7}) {
        const year y = year_month_day{day}.year();
        const bool summer =
            day > sys_days{y / March / Sunday[2]} && day < sys_days{y / November / Sunday[1]};
        summer_after_2037 += summer && y > 2037y ? 1 : 0;
        const seconds offset = summer ? -4h : -5h;
        expected.push_back(utc(Instant{day + 9h - offset}));
    }
    CHECK(expected.size() == 209);
    CHECK(summer_after_2037 == 102);
    const Recurrence rule = build(spec, "America/New_York");
    CHECK(walk(rule) == expected);
    // Around the changes of 2038, the first the rule makes.
    CHECK(between(rule, "2038-03-01T00:00:00Z", "2038-03-20T00:00:00Z") ==
          utc({"2038-03-01T09:00:00-05:00", "2038-03-08T09:00:00-05:00",
               "2038-03-15T09:00:00-04:00"}));
    CHECK(between(rule, "2038-11-01T00:00:00Z", "2038-11-10T00:00:00Z") ==
          utc({"2038-11-01T09:00:00-04:00", "2038-11-08T09:00:00-05:00"}));
    CHECK(utc(rule.first_at_or_after(at("2040-07-02T12:00:00Z"))) ==
          utc(at("2040-07-02T09:00:00-04:00")));
}

TEST_CASE("after 2037 Sydney alternates summer and winter time", "[stdlib][recurrence][zone]") {
    // The files end in summer time (from 2037-10-04); the rule AEST-10AEDT,M10.1.0,M4.1.0/3
    // ends it on the first Sunday of April and starts it on the first Sunday of October.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::weekly, "2037-01-05T09:00:00");
    const Recurrence rule = build(spec, "Australia/Sydney");
    CHECK(between(rule, "2040-03-20T00:00:00Z", "2040-04-10T00:00:00Z") ==
          utc({"2040-03-26T09:00:00+11:00", "2040-04-02T09:00:00+10:00",
               "2040-04-09T09:00:00+10:00"}));
    CHECK(between(rule, "2040-09-25T00:00:00Z", "2040-10-10T00:00:00Z") ==
          utc({"2040-10-01T09:00:00+10:00", "2040-10-08T09:00:00+11:00"}));
    CHECK(utc(rule.first_at_or_after(at("2050-07-01T00:00:00Z"))) ==
          utc(at("2050-07-04T09:00:00+10:00")));
}

TEST_CASE("after 2037 the gap and overlap of each change follow the policies",
          "[stdlib][recurrence][zone]") {
    // New York, 2040-03-11: 02:00 EST becomes 03:00 EDT; 2040-11-04: 02:00 EDT becomes 01:00 EST.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2040-03-10T02:30:00");
    spec.dst_gap = RecurrenceSkip::forward;
    CHECK(
        between(build(spec, "America/New_York"), "2040-03-10T00:00:00Z", "2040-03-13T00:00:00Z") ==
        utc({"2040-03-10T02:30:00-05:00", "2040-03-11T03:30:00-04:00",
             "2040-03-12T02:30:00-04:00"}));
    spec.dst_gap = RecurrenceSkip::backward;
    CHECK(
        between(build(spec, "America/New_York"), "2040-03-10T00:00:00Z", "2040-03-13T00:00:00Z") ==
        utc({"2040-03-10T02:30:00-05:00", "2040-03-11T01:30:00-05:00",
             "2040-03-12T02:30:00-04:00"}));
    spec.dst_gap = RecurrenceSkip::omit;
    CHECK(
        between(build(spec, "America/New_York"), "2040-03-10T00:00:00Z", "2040-03-13T00:00:00Z") ==
        utc({"2040-03-10T02:30:00-05:00", "2040-03-12T02:30:00-04:00"}));
    const Recurrence repeated =
        build(spec_of(RecurrenceFrequency::daily, "2040-11-03T01:30:00"), "America/New_York");
    CHECK(between(repeated, "2040-11-03T00:00:00Z", "2040-11-06T00:00:00Z") ==
          utc({"2040-11-03T01:30:00-04:00", "2040-11-04T01:30:00-04:00",
               "2040-11-05T01:30:00-05:00"}));

    // Lord Howe, 2040-10-07: 02:00 +10:30 becomes 02:30 +11:00, a 30-minute gap.
    RecurrenceSpec lord_howe = spec_of(RecurrenceFrequency::daily, "2040-10-06T02:15:00");
    lord_howe.dst_gap = RecurrenceSkip::forward;
    CHECK(between(build(lord_howe, "Australia/Lord_Howe"), "2040-10-05T00:00:00Z",
                  "2040-10-08T00:00:00Z") ==
          utc({"2040-10-06T02:15:00+10:30", "2040-10-07T02:45:00+11:00",
               "2040-10-08T02:15:00+11:00"}));
    lord_howe.dst_gap = RecurrenceSkip::backward;
    CHECK(between(build(lord_howe, "Australia/Lord_Howe"), "2040-10-05T00:00:00Z",
                  "2040-10-08T00:00:00Z") ==
          utc({"2040-10-06T02:15:00+10:30", "2040-10-07T01:45:00+10:30",
               "2040-10-08T02:15:00+11:00"}));

    // Santiago, 2040-09-02: Saturday 24:00 -04 becomes Sunday 01:00 -03, so 00:30 is skipped.
    const Recurrence santiago =
        build(spec_of(RecurrenceFrequency::daily, "2040-09-01T00:30:00"), "America/Santiago");
    CHECK(between(santiago, "2040-09-01T00:00:00Z", "2040-09-04T00:00:00Z") ==
          utc({"2040-09-01T00:30:00-04:00", "2040-09-02T01:30:00-03:00",
               "2040-09-03T00:30:00-03:00"}));
}

TEST_CASE("a day moved into the next month is ordered among that month's own",
          "[stdlib][recurrence]") {
    // February's set is 1 February and 1 March (its 31st moved forward), at 08:00 and 17:00;
    // positions 1 and 4 pick 1 February 08:00 and 1 March 17:00. March picks 1 March 08:00,
    // which comes before February's last.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::monthly, "2026-02-01T08:00:00");
    spec.by_month_day = {1, 31};
    spec.by_hour = {8, 17};
    spec.by_set_pos = {1, 4};
    spec.missing_day = RecurrenceSkip::forward;
    spec.count = 4;
    CHECK(walk(build(spec, "UTC")) == utc({"2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z",
                                           "2026-03-01T17:00:00Z", "2026-03-31T17:00:00Z"}));
    spec.count.reset();
    CHECK(between(build(spec, "UTC"), "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z") ==
          utc({"2026-03-01T08:00:00Z", "2026-03-01T17:00:00Z", "2026-03-31T17:00:00Z"}));
}

TEST_CASE("hourly rules step the local clock, as RFC 5545 defines them", "[stdlib][recurrence]") {
    RecurrenceSpec spring = spec_of(RecurrenceFrequency::hourly, "2026-03-08T00:00:00");
    spring.count = 5;
    // 00:00, 01:00, 02:00 (moved to 03:00 EDT, the same instant as 03:00), 04:00, 05:00.
    CHECK(
        walk(build(spring, "America/New_York")) ==
        utc({"2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00",
             "2026-03-08T04:00:00-04:00", "2026-03-08T05:00:00-04:00"}));
    RecurrenceSpec autumn = spec_of(RecurrenceFrequency::hourly, "2026-11-01T00:00:00");
    autumn.count = 3;
    // Local 01:00 is its first occurrence (EDT); the hour of 01:00 EST is no local hour of its own.
    CHECK(walk(build(autumn, "America/New_York")) ==
          utc({"2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00",
               "2026-11-01T02:00:00-05:00"}));
}

TEST_CASE("the 31st of every month under each missing_day policy", "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::monthly, "2026-01-31T09:00:00");
    CHECK(between(build(spec, "UTC"), "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z",
               "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z", "2026-10-31T09:00:00Z",
               "2026-12-31T09:00:00Z"}));
    spec.missing_day = RecurrenceSkip::backward;
    CHECK(between(build(spec, "UTC"), "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z",
               "2026-04-30T09:00:00Z", "2026-05-31T09:00:00Z", "2026-06-30T09:00:00Z",
               "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z", "2026-09-30T09:00:00Z",
               "2026-10-31T09:00:00Z", "2026-11-30T09:00:00Z", "2026-12-31T09:00:00Z"}));
    spec.missing_day = RecurrenceSkip::forward;
    CHECK(between(build(spec, "UTC"), "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-31T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-31T09:00:00Z",
               "2026-05-01T09:00:00Z", "2026-05-31T09:00:00Z", "2026-07-01T09:00:00Z",
               "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z", "2026-10-01T09:00:00Z",
               "2026-10-31T09:00:00Z", "2026-12-01T09:00:00Z", "2026-12-31T09:00:00Z"}));
    // BYMONTHDAY=31 says the same as DTSTART's day; a question from mid-April still finds the
    // day moved forward out of April.
    spec.by_month_day = {31};
    const Recurrence forward = build(spec, "UTC");
    CHECK(utc(forward.first_at_or_after(at("2026-04-15T00:00:00Z"))) == "2026-05-01T09:00:00Z");
    CHECK(utc(forward.first_at_or_after(at("2026-05-01T09:00:00Z"))) == "2026-05-01T09:00:00Z");
}

TEST_CASE("the last day of the month (-1) needs no policy", "[stdlib][recurrence]") {
    for (const RecurrenceSkip policy :
         {RecurrenceSkip::omit, RecurrenceSkip::backward, RecurrenceSkip::forward}) {
        RecurrenceSpec spec = spec_of(RecurrenceFrequency::monthly, "2026-01-01T09:00:00");
        spec.by_month_day = {-1};
        spec.missing_day = policy;
        CHECK(between(build(spec, "UTC"), "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z") ==
              utc({"2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z",
                   "2026-04-30T09:00:00Z", "2026-05-31T09:00:00Z", "2026-06-30T09:00:00Z"}));
    }
}

TEST_CASE("a moved day belongs to its month's set, and a day met twice counts once",
          "[stdlib][recurrence]") {
    // The 30th and 31st moved back in April are both 30 April: one occurrence.
    RecurrenceSpec twice = spec_of(RecurrenceFrequency::monthly, "2026-03-01T09:00:00");
    twice.by_month_day = {30, 31};
    twice.missing_day = RecurrenceSkip::backward;
    twice.count = 5;
    CHECK(walk(build(twice, "UTC")) ==
          utc({"2026-03-30T09:00:00Z", "2026-03-31T09:00:00Z", "2026-04-30T09:00:00Z",
               "2026-05-30T09:00:00Z", "2026-05-31T09:00:00Z"}));
    // February's 31st moved forward is 1 March, which March's own 1st repeats: one occurrence,
    // counted in February. BYSETPOS=2 picks the moved day as February's second.
    RecurrenceSpec first_and_last = spec_of(RecurrenceFrequency::monthly, "2026-02-01T09:00:00");
    first_and_last.by_month_day = {1, 31};
    first_and_last.missing_day = RecurrenceSkip::forward;
    first_and_last.count = 4;
    CHECK(walk(build(first_and_last, "UTC")) ==
          utc({"2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-31T09:00:00Z",
               "2026-04-01T09:00:00Z"}));
    first_and_last.count.reset();
    first_and_last.by_set_pos = {2};
    CHECK(between(build(first_and_last, "UTC"), "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z") ==
          utc({"2026-03-01T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-01T09:00:00Z",
               "2026-05-31T09:00:00Z"}));
}

TEST_CASE("29 February every year, 2024 to 2032, under each missing_day policy",
          "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::yearly, "2024-02-29T10:00:00");
    CHECK(between(build(spec, "UTC"), "2024-01-01T00:00:00Z", "2033-01-01T00:00:00Z") ==
          utc({"2024-02-29T10:00:00Z", "2028-02-29T10:00:00Z", "2032-02-29T10:00:00Z"}));
    spec.missing_day = RecurrenceSkip::backward;
    CHECK(between(build(spec, "UTC"), "2024-01-01T00:00:00Z", "2033-01-01T00:00:00Z") ==
          utc({"2024-02-29T10:00:00Z", "2025-02-28T10:00:00Z", "2026-02-28T10:00:00Z",
               "2027-02-28T10:00:00Z", "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z",
               "2030-02-28T10:00:00Z", "2031-02-28T10:00:00Z", "2032-02-29T10:00:00Z"}));
    spec.missing_day = RecurrenceSkip::forward;
    CHECK(between(build(spec, "UTC"), "2024-01-01T00:00:00Z", "2033-01-01T00:00:00Z") ==
          utc({"2024-02-29T10:00:00Z", "2025-03-01T10:00:00Z", "2026-03-01T10:00:00Z",
               "2027-03-01T10:00:00Z", "2028-02-29T10:00:00Z", "2029-03-01T10:00:00Z",
               "2030-03-01T10:00:00Z", "2031-03-01T10:00:00Z", "2032-02-29T10:00:00Z"}));
    // COUNT counts occurrences, so an omitted year does not use one up.
    spec.missing_day = RecurrenceSkip::omit;
    spec.count = 3;
    CHECK(walk(build(spec, "UTC")) ==
          utc({"2024-02-29T10:00:00Z", "2028-02-29T10:00:00Z", "2032-02-29T10:00:00Z"}));
}

TEST_CASE("COUNT and UNTIL bound the rule inclusively", "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2026-01-01T09:00:00");
    spec.count = 3;
    const Recurrence three = build(spec, "Europe/Berlin");
    CHECK(three.is_finite());
    CHECK(walk(three) == utc({"2026-01-01T09:00:00+01:00", "2026-01-02T09:00:00+01:00",
                              "2026-01-03T09:00:00+01:00"}));
    CHECK(utc(three.first_at_or_after(at("2026-01-03T08:00:00Z"))) == "2026-01-03T08:00:00Z");
    CHECK(utc(three.first_at_or_after(at("2026-01-03T08:00:00.001Z"))) == "none");
    CHECK(between(three, "2026-01-02T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-02T09:00:00+01:00", "2026-01-03T09:00:00+01:00"}));

    spec.count.reset();
    spec.until = at("2026-01-03T08:00:00Z"); // exactly the third occurrence
    CHECK(between(build(spec, "Europe/Berlin"), "2025-12-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-01T09:00:00+01:00", "2026-01-02T09:00:00+01:00",
               "2026-01-03T09:00:00+01:00"}));
    spec.until = at("2026-01-03T07:59:59Z");
    CHECK(between(build(spec, "Europe/Berlin"), "2025-12-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          utc({"2026-01-01T09:00:00+01:00", "2026-01-02T09:00:00+01:00"}));
    // A local UNTIL compares local date-times.
    spec.until = local("2026-01-03T09:00:00");
    CHECK(walk(build(spec, "Europe/Berlin")).size() == 3);
    spec.until = local("2026-01-03T08:59:59");
    const Recurrence two = build(spec, "Europe/Berlin");
    CHECK(walk(two).size() == 2);
    CHECK(two.is_finite());
    CHECK_FALSE(
        build(spec_of(RecurrenceFrequency::daily, "2026-01-01T09:00:00"), "UTC").is_finite());
}

TEST_CASE("until_instant gives UNTIL in UTC, for an .ics file with a TZID",
          "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::daily, "2026-01-01T01:30:00");
    CHECK(utc(build(spec, "America/New_York").until_instant()) == "none");
    spec.until = at("2026-06-30T12:00:00Z");
    CHECK(utc(build(spec, "America/New_York").until_instant()) == "2026-06-30T12:00:00Z");
    spec.until = local("2026-06-30T23:59:59");
    CHECK(utc(build(spec, "America/New_York").until_instant()) ==
          utc(at("2026-06-30T23:59:59-04:00")));
    // In the repeated hour, the later reading, so that the first 01:30 stays inside.
    spec.until = local("2026-11-01T01:30:00");
    const Recurrence overlap = build(spec, "America/New_York");
    CHECK(utc(overlap.until_instant()) == utc(at("2026-11-01T01:30:00-05:00")));
    CHECK(utc(overlap.first_at_or_after(at("2026-11-01T00:00:00-04:00"))) ==
          utc(at("2026-11-01T01:30:00-04:00")));
    // In the gap, read with the offset before it, where a forward-moved 02:30 is placed.
    spec.until = local("2026-03-08T02:30:00");
    CHECK(utc(build(spec, "America/New_York").until_instant()) ==
          utc(at("2026-03-08T03:30:00-04:00")));
}

TEST_CASE("WKST decides which fortnights a biweekly rule's days fall in (RFC 5545 example)",
          "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::weekly, "1997-08-05T09:00:00");
    spec.interval = 2;
    spec.count = 4;
    spec.by_day = {{Tuesday}, {Sunday}};
    spec.week_start = Monday;
    CHECK(walk(build(spec, "America/New_York")) ==
          utc({"1997-08-05T09:00:00-04:00", "1997-08-10T09:00:00-04:00",
               "1997-08-19T09:00:00-04:00", "1997-08-24T09:00:00-04:00"}));
    spec.week_start = Sunday;
    CHECK(walk(build(spec, "America/New_York")) ==
          utc({"1997-08-05T09:00:00-04:00", "1997-08-17T09:00:00-04:00",
               "1997-08-19T09:00:00-04:00", "1997-08-31T09:00:00-04:00"}));
}

TEST_CASE("BYSETPOS picks the last weekday of each month", "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::monthly, "2026-01-01T17:00:00");
    spec.by_day = {{Monday}, {Tuesday}, {Wednesday}, {Thursday}, {Friday}};
    spec.by_set_pos = {-1};
    CHECK(
        between(build(spec, "Europe/Berlin"), "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z") ==
        utc({"2026-01-30T17:00:00+01:00", "2026-02-27T17:00:00+01:00", "2026-03-31T17:00:00+02:00",
             "2026-04-30T17:00:00+02:00", "2026-05-29T17:00:00+02:00"}));
    // Positions beyond the set select nothing; the first and the last together, both.
    spec.by_set_pos = {1, -1, 40};
    CHECK(between(build(spec, "Europe/Berlin"), "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z") ==
          utc({"2026-01-01T17:00:00+01:00", "2026-01-30T17:00:00+01:00",
               "2026-02-02T17:00:00+01:00", "2026-02-27T17:00:00+01:00"}));
}

TEST_CASE("first_at_or_after at, just before and just after an occurrence",
          "[stdlib][recurrence]") {
    const Recurrence rule =
        build(spec_of(RecurrenceFrequency::daily, "2026-01-01T07:00:00"), "Europe/Berlin");
    CHECK(utc(rule.first_at_or_after(at("2026-12-02T07:00:00+01:00"))) ==
          utc(at("2026-12-02T07:00:00+01:00")));
    CHECK(utc(rule.first_at_or_after(at("2026-12-02T06:59:59.999+01:00"))) ==
          utc(at("2026-12-02T07:00:00+01:00")));
    CHECK(utc(rule.first_at_or_after(at("2026-12-02T07:00:00.001+01:00"))) ==
          utc(at("2026-12-03T07:00:00+01:00")));
    // Before DTSTART: DTSTART itself, which matches the rule.
    CHECK(utc(rule.first_at_or_after(at("2000-01-01T00:00:00Z"))) ==
          utc(at("2026-01-01T07:00:00+01:00")));
    // A DTSTART the rule does not match is no occurrence (first Monday of the month).
    RecurrenceSpec mondays = spec_of(RecurrenceFrequency::monthly, "2026-12-08T07:00:00");
    mondays.by_day = {{Monday, 1}};
    CHECK(utc(build(mondays, "Europe/Berlin").first_at_or_after(at("2026-12-01T00:00:00Z"))) ==
          utc(at("2027-01-04T07:00:00+01:00")));
}

TEST_CASE("a cursor walks a COUNT rule without recounting, and seek lands where asked",
          "[stdlib][recurrence]") {
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::weekly, "2026-01-05T08:00:00");
    spec.by_day = {{Monday}, {Thursday}};
    spec.count = 6;
    const Recurrence rule = build(spec, "UTC");
    const Texts all = walk(rule);
    CHECK(all == utc({"2026-01-05T08:00:00Z", "2026-01-08T08:00:00Z", "2026-01-12T08:00:00Z",
                      "2026-01-15T08:00:00Z", "2026-01-19T08:00:00Z", "2026-01-22T08:00:00Z"}));
    RecurrenceCursor cursor = rule.seek(at("2026-01-13T00:00:00Z"));
    CHECK(cursor.counted == 3);
    CHECK(utc(rule.next(cursor)) == "2026-01-15T08:00:00Z");
    CHECK(utc(rule.next(cursor)) == "2026-01-19T08:00:00Z");
    CHECK_FALSE(cursor.ended);
    CHECK(utc(rule.next(cursor)) == "2026-01-22T08:00:00Z");
    // The sixth of COUNT=6: the cursor knows nothing is left.
    CHECK(cursor.ended);
    CHECK(cursor.counted == 6);
    CHECK(utc(rule.next(cursor)) == "none");
    // A stored cursor (its plain fields) resumes where it stood.
    RecurrenceCursor stored = rule.start();
    rule.next(stored);
    rule.next(stored);
    RecurrenceCursor copy{stored.period, stored.after, stored.counted, stored.ended};
    CHECK(utc(rule.next(copy)) == "2026-01-12T08:00:00Z");
    // A damaged one ends or starts over, but nothing worse.
    RecurrenceCursor damaged{std::numeric_limits<std::int64_t>::min(), std::nullopt, 0, false};
    CHECK(utc(rule.next(damaged)) == "2026-01-05T08:00:00Z");
    damaged = {std::numeric_limits<std::int64_t>::max(), std::nullopt, 0, false};
    CHECK(utc(rule.next(damaged)) == "none");
    damaged = {0, std::nullopt, 6, false};
    CHECK(utc(rule.next(damaged)) == "none");
    CHECK(damaged.ended);
}

TEST_CASE("rules that never occur end the search instead of running forever",
          "[stdlib][recurrence]") {
    RecurrenceSpec february_30 = spec_of(RecurrenceFrequency::yearly, "2026-01-01T09:00:00");
    february_30.by_month = {2};
    february_30.by_month_day = {30};
    const Recurrence never = build(february_30, "UTC");
    CHECK(utc(never.first_at_or_after(at("2026-01-01T00:00:00Z"))) == "none");
    CHECK(between(never, "2026-01-01T00:00:00Z", "2126-01-01T00:00:00Z").empty());
    CHECK(walk(never).empty());
    // Thirty-day months never have a 31st (without a skip policy).
    RecurrenceSpec short_months = spec_of(RecurrenceFrequency::monthly, "2026-01-01T09:00:00");
    short_months.by_month = {4, 6, 9, 11};
    short_months.by_month_day = {31};
    CHECK(utc(build(short_months, "UTC").first_at_or_after(at("2026-01-01T00:00:00Z"))) == "none");
    // Every other second from :00 is never an odd second.
    RecurrenceSpec odd = spec_of(RecurrenceFrequency::secondly, "2026-01-01T00:00:00");
    odd.interval = 2;
    odd.by_second = {1};
    CHECK(utc(build(odd, "UTC").first_at_or_after(at("2026-01-01T00:00:00Z"))) == "none");
    // A leap second never occurs; a position beyond every set selects nothing.
    RecurrenceSpec leap = spec_of(RecurrenceFrequency::daily, "2026-01-01T23:59:00");
    leap.by_second = {60};
    CHECK(walk(build(leap, "UTC")).empty());
    RecurrenceSpec beyond = spec_of(RecurrenceFrequency::secondly, "2026-01-01T00:00:00");
    beyond.by_minute = {0};
    beyond.by_set_pos = {2};
    CHECK(walk(build(beyond, "UTC")).empty());
    RecurrenceSpec one_a_day = spec_of(RecurrenceFrequency::daily, "2026-01-01T07:00:00");
    one_a_day.by_hour = {7};
    one_a_day.by_set_pos = {2, -2};
    CHECK(walk(build(one_a_day, "UTC")).empty());
    one_a_day.by_hour = {7, 8};
    one_a_day.count = 2;
    // Of {07:00, 08:00}, the 2nd is 08:00 and the 2nd from the last 07:00.
    CHECK(walk(build(one_a_day, "UTC")) == Texts{"2026-01-01T07:00:00Z", "2026-01-01T08:00:00Z"});
    // A sparse rule is still found: 29 February on a Monday, next in 2044.
    RecurrenceSpec sparse = spec_of(RecurrenceFrequency::yearly, "2026-01-01T09:00:00");
    sparse.by_month = {2};
    sparse.by_month_day = {29};
    sparse.by_day = {{Monday}};
    CHECK(utc(build(sparse, "UTC").first_at_or_after(at("2026-01-01T00:00:00Z"))) ==
          "2044-02-29T09:00:00Z");
}

TEST_CASE("nothing is generated past the year 9999", "[stdlib][recurrence]") {
    const Recurrence rule =
        build(spec_of(RecurrenceFrequency::daily, "9999-12-30T12:00:00"), "UTC");
    CHECK(walk(rule) == Texts{"9999-12-30T12:00:00Z", "9999-12-31T12:00:00Z"});
    CHECK(utc(rule.first_at_or_after(at("9999-12-31T12:00:00.001Z"))) == "none");
    RecurrenceSpec huge = spec_of(RecurrenceFrequency::yearly, "2026-06-01T00:00:00");
    huge.interval = std::numeric_limits<std::int64_t>::max();
    CHECK(walk(build(huge, "UTC")) == Texts{"2026-06-01T00:00:00Z"});
}

TEST_CASE("create refuses bad specs with a one-line message", "[stdlib][recurrence]") {
    const RecurrenceSpec good = spec_of(RecurrenceFrequency::monthly, "2026-01-01T09:00:00");
    CHECK(refusal(good, "") == "missing time zone");
    CHECK(refusal(good, "Europe/Berln") == "unknown time zone \"Europe/Berln\"");
    auto with = [&](auto change) {
        RecurrenceSpec spec = good;
        change(spec);
        return refusal(spec);
    };
    CHECK(with([](RecurrenceSpec& s) { s.interval = 0; }) == "INTERVAL value 0 must be at least 1");
    CHECK(with([](RecurrenceSpec& s) { s.count = 0; }) == "COUNT value 0 must be at least 1");
    CHECK(with([](RecurrenceSpec& s) {
              s.count = 2;
              s.until = Instant{};
          }) == "COUNT and UNTIL cannot both be given");
    CHECK(with([](RecurrenceSpec& s) { s.start = local("0000-12-31T00:00:00"); }) ==
          "DTSTART 0000-12-31T00:00:00 is outside the years 0001 to 9999");
    CHECK(with([](RecurrenceSpec& s) { s.by_month_day = {32}; }) ==
          "BYMONTHDAY value 32 is out of range -31 to 31");
    CHECK(with([](RecurrenceSpec& s) { s.by_month_day = {0}; }) ==
          "BYMONTHDAY value 0 is out of range -31 to -1 or 1 to 31");
    CHECK(with([](RecurrenceSpec& s) { s.by_hour = {24}; }) ==
          "BYHOUR value 24 is out of range 0 to 23");
    CHECK(with([](RecurrenceSpec& s) { s.by_minute = {-1}; }) ==
          "BYMINUTE value -1 is out of range 0 to 59");
    CHECK(with([](RecurrenceSpec& s) { s.by_second = {61}; }) ==
          "BYSECOND value 61 is out of range 0 to 60");
    CHECK(with([](RecurrenceSpec& s) { s.by_month = {13}; }) ==
          "BYMONTH value 13 is out of range 1 to 12");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::yearly;
              s.by_year_day = {367};
          }) == "BYYEARDAY value 367 is out of range -366 to 366");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::yearly;
              s.by_week_no = {-54};
          }) == "BYWEEKNO value -54 is out of range -53 to 53");
    CHECK(with([](RecurrenceSpec& s) {
              s.by_day = {{Monday}};
              s.by_set_pos = {400};
          }) == "BYSETPOS value 400 is out of range -366 to 366");
    CHECK(with([](RecurrenceSpec& s) { s.by_day = {{std::chrono::weekday{9}}}; }) ==
          "BYDAY weekday 9 does not exist");
    CHECK(with([](RecurrenceSpec& s) {
              s.by_day = {{Monday, 54}};
          }) == "BYDAY ordinal 54 is out of range -53 to 53");
    CHECK(with([](RecurrenceSpec& s) { s.week_start = std::chrono::weekday{8}; }) ==
          "WKST weekday 8 does not exist");
    CHECK(with([](RecurrenceSpec& s) { s.by_week_no = {20}; }) ==
          "BYWEEKNO is only allowed with FREQ=YEARLY");
    CHECK(with([](RecurrenceSpec& s) { s.by_year_day = {100}; }) ==
          "BYYEARDAY is not allowed with FREQ=MONTHLY");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::daily;
              s.by_year_day = {100};
          }) == "BYYEARDAY is not allowed with FREQ=DAILY");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::weekly;
              s.by_month_day = {1};
          }) == "BYMONTHDAY is not allowed with FREQ=WEEKLY");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::weekly;
              s.by_day = {{Monday, 2}};
          }) == "numbered BYDAY 2MO is only allowed with FREQ=MONTHLY or FREQ=YEARLY");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::yearly;
              s.by_week_no = {20};
              s.by_day = {{Friday, -1}};
          }) == "numbered BYDAY -1FR is not allowed with BYWEEKNO");
    CHECK(with([](RecurrenceSpec& s) { s.by_set_pos = {1}; }) ==
          "BYSETPOS needs another BYxxx rule part");
    // The numbered forms RFC 5545 allows are accepted.
    CHECK(with([](RecurrenceSpec& s) { s.by_day = {{Friday, -1}}; }) == "accepted");
    CHECK(with([](RecurrenceSpec& s) {
              s.frequency = RecurrenceFrequency::yearly;
              s.by_day = {{Monday, 20}};
          }) == "accepted");
}

TEST_CASE("an hourly rule whose periods lie centuries apart gives the same occurrences walked "
          "and listed",
          "[stdlib][recurrence]") {
    // Found by fuzzing (issue 13): with periods more than 400 years apart, for_each_between
    // gave up after the first occurrence while a cursor walked on to the year 9999.
    RecurrenceSpec spec = spec_of(RecurrenceFrequency::hourly, "2026-01-05T08:00:00");
    spec.interval = 4'000'000; // 456 years and a bit
    const Recurrence rule = build(spec, "Europe/Berlin");
    const Texts walked = walk(rule);
    REQUIRE(walked.size() == 18);
    CHECK(walked.front() == "2026-01-05T07:00:00Z");
    CHECK(between(rule, "2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z") == walked);
}
