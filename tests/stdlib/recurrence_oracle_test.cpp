// Recurrence expansion against a brute-force oracle. The oracle steps through the local days one
// by one (and through every time of day the rule's hour, minute and second parts allow), tests
// each local date-time against the rule as RFC 5545 section 3.3.10 defines it (membership in
// every BY part, DTSTART's defaults, the nth weekday counted by scanning its month or year, week
// numbers from "the first week with four days in the year", the period index against INTERVAL),
// adds the days the missing-day policy moves in, collects each period's candidates to apply
// BYSETPOS, and only then places each local date-time in the zone, by trying every offset the
// zone uses nearby (the first reading wins; in a gap, the offsets on either side). COUNT and
// UNTIL bound the sorted, de-duplicated instants. for_each_between, first_at_or_after, seek
// and cursors must agree with it exactly on a few hundred seeded random rules in a dozen zones,
// half of them starting next to a DST transition. Rules start in 2005-2060: the tz files list
// transitions up to 2037, and later ones come from each file's closing rule. The oracle reads
// the zone's stretches through the stdlib's internal ZoneRules (date/tz plus that rule), which
// zone_rules_test.cpp checks against zdump.
#include "millwright/stdlib/recurrence.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <date/tz.h>

#include "millwright/stdlib/format.hpp"
#include "zone_rules.hpp"

using namespace millwright::stdlib;
using millwright::stdlib::detail::ZoneRules;

namespace {

constexpr std::int64_t day_seconds = 24 * 60 * 60;

using F = RecurrenceFrequency;

bool contains(const std::vector<int>& values, std::int64_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

/// A local calendar day, from date's calendar (not the implementation's arithmetic).
struct Day {
    std::int64_t number; ///< days since 1970-01-01
    int year;
    int month;
    int month_day;
    int weekday; ///< 0 = Sunday
    int year_day;
    int month_length;
    int year_length;
};

Day day_at(std::int64_t number) {
    const date::sys_days days{date::days{number}};
    const date::year_month_day ymd{days};
    const int year = static_cast<int>(ymd.year());
    const date::sys_days january_1{ymd.year() / 1 / 1};
    return {number,
            year,
            static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())),
            static_cast<int>(date::weekday{days}.c_encoding()),
            static_cast<int>((days - january_1).count()) + 1,
            static_cast<int>(static_cast<unsigned>((ymd.year() / ymd.month() / date::last).day())),
            ymd.year().is_leap() ? 366 : 365};
}

std::int64_t day_number(int year, int month, int day) {
    return date::sys_days{date::year{year} / month / day}.time_since_epoch().count();
}

/// The rule read literally from its definition, one local date-time at a time.
class Oracle {
public:
    Oracle(const RecurrenceSpec& spec, const ZoneRules* zone)
        : spec_(spec), zone_(zone), start_(spec.start.time_since_epoch().count()),
          start_day_(day_at(floor_div(start_, day_seconds))) {
        fill_defaults();
    }

    /// Every occurrence whose local date lies in [first_day, last_day], periods complete.
    std::vector<std::int64_t> instants(std::int64_t first_day, std::int64_t last_day) const {
        std::map<std::int64_t, std::set<std::int64_t>> periods; // period index -> local times
        for (std::int64_t number = first_day; number <= last_day; ++number) {
            const Day day = day_at(number);
            if (selects(day)) {
                add_times(day, period_of_day(day), periods);
            }
            if (const std::optional<Day> nominal = missing_day_moved_to(day)) {
                add_times(day, period_of_day(*nominal), periods);
            }
        }
        std::vector<std::int64_t> instants;
        for (const auto& [period, times] : periods) {
            for (const std::int64_t local : positions_of(times)) {
                if (local < start_ || (until_local() && local > *until_local())) {
                    continue;
                }
                if (const auto utc = place(local)) {
                    if (!spec_.until || until_local() ||
                        *utc * 1000 <= std::get<Instant>(*spec_.until).time_since_epoch().count()) {
                        instants.push_back(*utc * 1000);
                    }
                }
            }
        }
        std::sort(instants.begin(), instants.end());
        instants.erase(std::unique(instants.begin(), instants.end()), instants.end());
        if (spec_.count && std::ssize(instants) > *spec_.count) {
            instants.resize(static_cast<std::size_t>(*spec_.count));
        }
        return instants;
    }

private:
    static std::int64_t floor_div(std::int64_t a, std::int64_t b) {
        return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
    }

