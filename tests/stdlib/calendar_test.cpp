// Business calendars, hand-picked cases with exact expected instants: weekends, split shifts,
// holidays fixed and yearly, one-off closures, 24x7, month ends and 29 February, the DST gap and
// overlap in America/New_York and Europe/Berlin, DST after 2037 (from the TZif footer's rule in
// New York, Sydney and Lord Howe), a zone without DST, the never-open calendar,
// sub-minute instants, and every message of the validating constructor. Instants are written as
// RFC 3339 with the local offset so each case reads as wall-clock time at the site.
#include "millwright/stdlib/calendar.hpp"

#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace millwright::stdlib;
using namespace std::chrono_literals;
using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Thursday;

namespace {

Instant at(std::string_view rfc3339) {
    const auto ms = parse_time(rfc3339);
    REQUIRE(ms.has_value());
    return Instant{std::chrono::milliseconds{*ms}};
}

/// An instant as UTC text, so a failed check prints both sides readably.
std::string utc(std::optional<Instant> t) {
    return t ? format_time(t->time_since_epoch().count()) : "none";
}
std::string utc(std::string_view rfc3339) {
    return utc(at(rfc3339));
}

BusinessCalendar build(CalendarSpec spec) {
    CalendarResult result = BusinessCalendar::create(std::move(spec));
    INFO(result.error);
    REQUIRE(result.ok());
    return *result.calendar;
}

std::string refusal(CalendarSpec spec) {
    const CalendarResult result = BusinessCalendar::create(std::move(spec));
    return result.ok() ? "accepted" : result.error;
}

/// Mon-Fri 08:00-12:00 and 13:00-17:00 in `zone`.
CalendarSpec office(std::string zone) {
    CalendarSpec spec;
    spec.time_zone = std::move(zone);
    spec.set_hours(Monday, Friday, {{8h, 12h}, {13h, 17h}});
    return spec;
}

/// The same shifts on all seven days.
CalendarSpec every_day(std::string zone, std::vector<Shift> shifts) {
    CalendarSpec spec;
    spec.time_zone = std::move(zone);
    spec.set_hours(Sunday, Saturday, shifts);
    return spec;
}

/// Mon-Fri 09:00-17:00 in New York with US-style holidays and a half day after Thanksgiving.
BusinessCalendar new_york_office() {
    using namespace std::chrono;
    CalendarSpec spec;
    spec.time_zone = "America/New_York";
    spec.set_hours(Monday, Friday, {{9h, 17h}});
    spec.yearly_holidays = {November / Thursday[4], December / 25, May / Monday[last]};
    spec.holidays = {2027y / January / 1};
    spec.closures = {{2026y / November / 27, 12h, 17h}};
    return build(spec);
}

} // namespace

TEST_CASE("business time skips the weekend and the lunch break", "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-11-20T16:00:00+01:00"), 2h)) ==
          utc("2026-11-23T09:00:00+01:00"));
    CHECK(business_between(berlin, at("2026-11-20T16:00:00+01:00"),
                           at("2026-11-23T09:00:00+01:00")) == 2h);
    CHECK(utc(add_business(berlin, at("2026-11-23T11:00:00+01:00"), 2h)) ==
          utc("2026-11-23T14:00:00+01:00"));
    // Business time that ends exactly at a close is due at the close, not at the next opening.
    CHECK(utc(add_business(berlin, at("2026-11-23T08:00:00+01:00"), 8h)) ==
          utc("2026-11-23T17:00:00+01:00"));
    CHECK(utc(add_business(berlin, at("2026-11-23T08:00:00+01:00"), 4h)) ==
          utc("2026-11-23T12:00:00+01:00"));
    CHECK(business_between(berlin, at("2026-11-23T00:00:00+01:00"),
                           at("2026-11-30T00:00:00+01:00")) == 40h);
    CHECK(berlin.weekly_hours() == 40h);
    CHECK(berlin.business_day() == 8h);
    CHECK_FALSE(berlin.is_always_open());
}

