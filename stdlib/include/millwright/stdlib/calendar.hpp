// Business calendars: weekly opening hours in an IANA time zone, holidays and one-off closures,
// and the arithmetic SLAs and business timers need (is it open, when does it open, what instant
// is N business hours after this one, how much business time lies between two instants).
//
// Opening hours are local wall-clock times. An instant is open exactly when its local time in
// the calendar's zone falls inside one of that local date's opening intervals; a local time that
// a spring-forward gap skips never occurs, and one that a fall-back overlap repeats is open
// twice (docs/calendars.md explains the policy with examples). The arithmetic is exact to the
// millisecond and walks whole days and whole weeks at a time, never minute by minute.
//
// Values follow the Lua value convention of dsl/model.hpp: instants are milliseconds since
// 1970-01-01T00:00:00Z, durations are milliseconds. The time zone database stays inside the
// stdlib; this header uses std::chrono types only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace millwright::stdlib {

/// A point in time, milliseconds since 1970-01-01T00:00:00Z.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

/// A length of (business) time in milliseconds.
using Duration = std::chrono::milliseconds;

/// One opening interval of a day, [open, close) in local wall-clock minutes from midnight.
/// 0 <= open < close <= 24h; a close of 24h means "until the end of the day".
struct Shift {
    std::chrono::minutes open{0};
    std::chrono::minutes close{0};
};

/// A holiday that recurs every year, written with std::chrono's calendar types:
/// `December / 25` (a fixed day; `February / 29` occurs in leap years only),
/// `November / Thursday[4]` (the 1st to 4th such weekday of the month) or
/// `May / Monday[std::chrono::last]` (the last such weekday of the month).
using YearlyHoliday = std::variant<std::chrono::month_day, std::chrono::month_weekday,
                                   std::chrono::month_weekday_last>;

/// A one-off closure: the local time range [from, to) of one local date is closed
/// (e.g. 2026-11-27 from 12:00 to 17:00). The defaults close the whole date.
struct Closure {
    std::chrono::year_month_day date{}; ///< 0000-00-00 (refused) until set
    std::chrono::minutes from{0};
    std::chrono::minutes to{std::chrono::hours{24}};
};

/// The description of a calendar, as plain values (the engine builds one from a `calendar`
/// definition). Nothing is checked until BusinessCalendar::create.
struct CalendarSpec {
    /// An IANA zone name ("Europe/Berlin", "UTC"), resolved once by BusinessCalendar::create.
    std::string time_zone;
    /// Opening hours per weekday, indexed by std::chrono::weekday::c_encoding() (0 = Sunday).
    /// Shifts of a day must be listed in order and must not overlap; shifts that touch
    /// (08:00-12:00, 12:00-17:00) are one opening. An empty list means closed all day.
    std::array<std::vector<Shift>, 7> weekly;
    /// Dates closed all day (local dates in the calendar's zone).
    std::vector<std::chrono::year_month_day> holidays;
    /// Dates closed all day every year.
    std::vector<YearlyHoliday> yearly_holidays;
    /// Local time ranges closed once.
    std::vector<Closure> closures;

    /// The shifts of one weekday (`day` must be a valid weekday: day.ok()).
    std::vector<Shift>& hours(std::chrono::weekday day) { return weekly[day.c_encoding()]; }
    const std::vector<Shift>& hours(std::chrono::weekday day) const {
        return weekly[day.c_encoding()];
    }

    /// Sets the same shifts on every weekday from `first` to `last` inclusive, wrapping past
    /// Saturday (`Friday` to `Monday` is Friday, Saturday, Sunday, Monday). Both must be valid
    /// weekdays.
    void set_hours(std::chrono::weekday first, std::chrono::weekday last,
                   const std::vector<Shift>& shifts);
};

namespace detail {
struct CalendarData;
} // namespace detail

struct CalendarResult;