    std::optional<std::int64_t> until_local() const {
        if (spec_.until && std::holds_alternative<std::chrono::local_seconds>(*spec_.until)) {
            return std::get<std::chrono::local_seconds>(*spec_.until).time_since_epoch().count();
        }
        return std::nullopt;
    }

    /// RFC 5545: what the rule leaves open comes from DTSTART.
    void fill_defaults() {
        months_ = spec_.by_month;
        month_days_ = spec_.by_month_day;
        weekdays_ = spec_.by_day;
        const bool no_days = spec_.by_week_no.empty() && spec_.by_year_day.empty() &&
                             spec_.by_month_day.empty() && spec_.by_day.empty();
        const RecurrenceWeekday start_weekday{
            std::chrono::weekday{static_cast<unsigned>(start_day_.weekday)}, 0};
        if (spec_.frequency == F::yearly && !spec_.by_week_no.empty() &&
            spec_.by_year_day.empty() && spec_.by_month_day.empty() && spec_.by_day.empty()) {
            weekdays_ = {start_weekday};
        } else if (spec_.frequency == F::yearly && no_days) {
            if (months_.empty()) {
                months_ = {start_day_.month};
            }
            month_days_ = {start_day_.month_day};
        } else if (spec_.frequency == F::monthly && spec_.by_month_day.empty() &&
                   spec_.by_day.empty()) {
            month_days_ = {start_day_.month_day};
        } else if (spec_.frequency == F::weekly && spec_.by_day.empty()) {
            weekdays_ = {start_weekday};
        }
    }

    bool selects(const Day& day) const {
        if (!months_.empty() && !contains(months_, day.month)) {
            return false;
        }
        if (!month_days_.empty() && !contains(month_days_, day.month_day) &&
            !contains(month_days_, day.month_day - day.month_length - 1)) {
            return false;
        }
        return selects_ignoring_month(day);
    }

    /// BYYEARDAY, BYWEEKNO and BYDAY (what a moved-in day must still meet).
    bool selects_ignoring_month(const Day& day) const {
        if (!spec_.by_year_day.empty() && !contains(spec_.by_year_day, day.year_day) &&
            !contains(spec_.by_year_day, day.year_day - day.year_length - 1)) {
            return false;
        }
        if (!spec_.by_week_no.empty() && !in_week_numbers(day)) {
            return false;
        }
        return weekdays_.empty() || on_weekday(day);
    }

    bool on_weekday(const Day& day) const {
        const bool in_month = spec_.frequency == F::monthly || !spec_.by_month.empty();
        const std::int64_t first =
            in_month ? day_number(day.year, day.month, 1) : day_number(day.year, 1, 1);
        const std::int64_t last =
            in_month ? first + day.month_length - 1 : day_number(day.year, 12, 31);
        for (const RecurrenceWeekday& entry : weekdays_) {
            if (static_cast<int>(entry.weekday.c_encoding()) != day.weekday) {
                continue;
            }
            if (entry.ordinal == 0) {
                return true;
            }
            // Count this weekday's occurrences in the month or year, up to and after the day.
            int from_start = 0;
            int from_end = 0;
            for (std::int64_t other = day.number; other >= first; other -= 7) {
                ++from_start;
            }
            for (std::int64_t other = day.number; other <= last; other += 7) {
                ++from_end;
            }
            if (entry.ordinal == from_start || entry.ordinal == -from_end) {
                return true;
            }
        }
        return false;
    }

    std::int64_t week_begin(std::int64_t number) const {
        const int weekday = day_at(number).weekday;
        return number - (weekday - static_cast<int>(spec_.week_start.c_encoding()) + 7) % 7;
    }

