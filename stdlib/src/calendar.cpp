// Business-time arithmetic on the zone's rules (zone_rules.hpp: Howard Hinnant's date/tz,
// continued past its last transition by the TZif file's closing rule). The time line is walked
// one constant-offset segment of the zone at a time (a date::sys_info: between two transitions
// local time is UTC plus one fixed offset), and inside a segment one local day at a time, counting
// runs of regular weeks in a single step. Working per segment rather than per local day is what
// makes DST exact without special cases: a local time a gap skips is never produced, and a
// local hour an overlap repeats is met once in each segment. The opening of every holiday and
// closure date is precomputed when the calendar is created; yearly holiday rules cost a few
// integer operations per day instead, so a calendar needs no per-year cache and stays immutable
// (and shareable between threads).
#include "millwright/stdlib/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <span>
#include <utility>

#include <date/tz.h>

#include "millwright/stdlib/format.hpp"
#include "zone_rules.hpp"

namespace millwright::stdlib {

namespace detail {

/// An opening interval of one local date, [begin, end) in milliseconds from local midnight.
struct LocalInterval {
    std::int64_t begin;
    std::int64_t end;
};

/// A date whose opening differs from its weekday's: a holiday (no intervals) or a date with
/// closures (its weekday's intervals minus the closed ranges).
struct SpecialDay {
    std::int64_t day; ///< days since 1970-01-01
    std::vector<LocalInterval> open;
};

struct CalendarData {
    std::string zone_name;
    const ZoneRules* zone = nullptr;
    std::array<std::vector<LocalInterval>, 7> weekly; ///< by weekday::c_encoding(), merged
    std::int64_t weekly_ms = 0;
    std::vector<SpecialDay> special_days; ///< sorted by day, one entry per date
    std::vector<YearlyHoliday> yearly_holidays;
    bool always_open = false;
};

} // namespace detail

using detail::CalendarData;
using detail::LocalInterval;
using detail::SpecialDay;

namespace {

constexpr std::int64_t ms_per_minute = 60 * 1000;
constexpr std::int64_t ms_per_day = 24 * 60 * ms_per_minute;
constexpr std::int64_t ms_per_week = 7 * ms_per_day;
constexpr std::int64_t no_limit = std::numeric_limits<std::int64_t>::max();

// The supported range, years 0001 to 9999: wide enough for any work order, and far from the
// limits of date's 16-bit years and of int64 milliseconds.
const std::int64_t first_supported_ms = days_from_civil(1, 1, 1) * ms_per_day;
const std::int64_t end_supported_ms = days_from_civil(10000, 1, 1) * ms_per_day;

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor < 0) ? quotient - 1 : quotient;
}

/// c_encoding of the weekday of a day count (1970-01-01 was a Thursday).
unsigned weekday_index(std::int64_t day) {
    const std::int64_t since_sunday = day + 4;
    return static_cast<unsigned>(since_sunday - floor_div(since_sunday, 7) * 7);
}

std::int64_t day_number(std::chrono::year_month_day date) {
    return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::chrono::year_month_day date_of(std::int64_t day) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

// ---------------------------------------------------------------------------------------------
// Texts for error messages.

const char* weekday_name(unsigned index) {
    static constexpr const char* names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                            "thursday", "friday", "saturday"};
    return index < 7 ? names[index] : "weekday";
}

const char* month_name(std::chrono::month month) {
    static constexpr const char* names[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
    const unsigned index = static_cast<unsigned>(month);
    return index >= 1 && index <= 12 ? names[index - 1] : "month";
}

/// "08:30" for 510 minutes; out-of-range values print as they are ("25:00", "-00:30").
std::string clock_text(std::chrono::minutes time) {
    const long long total = time.count();
    const long long magnitude = total < 0 ? -total : total;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%02lld:%02lld", total < 0 ? "-" : "", magnitude / 60,
                  magnitude % 60);
    return buffer;
}

std::string range_text(std::chrono::minutes from, std::chrono::minutes to) {
    return clock_text(from) + "-" + clock_text(to);
}

