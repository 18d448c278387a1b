// The engine's inside: per-workflow dispatch tables built from the compiled model, work orders
// held in memory, the sandboxed Lua VM with each workflow's chunk loaded once, and the
// evaluation in progress (what rt.* effects write to until the event is committed).
#pragma once

#include "millwright/engine.hpp"

#include "millwright/directory.hpp"

#include "approval.hpp"
#include "chunked_vector.hpp"
#include "event_view.hpp"
#include "hash_slots.hpp"
#include "history_log.hpp"
#include "history_text.hpp"
#include "lua/state.hpp"
#include "pm.hpp"
#include "ruleset_data.hpp"
#include "sla.hpp"
#include "timer_queue.hpp"
#include "value.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// Names to indexes (a workflow's fields and events, the workflows, interned texts). Reads like
/// the map it replaces: find() gives an entry with `first` and `second`, or end().
class NameIndex {
public:
    struct Entry {
        std::string first;        ///< the name
        std::uint32_t second = 0; ///< its index
    };

    /// Adds `name` for `index` unless `name` is present already (then keeps the first).
    void emplace(std::string_view name, std::uint32_t index) {
        if (find(name) != end()) {
            return;
        }
        entries_.push_back({std::string(name), index});
        slots_.insert(name_hash(name), static_cast<std::uint32_t>(entries_.size() - 1));
    }

    /// The entry for `name`, or end(). Valid until the next emplace().
    const Entry* find(std::string_view name) const {
        const auto found = slots_.find(
            name_hash(name), [&](std::uint32_t entry) { return entries_[entry].first == name; });
        return found ? &entries_[*found] : end();
    }
    const Entry* end() const { return nullptr; }

    /// The entries in the order they were added.
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::vector<Entry> entries_;
    HashSlots slots_;
};

/// One workflow, ready to dispatch: names resolved to indexes, functions to Lua references.
struct CompiledWorkflow {
    const dsl::WorkflowModel* model = nullptr;
    std::string file; ///< the source file's name, for reasons
    std::vector<int> function_refs;
    /// Whether each function runs under the instruction budget's count hook. Generated code
    /// has no loops of its own; it can loop only inside lib.includes, over a list it was
    /// given, so a function with no list input runs at most a few instructions per byte of
    /// its DSL text. Those (when short) run unmetered, which saves a hook stop per instruction.
    std::vector<std::uint8_t> metered;
    NameIndex events;
    std::vector<std::uint32_t> event_names; ///< interned name of each event, by event index
    NameIndex fields;
    /// dispatch[event][state]: the alternatives of that event whose sources include the state.
    std::vector<std::vector<std::vector<std::uint32_t>>> dispatch;
    std::vector<Value> defaults;
    std::vector<std::string> default_json; ///< each default as a decision shows it
    std::vector<std::string> field_keys;   ///< each field's name as a JSON key: `"asset":`
    /// Each timer's name in decisions and history: its `after` line up to the colon.
    std::vector<std::string> timer_labels;
    /// timers_by_state[state]: the indexes (into model->timers) armed on entering the state.
    std::vector<std::vector<std::uint32_t>> timers_by_state;
    /// Per field: whether the priority depends on it (recomputed when it changes).
    std::vector<std::uint8_t> priority_input;
    std::vector<std::uint32_t> given_defaults; ///< the fields whose default is not unset
    const SlaRules* sla = nullptr; ///< the workflow's SLA clocks, when it has an `sla` line
    /// The chains its transitions start (model->approvals, ready to run); empty for most.
    const std::vector<ApprovalRules>* approvals = nullptr;

    bool reads_data_key(std::string_view key) const;
};

inline constexpr std::uint32_t no_state = 0xffffffffu;

inline constexpr std::uint32_t no_priority = 0xffffffffu;