    /// Week 1 is the first week (from WKST) with at least four days in the year.
    std::int64_t first_week(int year) const {
        const std::int64_t january_1 = day_number(year, 1, 1);
        const std::int64_t begin = week_begin(january_1);
        const std::int64_t days_in_year = 7 - (january_1 - begin);
        return days_in_year >= 4 ? begin : begin + 7;
    }

    bool in_week_numbers(const Day& day) const {
        const std::int64_t begin = week_begin(day.number);
        int year = day.year + 1;
        while (first_week(year) > begin) {
            --year;
        }
        const std::int64_t week = (begin - first_week(year)) / 7 + 1;
        const std::int64_t weeks = (first_week(year + 1) - first_week(year)) / 7;
        return contains(spec_.by_week_no, week) || contains(spec_.by_week_no, week - weeks - 1);
    }

    /// The month a missing day moved onto `day` belongs to, if one did.
    std::optional<Day> missing_day_moved_to(const Day& day) const {
        if ((spec_.frequency != F::monthly && spec_.frequency != F::yearly) ||
            spec_.missing_day == RecurrenceSkip::omit || !selects_ignoring_month(day)) {
            return std::nullopt;
        }
        Day nominal = day;
        if (spec_.missing_day == RecurrenceSkip::backward) {
            if (day.month_day != day.month_length) {
                return std::nullopt;
            }
        } else {
            if (day.month_day != 1) {
                return std::nullopt;
            }
            nominal = day_at(day.number - 1);
        }
        const bool lacks_a_day =
            std::any_of(month_days_.begin(), month_days_.end(),
                        [&](int value) { return value > nominal.month_length; });
        if (!lacks_a_day || (!months_.empty() && !contains(months_, nominal.month))) {
            return std::nullopt;
        }
        return nominal;
    }

    /// The period a day's candidates belong to, as an index counted from DTSTART's period
    /// (nothing when INTERVAL skips it); hourly and shorter rules decide per time of day.
    std::optional<std::int64_t> period_of_day(const Day& day) const {
        std::int64_t index = 0;
        switch (spec_.frequency) {
        case F::yearly:
            index = day.year - start_day_.year;
            break;
        case F::monthly:
            index = (day.year - start_day_.year) * 12 + day.month - start_day_.month;
            break;
        case F::weekly:
            index = (week_begin(day.number) - week_begin(start_day_.number)) / 7;
            break;
        case F::daily:
            index = day.number - start_day_.number;
            break;
        default:
            return 0; // per time
        }
        if (index < 0 || index % spec_.interval != 0) {
            return std::nullopt;
        }
        return index;
    }

    std::vector<int> values(const std::vector<int>& listed, int from_start, bool all) const {
        std::vector<int> result;
        if (!listed.empty()) {
            result = listed;
        } else if (all) {
            for (int n = 0; n < 60; ++n) {
                result.push_back(n);
            }
        } else {
            result = {from_start};
        }
        result.erase(std::remove(result.begin(), result.end(), 60), result.end());
        return result;
    }

    void add_times(const Day& day, std::optional<std::int64_t> period,
                   std::map<std::int64_t, std::set<std::int64_t>>& periods) const {
        if (!period) {
            return;
        }
        const std::int64_t start_time = start_ - start_day_.number * day_seconds;
        const bool sub_daily = spec_.frequency < F::daily;
        std::vector<int> hours = values(spec_.by_hour, static_cast<int>(start_time / 3600), false);
        if (sub_daily && spec_.by_hour.empty()) {
            hours.clear();
            for (int hour = 0; hour < 24; ++hour) {
                hours.push_back(hour);
            }
        }
        const std::vector<int> minutes =
            values(spec_.by_minute, static_cast<int>(start_time / 60 % 60),
                   spec_.frequency == F::minutely || spec_.frequency == F::secondly);
        const std::vector<int> seconds = values(spec_.by_second, static_cast<int>(start_time % 60),
                                                spec_.frequency == F::secondly);
        for (const int hour : hours) {
            for (const int minute : minutes) {
                for (const int second : seconds) {
                    const std::int64_t local =
                        day.number * day_seconds + hour * 3600 + minute * 60 + second;
                    if (!sub_daily) {
                        periods[*period].insert(local);
                    } else if (const auto index = sub_daily_period(local)) {
                        periods[*index].insert(local);
                    }
                }
            }
        }
    }