/// "2026-02-30": the fields as given, also for a date that does not exist.
std::string date_text(std::chrono::year_month_day date) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string ordinal(unsigned n) {
    const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                         : n % 10 == 1                    ? "st"
                         : n % 10 == 2                    ? "nd"
                         : n % 10 == 3                    ? "rd"
                                                          : "th";
    return std::to_string(n) + suffix;
}

// ---------------------------------------------------------------------------------------------
// Validation: each check returns the first problem as a message, or nothing.

using Problem = std::optional<std::string>;

Problem check_day_hours(unsigned weekday, const std::vector<Shift>& shifts) {
    const std::string day = weekday_name(weekday);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        const Shift& shift = shifts[i];
        const std::string text = range_text(shift.open, shift.close);
        if (shift.open < std::chrono::minutes{0} || shift.close > std::chrono::hours{24}) {
            return day + ": shift " + text + " is outside 00:00-24:00";
        }
        if (shift.close <= shift.open) {
            return day + ": shift " + text + " must close after it opens";
        }
        if (i == 0) {
            continue;
        }
        const Shift& previous = shifts[i - 1];
        const std::string previous_text = range_text(previous.open, previous.close);
        if (shift.open < previous.open) {
            return day + ": shift " + text + " must be listed before " + previous_text;
        }
        if (shift.open < previous.close) {
            return day + ": shifts " + previous_text + " and " + text + " overlap";
        }
    }
    return std::nullopt;
}

Problem check_yearly_holiday(const YearlyHoliday& rule) {
    const std::string prefix = "yearly holiday: ";
    if (const auto* fixed = std::get_if<std::chrono::month_day>(&rule)) {
        if (!fixed->month().ok()) {
            return prefix + "month " + std::to_string(static_cast<unsigned>(fixed->month())) +
                   " does not exist";
        }
        if (!fixed->ok()) {
            return prefix + month_name(fixed->month()) + " " +
                   std::to_string(static_cast<unsigned>(fixed->day())) + " does not exist";
        }
        return std::nullopt;
    }
    const std::chrono::month month = std::holds_alternative<std::chrono::month_weekday>(rule)
                                         ? std::get<std::chrono::month_weekday>(rule).month()
                                         : std::get<std::chrono::month_weekday_last>(rule).month();
    const std::chrono::weekday weekday =
        std::holds_alternative<std::chrono::month_weekday>(rule)
            ? std::get<std::chrono::month_weekday>(rule).weekday_indexed().weekday()
            : std::get<std::chrono::month_weekday_last>(rule).weekday_last().weekday();
    if (!month.ok()) {
        return prefix + "month " + std::to_string(static_cast<unsigned>(month)) + " does not exist";
    }
    if (!weekday.ok()) {
        return prefix + "weekday " + std::to_string(weekday.c_encoding()) + " does not exist";
    }
    if (const auto* nth = std::get_if<std::chrono::month_weekday>(&rule)) {
        const unsigned index = nth->weekday_indexed().index();
        const std::string what = "the " + ordinal(index) + " " +
                                 weekday_name(weekday.c_encoding()) + " of " + month_name(month);
        if (index == 5) {
            return prefix + what + " does not occur every year; use the last " +
                   weekday_name(weekday.c_encoding());
        }
        if (index < 1 || index > 5) {
            return prefix + what + " does not exist";
        }
    }
    return std::nullopt;
}

Problem check_closure(const Closure& closure) {
    const std::string prefix = "closure on " + date_text(closure.date) + ": ";
    if (!closure.date.ok()) {
        return "closure on " + date_text(closure.date) + ": not a valid date";
    }
    const std::string text = range_text(closure.from, closure.to);
    if (closure.from < std::chrono::minutes{0} || closure.to > std::chrono::hours{24}) {
        return prefix + text + " is outside 00:00-24:00";
    }
    if (closure.to <= closure.from) {
        return prefix + text + " must end after it starts";
    }
    return std::nullopt;
}

