// dsl::RecurrenceModel to stdlib::RecurrenceSpec, field by field. The two enums list the same
// values in the same order, but each is mapped by name so that reordering either one cannot
// silently change a rule.
#include "recurrence_bridge.hpp"

namespace millwright::detail {

namespace {

stdlib::RecurrenceFrequency frequency_of(dsl::RecurrenceFrequency frequency) {
    using From = dsl::RecurrenceFrequency;
    using To = stdlib::RecurrenceFrequency;
    switch (frequency) {
    case From::secondly:
        return To::secondly;
    case From::minutely:
        return To::minutely;
    case From::hourly:
        return To::hourly;
    case From::daily:
        return To::daily;
    case From::weekly:
        return To::weekly;
    case From::monthly:
        return To::monthly;
    case From::yearly:
        return To::yearly;
    }
    return static_cast<To>(-1); // refused by Recurrence::create
}

stdlib::RecurrenceSkip skip_of(dsl::RecurrenceSkip skip) {
    switch (skip) {
    case dsl::RecurrenceSkip::omit:
        return stdlib::RecurrenceSkip::omit;
    case dsl::RecurrenceSkip::backward:
        return stdlib::RecurrenceSkip::backward;
    case dsl::RecurrenceSkip::forward:
        return stdlib::RecurrenceSkip::forward;
    }
    return static_cast<stdlib::RecurrenceSkip>(-1); // refused by Recurrence::create
}

/// 0 = Sunday ... 6 = Saturday; anything else an invalid weekday (std::chrono maps 7 to Sunday).
std::chrono::weekday weekday_of(int day) {
    return std::chrono::weekday{day >= 0 && day <= 6 ? static_cast<unsigned>(day) : 8u};
}

std::chrono::local_seconds local_of(std::int64_t seconds) {
    return std::chrono::local_seconds{std::chrono::seconds{seconds}};
}

} // namespace

stdlib::RecurrenceSpec to_recurrence_spec(const dsl::RecurrenceModel& model) {
    stdlib::RecurrenceSpec spec;
    spec.frequency = frequency_of(model.frequency);
    spec.interval = model.interval;
    spec.count = model.count;
    if (model.until) {
        if (model.until->utc) {
            spec.until = stdlib::Instant{std::chrono::seconds{model.until->seconds}};
        } else {
            spec.until = local_of(model.until->seconds);
        }
    }
    spec.start = local_of(model.start_local_seconds);
    spec.by_second = model.by_second;
    spec.by_minute = model.by_minute;
    spec.by_hour = model.by_hour;
    for (const dsl::RecurrenceWeekdayModel& day : model.by_day) {
        spec.by_day.push_back({weekday_of(day.weekday), day.ordinal});
    }
    spec.by_month_day = model.by_month_day;
    spec.by_year_day = model.by_year_day;
    spec.by_week_no = model.by_week_no;
    spec.by_month = model.by_month;
    spec.by_set_pos = model.by_set_pos;
    spec.week_start = weekday_of(model.week_start);
    spec.missing_day = skip_of(model.missing_day);
    spec.dst_gap = skip_of(model.dst_gap);
    return spec;
}

} // namespace millwright::detail