    std::optional<std::int64_t> sub_daily_period(std::int64_t local) const {
        const std::int64_t unit = spec_.frequency == F::hourly     ? 3600
                                  : spec_.frequency == F::minutely ? 60
                                                                   : 1;
        const std::int64_t index = floor_div(local, unit) - floor_div(start_, unit);
        if (index < 0 || index % spec_.interval != 0) {
            return std::nullopt;
        }
        return index;
    }

    std::vector<std::int64_t> positions_of(const std::set<std::int64_t>& times) const {
        const std::vector<std::int64_t> all(times.begin(), times.end());
        if (spec_.by_set_pos.empty()) {
            return all;
        }
        std::set<std::int64_t> chosen;
        const auto size = static_cast<int>(all.size());
        for (const int position : spec_.by_set_pos) {
            const int index = position > 0 ? position - 1 : size + position;
            if (index >= 0 && index < size) {
                chosen.insert(all[static_cast<std::size_t>(index)]);
            }
        }
        return {chosen.begin(), chosen.end()};
    }

    /// The instant of a local date-time: among the zone's segments near it, those whose span
    /// of local time holds it; the earliest wins. In a gap, the offsets before and after it.
    std::optional<std::int64_t> place(std::int64_t local) const {
        std::vector<date::sys_info> segments;
        date::sys_info info =
            zone_->get_info(date::sys_seconds{std::chrono::seconds{local - 2 * day_seconds}});
        segments.push_back(info);
        while (info.end.time_since_epoch().count() < local + 2 * day_seconds) {
            info = zone_->get_info(info.end);
            segments.push_back(info);
        }
        for (const date::sys_info& segment : segments) {
            const std::int64_t utc = local - segment.offset.count();
            if (utc >= segment.begin.time_since_epoch().count() &&
                utc < segment.end.time_since_epoch().count()) {
                return utc;
            }
        }
        for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
            const std::int64_t change = segments[i].end.time_since_epoch().count();
            if (local >= change + segments[i].offset.count() &&
                local < change + segments[i + 1].offset.count()) {
                switch (spec_.dst_gap) {
                case RecurrenceSkip::forward:
                    return local - segments[i].offset.count();
                case RecurrenceSkip::backward:
                    return local - segments[i + 1].offset.count();
                case RecurrenceSkip::omit:
                    return std::nullopt;
                }
            }
        }
        FAIL("local time " << local << " is neither in a segment nor in a gap");
        return std::nullopt;
    }

    const RecurrenceSpec& spec_;
    const ZoneRules* zone_;
    std::int64_t start_;
    Day start_day_;
    std::vector<int> months_;
    std::vector<int> month_days_;
    std::vector<RecurrenceWeekday> weekdays_;
};

// ---------------------------------------------------------------------------------------------
// Random rules.

/// Deterministic draws (plain modulo, so the sequence is the same with every standard library).
class Draw {
public:
    explicit Draw(std::uint64_t seed) : engine_(seed) {}
    std::int64_t below(std::int64_t n) {
        return static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(n));
    }
    bool chance(int percent) { return below(100) < percent; }
    template <class T>
    T pick(const std::vector<T>& values) {
        return values[static_cast<std::size_t>(below(std::ssize(values)))];
    }
    std::vector<int> some(const std::vector<int>& values, int most) {
        std::vector<int> chosen;
        const std::int64_t count = 1 + below(most);
        for (std::int64_t i = 0; i < count; ++i) {
            chosen.push_back(pick(values));
        }
        return chosen;
    }

private:
    std::mt19937_64 engine_;
};

std::int64_t floor_div_days(std::int64_t local) {
    return local >= 0 ? local / day_seconds : -((-local + day_seconds - 1) / day_seconds);
}

