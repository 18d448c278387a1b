// Preventive maintenance at run time: which assets each pm rule covers (its enrollments), when
// each enrollment's next work order falls due, what meter and sensor readings do, and the
// forecast. docs/maintenance.md describes the behaviour; this is its bookkeeping.
//
// Nothing here scans the assets when nothing is due. Each enrollment with a time schedule keeps
// one timer in the engine's queue (flagged pm_timer_flag, at the instant its next work order is
// created, i.e. due minus lead); a reading touches only the enrollments of its asset; an asset
// change touches only that asset's enrollments. The cost per clock advance is therefore the cost
// of the timers that fire, whatever the number of assets. Internal to the engine.
#pragma once

#include "millwright/assets.hpp"
#include "millwright/dsl/model.hpp"
#include "millwright/forecast.hpp"
#include "millwright/stdlib/local_time.hpp"
#include "millwright/stdlib/recurrence.hpp"

#include "hash_slots.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace millwright::detail {

/// Timer indexes of pm timers carry this flag; their `work_order` is an enrollment index.
inline constexpr std::uint32_t pm_timer_flag = 0x20000000u;
/// The low bits of a pm timer: what falls due.
enum PmTimerKind : std::uint32_t {
    pm_timer_due = 0,      ///< create the enrollment's pending occurrence
    pm_timer_sustained = 1 ///< a condition has held long enough
};

inline constexpr std::uint32_t no_enrollment = 0xffffffffu;

/// A pm rule as the engine runs it.
struct PmRule {
    const dsl::PmModel* model = nullptr;
    std::uint32_t workflow = 0; ///< the engine's workflow index of the work orders it creates
};

/// A rule's recurrence placed in one zone (calendar rules), or just the zone (the others).
struct PmSchedule {
    std::uint32_t rule = 0;
    std::optional<stdlib::LocalZone> zone;
    std::optional<stdlib::Recurrence> recurrence;
};

/// One asset covered by one rule, and where its schedule stands.
struct PmEnrollment {
    std::uint32_t rule = 0;
    std::uint32_t asset = 0;    ///< index into PmRuntime::assets()
    std::uint32_t schedule = 0; ///< index into the runtime's schedules
    bool active = true;         ///< false once the asset left the rule (retired, deselected)
    std::uint64_t epoch = 0;    ///< a pm timer of another epoch is stale
    /// The occurrence its armed timer will create (time schedules), when one is pending.
    std::optional<std::int64_t> due_ms;
    stdlib::RecurrenceCursor cursor;             ///< calendar rules: after the pending occurrence
    std::uint32_t last_work_order = 0xffffffffu; ///< the latest work order it created
    std::int64_t last_due_ms = 0;                ///< the due time of that work order
    /// Meter and combined rules: the latest reading, and the multiple it waits for next.
    std::optional<double> reading;
    std::int64_t reading_ms = 0;
    double next_threshold = 0;
    /// Readings kept for the usage rate (a `lead` on a meter schedule projects from the oldest),
    /// oldest first: none more than rate_window before the latest, and at most one a
    /// rate_spacing, so a meter read every minute keeps 31 of them, not 43,200.
    std::vector<std::pair<std::int64_t, double>> rate_readings;
    /// Calendar rules: occurrences left out since the last one created (or left out for an
    /// open previous work order), because a later one's creation time had come too when the
    /// clock caught up (`if missed: create latest`).
    std::uint32_t missed = 0;
    /// Condition rules: triggered and waiting to clear; holding since (armed sustain timer).
    bool awaiting_clear = false;
    std::optional<std::int64_t> holding_since_ms;
};

/// A work order to create now, as the runtime decided it.
struct PmOccurrence {
    std::uint32_t enrollment = 0;
    std::int64_t due_ms = 0;
    std::string work_order;   ///< the deterministic id
    bool triggered = false;   ///< by a condition or a meter (origin `trigger`), not a clock
    std::uint32_t missed = 0; ///< earlier occurrences left out by catching up (see PmEnrollment)
};

/// How many work orders the rules created and left out, for the replay summary.
struct PmCounts {
    std::uint64_t created = 0;
    std::uint64_t skipped = 0; ///< previous work order still open
    std::uint64_t failed = 0;  ///< the creation was refused (a rule failed)
    std::uint64_t missed = 0;  ///< occurrences left out by catching up (no line of their own)
};

class PmRuntime {
public:
    /// How far back readings count for a meter's usage rate.
    static constexpr std::int64_t rate_window_ms = 30LL * 24 * 60 * 60 * 1000;
    /// How far apart the readings kept for the usage rate are, at least.
    static constexpr std::int64_t rate_spacing_ms = 24LL * 60 * 60 * 1000;

    void set_rules(std::vector<PmRule> rules) { rules_ = std::move(rules); }
    const std::vector<PmRule>& rules() const { return rules_; }
    bool has_rules() const { return !rules_.empty(); }