TEST_CASE("zero business time waits for the next opening", "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-11-23T09:00:00+01:00"), 0ms)) ==
          utc("2026-11-23T09:00:00+01:00"));
    CHECK(utc(add_business(berlin, at("2026-11-23T12:30:00+01:00"), 0ms)) ==
          utc("2026-11-23T13:00:00+01:00"));
    CHECK(utc(next_open(berlin, at("2026-11-21T10:00:00+01:00"))) ==
          utc("2026-11-23T08:00:00+01:00"));
    CHECK(utc(next_open(berlin, at("2026-11-23T17:00:00+01:00"))) ==
          utc("2026-11-24T08:00:00+01:00"));
    CHECK(utc(next_open(berlin, at("2026-11-23T16:59:59+01:00"))) ==
          utc("2026-11-23T16:59:59+01:00"));
}

TEST_CASE("opening is half-open: the open minute counts, the close minute does not",
          "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(is_open(berlin, at("2026-11-23T08:00:00+01:00")));
    CHECK(is_open(berlin, at("2026-11-23T11:59:59.999+01:00")));
    CHECK_FALSE(is_open(berlin, at("2026-11-23T12:00:00+01:00")));
    CHECK_FALSE(is_open(berlin, at("2026-11-23T07:59:59.999+01:00")));
    CHECK(is_open(berlin, at("2026-11-23T13:00:00+01:00")));
    CHECK_FALSE(is_open(berlin, at("2026-11-22T10:00:00+01:00"))); // Sunday
}

TEST_CASE("business time is exact below the minute", "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-11-23T11:59:59.500+01:00"), 1s)) ==
          utc("2026-11-23T13:00:00.500+01:00"));
    CHECK(business_between(berlin, at("2026-11-23T08:00:00.250+01:00"),
                           at("2026-11-23T08:00:01+01:00")) == 750ms);
    CHECK(business_between(berlin, at("2026-11-23T11:59:59.999+01:00"),
                           at("2026-11-23T13:00:00.001+01:00")) == 2ms);
    CHECK(utc(add_business(berlin, at("2026-11-20T16:59:59.999+01:00"), 2ms)) ==
          utc("2026-11-23T08:00:00.001+01:00"));
}

TEST_CASE("yearly holidays: 4th Thursday of November, 25 December, last Monday of May",
          "[stdlib][calendar]") {
    const BusinessCalendar ny = new_york_office();
    // Thanksgiving (2026-11-26) is closed; the Friday after closes at 12:00.
    CHECK_FALSE(is_open(ny, at("2026-11-26T10:00:00-05:00")));
    CHECK(utc(add_business(ny, at("2026-11-25T16:00:00-05:00"), 2h)) ==
          utc("2026-11-27T10:00:00-05:00"));
    CHECK(utc(add_business(ny, at("2026-11-25T16:00:00-05:00"), 4h)) ==
          utc("2026-11-27T12:00:00-05:00"));
    CHECK(utc(add_business(ny, at("2026-11-25T16:00:00-05:00"), 5h)) ==
          utc("2026-11-30T10:00:00-05:00"));
    CHECK(business_between(ny, at("2026-11-23T09:00:00-05:00"), at("2026-11-30T09:00:00-05:00")) ==
          27h);
    // Memorial Day, the last Monday of May 2026, is the 25th.
    CHECK(utc(add_business(ny, at("2026-05-22T16:00:00-04:00"), 2h)) ==
          utc("2026-05-26T10:00:00-04:00"));
    // In 2027 the 4th Thursday of November is the 25th, and the last Monday of May the 31st.
    CHECK_FALSE(is_open(ny, at("2027-11-25T10:00:00-05:00")));
    CHECK(is_open(ny, at("2027-11-26T10:00:00-05:00")));
    CHECK_FALSE(is_open(ny, at("2027-05-31T10:00:00-04:00")));
    CHECK(is_open(ny, at("2027-05-24T10:00:00-04:00")));
}