Problem check_spec(const CalendarSpec& spec) {
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        if (Problem problem = check_day_hours(weekday, spec.weekly[weekday])) {
            return problem;
        }
    }
    for (const auto& holiday : spec.holidays) {
        if (!holiday.ok()) {
            return "holiday " + date_text(holiday) + " is not a valid date";
        }
    }
    for (const auto& rule : spec.yearly_holidays) {
        if (Problem problem = check_yearly_holiday(rule)) {
            return problem;
        }
    }
    for (const auto& closure : spec.closures) {
        if (Problem problem = check_closure(closure)) {
            return problem;
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Building the compiled form.

/// A day's shifts in milliseconds, touching shifts merged into one opening.
std::vector<LocalInterval> to_intervals(const std::vector<Shift>& shifts) {
    std::vector<LocalInterval> intervals;
    for (const Shift& shift : shifts) {
        const std::int64_t begin = shift.open.count() * ms_per_minute;
        const std::int64_t end = shift.close.count() * ms_per_minute;
        if (!intervals.empty() && intervals.back().end == begin) {
            intervals.back().end = end;
        } else {
            intervals.push_back({begin, end});
        }
    }
    return intervals;
}

/// The intervals minus the closed range [closed_begin, closed_end).
std::vector<LocalInterval> subtract(const std::vector<LocalInterval>& intervals,
                                    std::int64_t closed_begin, std::int64_t closed_end) {
    std::vector<LocalInterval> rest;
    for (const LocalInterval& interval : intervals) {
        if (interval.begin < closed_begin) {
            rest.push_back({interval.begin, std::min(interval.end, closed_begin)});
        }
        if (interval.end > closed_end) {
            rest.push_back({std::max(interval.begin, closed_end), interval.end});
        }
    }
    return rest;
}

struct ClosedRange {
    std::int64_t day;
    std::int64_t begin;
    std::int64_t end;
};

/// Every holiday and closure date with its remaining opening, sorted by day.
std::vector<SpecialDay> special_days_of(const CalendarSpec& spec,
                                        const std::array<std::vector<LocalInterval>, 7>& weekly) {
    std::vector<ClosedRange> closed;
    for (const auto& holiday : spec.holidays) {
        closed.push_back({day_number(holiday), 0, ms_per_day});
    }
    for (const auto& closure : spec.closures) {
        closed.push_back({day_number(closure.date), closure.from.count() * ms_per_minute,
                          closure.to.count() * ms_per_minute});
    }
    std::sort(closed.begin(), closed.end(),
              [](const ClosedRange& a, const ClosedRange& b) { return a.day < b.day; });
    std::vector<SpecialDay> days;
    for (const ClosedRange& range : closed) {
        if (days.empty() || days.back().day != range.day) {
            days.push_back({range.day, weekly[weekday_index(range.day)]});
        }
        days.back().open = subtract(days.back().open, range.begin, range.end);
    }
    return days;
}

bool is_open_all_day(const std::vector<LocalInterval>& intervals) {
    return intervals.size() == 1 && intervals[0].begin == 0 && intervals[0].end == ms_per_day;
}

// ---------------------------------------------------------------------------------------------
// Holidays and the opening of a local date.

/// The day on which a yearly rule falls in `year`, if it does (February 29 skips most years).
std::optional<std::int64_t> occurrence(const YearlyHoliday& rule, std::chrono::year year) {
    if (const auto* fixed = std::get_if<std::chrono::month_day>(&rule)) {
        const std::chrono::year_month_day date = year / fixed->month() / fixed->day();
        return date.ok() ? std::optional{day_number(date)} : std::nullopt;
    }
    if (const auto* nth = std::get_if<std::chrono::month_weekday>(&rule)) {
        const std::chrono::sys_days date{year / nth->month() / nth->weekday_indexed()};
        return date.time_since_epoch().count();
    }
    const auto& last = std::get<std::chrono::month_weekday_last>(rule);
    const std::chrono::sys_days date{year / last.month() / last.weekday_last()};
    return date.time_since_epoch().count();
}

std::chrono::month month_of(const YearlyHoliday& rule) {
    if (const auto* fixed = std::get_if<std::chrono::month_day>(&rule)) {
        return fixed->month();
    }
    if (const auto* nth = std::get_if<std::chrono::month_weekday>(&rule)) {
        return nth->month();
    }
    return std::get<std::chrono::month_weekday_last>(rule).month();
}

bool is_yearly_holiday(const CalendarData& calendar, std::int64_t day) {
    if (calendar.yearly_holidays.empty()) {
        return false;
    }
    const std::chrono::year_month_day date = date_of(day);
    for (const YearlyHoliday& rule : calendar.yearly_holidays) {
        if (month_of(rule) == date.month() && occurrence(rule, date.year()) == day) {
            return true;
        }
    }
    return false;
}

std::span<const LocalInterval> opening_of(const CalendarData& calendar, std::int64_t day) {
    const auto& weekly = calendar.weekly[weekday_index(day)];
    if (weekly.empty()) {
        return {}; // holidays and closures only take opening away: a closed weekday stays closed
    }
    if (is_yearly_holiday(calendar, day)) {
        return {};
    }
    const auto& special = calendar.special_days;
    const auto found =
        std::lower_bound(special.begin(), special.end(), day,
                         [](const SpecialDay& s, std::int64_t d) { return s.day < d; });
    if (found != special.end() && found->day == day) {
        return found->open;
    }
    return weekly;
}

/// The first day at or after `day` that is a holiday or has a closure (no_limit when none).
std::int64_t next_special_day(const CalendarData& calendar, std::int64_t day) {
    std::int64_t next = no_limit;
    const auto& special = calendar.special_days;
    const auto found =
        std::lower_bound(special.begin(), special.end(), day,
                         [](const SpecialDay& s, std::int64_t d) { return s.day < d; });
    if (found != special.end()) {
        next = found->day;
    }
    const std::chrono::year year = date_of(day).year();
    for (const YearlyHoliday& rule : calendar.yearly_holidays) {
        // Eight years always hold a February 29.
        for (int ahead = 0; ahead <= 8; ++ahead) {
            const auto when = occurrence(rule, year + std::chrono::years{ahead});
            if (when && *when >= day) {
                next = std::min(next, *when);
                break;
            }
        }
    }
    return next;
}

// ---------------------------------------------------------------------------------------------
// Walking the open time.

/// A stretch of time with one UTC offset: [now, end) has local time = UTC + offset.
struct Segment {
    std::int64_t offset;
    std::int64_t end;
};

Segment segment_at(const CalendarData& calendar, std::int64_t t) {
    const date::sys_info info = calendar.zone->get_info(date::floor<std::chrono::seconds>(
        date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{t}}));
    return {
        std::chrono::milliseconds{info.offset}.count(),
        std::chrono::duration_cast<std::chrono::milliseconds>(info.end.time_since_epoch()).count()};
}

/// A walk through the open time after an instant, in order. It stops when `budget` of open
/// time has elapsed (budget 0: at the first open instant), at a limit, or when no opening time
/// shows for too long. Between mode walks with budget no_limit and only sums.
class OpenTimeWalk {
public:
    OpenTimeWalk(const CalendarData& calendar, std::int64_t from, std::int64_t budget)
        : calendar_(calendar), now_(from), last_open_(from), budget_(budget) {}

    /// Walks until `until`; no opening time for `idle_limit` ends the walk early.
    void run(std::int64_t until, std::int64_t idle_limit) {
        while (now_ < until && !reached_) {
            const Segment segment = segment_at(calendar_, now_);
            const std::int64_t segment_end = std::min(segment.end, until);
            if (!walk_segment(segment.offset, segment_end, idle_limit)) {
                return;
            }
            // The last local day may reach past the segment; its rest belongs to the next one.
            now_ = segment_end;
        }
    }

    /// Where the budget ran out, if it did.
    std::optional<std::int64_t> reached() const { return reached_; }

    /// The open time met on the way (up to the budget).
    std::int64_t used() const { return used_; }

private:
    /// Walks the local days of one constant-offset segment up to `segment_end`; false when the
    /// walk gave up (idle too long).
    bool walk_segment(std::int64_t offset, std::int64_t segment_end, std::int64_t idle_limit) {
        std::int64_t day = floor_div(now_ + offset, ms_per_day);
        for (std::int64_t day_start = day * ms_per_day - offset; day_start < segment_end;
             ++day, day_start += ms_per_day) {
            if (day_start - last_open_ > idle_limit) {
                return false;
            }
            if (now_ <= day_start) {
                const std::int64_t skipped = skip_regular_weeks(day, day_start, segment_end);
                day += skipped;
                day_start += skipped * ms_per_day;
                if (day_start >= segment_end) {
                    break;
                }
            }
            if (walk_day(day, day_start, segment_end)) {
                return true;
            }
        }
        return true;
    }

    /// Counts whole regular weeks (no holiday or closure) from local day `day`, which starts at
    /// `day_start` and must not have begun yet, in one step: as many as end by `limit` and hold
    /// less open time than the budget (strictly less, so the instant that uses the budget up is
    /// found by walk_day). Returns the number of days skipped.
    std::int64_t skip_regular_weeks(std::int64_t day, std::int64_t day_start, std::int64_t limit) {
        const std::int64_t weekly = calendar_.weekly_ms;
        if (weekly == 0 || budget_ <= weekly || limit - day_start < ms_per_week) {
            return 0;
        }
        std::int64_t weeks = (limit - day_start) / ms_per_week;
        if (budget_ != no_limit) {
            weeks = std::min(weeks, (budget_ - 1) / weekly);
        }
        const std::int64_t special = next_special_day(calendar_, day);
        if (special != no_limit) {
            weeks = std::min(weeks, (special - day) / 7);
        }
        if (weeks > 0) {
            consume(weeks * weekly);
            now_ = last_open_ = day_start + weeks * ms_per_week;
        }
        return 7 * weeks;
    }

    /// Consumes the opening of local day `day` (starting at `day_start`) that lies in
    /// [now, limit); true when the budget ran out in it.
    bool walk_day(std::int64_t day, std::int64_t day_start, std::int64_t limit) {
        for (const LocalInterval& interval : opening_of(calendar_, day)) {
            const std::int64_t begin = std::max(now_, day_start + interval.begin);
            const std::int64_t end = std::min(limit, day_start + interval.end);
            if (begin >= end) {
                continue;
            }
            if (end - begin >= budget_) {
                reached_ = begin + budget_;
                consume(budget_);
                return true;
            }
            consume(end - begin);
            last_open_ = end;
        }
        now_ = std::max(now_, day_start + ms_per_day);
        return false;
    }

    void consume(std::int64_t amount) {
        used_ += amount;
        if (budget_ != no_limit) {
            budget_ -= amount;
        }
    }

    const CalendarData& calendar_;
    std::int64_t now_;       ///< everything before it has been walked
    std::int64_t last_open_; ///< the end of the last open time met (or the start)
    std::int64_t budget_;
    std::int64_t used_ = 0;
    std::optional<std::int64_t> reached_;
};

bool in_supported_range(std::int64_t t) {
    return t >= first_supported_ms && t < end_supported_ms;
}

Instant to_instant(std::int64_t ms) {
    return Instant{std::chrono::milliseconds{ms}};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Public API.

void CalendarSpec::set_hours(std::chrono::weekday first, std::chrono::weekday last,
                             const std::vector<Shift>& shifts) {
    for (std::chrono::weekday day = first;; ++day) {
        weekly[day.c_encoding()] = shifts;
        if (day == last) {
            break;
        }
    }
}

BusinessCalendar::BusinessCalendar(std::shared_ptr<const detail::CalendarData> data)
    : data_(std::move(data)) {}

CalendarResult BusinessCalendar::create(CalendarSpec spec) {
    CalendarResult result;
    if (spec.time_zone.empty()) {
        result.error = "missing time zone";
        return result;
    }
    if (Problem problem = check_spec(spec)) {
        result.error = std::move(*problem);
        return result;
    }
    auto data = std::make_shared<CalendarData>();
    data->zone = detail::ZoneRules::locate(spec.time_zone);
    if (!data->zone) {
        result.error = "unknown time zone \"" + spec.time_zone + "\"";
        return result;
    }
    data->zone_name = std::move(spec.time_zone);
    bool open_all_week = true;
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        data->weekly[weekday] = to_intervals(spec.weekly[weekday]);
        for (const LocalInterval& interval : data->weekly[weekday]) {
            data->weekly_ms += interval.end - interval.begin;
        }
        open_all_week = open_all_week && is_open_all_day(data->weekly[weekday]);
    }
    data->special_days = special_days_of(spec, data->weekly);
    data->yearly_holidays = std::move(spec.yearly_holidays);
    data->always_open =
        open_all_week && data->special_days.empty() && data->yearly_holidays.empty();
    result.calendar = BusinessCalendar(std::move(data));
    return result;
}

const std::string& BusinessCalendar::time_zone() const {
    return data_->zone_name;
}

Duration BusinessCalendar::weekly_hours() const {
    return Duration{data_->weekly_ms};
}

Duration BusinessCalendar::business_day() const {
    std::int64_t open_days = 0;
    for (const auto& day : data_->weekly) {
        open_days += day.empty() ? 0 : 1;
    }
    return Duration{open_days == 0 ? 0 : data_->weekly_ms / open_days};
}

bool BusinessCalendar::is_always_open() const {
    return data_->always_open;
}

bool is_open(const BusinessCalendar& calendar, Instant t) {
    const CalendarData& data = calendar.data();
    const std::int64_t ms = t.time_since_epoch().count();
    if (!in_supported_range(ms)) {
        return false;
    }
    if (data.always_open) {
        return true;
    }
    const std::int64_t local = ms + segment_at(data, ms).offset;
    const std::int64_t day = floor_div(local, ms_per_day);
    const std::int64_t time_of_day = local - day * ms_per_day;
    for (const LocalInterval& interval : opening_of(data, day)) {
        if (time_of_day >= interval.begin && time_of_day < interval.end) {
            return true;
        }
    }
    return false;
}

std::optional<Instant> next_open(const BusinessCalendar& calendar, Instant t) {
    return add_business(calendar, t, Duration{0});
}

std::optional<Instant> add_business(const BusinessCalendar& calendar, Instant t, Duration d) {
    const CalendarData& data = calendar.data();
    const std::int64_t from = t.time_since_epoch().count();
    const std::int64_t budget = d.count();
    if (budget < 0 || !in_supported_range(from) || data.weekly_ms == 0) {
        return std::nullopt;
    }
    if (data.always_open) {
        if (budget >= end_supported_ms - from) {
            return std::nullopt;
        }
        return to_instant(from + budget);
    }
    OpenTimeWalk walk(data, from, budget);
    walk.run(end_supported_ms, max_closed_span.count());
    if (!walk.reached()) {
        return std::nullopt;
    }
    return to_instant(*walk.reached());
}

Duration business_between(const BusinessCalendar& calendar, Instant a, Instant b) {
    const CalendarData& data = calendar.data();
    const std::int64_t from = std::max(a.time_since_epoch().count(), first_supported_ms);
    const std::int64_t until = std::min(b.time_since_epoch().count(), end_supported_ms);
    if (until <= from || data.weekly_ms == 0) {
        return Duration{0};
    }
    if (data.always_open) {
        return Duration{until - from};
    }
    OpenTimeWalk walk(data, from, no_limit);
    walk.run(until, no_limit);
    return Duration{walk.used()};
}

} // namespace millwright::stdlib