struct WorkOrder {
    std::string id;
    std::uint32_t workflow = 0;
    std::uint32_t state = 0;
    std::uint32_t priority = no_priority; ///< level index (0 = most urgent) when it has one
    std::uint32_t priority_reason = 0;    ///< interned reason the level was chosen
    std::uint64_t version = 0;
    /// Counts the work order's entries into a state; a timer armed during an earlier stay is
    /// stale (see TimerQueue).
    std::uint64_t stay = 0;
    std::vector<Value> fields;
    /// The SLA's response and resolution clocks (pending for a workflow without an SLA).
    std::array<SlaClock, 2> sla;
    std::string requester;
    std::string assignee;
    /// The latest record of its history in the engine's HistoryLog (every work order has one,
    /// its creation's, once it is committed).
    std::uint32_t last_record = no_record;
    /// The latest approval chain a transition started; null when none (most work orders).
    std::unique_ptr<ApprovalRun> approval;
    /// The pm enrollment that created it (no_enrollment for the others), and the due time of
    /// the occurrence it was created for.
    std::uint32_t pm_enrollment = no_enrollment;
    std::int64_t pm_due_ms = 0;
};

/// Field values an event has written but not yet committed, in a reusable buffer.
class PendingFields {
public:
    void reset(std::size_t field_count);
    void set(std::uint32_t field, Value value);
    /// The pending value of `field`, marked as written, for the caller to fill in place.
    Value& write(std::uint32_t field) {
        if (!is_set_[field]) {
            is_set_[field] = 1;
            touched_.push_back(field);
        }
        return values_[field];
    }
    // Inline: committing a creation asks once per field of the workflow.
    const Value* find(std::uint32_t field) const {
        return is_set_[field] ? &values_[field] : nullptr;
    }
    Value* find(std::uint32_t field) { return is_set_[field] ? &values_[field] : nullptr; }
    /// Fields written, in the order first written.
    const std::vector<std::uint32_t>& touched() const { return touched_; }

private:
    std::vector<Value> values_;
    std::vector<std::uint8_t> is_set_;
    std::vector<std::uint32_t> touched_;
};

/// What one event is doing, for the rt.* functions the generated code calls.
struct Evaluation {
    const CompiledWorkflow* workflow = nullptr;
    const WorkOrder* work_order = nullptr;
    const EventView* event = nullptr;
    PendingFields pending;
    std::vector<Effect> effects;
    bool assignee_changed = false;
    std::string new_assignee;

    /// The field's value as the event sees it: pending first, then the work order.
    const Value& field(std::uint32_t index) const {
        const Value* pending_value = pending.find(index);
        return pending_value ? *pending_value : work_order->fields[index];
    }
};

/// Interns repeated strings (event names, priority reasons) so history entries stay small.
class Interner {
public:
    std::uint32_t intern(std::string_view text);
    const std::string& text(std::uint32_t id) const { return ids_.entries()[id].first; }

private:
    NameIndex ids_; ///< ids are positions in the order texts were first seen
};

struct EngineState;

/// Loads and runs a workflow's chunk in `state` (its runtime table writing to `evaluation`),
/// and keeps a registry reference to each function it exports in `function_refs` (none when
/// null). Returns why it failed: a chunk over one of Lua's limits, or one whose main body ran
/// out of memory; `line` is the chunk's line when Lua gives one.
std::optional<lua::Failure> load_workflow_chunk(lua::State& state, const dsl::WorkflowModel& model,
                                                Evaluation* evaluation,
                                                const stdlib::CalendarsByName* calendars,
                                                std::vector<int>* function_refs);

} // namespace millwright::detail

namespace millwright {

struct Engine::Impl {
    Impl(std::shared_ptr<const Ruleset> ruleset, const EngineOptions& options);