TEST_CASE("fixed holidays and the year end", "[stdlib][calendar]") {
    const BusinessCalendar ny = new_york_office();
    // Christmas 2026 is a Friday, New Year's Day 2027 too.
    CHECK(utc(add_business(ny, at("2026-12-24T16:00:00-05:00"), 2h)) ==
          utc("2026-12-28T10:00:00-05:00"));
    CHECK(utc(add_business(ny, at("2026-12-31T16:00:00-05:00"), 2h)) ==
          utc("2027-01-04T10:00:00-05:00"));
    CHECK(business_between(ny, at("2026-12-21T00:00:00-05:00"), at("2027-01-04T00:00:00-05:00")) ==
          64h);
    // The fixed holiday is one date only: New Year's Day 2028 is open.
    CHECK(is_open(ny, at("2027-12-31T10:00:00-05:00")));
}

TEST_CASE("one-off closures close part of a day or a whole day", "[stdlib][calendar]") {
    using namespace std::chrono;
    CalendarSpec spec = office("Europe/Berlin");
    spec.closures = {{2026y / November / 27, 12h, 17h},
                     {2026y / November / 30},
                     {2026y / December / 1, 9h, 10h},
                     {2026y / December / 1, 9h + 30min, 11h}};
    const BusinessCalendar berlin = build(spec);
    CHECK(is_open(berlin, at("2026-11-27T11:00:00+01:00")));
    CHECK_FALSE(is_open(berlin, at("2026-11-27T14:00:00+01:00")));
    CHECK_FALSE(is_open(berlin, at("2026-11-30T09:00:00+01:00")));
    // Friday 11:00 + 2h: 1h on Friday morning, Monday is closed, Tuesday 08:00-09:00.
    CHECK(utc(add_business(berlin, at("2026-11-27T11:00:00+01:00"), 2h)) ==
          utc("2026-12-01T09:00:00+01:00"));
    // Tuesday's two closures overlap: 09:00-11:00 is closed.
    CHECK(utc(add_business(berlin, at("2026-11-27T11:00:00+01:00"), 2h + 1min)) ==
          utc("2026-12-01T11:01:00+01:00"));
    // Mon-Thu 32 h, Friday morning 4 h, Monday closed, Tuesday 6 h, Wed-Fri 24 h.
    CHECK(business_between(berlin, at("2026-11-23T00:00:00+01:00"),
                           at("2026-12-05T00:00:00+01:00")) == 32h + 4h + 0h + 6h + 24h);
}

TEST_CASE("touching shifts are one opening, shifts may end at 24:00", "[stdlib][calendar]") {
    CalendarSpec spec;
    spec.time_zone = "UTC";
    spec.hours(Monday) = {{20h, 22h}, {22h, 24h}};
    spec.hours(std::chrono::Tuesday) = {{0h, 2h}};
    const BusinessCalendar night = build(spec);
    CHECK(night.weekly_hours() == 6h);
    CHECK(night.business_day() == 3h); // Monday 4 h and Tuesday 2 h
    CHECK(utc(add_business(night, at("2026-11-23T21:00:00Z"), 4h)) == utc("2026-11-24T01:00:00Z"));
    CHECK(business_between(night, at("2026-11-23T00:00:00Z"), at("2026-11-25T00:00:00Z")) == 6h);
    CHECK(is_open(night, at("2026-11-23T23:59:59.999Z")));
    CHECK(is_open(night, at("2026-11-24T00:00:00Z")));
}

