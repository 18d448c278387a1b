// The zone-free half of a recurrence: which local date-times each period of a rule holds. A rule
// compiled from a RecurrenceSpec knows its periods (period k of a yearly rule with INTERVAL=2 is
// the year DTSTART's year + 2k) and expands one period at a time into sorted local date-times:
// the days its BY parts select (DTSTART filling in what they leave open, missing days moved per
// the skip policy), times of day, BYSETPOS over the period, nothing before DTSTART.
//
// Periods are expanded whole, because BYSETPOS needs the whole set; a period that cannot hold an
// occurrence is passed over without being expanded (a month BYMONTH excludes, a day without a
// matching hour in an hourly rule), so sparse rules cost little more than dense ones. The rule
// is immutable; the scratch space an expansion needs belongs to the caller.
#pragma once

#include "millwright/stdlib/recurrence.hpp"

#include <bitset>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace millwright::stdlib::detail {

/// Seconds since 1970-01-01T00:00:00 on the local clock (no zone).
using LocalSeconds = std::int64_t;

inline constexpr std::int64_t seconds_per_day = 24 * 60 * 60;

/// What is known about one calendar day.
struct DayFacts {
    std::int64_t day; ///< days since 1970-01-01
    std::int64_t year;
    unsigned month;        ///< 1 to 12
    unsigned month_day;    ///< 1 to 31
    unsigned weekday;      ///< 0 = Sunday
    unsigned year_day;     ///< 1 to 366
    unsigned month_length; ///< 28 to 31
    unsigned year_length;  ///< 365 or 366
};

DayFacts facts_of(std::int64_t day);

/// The BYxxx parts that select days, with what DTSTART supplies filled in (a yearly rule with
/// no day parts selects DTSTART's month and day of the month, a weekly one DTSTART's weekday).
struct DaySelection {
    std::uint32_t months = 0;              ///< bit m for month m; 0: every month
    std::uint32_t month_days = 0;          ///< bit d for day d of the month
    std::uint32_t month_days_from_end = 0; ///< bit d for day -d
    std::bitset<367> year_days;
    std::bitset<367> year_days_from_end;
    std::uint64_t week_nos = 0;
    std::uint64_t week_nos_from_end = 0;
    std::uint32_t weekdays = 0; ///< bit w for every weekday w (entries without an ordinal)
    std::vector<RecurrenceWeekday> nth_weekdays;
    bool by_month_day = false;
    bool by_year_day = false;
    bool by_week_no = false;
    bool by_weekday = false;
    bool nth_in_year = false;       ///< ordinals count in the year (yearly without BYMONTH)
    unsigned largest_month_day = 0; ///< the largest positive month day selected
    unsigned week_start = 1;        ///< WKST, 0 = Sunday

    bool has_month(unsigned month) const { return months == 0 || (months >> month & 1u); }
    /// Every day part except BYMONTH.
    bool matches(const DayFacts& day) const;
    /// The day parts a day moved in for a missing one must still meet: BYDAY, BYYEARDAY and
    /// BYWEEKNO (BYMONTH and BYMONTHDAY named the missing day).
    bool matches_as_replacement(const DayFacts& day) const;

private:
    bool matches_weekday(const DayFacts& day) const;
    bool matches_week_no(const DayFacts& day) const;
};

/// Scratch space for expanding periods, owned by one walk.
struct PeriodScratch {
    std::vector<std::int64_t> days;
    std::vector<LocalSeconds> times;
    /// Hourly and shorter rules: whether a day whose first period starts this many seconds
    /// after midnight can hold an occurrence (the answer depends on that offset only).
    std::unordered_map<std::int64_t, bool> day_offsets;
};

/// A validated spec compiled into period arithmetic and day and time selections.
class RecurrenceRule {
public:
    /// `spec` must be one Recurrence::create accepted.
    explicit RecurrenceRule(const RecurrenceSpec& spec);

    /// The last period whose start lies in the year 9999 or before.
    std::int64_t last_period() const { return last_period_; }
    /// The local date-time period `k` starts at (before DTSTART for period 0).
    LocalSeconds period_start(std::int64_t k) const;
    /// The first period that can hold a local date-time at or after `local` (0 before DTSTART).
    std::int64_t first_period_reaching(LocalSeconds local) const;
    /// How far past the last period with an occurrence a search goes (gregorian_cycle_years).
    std::int64_t horizon() const { return horizon_; }
    /// True when no period can hold anything (BYSETPOS beyond every set, only BYSECOND=60).
    bool never() const { return never_; }
    LocalSeconds start() const { return start_; }

    /// The first period at or after `k` that may hold an occurrence, or last_period() + 1 when
    /// none starts by `limit`.
    std::int64_t next_candidate(std::int64_t k, LocalSeconds limit, PeriodScratch& scratch) const;

    /// The local date-times of period `k` into scratch.times: sorted, unique, at or after
    /// DTSTART, before the year 10000.
    void expand(std::int64_t k, PeriodScratch& scratch) const;

private:
    bool is_sub_daily() const { return frequency_ < RecurrenceFrequency::daily; }
    void collect_days(std::int64_t k, std::vector<std::int64_t>& days) const;
    void collect_month(std::int64_t year, unsigned month, std::vector<std::int64_t>& days) const;
    void expand_sub_daily(std::int64_t k, std::vector<LocalSeconds>& times) const;
    void select_positions(std::vector<LocalSeconds>& times) const;
    std::int64_t next_daily_candidate(std::int64_t k) const;
    std::int64_t next_sub_daily_candidate(std::int64_t k, LocalSeconds limit,
                                          PeriodScratch& scratch) const;
    std::int64_t first_period_from(LocalSeconds local) const;
    /// Hourly and shorter: the first period starting at or after `local`.
    std::int64_t first_sub_daily_period_at(LocalSeconds local) const;
    int next_allowed_time(int time_of_day) const;
    bool day_can_match(std::int64_t day, PeriodScratch& scratch) const;

    RecurrenceFrequency frequency_;
    std::int64_t interval_; ///< clamped so that period 1 of a huge interval is past 9999
    RecurrenceSkip missing_day_;
    LocalSeconds start_;
    /// Yearly: DTSTART's year. Monthly: its month as year * 12 + month - 1. Weekly: the day its
    /// week starts. Daily: its day. Hourly and shorter: its period's start in local seconds.
    std::int64_t origin_ = 0;
    std::int64_t step_ = 0; ///< hourly and shorter: seconds between periods
    std::int64_t last_period_ = 0;
    std::int64_t horizon_ = 0;
    DaySelection days_;
    std::vector<int> day_times_;      ///< daily and longer: seconds after midnight, sorted
    std::vector<int> period_offsets_; ///< hourly and shorter: seconds into the period, sorted
    std::uint32_t hours_ = 0;         ///< hourly and shorter: BYHOUR bits (0: any)
    std::uint64_t minutes_ = 0;       ///< minutely and secondly: BYMINUTE bits (0: any)
    std::uint64_t seconds_ = 0;       ///< secondly: BYSECOND bits (0: any)
    std::vector<int> set_positions_;
    bool never_ = false;
};

} // namespace millwright::stdlib::detail
