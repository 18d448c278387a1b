// Service-level clocks: see sla.hpp.
#include "sla.hpp"

#include "millwright/stdlib/format.hpp"

namespace millwright::detail {

namespace {

stdlib::Instant instant(std::int64_t ms) {
    return stdlib::Instant(std::chrono::milliseconds(ms));
}

// A remaining SLA time in hours and smaller units ("42h", "1h30m"): for a business target a
// day would read as 24 business hours, which is not how a site counts its days.
std::string hours_text(std::int64_t ms) {
    constexpr std::int64_t ms_per_hour = 3600 * 1000;
    if (ms < 24 * ms_per_hour) {
        return stdlib::format_duration(ms);
    }
    std::string text = std::to_string(ms / ms_per_hour) + "h";
    if (ms % ms_per_hour != 0) {
        text += stdlib::format_duration(ms % ms_per_hour);
    }
    return text;
}

} // namespace

CountedDuration CountedDuration::of(std::int64_t duration_ms, bool business,
                                    const dsl::BusinessLengthModel& length,
                                    std::shared_ptr<const stdlib::BusinessCalendar> calendar) {
    if (!business || !calendar) {
        return {duration_ms, nullptr};
    }
    // Saturates: a length beyond the end of time is never reached.
    const auto times = [](std::int64_t count, std::int64_t each) {
        std::int64_t product = 0;
        return __builtin_mul_overflow(count, each, &product) ? INT64_MAX : product;
    };
    std::int64_t total = length.ms;
    for (const std::int64_t part : {times(length.weeks, calendar->weekly_hours().count()),
                                    times(length.days, calendar->business_day().count())}) {
        if (__builtin_add_overflow(total, part, &total)) {
            total = INT64_MAX;
        }
    }
    return {total, std::move(calendar)};
}

std::int64_t CountedDuration::elapsed(std::int64_t from_ms, std::int64_t to_ms) const {
    if (to_ms <= from_ms) {
        return 0;
    }
    if (!calendar) {
        return to_ms - from_ms;
    }
    return stdlib::business_between(*calendar, instant(from_ms), instant(to_ms)).count();
}

std::optional<std::int64_t> CountedDuration::add(std::int64_t from_ms,
                                                 std::int64_t amount_ms) const {
    if (!calendar) {
        std::int64_t sum = 0;
        if (__builtin_add_overflow(from_ms, amount_ms, &sum)) {
            return std::nullopt;
        }
        return sum;
    }
    const auto when =
        stdlib::add_business(*calendar, instant(from_ms), std::chrono::milliseconds(amount_ms));
    if (!when) {
        return std::nullopt;
    }
    return when->time_since_epoch().count();
}

bool SlaClock::enter(const SlaRules& rules, std::uint32_t clock, std::uint32_t state, bool creating,
                     bool final_state, const CountedDuration& target, std::int64_t now_ms) {
    const auto& clock_rules = rules.clocks[clock];
    bool changed = false;
    if (status == SlaStatus::pending) {
        if (!(clock_rules.starts[state] || (creating && clock_rules.starts_at_creation))) {
            return false;
        }
        status = SlaStatus::running;
        since_ms = now_ms;
        spent_ms = 0;
        changed = true;
    }
    if (stopped()) {
        return changed;
    }
    // A final state stops every clock: the work is over, whatever the SLA names.
    if (clock_rules.stops[state] || final_state) {
        if (status == SlaStatus::running) {
            spent_ms += target.elapsed(since_ms, now_ms);
        }
        status = breached ? SlaStatus::missed : SlaStatus::met;
        return true;
    }
    if (rules.paused[state] && status == SlaStatus::running) {
        spent_ms += target.elapsed(since_ms, now_ms);
        status = SlaStatus::paused;
        return true;
    }
    if (!rules.paused[state] && status == SlaStatus::paused) {
        since_ms = now_ms;
        status = SlaStatus::running;
        return true;
    }
    return changed;
}

std::int64_t SlaClock::remaining(const CountedDuration& target, std::int64_t now_ms) const {
    std::int64_t spent = spent_ms;
    if (status == SlaStatus::running) {
        spent += target.elapsed(since_ms, now_ms);
    }
    return spent >= target.duration_ms ? 0 : target.duration_ms - spent;
}

SlaTimers rearm(SlaClock& clock, const CountedDuration& target, int warn_percent,
                std::int64_t now_ms) {
    ++clock.epoch;
    SlaTimers timers;
    if (clock.status != SlaStatus::running) {
        return timers;
    }
    const auto left_until = [&](std::int64_t point_ms) {
        return point_ms > clock.spent_ms ? point_ms - clock.spent_ms : 0;
    };
    const std::int64_t target_left = left_until(target.duration_ms);
    const std::int64_t warning_left = left_until(share_of(target.duration_ms, warn_percent));
    const bool may_warn =
        warn_percent > 0 && !clock.warned && !clock.breached && warning_left < target_left;
    std::optional<std::int64_t> warning;
    std::optional<std::int64_t> due;
    if (may_warn) {
        // Counting on from the warning point walks the calendar once, not twice: adding a, then
        // b > 0, ends where adding a + b does (the earliest instant with that much open time).
        warning = target.add(clock.since_ms, warning_left);
        if (warning) {
            due = target.add(*warning, target_left - warning_left);
        }
    } else {
        due = target.add(clock.since_ms, target_left);
    }
    clock.due_ms = due.value_or(SlaClock::never);
    if (clock.breached || !due) {
        return timers; // a breach is reported once; a target never reached is never breached
    }
    // A due time the clock has already passed (a new, shorter target) falls due now.
    timers.breach_ms = std::max(*due, now_ms);
    if (warning && *due > now_ms && *warning < *due) { // no warning for a passed target
        timers.warning_ms = std::max(*warning, now_ms);
    }
    return timers;
}

void describe_sla(const SlaRules& rules, const std::array<SlaClock, 2>& clocks, std::uint32_t level,
                  std::int64_t now_ms, SlaView& view) {
    static constexpr std::array<std::string_view, 5> status_names{"pending", "running", "paused",
                                                                  "met", "missed"};
    view.name.assign(rules.name);
    for (std::uint32_t c = 0; c < clocks.size(); ++c) {
        const SlaClock& clock = clocks[c];
        SlaClockView& shown = c == response_clock ? view.response : view.resolution;
        shown.status.assign(status_names[static_cast<std::size_t>(clock.status)]);
        shown.due.clear();
        if (clock.status == SlaStatus::running && clock.due_ms != SlaClock::never) {
            char buffer[stdlib::max_formatted_size];
            shown.due.assign(buffer, stdlib::write_time(buffer, clock.due_ms));
        }
        shown.remaining.clear();
        if (clock.status == SlaStatus::paused) {
            shown.remaining = hours_text(clock.remaining(rules.by_level[level][c], now_ms));
        }
        shown.breached = clock.breached && !clock.stopped();
    }
}

} // namespace millwright::detail