TEST_CASE("24x7 calendars count elapsed time", "[stdlib][calendar]") {
    const BusinessCalendar always = build(every_day("America/New_York", {{0h, 24h}}));
    CHECK(always.is_always_open());
    CHECK(always.weekly_hours() == 168h);
    CHECK(always.business_day() == 24h);
    CHECK(is_open(always, at("2026-03-08T02:30:00-04:00")));
    CHECK(utc(add_business(always, at("2026-03-07T12:00:00-05:00"), 36h)) ==
          utc("2026-03-09T01:00:00-04:00"));
    CHECK(business_between(always, at("2026-11-01T00:00:00-04:00"),
                           at("2026-11-02T00:00:00-05:00")) == 25h);

    // A holiday turns the shortcut off; the general walk must agree with elapsed time elsewhere.
    using namespace std::chrono;
    CalendarSpec spec = every_day("UTC", {{0h, 24h}});
    spec.holidays = {2026y / December / 25};
    const BusinessCalendar with_holiday = build(spec);
    CHECK_FALSE(with_holiday.is_always_open());
    CHECK(utc(add_business(with_holiday, at("2026-12-24T12:00:00Z"), 24h)) ==
          utc("2026-12-26T12:00:00Z"));
    CHECK(business_between(with_holiday, at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z")) ==
          30 * 24h);
    CHECK(utc(add_business(with_holiday, at("2027-01-01T00:00:00Z"), 24h * 365)) ==
          utc("2028-01-01T00:00:00Z"));
}

TEST_CASE("month ends and 29 February", "[stdlib][calendar]") {
    using namespace std::chrono;
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-01-30T16:00:00+01:00"), 9h)) ==
          utc("2026-02-02T17:00:00+01:00"));
    CHECK(utc(add_business(berlin, at("2028-02-28T16:00:00+01:00"), 2h)) ==
          utc("2028-02-29T09:00:00+01:00"));
    CHECK(business_between(berlin, at("2028-02-01T00:00:00+01:00"),
                           at("2028-03-01T00:00:00+01:00")) == 21 * 8h);

    CalendarSpec spec = office("Europe/Berlin");
    spec.yearly_holidays = {February / 29};
    const BusinessCalendar leap = build(spec);
    CHECK(utc(add_business(leap, at("2028-02-28T16:00:00+01:00"), 2h)) ==
          utc("2028-03-01T09:00:00+01:00"));
    // 2027 has no 29 February, and 1 March is an ordinary Monday.
    CHECK(is_open(leap, at("2027-03-01T09:00:00+01:00")));
}

TEST_CASE("a year of business time lands on the last close of the year", "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    // 52 weeks of 40 h from Monday 2027-01-04, across both DST changes of 2027.
    const Instant start = at("2027-01-04T08:00:00+01:00");
    const auto due = add_business(berlin, start, 52 * 40h);
    CHECK(utc(due) == utc("2027-12-31T17:00:00+01:00"));
    REQUIRE(due.has_value());
    CHECK(business_between(berlin, start, *due) == 52 * 40h);
    CHECK(utc(add_business(berlin, start, 52 * 40h + 1ms)) == utc("2028-01-03T08:00:00.001+01:00"));
}

TEST_CASE("spring forward in New York: missing local times never occur", "[stdlib][calendar]") {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT.
    const BusinessCalendar night = build(every_day("America/New_York", {{0h, 4h}}));
    CHECK(business_between(night, at("2026-03-08T00:00:00-05:00"),
                           at("2026-03-09T00:00:00-04:00")) == 3h);
    CHECK(utc(add_business(night, at("2026-03-08T00:00:00-05:00"), 2h)) ==
          utc("2026-03-08T03:00:00-04:00"));
    CHECK(utc(add_business(night, at("2026-03-08T00:00:00-05:00"), 3h)) ==
          utc("2026-03-08T04:00:00-04:00"));
    CHECK(utc(add_business(night, at("2026-03-08T00:00:00-05:00"), 3h + 1min)) ==
          utc("2026-03-09T00:01:00-04:00"));

    const BusinessCalendar across_gap =
        build(every_day("America/New_York", {{1h + 30min, 3h + 30min}}));
    CHECK(business_between(across_gap, at("2026-03-08T00:00:00-05:00"),
                           at("2026-03-09T00:00:00-04:00")) == 1h);
    CHECK(is_open(across_gap, at("2026-03-08T01:59:00-05:00")));
    CHECK(is_open(across_gap, at("2026-03-08T03:00:00-04:00")));
    CHECK_FALSE(is_open(across_gap, at("2026-03-08T03:30:00-04:00")));

    // A 24-hour calendar that is not always open (a holiday elsewhere) walks the general path.
    using namespace std::chrono;
    CalendarSpec spec = every_day("America/New_York", {{0h, 24h}});
    spec.holidays = {2026y / December / 25};
    const BusinessCalendar full = build(spec);
    CHECK(business_between(full, at("2026-03-08T00:00:00-05:00"),
                           at("2026-03-09T00:00:00-04:00")) == 23h);
    CHECK(utc(add_business(full, at("2026-03-08T01:00:00-05:00"), 2h)) ==
          utc("2026-03-08T04:00:00-04:00"));

    const BusinessCalendar ny = new_york_office();
    CHECK(utc(add_business(ny, at("2026-03-06T16:00:00-05:00"), 2h)) ==
          utc("2026-03-09T10:00:00-04:00"));
}