    /// Handles one event view; `line` is the input line number, if any.
    const Decision& decide(const detail::EventView& event, std::optional<std::uint64_t> line);
    /// Reports a malformed line.
    const Decision& malformed(std::uint64_t line, const std::string& why);
    /// Reports a line longer than options.max_line_bytes as malformed.
    const Decision& too_long_line(std::uint64_t line) {
        return malformed(line,
                         "it is longer than " + std::to_string(options.max_line_bytes) + " bytes");
    }
    /// Refuses `event` before anything happened (`error` and `reason` as the decision says).
    const Decision& refuse(const detail::EventView& event, std::optional<std::uint64_t> line,
                           const char* error, std::string reason);

    std::shared_ptr<const Ruleset> ruleset;
    EngineOptions options;
    lua::State lua;
    std::vector<detail::CompiledWorkflow> workflows;
    detail::NameIndex workflow_index;
    /// In chunks of 1024 (about 230 KiB): they never move, and growing copies none of them.
    detail::ChunkedVector<detail::WorkOrder, 1024> work_orders;
    /// Work-order ids by their index in `work_orders` (the ids live in the work orders).
    detail::HashSlots work_order_index;

    /// The index of a work order by id, if it exists.
    std::optional<std::uint32_t> find_work_order(std::string_view id) const {
        return work_order_index.find(detail::name_hash(id), [&](std::uint32_t index) {
            return work_orders[index].id == id;
        });
    }
    /// Cache hints for a work order that a line further on names, given the hash of its id
    /// (see replay.cpp): each starts loading memory that deciding that line will read, so its
    /// cache misses overlap the work on the lines before it. They change nothing, and a wrong
    /// guess costs only the loads.
    void prefetch_slot(std::uint64_t id_hash) const { work_order_index.prefetch(id_hash); }
    /// Its index, guessed from the hash alone, with the work order's own lines loading.
    std::optional<std::uint32_t> prefetch_work_order(std::uint64_t id_hash) const {
        const auto index = work_order_index.find_by_hash(id_hash);
        if (index) {
            const char* lines = reinterpret_cast<const char*>(&work_orders[*index]);
            for (std::size_t offset = 0; offset < sizeof(detail::WorkOrder); offset += 64) {
                __builtin_prefetch(lines + offset);
            }
        }
        return index;
    }
    /// Starts loading the field values of the work order at `index`.
    void prefetch_fields(std::uint32_t index) const {
        const auto& fields = work_orders[index].fields;
        const char* lines = reinterpret_cast<const char*>(fields.data());
        const std::size_t bytes = fields.size() * sizeof(detail::Value);
        for (std::size_t offset = 0; offset < bytes; offset += 64) {
            __builtin_prefetch(lines + offset);
        }
    }
    void index_work_order(std::uint32_t index) {
        work_order_index.insert(detail::name_hash(work_orders[index].id), index);
    }
    detail::Interner interner;
    /// The changes texts of every work order's history (see HistoryRecord::changes_json).
    detail::HistoryText history_text;
    /// The history records of every work order.
    detail::HistoryLog history_log;
    detail::Evaluation evaluation;
    detail::LineReader reader;
    detail::EventView scratch_event;
    detail::WorkOrder scratch_work_order; ///< the work order a creation is building
    std::string scratch_text;
    std::string padded_line;
    std::vector<std::uint32_t> scratch_fields;
    Decision decision;
    std::uint64_t seq = 0;
    std::int64_t clock_ms = 0;
    bool clock_started = false;

    /// Timers of every work order, on the engine's clock.
    detail::TimerQueue timers;
    /// Where decisions the engine originates (fired timers) go; may be empty.
    std::function<void(const Decision&)> sink;
    /// The directory directory events change (see Engine::set_directory); may be null.
    std::shared_ptr<Directory> directory;
    std::string timer_at_text; ///< the `at` of the timer being fired