/// A validated, immutable business calendar. Copies are cheap and share their data; a
/// calendar may be used from several threads at once. The time zone is resolved once, when
/// the calendar is created, so no operation looks a zone up by name.
class BusinessCalendar {
public:
    /// Checks a spec and builds the calendar, or reports the first problem as a one-line
    /// message (lowercase, no final period), for example `unknown time zone "Europe/Berln"`,
    /// `monday: shifts 08:00-12:00 and 11:00-17:00 overlap`,
    /// `monday: shift 12:00-08:00 must close after it opens`,
    /// `monday: shift 08:00-12:00 must be listed before 13:00-17:00`,
    /// `yearly holiday: the 5th thursday of november does not occur every year; use the last
    /// thursday` (docs/calendars.md lists them all). Never throws on bad input (only
    /// std::bad_alloc escapes).
    static CalendarResult create(CalendarSpec spec);

    /// The zone name the calendar was created with.
    const std::string& time_zone() const;

    /// Business time in a week without holidays or closures (0 for a calendar never open).
    Duration weekly_hours() const;

    /// The length of a business day: the calendar's average opening day, weekly_hours()
    /// divided by the number of weekdays with opening hours (9 hours for Monday to Friday
    /// 08:00-17:00; 24 hours for a calendar always open; 0 for one never open). "3 business
    /// days" in the DSL is three of these, so from Monday 10:00 on a weekday calendar it ends
    /// on Thursday at 10:00.
    Duration business_day() const;

    /// True when every instant is open: 24 hours on all seven days, with no holidays and no
    /// closures. The arithmetic then takes a shortcut (business time is elapsed time).
    bool is_always_open() const;

    /// Internal representation, for the stdlib only.
    const detail::CalendarData& data() const { return *data_; }
    explicit BusinessCalendar(std::shared_ptr<const detail::CalendarData> data);

private:
    std::shared_ptr<const detail::CalendarData> data_;
};

/// The outcome of BusinessCalendar::create: a calendar, or the reason there is none.
struct CalendarResult {
    std::optional<BusinessCalendar> calendar; ///< empty when the spec was refused
    std::string error;                        ///< empty when a calendar was built

    bool ok() const { return calendar.has_value(); }
};

/// How far the arithmetic searches for opening time: a calendar with no opening time within
/// ten years (3653 days) of the last opening time it found is treated as never open.
inline constexpr std::chrono::milliseconds max_closed_span{3653LL * 24 * 60 * 60 * 1000};

/// Whether `t` is open: its local time lies in an opening interval of its local date, and that
/// date is not a holiday and the time not inside a closure. Instants outside the years 0001 to
/// 9999 are never open.
bool is_open(const BusinessCalendar& calendar, Instant t);

/// The first open instant at or after `t` (`t` itself when open); no value when the calendar
/// has no opening time within max_closed_span after `t`, or when `t` is outside the years 0001
/// to 9999 or the opening would be past them.
std::optional<Instant> next_open(const BusinessCalendar& calendar, Instant t);

/// The instant at which `d` of business time has elapsed after `t`. For d > 0 it is the
/// earliest `u` with business_between(t, u) == d, so it lies inside an opening or at its close
/// (8 business hours from Monday 08:00 on a 08:00-17:00 calendar with a lunch break is Monday
/// 17:00, not Tuesday 08:00). For d == 0 it is next_open(t): a target of zero business time is
/// due when the site opens. Either way business_between(t, result) == d. No value when `d` is
/// negative, when `t` is outside the years 0001 to 9999 or the result would be past them, or
/// when the calendar has no opening time within max_closed_span.
std::optional<Instant> add_business(const BusinessCalendar& calendar, Instant t, Duration d);

/// The business time in [a, b): the total length of the open instants in it. 0 when b <= a;
/// the part of [a, b) outside the years 0001 to 9999 counts as closed.
Duration business_between(const BusinessCalendar& calendar, Instant a, Instant b);

} // namespace millwright::stdlib