TEST_CASE("fall back in New York: the repeated hour is open twice", "[stdlib][calendar]") {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST.
    const BusinessCalendar night = build(every_day("America/New_York", {{0h, 4h}}));
    CHECK(business_between(night, at("2026-11-01T00:00:00-04:00"),
                           at("2026-11-02T00:00:00-05:00")) == 5h);
    CHECK(is_open(night, at("2026-11-01T01:30:00-04:00")));
    CHECK(is_open(night, at("2026-11-01T01:30:00-05:00")));
    CHECK(utc(add_business(night, at("2026-11-01T00:00:00-04:00"), 4h + 30min)) ==
          utc("2026-11-01T03:30:00-05:00"));

    using namespace std::chrono;
    CalendarSpec spec = every_day("America/New_York", {{0h, 24h}});
    spec.holidays = {2026y / December / 25};
    const BusinessCalendar full = build(spec);
    CHECK(business_between(full, at("2026-11-01T00:00:00-04:00"),
                           at("2026-11-02T00:00:00-05:00")) == 25h);
    CHECK(utc(add_business(full, at("2026-11-01T01:30:00-04:00"), 1h)) ==
          utc("2026-11-01T01:30:00-05:00"));
}

TEST_CASE("Berlin's DST changes: a gap shortens a shift, an overlap splits one",
          "[stdlib][calendar]") {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST; 2026-10-25: 03:00 CEST becomes 02:00 CET.
    const BusinessCalendar night = build(every_day("Europe/Berlin", {{0h, 4h}}));
    CHECK(business_between(night, at("2026-03-29T00:00:00+01:00"),
                           at("2026-03-30T00:00:00+02:00")) == 3h);
    CHECK(business_between(night, at("2026-10-25T00:00:00+02:00"),
                           at("2026-10-26T00:00:00+01:00")) == 5h);
    CHECK(utc(add_business(night, at("2026-10-25T00:00:00+02:00"), 3h)) ==
          utc("2026-10-25T02:00:00+01:00"));

    // A shift inside the repeated hour occurs twice, as two separate pieces of time.
    const BusinessCalendar half_hour = build(every_day("Europe/Berlin", {{2h + 30min, 3h}}));
    CHECK(business_between(half_hour, at("2026-10-25T00:00:00+02:00"),
                           at("2026-10-26T00:00:00+01:00")) == 1h);
    CHECK(is_open(half_hour, at("2026-10-25T02:45:00+02:00")));
    CHECK_FALSE(is_open(half_hour, at("2026-10-25T02:15:00+01:00")));
    CHECK(is_open(half_hour, at("2026-10-25T02:45:00+01:00")));
    CHECK(utc(add_business(half_hour, at("2026-10-25T00:00:00+02:00"), 45min)) ==
          utc("2026-10-25T02:45:00+01:00"));
    CHECK(utc(next_open(half_hour, at("2026-10-25T03:00:00+02:00"))) ==
          utc("2026-10-25T02:30:00+01:00"));
    // The same shift on the spring day falls entirely into the gap.
    CHECK(business_between(half_hour, at("2026-03-29T00:00:00+01:00"),
                           at("2026-03-30T00:00:00+02:00")) == 0h);
    CHECK(utc(next_open(half_hour, at("2026-03-29T00:00:00+01:00"))) ==
          utc("2026-03-30T02:30:00+02:00"));

    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-10-23T16:00:00+02:00"), 2h)) ==
          utc("2026-10-26T09:00:00+01:00"));
    CHECK(business_between(berlin, at("2026-03-27T16:00:00+01:00"),
                           at("2026-03-30T09:00:00+02:00")) == 2h);
}