/// A DTSTART in 2005-2060; half of them on the local day of one of the zone's transitions
/// (or next to it), at the clock time of the change or a typical one.
std::int64_t draw_start(Draw& draw, const ZoneRules* zone) {
    const int year = 2005 + static_cast<int>(draw.below(56));
    const std::vector<int> times = {0, 5400, 9000, 10800, 25200, 33300, 43200, 84600};
    std::int64_t time = draw.chance(70) ? draw.pick(times) : draw.below(day_seconds / 900) * 900;
    std::int64_t day = day_number(year, 1, 1) + draw.below(365);
    if (draw.chance(50)) {
        date::sys_info info = zone->get_info(date::sys_days{date::year{year} / 1 / 1});
        std::vector<std::int64_t> changes;
        while (info.end < date::sys_days{date::year{year + 1} / 1 / 1}) {
            changes.push_back(info.end.time_since_epoch().count() + info.offset.count());
            info = zone->get_info(info.end);
        }
        if (!changes.empty()) {
            const std::int64_t change_local = draw.pick(changes);
            day = floor_div_days(change_local) - draw.below(3);
            if (draw.chance(50)) {
                time = change_local - floor_div_days(change_local) * day_seconds +
                       (draw.below(5) - 2) * 900;
                time = std::clamp<std::int64_t>(time, 0, day_seconds - 1);
            }
        }
    }
    return day * day_seconds + time;
}

RecurrenceSpec finish_rule(Draw& draw, RecurrenceSpec spec);

