// Service-level clocks. A workflow with `sla NAME` gives each work order two clocks, response
// and resolution. Each starts, pauses, resumes and stops as the work order moves between
// states, and counts towards the target of the work order's current priority, in clock time
// or in business time on a calendar. A running clock has a due time; its warning and breach
// are timers on the engine's queue, stamped with the clock's epoch so that a clock whose due
// times moved (a pause, a new priority) leaves its old timers stale instead of searching the
// queue for them. Everything here is per work order and O(1) in the number of work orders.
// Internal to the engine.
#pragma once

#include "millwright/decision.hpp"
#include "millwright/dsl/model.hpp"
#include "millwright/stdlib/calendar.hpp"

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace millwright::detail {

/// The two clocks, as indexes into SlaRules::clocks and WorkOrder::sla.
enum SlaClockIndex : std::uint32_t { response_clock = 0, resolution_clock = 1 };
inline constexpr std::array<const char*, 2> sla_clock_names{"response", "resolution"};

/// A duration counted in clock time, or in business time on `calendar` when that is set: an
/// SLA target, or the length of an `after` timer.
struct CountedDuration {
    std::int64_t duration_ms = 0; ///< clock or business milliseconds
    std::shared_ptr<const stdlib::BusinessCalendar> calendar;

    /// Builds one from its model: a business length becomes business milliseconds on
    /// `calendar` (its weeks and days are the calendar's; see BusinessLengthModel).
    static CountedDuration of(std::int64_t duration_ms, bool business,
                              const dsl::BusinessLengthModel& length,
                              std::shared_ptr<const stdlib::BusinessCalendar> calendar);

    /// Time counted in [from, to): clock or business milliseconds.
    std::int64_t elapsed(std::int64_t from_ms, std::int64_t to_ms) const;
    /// When `amount` of counted time has passed after `from`; nothing when never (a calendar
    /// that does not open again, or past the end of time).
    std::optional<std::int64_t> add(std::int64_t from_ms, std::int64_t amount_ms) const;
};

/// A workflow's SLA with its state names resolved to flags per state index.
struct SlaRules {
    struct Clock {
        bool starts_at_creation = true;
        std::vector<std::uint8_t> starts; ///< per state: entering it starts the clock
        std::vector<std::uint8_t> stops;  ///< per state: entering it stops the clock for good
    };
    std::string name;
    std::array<Clock, 2> clocks;
    std::vector<std::uint8_t> paused;                     ///< per state: both clocks stand still
    std::vector<std::array<CountedDuration, 2>> by_level; ///< per priority level: the two targets
    int warn_percent = 0;                                 ///< 0: no warnings

    /// Builds the rules of one workflow from its model; `calendar_of` gives the calendar a
    /// target in business time counts on (the SLA's `on CALENDAR`, or the file's default).
    template <typename CalendarOf>
    static SlaRules build(const dsl::WorkflowModel& workflow, const dsl::SlaModel& sla,
                          const CalendarOf& calendar_of);
};

enum class SlaStatus : std::uint8_t {
    pending, ///< not started yet
    running,
    paused,
    met,    ///< stopped within its target
    missed, ///< stopped after its target passed
};

/// The number of ms of a target at `percent` (the warning point), rounded down.
inline std::int64_t share_of(std::int64_t duration_ms, int percent) {
    return duration_ms / 100 * percent + duration_ms % 100 * percent / 100;
}

/// One clock of one work order.
struct SlaClock {
    std::int64_t spent_ms = 0; ///< target time used before `since_ms` (clock or business ms)
    std::int64_t since_ms = 0; ///< when running: when the current running stretch began
    std::int64_t due_ms = 0;   ///< when running: when the target is reached (`never`: never)
    std::uint32_t epoch = 0;   ///< moves on whenever the due times move; older timers are stale
    SlaStatus status = SlaStatus::pending;
    bool warned = false;
    bool breached = false;

    static constexpr std::int64_t never = INT64_MAX;

    bool started() const { return status != SlaStatus::pending; }
    bool stopped() const { return status == SlaStatus::met || status == SlaStatus::missed; }

    /// Moves the clock for a work order that enters `state` at `now_ms` (or is created in it):
    /// starts, pauses, resumes or stops it. Returns whether anything changed.
    bool enter(const SlaRules& rules, std::uint32_t clock, std::uint32_t state, bool creating,
               bool final_state, const CountedDuration& target, std::int64_t now_ms);
    /// Target time still left (0 once the target has passed), as of `now_ms`.
    std::int64_t remaining(const CountedDuration& target, std::int64_t now_ms) const;
};

/// What a change to a clock asks the timer queue for: when its warning and its breach fall
/// due (both at or after `now_ms`), when they do.
struct SlaTimers {
    std::optional<std::int64_t> warning_ms;
    std::optional<std::int64_t> breach_ms;
};

/// Recomputes a running clock's due time for `target` and says which timers to arm; bumps the
/// epoch, so timers armed before are stale. A clock that is not running arms nothing.
SlaTimers rearm(SlaClock& clock, const CountedDuration& target, int warn_percent,
                std::int64_t now_ms);

/// Writes a work order's clocks (at priority `level`, as of `now_ms`) into `view`, reusing its
/// texts: what a decision's `sla` key and a snapshot show.
void describe_sla(const SlaRules& rules, const std::array<SlaClock, 2>& clocks, std::uint32_t level,
                  std::int64_t now_ms, SlaView& view);

/// Timer indexes (TimerEntry::timer) of SLA timers carry this flag; the rest of the index
/// is clock * 2 + kind (0 = warning, 1 = breach). `after` timers count up from 0.
inline constexpr std::uint32_t sla_timer_flag = 0x80000000u;
inline std::uint32_t sla_timer(std::uint32_t clock, bool breach) {
    return sla_timer_flag | (clock << 1) | (breach ? 1u : 0u);
}

template <typename CalendarOf>
SlaRules SlaRules::build(const dsl::WorkflowModel& workflow, const dsl::SlaModel& sla,
                         const CalendarOf& calendar_of) {
    const auto& use = *workflow.sla;
    const std::size_t state_count = workflow.states.size();
    const auto flags = [&](const std::vector<std::size_t>& states) {
        std::vector<std::uint8_t> result(state_count, 0);
        for (const auto state : states) {
            result[state] = 1;
        }
        return result;
    };
    SlaRules rules;
    rules.name = sla.name;
    rules.clocks[response_clock] = {use.response_starts.empty(), flags(use.response_starts),
                                    flags(use.response_stops)};
    rules.clocks[resolution_clock] = {use.resolution_starts.empty(), flags(use.resolution_starts),
                                      flags(use.resolution_stops)};
    rules.paused = flags(use.paused);
    rules.warn_percent = sla.warn_percent;
    const auto target = [&](const dsl::SlaTargetModel& model) {
        return CountedDuration::of(model.duration_ms, model.business, model.business_length,
                                   model.business ? calendar_of(model.calendar) : nullptr);
    };
    rules.by_level.resize(sla.levels.size());
    for (const auto& level : sla.levels) {
        rules.by_level[level.level] = {target(level.response), target(level.resolution)};
    }
    return rules;
}

} // namespace millwright::detail