TEST_CASE("after 2037 business hours follow the zone's closing rule", "[stdlib][calendar][zone]") {
    // Debian's tz files list changes up to 2037; later ones come from each file's closing rule.
    // New York, 2040-03-11: 02:00 EST becomes 03:00 EDT; 2040-11-04: 02:00 EDT becomes 01:00 EST.
    const BusinessCalendar ny = new_york_office();
    CHECK(utc(add_business(ny, at("2040-03-09T16:00:00-05:00"), 2h)) ==
          utc("2040-03-12T10:00:00-04:00"));
    CHECK(business_between(ny, at("2040-03-09T09:00:00-05:00"), at("2040-03-12T17:00:00-04:00")) ==
          16h);
    CHECK(utc(add_business(ny, at("2040-11-02T16:00:00-04:00"), 2h)) ==
          utc("2040-11-05T10:00:00-05:00"));
    CHECK(is_open(ny, at("2040-07-02T13:00:00Z"))); // 09:00 EDT
    CHECK_FALSE(is_open(ny, at("2040-07-02T12:59:00Z")));
    CHECK(utc(next_open(ny, at("2040-07-02T00:00:00Z"))) == utc("2040-07-02T09:00:00-04:00"));
    const BusinessCalendar night = build(every_day("America/New_York", {{0h, 4h}}));
    CHECK(business_between(night, at("2040-03-11T00:00:00-05:00"),
                           at("2040-03-12T00:00:00-04:00")) == 3h);
    CHECK(business_between(night, at("2040-11-04T00:00:00-04:00"),
                           at("2040-11-05T00:00:00-05:00")) == 5h);

    // Sydney, 2040-04-01: 03:00 AEDT becomes 02:00 AEST; July is winter (AEST).
    const BusinessCalendar sydney = build(office("Australia/Sydney"));
    CHECK(utc(add_business(sydney, at("2040-03-30T16:00:00+11:00"), 2h)) ==
          utc("2040-04-02T09:00:00+10:00"));
    CHECK(is_open(sydney, at("2040-07-02T22:00:00Z"))); // Tuesday 08:00 AEST
    CHECK_FALSE(is_open(sydney, at("2040-07-02T21:59:00Z")));

    // Lord Howe, 2040-10-07: 02:00 +10:30 becomes 02:30 +11:00, half an hour less that night.
    const BusinessCalendar lord_howe = build(every_day("Australia/Lord_Howe", {{0h, 4h}}));
    CHECK(business_between(lord_howe, at("2040-10-07T00:00:00+10:30"),
                           at("2040-10-08T00:00:00+11:00")) == 3h + 30min);
}