/// The frequency, interval, DTSTART and BY parts of a random rule.
RecurrenceSpec draw_parts(Draw& draw, const ZoneRules* zone) {
    RecurrenceSpec spec;
    const std::vector<F> frequencies = {
        F::yearly,  F::yearly,  F::yearly, F::yearly, F::monthly,  F::monthly, F::monthly,
        F::monthly, F::monthly, F::weekly, F::weekly, F::weekly,   F::weekly,  F::daily,
        F::daily,   F::daily,   F::daily,  F::hourly, F::minutely, F::secondly};
    spec.frequency = draw.pick(frequencies);
    const F frequency = spec.frequency;
    const bool sub_daily = frequency < F::daily;
    spec.interval = draw.chance(60) ? 1 : draw.chance(75) ? 2 + draw.below(3) : 5 + draw.below(9);
    spec.start = std::chrono::local_seconds{std::chrono::seconds{draw_start(draw, zone)}};

    if (draw.chance(25)) {
        spec.by_month = draw.some({1, 2, 3, 4, 6, 9, 10, 11, 12}, 3);
    }
    if (frequency != F::weekly && draw.chance(frequency == F::monthly ? 40 : 20)) {
        spec.by_month_day = draw.some({1, 2, 15, 28, 29, 30, 31, -1, -2, -30, -31}, 3);
        if (draw.chance(30)) {
            // A month end the next month's first day may repeat once a missing day moves.
            spec.by_month_day = {1, static_cast<int>(29 + draw.below(3))};
        }
    }
    if ((frequency == F::yearly || sub_daily) && draw.chance(10)) {
        spec.by_year_day = draw.some({1, 59, 60, 100, 200, 365, 366, -1, -365, -366}, 2);
    }
    if (frequency == F::yearly && draw.chance(20)) {
        spec.by_week_no = draw.some({1, 2, 10, 26, 52, 53, -1, -2, -53}, 2);
    }
    if (draw.chance(frequency == F::weekly ? 60 : 35)) {
        const bool numbered =
            (frequency == F::monthly || frequency == F::yearly) && spec.by_week_no.empty();
        const std::int64_t count = 1 + draw.below(3);
        for (std::int64_t i = 0; i < count; ++i) {
            RecurrenceWeekday entry{std::chrono::weekday{static_cast<unsigned>(draw.below(7))}, 0};
            if (numbered && draw.chance(50)) {
                entry.ordinal = draw.pick(spec.by_month.empty() && frequency == F::yearly
                                              ? std::vector<int>{1, 2, 10, 20, 52, 53, -1, -2, -53}
                                              : std::vector<int>{1, 2, 3, 4, 5, -1, -2, -5});
            }
            spec.by_day.push_back(entry);
        }
    }
    if (draw.chance(sub_daily ? 80 : 30)) {
        spec.by_hour = draw.some({0, 1, 2, 3, 7, 12, 23}, sub_daily ? 2 : 3);
    }
    if (draw.chance(frequency == F::secondly || frequency == F::minutely ? 90 : 25)) {
        spec.by_minute = draw.some({0, 15, 30, 45, 59}, 2);
    }
    if (draw.chance(frequency == F::secondly ? 70 : 10)) {
        spec.by_second = draw.some({0, 1, 30, 59, 60}, 2);
    }
    if (frequency == F::secondly && (spec.by_hour.empty() || spec.by_minute.empty())) {
        spec.by_hour = {draw.pick(std::vector<int>{1, 2, 3, 12})};
        spec.by_minute = {draw.pick(std::vector<int>{0, 30})};
    }
    const bool has_by_part = !spec.by_month.empty() || !spec.by_month_day.empty() ||
                             !spec.by_year_day.empty() || !spec.by_week_no.empty() ||
                             !spec.by_day.empty() || !spec.by_hour.empty() ||
                             !spec.by_minute.empty() || !spec.by_second.empty();
    if (has_by_part && draw.chance(35)) {
        spec.by_set_pos = draw.some({1, 2, 3, 4, -1, -2}, 3);
    }
    if (draw.chance(30)) {
        spec.week_start = std::chrono::weekday{static_cast<unsigned>(draw.below(7))};
    }
    if (frequency == F::monthly && draw.chance(15)) {
        // Month ends moved forward onto the next month's first day, at two times of day, with
        // positions that pick some of each: the instants of two periods interleave.
        spec.by_month_day = {1, static_cast<int>(30 + draw.below(2))};
        spec.by_month.clear();
        spec.by_day.clear();
        spec.by_hour = {8, 17};
        spec.by_set_pos = draw.some({1, 2, 3, 4, -1, -2, -3}, 2);
        spec.missing_day = RecurrenceSkip::forward;
        return finish_rule(draw, spec);
    }
    const std::vector<RecurrenceSkip> skips = {RecurrenceSkip::omit, RecurrenceSkip::backward,
                                               RecurrenceSkip::forward};
    spec.missing_day = draw.pick(skips);
    return finish_rule(draw, spec);
}

/// The DST policy and COUNT or UNTIL (within the compared window, local or UTC).
RecurrenceSpec finish_rule(Draw& draw, RecurrenceSpec spec) {
    const std::vector<RecurrenceSkip> skips = {RecurrenceSkip::omit, RecurrenceSkip::backward,
                                               RecurrenceSkip::forward};
    spec.dst_gap = draw.pick(skips);
    const bool sub_daily = spec.frequency < F::daily;
    const std::int64_t start = spec.start.time_since_epoch().count();
    if (draw.chance(30)) {
        spec.count = 1 + draw.below(40);
    } else if (draw.chance(30)) {
        const std::int64_t until =
            start + draw.below(sub_daily ? 10 * day_seconds : 900 * day_seconds);
        if (draw.chance(50)) {
            spec.until = std::chrono::local_seconds{std::chrono::seconds{until}};
        } else {
            spec.until = Instant{std::chrono::seconds{until - 3600 * draw.below(12)}};
        }
    }
    return spec;
}