    /// The asset slot of `id`, added when new.
    std::uint32_t asset_slot(std::string_view id);
    std::optional<std::uint32_t> find_asset(std::string_view id) const;
    const std::string& asset_id(std::uint32_t slot) const { return asset_ids_[slot]; }
    std::uint32_t asset_count() const { return static_cast<std::uint32_t>(asset_ids_.size()); }
    /// The enrollment of `asset` in `rule`, if any (active or not).
    std::optional<std::uint32_t> enrollment_of(std::uint32_t asset, std::uint32_t rule) const;
    /// The enrollment of `asset` in each rule, in rule order: no_enrollment where it has none.
    /// A view into the runtime, valid until the next asset is added.
    std::span<const std::uint32_t> enrollment_row(std::uint32_t asset) const {
        return {asset_enrollments_.data() + std::size_t{asset} * rules_.size(), rules_.size()};
    }

    /// Enrolls (or re-activates) `asset` in `rule`, its schedule counting in `zone` (already
    /// checked to exist). Returns its index.
    std::uint32_t enroll(std::uint32_t asset, std::uint32_t rule, const std::string& zone);
    PmEnrollment& enrollment(std::uint32_t index) { return enrollments_[index]; }
    const PmEnrollment& enrollment(std::uint32_t index) const { return enrollments_[index]; }
    std::size_t enrollment_count() const { return enrollments_.size(); }
    const PmSchedule& schedule_of(const PmEnrollment& e) const { return schedules_[e.schedule]; }
    const dsl::PmModel& model_of(const PmEnrollment& e) const { return *rules_[e.rule].model; }

    // ---- time schedules ---------------------------------------------------------------------

    /// The first due of a time schedule from `now_ms`: a calendar rule's first occurrence at or
    /// after it (in season), a floating or combined rule's first due (from the asset's last
    /// completion, the rule's `starting` date, or now). Sets the enrollment's pending due and
    /// cursor; nothing (and no pending due) when the schedule has ended.
    std::optional<std::int64_t> first_due(PmEnrollment& e, const Asset* asset,
                                          std::int64_t now_ms) const;
    /// A calendar rule's occurrence after the pending one (in season); nothing when ended.
    std::optional<std::int64_t> next_calendar_due(PmEnrollment& e) const;
    /// A floating or combined rule's due an interval after `from_ms` (in season).
    std::optional<std::int64_t> interval_due(const PmEnrollment& e, std::int64_t from_ms) const;
    /// When to create the work order of an occurrence due at `due_ms`: its lead time before,
    /// but never before `now_ms`.
    std::int64_t create_at(const PmEnrollment& e, std::int64_t due_ms, std::int64_t now_ms) const;

    // ---- readings -----------------------------------------------------------------------------

    /// A meter reading: moves the enrollment's meter on; returns the occurrence it brings due
    /// (a multiple passed, or with a lead the projected crossing near), if any.
    std::optional<PmOccurrence> meter_reading(std::uint32_t index, double value,
                                              std::int64_t at_ms);
    /// Whether a meter reading would go back (a cumulative meter never does).
    bool meter_goes_back(const PmEnrollment& e, double value) const {
        return e.reading && value < *e.reading;
    }

    /// The deterministic id of the work order for an occurrence (docs/maintenance.md):
    /// `RULE/ASSET/2026-04-01` for a calendar, floating or combined due (the local date; with
    /// `THH:MM` for a rule that may fall due more than once a day), `RULE/ASSET/miles-30000`
    /// for a meter multiple, `RULE/ASSET/2026-04-01T10:30:00Z` for a condition.
    std::string work_order_id(const PmEnrollment& e, std::int64_t due_ms,
                              std::optional<double> threshold = std::nullopt) const;

    /// The work orders the rules would create with due in [from_ms, to_ms), from where each
    /// enrollment stands now (`now_ms`), as docs/maintenance.md describes; sorted.
    std::vector<ForecastEntry> forecast(std::int64_t from_ms, std::int64_t to_ms,
                                        std::int64_t now_ms,
                                        const std::vector<std::string>& workflow_names,
                                        const AssetDirectory* assets) const;

    PmCounts counts;

private:
    std::uint32_t schedule_for(std::uint32_t rule, const std::string& zone);
    std::optional<std::int64_t> in_season(const PmEnrollment& e, std::int64_t due_ms) const;
    bool fires_more_than_daily(const dsl::PmModel& model) const;

    std::vector<PmRule> rules_;
    std::vector<PmSchedule> schedules_;
    std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> schedule_index_;
    std::vector<PmEnrollment> enrollments_;
    std::vector<std::string> asset_ids_;
    /// Asset id -> slot, by name_hash of the id. Every reading looks its asset up here; a
    /// std::map's seventeen string comparisons among 100,000 assets (each a cache miss) made a
    /// reading cost four times as much as among 1,000.
    HashSlots asset_index_;
    /// asset_enrollments_[asset * rules + rule]: the enrollment, or no_enrollment.
    std::vector<std::uint32_t> asset_enrollments_;
};

} // namespace millwright::detail