TEST_CASE("a zone without DST: Asia/Kolkata", "[stdlib][calendar]") {
    CalendarSpec spec;
    spec.time_zone = "Asia/Kolkata";
    spec.set_hours(Monday, Friday, {{9h, 18h}});
    const BusinessCalendar kolkata = build(spec);
    CHECK(utc(add_business(kolkata, at("2026-11-20T17:00:00+05:30"), 2h)) ==
          utc("2026-11-23T10:00:00+05:30"));
    CHECK(utc(add_business(kolkata, at("2026-03-27T17:00:00+05:30"), 10h)) ==
          utc("2026-03-30T18:00:00+05:30"));
    CHECK(business_between(kolkata, at("2026-03-01T00:00:00+05:30"),
                           at("2026-04-01T00:00:00+05:30")) == 22 * 9h);
    CHECK(is_open(kolkata, at("2026-11-23T03:30:00Z")));
    CHECK_FALSE(is_open(kolkata, at("2026-11-23T03:29:59Z")));
}

TEST_CASE("a calendar that never opens gives no instant instead of looping", "[stdlib][calendar]") {
    CalendarSpec none;
    none.time_zone = "Europe/Berlin";
    const BusinessCalendar closed = build(none);
    CHECK(closed.weekly_hours() == 0h);
    CHECK_FALSE(is_open(closed, at("2026-11-23T10:00:00Z")));
    CHECK(utc(next_open(closed, at("2026-11-23T10:00:00Z"))) == "none");
    CHECK(utc(add_business(closed, at("2026-11-23T10:00:00Z"), 1h)) == "none");
    CHECK(business_between(closed, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")) == 0h);

    // Open on Mondays only, and every Monday a holiday for eleven years: past the search limit.
    using namespace std::chrono;
    CalendarSpec mondays;
    mondays.time_zone = "UTC";
    mondays.hours(Monday) = {{8h, 17h}};
    const sys_days first_monday{2026y / November / Monday[4]};
    for (int week = 0; week < 11 * 53; ++week) {
        mondays.holidays.push_back(year_month_day{first_monday + weeks{week}});
    }
    const BusinessCalendar blocked = build(mondays);
    CHECK(utc(next_open(blocked, at("2026-11-23T00:00:00Z"))) == "none");
    CHECK(utc(add_business(blocked, at("2026-11-23T00:00:00Z"), 1h)) == "none");
    // Nine years of closed Mondays are still searched through.
    mondays.holidays.resize(9 * 52);
    const BusinessCalendar long_closure = build(mondays);
    CHECK(utc(next_open(long_closure, at("2026-11-23T00:00:00Z"))) == utc("2035-11-12T08:00:00Z"));
}

TEST_CASE("negative durations and empty ranges", "[stdlib][calendar]") {
    const BusinessCalendar berlin = build(office("Europe/Berlin"));
    CHECK(utc(add_business(berlin, at("2026-11-23T09:00:00+01:00"), -1ms)) == "none");
    CHECK(business_between(berlin, at("2026-11-23T10:00:00+01:00"),
                           at("2026-11-23T09:00:00+01:00")) == 0ms);
    CHECK(business_between(berlin, at("2026-11-23T10:00:00+01:00"),
                           at("2026-11-23T10:00:00+01:00")) == 0ms);
}

TEST_CASE("the constructor refuses bad calendars with a clear message", "[stdlib][calendar]") {
    using namespace std::chrono;
    CHECK(refusal(office("Europe/Berln")) == "unknown time zone \"Europe/Berln\"");
    CHECK(refusal(office("")) == "missing time zone");

    CalendarSpec spec = office("UTC");
    spec.hours(Monday) = {{8h, 12h}, {11h, 17h}};
    CHECK(refusal(spec) == "monday: shifts 08:00-12:00 and 11:00-17:00 overlap");
    spec.hours(Monday) = {{13h, 17h}, {8h, 12h}};
    CHECK(refusal(spec) == "monday: shift 08:00-12:00 must be listed before 13:00-17:00");
    spec.hours(Monday) = {{12h, 8h}};
    CHECK(refusal(spec) == "monday: shift 12:00-08:00 must close after it opens");
    spec.hours(Monday) = {{9h, 9h}};
    CHECK(refusal(spec) == "monday: shift 09:00-09:00 must close after it opens");
    spec.hours(Monday) = {{22h, 25h}};
    CHECK(refusal(spec) == "monday: shift 22:00-25:00 is outside 00:00-24:00");
    spec.hours(Monday) = {{-30min, 8h}};
    CHECK(refusal(spec) == "monday: shift -00:30-08:00 is outside 00:00-24:00");

    spec = office("UTC");
    spec.holidays = {2026y / February / 30};
    CHECK(refusal(spec) == "holiday 2026-02-30 is not a valid date");

    spec = office("UTC");
    spec.yearly_holidays = {November / Thursday[5]};
    CHECK(refusal(spec) == "yearly holiday: the 5th thursday of november does not occur every "
                           "year; use the last thursday");
    spec.yearly_holidays = {November / Thursday[0]};
    CHECK(refusal(spec) == "yearly holiday: the 0th thursday of november does not exist");
    spec.yearly_holidays = {November / Thursday[6]};
    CHECK(refusal(spec) == "yearly holiday: the 6th thursday of november does not exist");
    spec.yearly_holidays = {February / 30};
    CHECK(refusal(spec) == "yearly holiday: february 30 does not exist");
    spec.yearly_holidays = {month{13} / 1};
    CHECK(refusal(spec) == "yearly holiday: month 13 does not exist");
    spec.yearly_holidays = {February / 29, May / Monday[last], December / 25};
    CHECK(refusal(spec) == "accepted");

    spec = office("UTC");
    spec.closures = {{2026y / November / 27, 17h, 12h}};
    CHECK(refusal(spec) == "closure on 2026-11-27: 17:00-12:00 must end after it starts");
    spec.closures = {{2026y / November / 27, 12h, 25h}};
    CHECK(refusal(spec) == "closure on 2026-11-27: 12:00-25:00 is outside 00:00-24:00");
    spec.closures = {{2026y / November / 31}};
    CHECK(refusal(spec) == "closure on 2026-11-31: not a valid date");
    spec.closures = {Closure{}};
    CHECK(refusal(spec) == "closure on 0000-00-00: not a valid date");
}

TEST_CASE("set_hours wraps past Saturday", "[stdlib][calendar]") {
    CalendarSpec spec;
    spec.time_zone = "UTC";
    spec.set_hours(Friday, Monday, {{10h, 11h}});
    const BusinessCalendar weekend = build(spec);
    CHECK(weekend.weekly_hours() == 4h);
    CHECK(is_open(weekend, at("2026-11-22T10:30:00Z")));       // Sunday
    CHECK(is_open(weekend, at("2026-11-23T10:30:00Z")));       // Monday
    CHECK_FALSE(is_open(weekend, at("2026-11-24T10:30:00Z"))); // Tuesday
}

TEST_CASE("instants before 1970 and durations past the year 9999", "[stdlib][calendar]") {
    const BusinessCalendar utc_office = build(office("UTC"));
    CHECK(utc(add_business(utc_office, at("1969-12-26T16:00:00Z"), 2h)) ==
          utc("1969-12-29T09:00:00Z"));
    CHECK(business_between(utc_office, at("1969-12-22T00:00:00Z"), at("1970-01-05T00:00:00Z")) ==
          80h);
    CHECK(is_open(utc_office, at("1969-12-31T23:59:59.999Z")) == false);
    CHECK(is_open(utc_office, at("1969-12-31T16:59:59.999Z")));

    // Nothing overflows: the result would lie after 9999, so there is none.
    CHECK(utc(add_business(utc_office, at("2026-11-23T08:00:00Z"), Duration::max())) == "none");
    CHECK(utc(add_business(build(every_day("UTC", {{0h, 24h}})), at("2026-11-23T08:00:00Z"),
                           Duration::max())) == "none");
    CHECK(business_between(utc_office, Instant{Duration::min()}, Instant{Duration::max()}) ==
          business_between(utc_office, at("0001-01-01T00:00:00Z"), at("9999-12-31T23:59:59.999Z")));
    CHECK_FALSE(is_open(utc_office, Instant{Duration::max()}));
}