/// The rule as RRULE-like text, for mismatch reports.
std::string describe(const RecurrenceSpec& spec) {
    static const char* frequencies[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                                        "WEEKLY",   "MONTHLY",  "YEARLY"};
    static const char* skips[] = {"omit", "backward", "forward"};
    std::string text = std::string("FREQ=") + frequencies[static_cast<int>(spec.frequency)] +
                       ";INTERVAL=" + std::to_string(spec.interval);
    const auto list = [&](const char* name, const std::vector<int>& values) {
        if (values.empty()) {
            return;
        }
        text += std::string(";") + name + "=";
        for (std::size_t i = 0; i < values.size(); ++i) {
            text += (i ? "," : "") + std::to_string(values[i]);
        }
    };
    list("BYMONTH", spec.by_month);
    list("BYWEEKNO", spec.by_week_no);
    list("BYYEARDAY", spec.by_year_day);
    list("BYMONTHDAY", spec.by_month_day);
    if (!spec.by_day.empty()) {
        text += ";BYDAY=";
        for (std::size_t i = 0; i < spec.by_day.size(); ++i) {
            text += (i ? "," : "") + std::to_string(spec.by_day[i].ordinal) + "/" +
                    std::to_string(spec.by_day[i].weekday.c_encoding());
        }
    }
    list("BYHOUR", spec.by_hour);
    list("BYMINUTE", spec.by_minute);
    list("BYSECOND", spec.by_second);
    list("BYSETPOS", spec.by_set_pos);
    text += ";WKST=" + std::to_string(spec.week_start.c_encoding());
    if (spec.count) {
        text += ";COUNT=" + std::to_string(*spec.count);
    }
    if (spec.until) {
        text +=
            std::holds_alternative<Instant>(*spec.until)
                ? ";UNTIL=" + format_time(std::get<Instant>(*spec.until).time_since_epoch().count())
                : ";UNTIL(local)=" + format_time(std::get<std::chrono::local_seconds>(*spec.until)
                                                     .time_since_epoch()
                                                     .count() *
                                                 1000);
    }
    text += ";missing=" + std::string(skips[static_cast<int>(spec.missing_day)]) +
            ";gap=" + skips[static_cast<int>(spec.dst_gap)] + " DTSTART " +
            format_time(spec.start.time_since_epoch().count() * 1000);
    return text;
}

std::string text(std::optional<std::int64_t> ms) {
    return ms ? format_time(*ms) : "none";
}

std::string text(const std::vector<std::int64_t>& instants) {
    std::string joined;
    for (std::size_t i = 0; i < instants.size() && i < 6; ++i) {
        joined += (i ? " " : "") + format_time(instants[i]);
    }
    return joined + (instants.size() > 6 ? " ..." : "") + " (" + std::to_string(instants.size()) +
           ")";
}

std::optional<std::int64_t> ms_of(std::optional<Instant> t) {
    return t ? std::optional{t->time_since_epoch().count()} : std::nullopt;
}

Instant instant(std::int64_t ms) {
    return Instant{std::chrono::milliseconds{ms}};
}

} // namespace

