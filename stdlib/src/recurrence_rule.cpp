// Period arithmetic and day selection for recurrence rules (RFC 5545 section 3.3.10). Every BY
// part is kept as a bit set, so testing a day against the rule is a handful of integer
// operations; the "expand" and "limit" columns of the RFC's table both come down to "the days of
// the period that every part admits", once DTSTART's defaults are filled in. The ordinal of a
// numbered BYDAY counts in the month (monthly rules, yearly ones with BYMONTH) or the year.
#include "recurrence_rule.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <numeric>

namespace millwright::stdlib::detail {

namespace {

// Calendar conversions through std::chrono, whose 32-bit day arithmetic is exact far beyond the
// years 0001 to 9999 this file works in (and cheaper than 128-bit arithmetic in a hot loop).
std::int64_t day_number(std::int64_t year, unsigned month, unsigned day) {
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                           std::chrono::month{month}, std::chrono::day{day}};
    return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::chrono::year_month_day date_of(std::int64_t day) {
    return std::chrono::year_month_day{
        std::chrono::sys_days{std::chrono::days{static_cast<int>(day)}}};
}

constexpr std::int64_t last_year = 9999;
// Local date-times from the year 10000 on are never generated.
const LocalSeconds end_local = day_number(last_year + 1, 1, 1) * seconds_per_day;
const std::int64_t last_day = day_number(last_year, 12, 31);

// The Gregorian calendar repeats after 400 years: 4800 months, 20871 weeks, 146097 days.
constexpr std::int64_t cycle_years = gregorian_cycle_years;
constexpr std::int64_t cycle_months = 12 * cycle_years;
constexpr std::int64_t cycle_days = 146097;
constexpr std::int64_t cycle_weeks = cycle_days / 7;

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor < 0) ? quotient - 1 : quotient;
}

std::int64_t floor_mod(std::int64_t value, std::int64_t divisor) {
    return value - floor_div(value, divisor) * divisor;
}

std::int64_t ceil_div(std::int64_t value, std::int64_t divisor) {
    return -floor_div(-value, divisor);
}