    /// Preventive maintenance: the rules' enrollments and schedules (see pm.hpp).
    detail::PmRuntime pm;
    /// The assets set with Engine::set_assets; may be null.
    std::shared_ptr<AssetDirectory> assets;
    /// Whether pm schedules count yet: they start at the clock's first instant.
    bool pm_started = false;
    /// The event a pm line is decided with (its data are the asset's record), and its view.
    Event pm_event;
    detail::EventView pm_view;
    std::string pm_scratch;
    /// Starts the pm schedules at `at_ms` when they have not started yet.
    void start_pm(std::int64_t at_ms) {
        if (!pm_started && pm.has_rules()) {
            begin_pm(at_ms);
        }
    }
    void begin_pm(std::int64_t at_ms);
    /// Enrolls `asset` in every rule that selects it (and out of those that no longer do);
    /// returns why a rule cannot read it, or "".
    std::string enroll_asset(const Asset& asset);
    /// Takes the asset with slot `slot` out of every rule.
    void retire_asset(std::uint32_t slot);
    /// Arms the timer of an enrollment's time schedule from `now_ms`.
    void arm_pm(std::uint32_t enrollment, std::int64_t now_ms, bool first);
    /// Fires a due pm timer: creates (or leaves out) its occurrence's work order, moves on.
    /// `now_ms` is the time the clock is catching up to: a rule whose later occurrences are due
    /// by then too creates only the latest (`if missed: create latest`).
    void fire_pm(const detail::TimerEntry& entry, std::int64_t now_ms);
    /// Catching up to `now_ms` with a calendar rule's timer that fired at `fired_ms`: when a
    /// later occurrence's creation time has come too, moves the enrollment on to the latest
    /// such occurrence, counts those passed over as missed, arms its timer and returns true.
    bool skip_to_latest(std::uint32_t enrollment, std::int64_t fired_ms, std::int64_t now_ms);
    /// Creates the work order of an occurrence at `at_ms` (a line of its own, to the sink).
    /// Creates the occurrence's work order at `at_ms` and writes its line; true when the
    /// occurrence has an open work order (created now, or generated before and still open).
    bool create_pm(const detail::PmOccurrence& occurrence, std::int64_t at_ms);
    /// True when this rule already generated the occurrence for this asset (its id exists,
    /// made by the rule for the same asset and due); the enrollment then points at it.
    bool already_generated(const detail::PmOccurrence& occurrence);
    /// A work order a pm rule created has moved to `state`: a floating schedule counts on.
    void pm_work_order_moved(const detail::WorkOrder& work_order);
    /// Decides an `asset` or `reading` line, after the pm lines it causes.
    const Decision& decide_pm_line(const detail::EventView& event,
                                   std::optional<std::uint64_t> line);
    /// Whether a queued timer was cancelled: its work order left the state it was armed in,
    /// or (an SLA timer) the clock's due times moved since.
    bool is_stale(const detail::TimerEntry& entry) const {
        if ((entry.timer & detail::pm_timer_flag) != 0) {
            const detail::PmEnrollment& enrollment = pm.enrollment(entry.work_order);
            return !enrollment.active || enrollment.epoch != entry.stay;
        }
        const detail::WorkOrder& work_order = work_orders[entry.work_order];
        if ((entry.timer & detail::sla_timer_flag) != 0) {
            return work_order.sla[(entry.timer & ~detail::sla_timer_flag) >> 1].epoch != entry.stay;
        }
        if ((entry.timer & detail::approval_timer_flag) != 0) {
            // Stale too once its step stopped waiting (approved while its stage goes on).
            const detail::ApprovalRun* run = work_order.approval.get();
            if (run == nullptr || run->epoch != entry.stay) {
                return true;
            }
            const auto status = run->steps[entry.timer & ~detail::approval_timer_flag].status;
            return status != detail::StepStatus::waiting && status != detail::StepStatus::blocked;
        }
        return work_order.stay != entry.stay;
    }
    /// Fires, in order, every timer due at or before `now_ms`, each deciding like an event and
    /// handing its decision to `sink`; moves the clock to each timer's due time. Stops after
    /// options.max_engine_lines_per_input lines and returns false when more are due (they stay
    /// queued, and the clock at the last one fired); true when all were fired.
    bool fire_timers(std::int64_t now_ms);
};

} // namespace millwright