TEST_CASE("recurrence expansion agrees with a day-stepping oracle in a dozen zones",
          "[stdlib][recurrence][oracle]") {
    const std::vector<std::string> zones = {
        "America/New_York",  "Europe/Berlin",    "Australia/Lord_Howe",
        "America/Sao_Paulo", "Africa/Cairo",     "Asia/Kolkata",
        "Pacific/Chatham",   "America/St_Johns", "UTC",
        "Europe/Dublin",     "Pacific/Apia",     "Antarctica/Troll"};
    constexpr int rules_per_zone = 40;
    Draw draw(20261202);
    std::vector<std::string> mismatches;
    int rules = 0;
    int refused = 0;
    std::int64_t occurrences_compared = 0;
    int lookups_compared = 0;
    const auto report = [&](const std::string& what, const RecurrenceSpec& spec,
                            const std::string& zone, const std::string& expected,
                            const std::string& actual) {
        if (expected != actual) {
            mismatches.push_back(zone + " " + describe(spec) + ": " + what + ": oracle " +
                                 expected + ", recurrence " + actual);
        }
    };

    for (const std::string& zone_name : zones) {
        const ZoneRules* zone = ZoneRules::locate(zone_name);
        for (int r = 0; r < rules_per_zone; ++r) {
            const RecurrenceSpec spec = draw_parts(draw, zone);
            const RecurrenceResult built = Recurrence::create(spec, zone_name);
            if (!built.ok()) {
                ++refused;
                continue;
            }
            ++rules;
            const Recurrence& rule = *built.recurrence;
            const bool sub_daily = spec.frequency < F::daily;
            const std::int64_t start = spec.start.time_since_epoch().count();
            const std::int64_t start_day = floor_div_days(start);
            // The window compared, and a scan that covers every period overlapping it.
            const std::int64_t span = sub_daily                      ? 2 + draw.below(12)
                                      : spec.frequency >= F::monthly ? 365 + draw.below(5 * 365)
                                                                     : 60 + draw.below(700);
            const std::int64_t from = (start_day - 2) * day_seconds * 1000;
            const std::int64_t to = (start_day + span) * day_seconds * 1000;
            const int last_year = day_at(start_day + span).year + 1;
            const std::int64_t scan_first =
                sub_daily ? start_day - 1 : day_number(day_at(start_day).year, 1, 1) - 7;
            const std::int64_t scan_last =
                sub_daily ? start_day + span + 3 : day_number(last_year, 12, 31);
            const Oracle oracle(spec, zone);
            const std::vector<std::int64_t> all = oracle.instants(scan_first, scan_last);
            const std::int64_t known_until =
                sub_daily ? (start_day + span + 1) * day_seconds * 1000
                          : (day_number(last_year, 1, 1) - 2) * day_seconds * 1000;
            std::vector<std::int64_t> expected;
            for (const std::int64_t t : all) {
                if (t >= from && t < to) {
                    expected.push_back(t);
                }
            }
            occurrences_compared += std::ssize(expected);

            std::vector<std::int64_t> actual;
            rule.for_each_between(instant(from), instant(to), [&](Instant t) {
                actual.push_back(t.time_since_epoch().count());
            });
            report("for_each_between", spec, zone_name, text(expected), text(actual));

            // Walking with a cursor from the start gives the same, in order.
            std::vector<std::int64_t> walked;
            RecurrenceCursor cursor = rule.start();
            while (auto next = ms_of(rule.next(cursor))) {
                if (*next >= to) {
                    break;
                }
                if (*next >= from) {
                    walked.push_back(*next);
                }
            }
            report("cursor walk", spec, zone_name, text(expected), text(walked));

            // first_at_or_after and seek + next at instants on, next to and between occurrences.
            for (int q = 0; q < 6; ++q) {
                std::int64_t t = from + draw.below((to - from) / 1000) * 1000;
                if (q < 3 && !expected.empty()) {
                    t = draw.pick(expected) + (q - 1);
                }
                const auto found = std::lower_bound(all.begin(), all.end(), t);
                const std::optional<std::int64_t> oracle_first =
                    found == all.end() ? std::nullopt : std::optional{*found};
                const auto first = ms_of(rule.first_at_or_after(instant(t)));
                RecurrenceCursor seeker = rule.seek(instant(t));
                const auto sought = ms_of(rule.next(seeker));
                if (oracle_first && *oracle_first < known_until) {
                    ++lookups_compared;
                    report("first_at_or_after " + format_time(t), spec, zone_name,
                           text(oracle_first), text(first));
                    report("seek " + format_time(t), spec, zone_name, text(oracle_first),
                           text(sought));
                } else {
                    // Past what the oracle scanned: nothing may be reported before that.
                    report("first_at_or_after " + format_time(t) + " (beyond the scan)", spec,
                           zone_name, "none or later",
                           first && *first < known_until ? text(first) : "none or later");
                }
                if (spec.count) {
                    report("seek count " + format_time(t), spec, zone_name,
                           std::to_string(found - all.begin()),
                           seeker.counted ? std::to_string(*seeker.counted - (sought ? 1 : 0))
                                          : "unknown");
                }
            }
        }
    }
    INFO(mismatches.size() << " mismatches; the first: "
                           << (mismatches.empty() ? std::string("none") : mismatches.front()));
    CHECK(mismatches.empty());
    CHECK(rules >= 400);
    CHECK(refused == 0);
    CHECK(occurrences_compared > 20000);
    CHECK(lookups_compared > 1000);
}