bool is_leap(std::int64_t year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned month_length(std::int64_t year, unsigned month) {
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

unsigned weekday_of(std::int64_t day) {
    return static_cast<unsigned>(floor_mod(day + 4, 7)); // 1970-01-01 was a Thursday
}

/// The first day of week 1 of `year`: weeks start on `week_start`, and week 1 is the first
/// with at least four days in the year, i.e. the one holding 4 January.
std::int64_t first_week_start(std::int64_t year, unsigned week_start) {
    const std::int64_t january_4 = day_number(year, 1, 4);
    return january_4 - floor_mod(static_cast<std::int64_t>(weekday_of(january_4)) - week_start, 7);
}

std::uint64_t bit(int n) {
    return std::uint64_t{1} << n;
}

/// The length of one period in seconds, for frequencies shorter than a day.
std::int64_t unit_seconds(RecurrenceFrequency frequency) {
    switch (frequency) {
    case RecurrenceFrequency::hourly:
        return 3600;
    case RecurrenceFrequency::minutely:
        return 60;
    default:
        return 1;
    }
}

/// An interval so large that period 1 lies past the year 9999 behaves like any larger one;
/// clamping it keeps the period arithmetic far from overflow.
std::int64_t clamped_interval(RecurrenceFrequency frequency, std::int64_t interval) {
    std::int64_t cap = 0;
    switch (frequency) {
    case RecurrenceFrequency::yearly:
        cap = last_year + 1;
        break;
    case RecurrenceFrequency::monthly:
        cap = 12 * (last_year + 1);
        break;
    case RecurrenceFrequency::weekly:
        cap = cycle_weeks * 26;
        break;
    case RecurrenceFrequency::daily:
        cap = cycle_days * 26;
        break;
    default:
        cap = cycle_days * 26 * seconds_per_day / unit_seconds(frequency);
    }
    return std::min(interval, cap);
}

/// Whether a day part lists nothing (so DTSTART may fill it in).
bool no_day_parts(const RecurrenceSpec& spec) {
    return spec.by_week_no.empty() && spec.by_year_day.empty() && spec.by_month_day.empty() &&
           spec.by_day.empty();
}

DaySelection select_days(const RecurrenceSpec& spec, const DayFacts& start) {
    DaySelection days;
    days.week_start = spec.week_start.c_encoding();
    std::vector<int> months = spec.by_month;
    std::vector<int> month_days = spec.by_month_day;
    std::vector<RecurrenceWeekday> weekdays = spec.by_day;
    const auto start_weekday = std::chrono::weekday{start.weekday};
    // What DTSTART supplies (RFC 5545: information not in the rule comes from DTSTART).
    switch (spec.frequency) {
    case RecurrenceFrequency::yearly:
        if (!spec.by_week_no.empty() && spec.by_year_day.empty() && spec.by_month_day.empty() &&
            spec.by_day.empty()) {
            weekdays = {{start_weekday, 0}};
        } else if (no_day_parts(spec)) {
            if (months.empty()) {
                months = {static_cast<int>(start.month)};
            }
            month_days = {static_cast<int>(start.month_day)};
        }
        break;
    case RecurrenceFrequency::monthly:
        if (spec.by_month_day.empty() && spec.by_day.empty()) {
            month_days = {static_cast<int>(start.month_day)};
        }
        break;
    case RecurrenceFrequency::weekly:
        if (spec.by_day.empty()) {
            weekdays = {{start_weekday, 0}};
        }
        break;
    default:
        break;
    }
    for (const int month : months) {
        days.months |= static_cast<std::uint32_t>(bit(month));
    }
    for (const int day : month_days) {
        if (day > 0) {
            days.month_days |= static_cast<std::uint32_t>(bit(day));
            days.largest_month_day = std::max(days.largest_month_day, static_cast<unsigned>(day));
        } else {
            days.month_days_from_end |= static_cast<std::uint32_t>(bit(-day));
        }
    }
    for (const int day : spec.by_year_day) {
        (day > 0 ? days.year_days : days.year_days_from_end)
            .set(static_cast<std::size_t>(std::abs(day)));
    }
    for (const int week : spec.by_week_no) {
        (week > 0 ? days.week_nos : days.week_nos_from_end) |= bit(std::abs(week));
    }
    for (const RecurrenceWeekday& entry : weekdays) {
        if (entry.ordinal == 0) {
            days.weekdays |=
                static_cast<std::uint32_t>(bit(static_cast<int>(entry.weekday.c_encoding())));
        } else {
            days.nth_weekdays.push_back(entry);
        }
    }
    days.by_month_day = !month_days.empty();
    days.by_year_day = !spec.by_year_day.empty();
    days.by_week_no = !spec.by_week_no.empty();
    days.by_weekday = !weekdays.empty();
    days.nth_in_year = spec.frequency == RecurrenceFrequency::yearly && spec.by_month.empty();
    return days;
}

/// The candidate values of a time field: the BY list sorted and unique, or DTSTART's value.
std::vector<int> values_or(const std::vector<int>& listed, int from_start) {
    std::vector<int> values = listed.empty() ? std::vector<int>{from_start} : listed;
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    values.erase(std::remove(values.begin(), values.end(), 60), values.end()); // leap second
    return values;
}

std::uint64_t bits_of(const std::vector<int>& values) {
    std::uint64_t bits = 0;
    for (const int value : values) {
        bits |= bit(value);
    }
    return bits;
}

/// The lowest set bit at or above `from` (below `end`, at most 64), or `end` when there is none.
int next_bit(std::uint64_t bits, int from, int end) {
    const std::uint64_t above = from < 64 ? bits & (~std::uint64_t{0} << from) : 0;
    return above == 0 ? end : std::min(end, std::countr_zero(above));
}

} // namespace

DayFacts facts_of(std::int64_t day) {
    const std::chrono::year_month_day date = date_of(day);
    DayFacts facts{};
    facts.day = day;
    facts.year = static_cast<int>(date.year());
    facts.month = static_cast<unsigned>(date.month());
    facts.month_day = static_cast<unsigned>(date.day());
    facts.weekday = weekday_of(day);
    facts.year_day = static_cast<unsigned>(day - day_number(facts.year, 1, 1) + 1);
    facts.month_length = month_length(facts.year, facts.month);
    facts.year_length = date.year().is_leap() ? 366 : 365;
    return facts;
}

bool DaySelection::matches(const DayFacts& day) const {
    if (by_month_day && !(month_days >> day.month_day & 1u) &&
        !(month_days_from_end >> (day.month_length - day.month_day + 1) & 1u)) {
        return false;
    }
    return matches_as_replacement(day);
}

bool DaySelection::matches_as_replacement(const DayFacts& day) const {
    if (by_year_day && !year_days.test(day.year_day) &&
        !year_days_from_end.test(day.year_length - day.year_day + 1)) {
        return false;
    }
    if (by_week_no && !matches_week_no(day)) {
        return false;
    }
    return !by_weekday || matches_weekday(day);
}

bool DaySelection::matches_weekday(const DayFacts& day) const {
    if (weekdays >> day.weekday & 1u) {
        return true;
    }
    const unsigned position = nth_in_year ? day.year_day : day.month_day;
    const unsigned length = nth_in_year ? day.year_length : day.month_length;
    for (const RecurrenceWeekday& entry : nth_weekdays) {
        if (entry.weekday.c_encoding() != day.weekday) {
            continue;
        }
        const int nth = entry.ordinal > 0 ? static_cast<int>((position - 1) / 7 + 1)
                                          : -static_cast<int>((length - position) / 7 + 1);
        if (nth == entry.ordinal) {
            return true;
        }
    }
    return false;
}

bool DaySelection::matches_week_no(const DayFacts& day) const {
    // The week holding the day belongs to the year that holds its fourth day.
    const std::int64_t week_begin =
        day.day - floor_mod(static_cast<std::int64_t>(day.weekday) - week_start, 7);
    std::int64_t week_year = day.year;
    if (week_begin < first_week_start(week_year, week_start)) {
        --week_year;
    } else if (week_begin >= first_week_start(week_year + 1, week_start)) {
        ++week_year;
    }
    const std::int64_t first = first_week_start(week_year, week_start);
    const int week = static_cast<int>((week_begin - first) / 7 + 1);
    const int weeks = static_cast<int>((first_week_start(week_year + 1, week_start) - first) / 7);
    return (week_nos >> week & 1u) || (week_nos_from_end >> (weeks - week + 1) & 1u);
}

RecurrenceRule::RecurrenceRule(const RecurrenceSpec& spec)
    : frequency_(spec.frequency), interval_(clamped_interval(spec.frequency, spec.interval)),
      missing_day_(spec.missing_day), start_(spec.start.time_since_epoch().count()) {
    const std::int64_t start_day = floor_div(start_, seconds_per_day);
    const int start_time = static_cast<int>(start_ - start_day * seconds_per_day);
    const DayFacts start = facts_of(start_day);
    days_ = select_days(spec, start);
    set_positions_ = spec.by_set_pos;

    const std::vector<int> minutes = values_or(spec.by_minute, start_time / 60 % 60);
    const std::vector<int> seconds = values_or(spec.by_second, start_time % 60);
    const std::int64_t unit = unit_seconds(frequency_);
    switch (frequency_) {
    case RecurrenceFrequency::yearly:
        origin_ = start.year;
        last_period_ = (last_year - origin_) / interval_;
        horizon_ = (cycle_years / std::gcd(interval_, cycle_years) + 1) * interval_ * 366;
        break;
    case RecurrenceFrequency::monthly:
        origin_ = start.year * 12 + start.month - 1;
        last_period_ = (last_year * 12 + 11 - origin_) / interval_;
        horizon_ = (cycle_months / std::gcd(interval_, cycle_months) + 1) * interval_ * 31;
        break;
    case RecurrenceFrequency::weekly:
        origin_ =
            start_day -
            floor_mod(static_cast<std::int64_t>(start.weekday) - spec.week_start.c_encoding(), 7);
        last_period_ = (last_day - origin_) / (7 * interval_);
        horizon_ = (cycle_weeks / std::gcd(interval_, cycle_weeks) + 1) * interval_ * 7;
        break;
    case RecurrenceFrequency::daily:
        origin_ = start_day;
        last_period_ = (last_day - origin_) / interval_;
        horizon_ = (cycle_days / std::gcd(interval_, cycle_days) + 1) * interval_;
        break;
    default:
        origin_ = floor_div(start_, unit) * unit;
        step_ = interval_ * unit;
        last_period_ = (end_local - 1 - origin_) / step_;
        // 400 years of days, or two periods when a period is longer (an INTERVAL of millions
        // of hours): the search must reach the next period to find its occurrence, as a
        // cursor's walk does. Found by fuzzing (issue 13).
        horizon_ = std::max<std::int64_t>(cycle_days + 1,
                                          (2 * step_ + seconds_per_day - 1) / seconds_per_day);
    }
    horizon_ *= seconds_per_day;

    if (!is_sub_daily()) {
        for (const int hour : values_or(spec.by_hour, start_time / 3600)) {
            for (const int minute : minutes) {
                for (const int second : seconds) {
                    day_times_.push_back(hour * 3600 + minute * 60 + second);
                }
            }
        }
        // No period holds more candidates than its days times the times of day, so positions
        // all beyond that select nothing, ever (a daily rule with BYSETPOS=2 and one time).
        const std::int64_t most_days = frequency_ == RecurrenceFrequency::yearly    ? 366
                                       : frequency_ == RecurrenceFrequency::monthly ? 31
                                       : frequency_ == RecurrenceFrequency::weekly  ? 7
                                                                                    : 1;
        const auto most = most_days * static_cast<std::int64_t>(day_times_.size());
        const bool positions_reach =
            set_positions_.empty() ||
            std::any_of(set_positions_.begin(), set_positions_.end(),
                        [&](int position) { return std::abs(position) <= most; });
        never_ = day_times_.empty() || !positions_reach;
        return;
    }
    // Hourly and shorter: BYHOUR (and BYMINUTE, BYSECOND for the shorter ones) limit which
    // periods count; the finer fields expand inside a period, where BYSETPOS picks.
    hours_ = static_cast<std::uint32_t>(bits_of(spec.by_hour));
    if (frequency_ == RecurrenceFrequency::hourly) {
        for (const int minute : minutes) {
            for (const int second : seconds) {
                period_offsets_.push_back(minute * 60 + second);
            }
        }
    } else {
        minutes_ = bits_of(spec.by_minute);
        if (frequency_ == RecurrenceFrequency::minutely) {
            period_offsets_ = seconds;
        } else {
            if (!spec.by_second.empty()) {
                seconds_ = bits_of(seconds); // without 60: a leap second never occurs
                never_ = seconds_ == 0;
            }
            period_offsets_ = {0};
        }
    }
    std::vector<LocalSeconds> offsets(period_offsets_.begin(), period_offsets_.end());
    select_positions(offsets);
    period_offsets_.assign(offsets.begin(), offsets.end());
    never_ = never_ || period_offsets_.empty();
}

LocalSeconds RecurrenceRule::period_start(std::int64_t k) const {
    switch (frequency_) {
    case RecurrenceFrequency::yearly:
        return day_number(origin_ + k * interval_, 1, 1) * seconds_per_day;
    case RecurrenceFrequency::monthly: {
        const std::int64_t month = origin_ + k * interval_;
        const std::int64_t year = floor_div(month, 12);
        return day_number(year, static_cast<unsigned>(month - year * 12 + 1), 1) * seconds_per_day;
    }
    case RecurrenceFrequency::weekly:
        return (origin_ + 7 * k * interval_) * seconds_per_day;
    case RecurrenceFrequency::daily:
        return (origin_ + k * interval_) * seconds_per_day;
    default:
        return origin_ + k * step_;
    }
}

std::int64_t RecurrenceRule::first_period_reaching(LocalSeconds local) const {
    if (local >= end_local) {
        return last_period_ + 1;
    }
    if (local <= start_) {
        return 0;
    }
    // A missing day moved forward lands on the first day of the next month.
    if (frequency_ == RecurrenceFrequency::monthly && missing_day_ == RecurrenceSkip::forward) {
        local -= seconds_per_day;
    }
    return std::clamp<std::int64_t>(first_period_from(local), 0, last_period_ + 1);
}

std::int64_t RecurrenceRule::first_period_from(LocalSeconds local) const {
    const std::int64_t day = floor_div(local, seconds_per_day);
    switch (frequency_) {
    case RecurrenceFrequency::yearly:
        return floor_div(static_cast<int>(date_of(day).year()) - origin_, interval_);
    case RecurrenceFrequency::monthly: {
        const std::chrono::year_month_day date = date_of(day);
        return floor_div(static_cast<int>(date.year()) * 12 + static_cast<unsigned>(date.month()) -
                             1 - origin_,
                         interval_);
    }
    case RecurrenceFrequency::weekly:
        return floor_div(day - origin_, 7 * interval_);
    case RecurrenceFrequency::daily:
        return floor_div(day - origin_, interval_);
    default:
        return floor_div(local - origin_, step_);
    }
}

std::int64_t RecurrenceRule::next_candidate(std::int64_t k, LocalSeconds limit,
                                            PeriodScratch& scratch) const {
    if (never_) {
        return last_period_ + 1;
    }
    if (is_sub_daily()) {
        return next_sub_daily_candidate(k, limit, scratch);
    }
    if (frequency_ == RecurrenceFrequency::daily && days_.months != 0) {
        return next_daily_candidate(k);
    }
    return k;
}

/// A daily rule with BYMONTH passes over the months it excludes in one step each.
std::int64_t RecurrenceRule::next_daily_candidate(std::int64_t k) const {
    while (k <= last_period_) {
        const std::chrono::year_month_day date = date_of(origin_ + k * interval_);
        unsigned month = static_cast<unsigned>(date.month());
        if (days_.has_month(month)) {
            return k;
        }
        std::int64_t year = static_cast<int>(date.year());
        do {
            if (++month > 12) {
                month = 1;
                ++year;
            }
        } while (!days_.has_month(month));
        k = std::max(k + 1, ceil_div(day_number(year, month, 1) - origin_, interval_));
    }
    return last_period_ + 1;
}

std::int64_t RecurrenceRule::first_sub_daily_period_at(LocalSeconds local) const {
    return ceil_div(local - origin_, step_);
}

std::int64_t RecurrenceRule::next_sub_daily_candidate(std::int64_t k, LocalSeconds limit,
                                                      PeriodScratch& scratch) const {
    while (k <= last_period_) {
        const LocalSeconds period = origin_ + k * step_;
        if (period > limit) {
            break;
        }
        const std::int64_t day = floor_div(period, seconds_per_day);
        const LocalSeconds midnight = day * seconds_per_day;
        const DayFacts facts = facts_of(day);
        if (!days_.has_month(facts.month) || !days_.matches(facts) ||
            !day_can_match(day, scratch)) {
            k = first_sub_daily_period_at(midnight + seconds_per_day);
            continue;
        }
        const int time_of_day = static_cast<int>(period - midnight);
        const int allowed = next_allowed_time(time_of_day);
        if (allowed == time_of_day) {
            return k;
        }
        k = first_sub_daily_period_at(midnight + allowed);
    }
    return last_period_ + 1;
}

/// The earliest time of day at or after `time_of_day` whose hour (and minute, second, for the
/// frequencies that limit them) the rule admits; a day's length when there is none.
int RecurrenceRule::next_allowed_time(int time_of_day) const {
    const std::uint64_t all = ~std::uint64_t{0};
    const std::uint64_t hours = hours_ ? hours_ : all;
    const std::uint64_t minutes = minutes_ ? minutes_ : all;
    const std::uint64_t seconds = seconds_ ? seconds_ : all;
    int hour = time_of_day / 3600;
    int minute = time_of_day / 60 % 60;
    int second = time_of_day % 60;
    while (true) {
        const int next_hour = next_bit(hours, hour, 24);
        if (next_hour == 24) {
            return static_cast<int>(seconds_per_day);
        }
        if (next_hour != hour) {
            hour = next_hour;
            minute = second = 0;
        }
        const int next_minute = next_bit(minutes, minute, 60);
        if (next_minute == 60) {
            ++hour;
            minute = second = 0;
            continue;
        }
        if (next_minute != minute) {
            minute = next_minute;
            second = 0;
        }
        const int next_second = next_bit(seconds, second, 60);
        if (next_second == 60) {
            ++minute;
            second = 0;
            if (minute == 60) {
                ++hour;
                minute = 0;
            }
            continue;
        }
        return hour * 3600 + minute * 60 + next_second;
    }
}

/// Whether any period of `day` falls on an admitted time. Periods sit at one offset from
/// midnight plus multiples of the step, so the answer is computed once per offset.
bool RecurrenceRule::day_can_match(std::int64_t day, PeriodScratch& scratch) const {
    const std::int64_t offset = floor_mod(origin_ - day * seconds_per_day, step_);
    if (offset >= seconds_per_day) {
        return false;
    }
    const auto known = scratch.day_offsets.find(offset);
    if (known != scratch.day_offsets.end()) {
        return known->second;
    }
    bool can_match = false;
    for (std::int64_t time = offset; time < seconds_per_day;) {
        const int allowed = next_allowed_time(static_cast<int>(time));
        if (allowed == time) {
            can_match = true;
            break;
        }
        time = offset + ceil_div(allowed - offset, step_) * step_;
    }
    scratch.day_offsets.emplace(offset, can_match);
    return can_match;
}

void RecurrenceRule::expand(std::int64_t k, PeriodScratch& scratch) const {
    std::vector<LocalSeconds>& times = scratch.times;
    times.clear();
    if (never_ || k < 0 || k > last_period_) {
        return;
    }
    if (is_sub_daily()) {
        expand_sub_daily(k, times);
    } else {
        collect_days(k, scratch.days);
        for (const std::int64_t day : scratch.days) {
            for (const int time : day_times_) {
                times.push_back(day * seconds_per_day + time);
            }
        }
        select_positions(times);
    }
    // Nothing before DTSTART (its period may begin earlier) and nothing past the year 9999.
    times.erase(times.begin(), std::lower_bound(times.begin(), times.end(), start_));
    times.erase(std::lower_bound(times.begin(), times.end(), end_local), times.end());
}

void RecurrenceRule::expand_sub_daily(std::int64_t k, std::vector<LocalSeconds>& times) const {
    const LocalSeconds period = origin_ + k * step_;
    const std::int64_t day = floor_div(period, seconds_per_day);
    const int time_of_day = static_cast<int>(period - day * seconds_per_day);
    const DayFacts facts = facts_of(day);
    if (!days_.has_month(facts.month) || !days_.matches(facts) ||
        next_allowed_time(time_of_day) != time_of_day) {
        return;
    }
    for (const int offset : period_offsets_) {
        times.push_back(period + offset);
    }
}

void RecurrenceRule::collect_days(std::int64_t k, std::vector<std::int64_t>& days) const {
    days.clear();
    switch (frequency_) {
    case RecurrenceFrequency::yearly: {
        const std::int64_t year = origin_ + k * interval_;
        for (unsigned month = 1; month <= 12; ++month) {
            if (days_.has_month(month)) {
                collect_month(year, month, days);
            }
        }
        break;
    }
    case RecurrenceFrequency::monthly: {
        const std::int64_t month = origin_ + k * interval_;
        const std::int64_t year = floor_div(month, 12);
        const auto month_of_year = static_cast<unsigned>(month - year * 12 + 1);
        if (days_.has_month(month_of_year)) {
            collect_month(year, month_of_year, days);
        }
        break;
    }
    case RecurrenceFrequency::weekly:
    case RecurrenceFrequency::daily: {
        const bool weekly = frequency_ == RecurrenceFrequency::weekly;
        const std::int64_t first = origin_ + (weekly ? 7 : 1) * k * interval_;
        for (std::int64_t day = first; day < first + (weekly ? 7 : 1); ++day) {
            const DayFacts facts = facts_of(day);
            if (days_.has_month(facts.month) && days_.matches(facts)) {
                days.push_back(day);
            }
        }
        return; // in order, each day once
        break;
    }
    default:
        break;
    }
    // Moved missing days may repeat a day or land after the next month's first days.
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
}

void RecurrenceRule::collect_month(std::int64_t year, unsigned month,
                                   std::vector<std::int64_t>& days) const {
    const std::int64_t first = day_number(year, month, 1);
    DayFacts facts = facts_of(first);
    const unsigned length = facts.month_length;
    for (unsigned day = 1; day <= length; ++day) {
        if (days_.matches(facts)) {
            days.push_back(facts.day);
        }
        ++facts.day;
        ++facts.month_day;
        ++facts.year_day;
        facts.weekday = (facts.weekday + 1) % 7;
    }
    // A day of the month this month lacks (the 31st of April): RFC 7529's SKIP.
    if (missing_day_ == RecurrenceSkip::omit || days_.largest_month_day <= length) {
        return;
    }
    const std::int64_t moved =
        missing_day_ == RecurrenceSkip::backward ? first + length - 1 : first + length;
    if (days_.matches_as_replacement(facts_of(moved))) {
        days.push_back(moved);
    }
}

void RecurrenceRule::select_positions(std::vector<LocalSeconds>& times) const {
    if (set_positions_.empty() || times.empty()) {
        return;
    }
    const auto size = static_cast<std::int64_t>(times.size());
    std::vector<LocalSeconds> chosen;
    for (const int position : set_positions_) {
        const std::int64_t index = position > 0 ? position - 1 : size + position;
        if (index >= 0 && index < size) {
            chosen.push_back(times[static_cast<std::size_t>(index)]);
        }
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    times = std::move(chosen);
}

} // namespace millwright::stdlib::detail
