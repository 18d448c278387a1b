// The compiled form of a program, handed from the dsl to the engine. Per workflow: the state
// machine as plain tables (the engine dispatches events in C++), its timers, SLA and priority,
// plus one Lua chunk holding every guard, action and priority function as a named local
// function, and the line map from Lua lines back to DSL spans. Per program (ProgramModel):
// the priority levels, matrices, calendars and SLAs the workflows share, as plain data.
//
// Values inside Lua follow one convention, shared by codegen, the engine and the stdlib:
//   text, enumeration  -> string            number   -> number (float or integer)
//   money              -> integer, cents    bool     -> boolean
//   time               -> integer, milliseconds since 1970-01-01T00:00:00Z
//   date               -> integer, days since 1970-01-01
//   duration           -> integer, milliseconds
//   list of T          -> sequence table of T          unset -> nil
#pragma once

#include "millwright/dsl/ast.hpp"
#include "millwright/dsl/source.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace millwright::dsl {

using ast::TypeKind;

/// A field's type after checking.
struct ValueType {
    TypeKind kind = TypeKind::text;
    std::vector<std::string> enum_values;   ///< enumeration, or list of enumeration
    TypeKind element_kind = TypeKind::text; ///< for list
};

/// A constant in the Lua value convention above (monostate = unset).
using Scalar = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
struct Constant {
    Scalar scalar; ///< when not a list
    bool is_list = false;
    std::vector<Scalar> items; ///< when a list
};

struct FieldModel {
    std::string name;
    ValueType type;
    bool required = false; ///< must be given when the work order is created
    std::optional<Constant> default_value;
    SourceSpan span;
};

/// What the engine pushes, in order, as the arguments of a generated function.
enum class InputKind {
    field,     ///< the work order's field `name` (index `field`)
    data,      ///< the event's `data.name`, converted to the type codegen expects (`type`)
    actor,     ///< the event's `by`
    now,       ///< the event's `at` (time)
    requester, ///< who created the work order
    assignee,  ///< who the work order is assigned to (unset when nobody)
    state,     ///< the current state's name
    id,        ///< the work order id
    asset,     ///< in a pm rule: the asset's `asset.name`, converted to `type`
    pm,        ///< in a pm rule's `create`: `pm.name` (`due`: time, `rule`: text)
};

struct FunctionInput {
    InputKind kind = InputKind::field;
    std::string name;      ///< field name or data key; empty otherwise
    std::size_t field = 0; ///< index into WorkflowModel::fields when kind == field
    ValueType type;        ///< the type the generated code expects
    std::string display;   ///< as written in the DSL: "cost", "data.technician", "actor"
};

/// What a generated function does, and so what it returns:
/// - guard: one boolean;
/// - actions: nothing (its effects go through `rt`);
/// - priority: two strings, the level's name and the reason it was chosen (see PriorityModel).
enum class FunctionKind { guard, actions, priority };

/// A generated `local function`, exported by name from the chunk's returned table.
struct FunctionModel {
    std::string name; ///< e.g. "assign_triaged_to_assigned_guard"
    FunctionKind kind = FunctionKind::guard;
    std::vector<FunctionInput> inputs;
    SourceSpan span;
};

struct TransitionModel {
    std::vector<std::size_t> from;      ///< state indexes, resolved (`any` expanded)
    std::size_t to = 0;                 ///< state index
    std::optional<std::size_t> guard;   ///< index into functions
    std::string guard_text;             ///< the guard as written, for `why_not`
    std::vector<std::size_t> required;  ///< field indexes that must be non-empty after the event
    std::optional<std::size_t> actions; ///< index into functions
    /// The approval chain the transition starts (`start NAME`): index into
    /// WorkflowModel::approvals (docs/approvals.md says how the engine runs it).
    std::optional<std::size_t> start;
    SourceSpan span;
    std::string text; ///< the alternative as written (one line)
};

struct EventModel {
    std::string name;
    std::vector<TransitionModel> alternatives; ///< in source order; the first whose source
                                               ///< state matches and guard holds is taken
    SourceSpan span;
};

struct StateModel {
    std::string name;
    bool initial = false;
    bool final = false;
    std::optional<std::size_t> on_enter; ///< index into functions
    std::optional<std::size_t> on_leave; ///< index into functions
    SourceSpan span;
};

/// One level of a program's `priorities` line; a level's index is its rank (0 = most urgent).
struct PriorityLevelModel {
    std::string name;  ///< "P1"
    std::string title; ///< "Critical"; empty when none was written
    SourceSpan span;
};

/// One axis of a matrix, with its values in declaration order.
struct MatrixAxisModel {
    std::string name;
    std::vector<std::string> values;
    SourceSpan span;
};

/// A `matrix`: a total lookup table from one value per axis to a priority level. The checker
/// guarantees that every combination has exactly one cell.
struct MatrixModel {
    std::string name;
    std::vector<MatrixAxisModel> axes;
    /// Level indexes (into ProgramModel::levels) in row-major order over the axes as declared:
    /// the cell of value indexes (i0, i1, ..., ik) is at ((i0 * n1 + i1) * n2 + ...) + ik,
    /// where n is the number of values of each axis.
    std::vector<std::size_t> cells;
    SourceSpan span;

    /// The level index for one value index per axis (the caller keeps them in range).
    std::size_t cell(const std::vector<std::size_t>& value_indexes) const;
};

/// An override `but LEVEL when GUARD`, as written; the priority function evaluates it.
struct PriorityOverrideModel {
    std::size_t level = 0; ///< index into PriorityModel::levels
    std::string text;      ///< "but P1 when category = electrical and impact = high"
    SourceSpan span;
};

/// How a workflow derives a work order's priority. The engine calls `function` (kind
/// FunctionKind::priority, inputs as for every function) when a work order is created and
/// again whenever one of the fields in `depends_on` changes. The function returns two
/// strings: the level's name (one of `levels`) and the reason, either
/// `matrix NAME[value][value]`, `priority LEVEL` (a fixed level) or the override line as
/// written (`but P1 when category = electrical and impact = high`).
struct PriorityModel {
    std::vector<std::string> levels;              ///< the program's levels, most urgent first
    std::string matrix;                           ///< the matrix looked up; empty for a fixed level
    std::vector<std::size_t> axes;                ///< field index per matrix axis, in axis order
    std::optional<std::size_t> fixed;             ///< the level index of `priority = LEVEL`
    std::vector<PriorityOverrideModel> overrides; ///< in the order they are tried
    std::size_t function = 0;                     ///< index into WorkflowModel::functions
    std::vector<std::size_t> depends_on;          ///< field indexes read, sorted, unique
    SourceSpan span;
};

/// A length of business time by unit, as written. Weeks and days are the calendar's (a week
/// of its opening hours, and its average open day: stdlib::BusinessCalendar::business_day),
/// so they become milliseconds only once the calendar is known; hours and smaller units are
/// hours of opening as they stand.
struct BusinessLengthModel {
    std::int64_t weeks = 0;
    std::int64_t days = 0;
    std::int64_t ms = 0; ///< the hours, minutes and seconds
};

/// `after DURATION [business] [on CALENDAR] in STATE: ...`. The engine arms the timer when a
/// work order enters `state` (and again each time it re-enters it) and cancels it when the
/// work order leaves; when it fires, the engine calls `actions` (if any), then takes the
/// transition to `target` (if any) with the usual leave and enter hooks. It fires once per
/// stay.
struct TimerModel {
    std::size_t state = 0;               ///< index into WorkflowModel::states (never final)
    std::int64_t duration_ms = 0;        ///< > 0; as written, with a day counted as 24 hours
    bool business = false;               ///< counted on a business calendar, not the clock
    BusinessLengthModel business_length; ///< when `business`: the duration by unit
    /// The calendar it counts on: named by `on`, or for business time without `on` the file's
    /// only calendar of its own, which the compiler fills in; empty for clock time.
    std::string calendar;
    std::optional<std::size_t> actions; ///< index into functions (FunctionKind::actions)
    std::optional<std::size_t> target;  ///< state index of `-> STATE`
    SourceSpan span;
    std::string text; ///< the `after` line as written (one line)
};

/// How a workflow uses its SLA (ProgramModel::slas[sla]), with the SLA's state names resolved
/// to this workflow's state indexes. See SlaModel for what the lists mean.
struct WorkflowSlaModel {
    std::size_t sla = 0; ///< index into ProgramModel::slas
    std::string name;
    std::vector<std::size_t> response_starts;
    std::vector<std::size_t> response_stops;
    std::vector<std::size_t> resolution_starts;
    std::vector<std::size_t> resolution_stops;
    std::vector<std::size_t> paused;
    SourceSpan span; ///< the workflow's `sla NAME` line
};

/// Lua line (1-based) -> the DSL span it was generated from; index 0 is unused.
/// An approval chain as one workflow starts it: the chain's step conditions compiled against
/// this workflow's fields, and its outcomes as this workflow's states.
struct WorkflowApprovalModel {
    std::size_t approval = 0; ///< index into ProgramModel::approvals
    std::string name;
    /// One per step of the chain, in step order: the step's `when` condition as a function
    /// (FunctionKind::guard, index into WorkflowModel::functions); empty for a step without one,
    /// which always applies.
    std::vector<std::optional<std::size_t>> step_guards;
    std::size_t approved = 0; ///< state index of `on approved -> STATE`
    std::size_t rejected = 0; ///< state index of `on rejected -> STATE`
};

struct LineMap {
    std::vector<SourceSpan> lines;
    std::optional<SourceSpan> lookup(std::uint32_t lua_line) const;
};

/// Everything the engine needs to run one workflow.
struct WorkflowModel {
    std::string name;
    std::string title;
    SourceSpan span;
    std::vector<FieldModel> fields;
    std::vector<StateModel> states;
    std::size_t initial_state = 0;
    std::vector<EventModel> events;
    std::vector<FunctionModel> functions;
    std::optional<PriorityModel> priority; ///< when the workflow has a `priority =` line
    std::vector<TimerModel> timers;        ///< in source order
    std::optional<WorkflowSlaModel> sla;   ///< when the workflow has an `sla NAME` line
    /// The approval chains its transitions start, in order of first `start`.
    std::vector<WorkflowApprovalModel> approvals;
    std::vector<std::string> data_keys; ///< every `data.x` the workflow reads, sorted
    std::string chunk_name;             ///< "corrective.mw.lua" (the `@` is added by the loader)
    std::string lua;                    ///< the generated chunk
    LineMap line_map;
};

} // namespace millwright::dsl

namespace millwright::dsl {

/// One opening interval of a day: [open, close) in local wall-clock minutes from midnight,
/// 0 <= open < close <= 1440 (1440 = 24:00, the end of the day).
struct ShiftModel {
    int open = 0;
    int close = 0;

    bool operator==(const ShiftModel&) const = default;
};

/// A holiday every year: a fixed date (`day` 1-31; 29 February occurs in leap years only) or
/// the `nth` (1-4, or -1 for the last) `weekday` of the month (`day` is then 0).
struct YearlyHolidayModel {
    int month = 1;   ///< 1 = January ... 12 = December
    int day = 0;     ///< 1-31, or 0 for a weekday rule
    int nth = 0;     ///< 1-4 or -1 (last), for a weekday rule
    int weekday = 0; ///< 0 = Sunday ... 6 = Saturday, for a weekday rule
    SourceSpan span;
};

/// A one-off closure: local minutes [from, to) of one local date (0-1440 closes the day).
struct ClosureModel {
    std::int64_t date = 0; ///< days since 1970-01-01
    int from = 0;
    int to = 24 * 60;
    SourceSpan span;
};

/// A `calendar`, as plain values for the engine to turn into a stdlib calendar. The checker
/// guarantees shifts that open before they close and never overlap; the time zone name is not
/// checked against the zone database (the engine must do that and report an unknown zone).
struct CalendarModel {
    std::string name;
    std::string title;     ///< empty when none was written
    std::string time_zone; ///< IANA name as written, e.g. "America/New_York"
    /// Opening hours per weekday, index 0 = Sunday ... 6 = Saturday (the numbering of
    /// std::chrono::weekday::c_encoding()); each day's shifts sorted by opening time. Shifts
    /// that touch (08:00-12:00, 12:00-17:00) stay separate. Empty = closed all day.
    std::array<std::vector<ShiftModel>, 7> weekly;
    std::vector<std::int64_t> holidays; ///< days since 1970-01-01, sorted, without repeats
    std::vector<YearlyHolidayModel> yearly;
    std::vector<ClosureModel> closures; ///< in source order
    SourceSpan span;
};

/// A response or resolution target: a duration in clock time, or in business time on a
/// calendar.
struct SlaTargetModel {
    std::int64_t duration_ms = 0; ///< > 0; as written, with a day counted as 24 hours
    bool business = false;
    /// A name in ProgramModel::calendars: named by `on`, or for business time without `on`
    /// the file's only calendar of its own, which the compiler fills in; empty for clock time.
    std::string calendar;
    BusinessLengthModel business_length; ///< when `business`: the duration by unit
};

/// The targets of one priority level.
struct SlaLevelModel {
    std::size_t level = 0; ///< index into ProgramModel::levels
    SlaTargetModel response;
    SlaTargetModel resolution;
    SourceSpan span;
};

/// An `sla`: targets per priority level and the states that drive its two clocks.
/// Each clock (response, resolution) starts when the work order is created, or, when
/// `*_starts` is not empty, when it first enters one of those states; it stops for good when
/// the work order enters one of `*_stops`, or a final state when `*_stops` is empty. Both
/// clocks pause while the work order is in a `paused` state and resume when it leaves. The
/// target is the level's for the work order's current priority (recomputed when the priority
/// changes). A warning falls due at `warn_percent` of the target (0: no warning). State names
/// here are as written; WorkflowModel::sla holds them as the workflow's state indexes.
struct SlaModel {
    std::string name;
    std::string title;
    std::vector<SlaLevelModel> levels; ///< one per level, in level order (most urgent first)
    int warn_percent = 0;
    std::vector<std::string> response_starts;
    std::vector<std::string> response_stops;
    std::vector<std::string> resolution_starts;
    std::vector<std::string> resolution_stops;
    std::vector<std::string> paused;
    SourceSpan span;
};

/// How many approvers of a step must approve it.
enum class ApprovalRuleKind {
    any,   ///< one of them
    all,   ///< every one of them
    count, ///< ApprovalStepModel::count of them
};

enum class ApproverKind {
    role,                 ///< everyone the host's directory gives the role `name`
    person,               ///< the person whose id is `name`
    manager_of_requester, ///< the manager of who created the work order
    manager_of_approver,  ///< the manager of who approved the step before
};

struct ApproverModel {
    ApproverKind kind = ApproverKind::role;
    std::string name; ///< the role or the person id; empty for a manager
    SourceSpan span;
};

/// One step of an approval chain.
struct ApprovalStepModel {
    std::string name;
    ApprovalRuleKind rule = ApprovalRuleKind::any;
    std::int64_t count = 0; ///< for ApprovalRuleKind::count: >= 1
    std::vector<ApproverModel> approvers;
    /// The position of the step in the chain: steps of one `parallel` group share a stage and
    /// run together; stages run one after the other, in increasing order.
    std::size_t stage = 0;
    bool parallel = false;      ///< written inside a `parallel` group
    std::string condition_text; ///< the `when` condition as written; empty when none
    SourceSpan span;
};

enum class ApprovalTimeoutAction {
    remind,   ///< notify the awaited approvers again
    escalate, ///< add the awaited approvers' managers
    reject,   ///< reject the chain
};

/// `timeout ...`: applies to each step from when it starts waiting.
struct ApprovalTimeoutModel {
    SlaTargetModel length;
    ApprovalTimeoutAction action = ApprovalTimeoutAction::escalate;
    SourceSpan span;
};

/// An `approval` chain as written. State names here are as written; a workflow that starts
/// the chain holds them as its state indexes (WorkflowApprovalModel), with the step conditions
/// compiled against its fields.
struct ApprovalModel {
    std::string name;
    std::string title;
    std::vector<ApprovalStepModel> steps; ///< in source order
    std::size_t stages = 0;               ///< the number of stages (1 + the last step's stage)
    std::optional<ApprovalTimeoutModel> timeout;
    std::string approved_state; ///< `on approved -> STATE`
    std::string rejected_state; ///< `on rejected -> STATE`
    SourceSpan span;
};

/// How often a recurrence repeats (RFC 5545's FREQ).
enum class RecurrenceFrequency { secondly, minutely, hourly, daily, weekly, monthly, yearly };

/// A weekday in a BYDAY list: every such weekday (`ordinal` 0) or the nth one (1 to 53) or nth
/// from the last (-1 to -53) of the month, or of the year for a yearly rule without BYMONTH.
struct RecurrenceWeekdayModel {
    int weekday = 1; ///< 0 = Sunday ... 6 = Saturday
    int ordinal = 0;

    bool operator==(const RecurrenceWeekdayModel&) const = default;
};

/// What to do with an occurrence that falls on a day the month does not have (the 31st of
/// April, 29 February in a common year) or at a local time a daylight-saving change skips, in
/// the spirit of RFC 7529's SKIP=OMIT|BACKWARD|FORWARD: leave it out; backward, the month's last
/// day, or for a gap the time read with the offset after it (02:30 becomes 01:30 EST); forward,
/// the next month's first day, or for a gap the offset before it (02:30 becomes 03:30 EDT, as
/// RFC 5545 section 3.3.5 says). docs/recurrence.md has the details.
enum class RecurrenceSkip { omit, backward, forward };

/// The end of a recurrence (RFC 5545's UNTIL): an instant, or a local date and time in the
/// rule's time zone (`until 2027-06-30` is the end of that local day).
struct RecurrenceUntilModel {
    bool utc = false;         ///< `seconds` is an instant (UNTIL=...Z), else a local time
    std::int64_t seconds = 0; ///< seconds since 1970-01-01T00:00:00 (UTC or local)

    bool operator==(const RecurrenceUntilModel&) const = default;
};

/// A recurrence rule with the expressiveness of iCalendar's RRULE (RFC 5545 section 3.3.10), as
/// plain values: the readable `every ...` schedules and `rrule "..."` both compile to it. The
/// time zone is not part of the rule: occurrences are local times, placed in the zone of the
/// rule or of the asset when they are expanded. Empty BY lists mean "not restricted"; values are
/// checked by the compiler (a BYMONTHDAY of 0 or 32 never reaches this model).
struct RecurrenceModel {
    RecurrenceFrequency frequency = RecurrenceFrequency::daily;
    std::int64_t interval = 1;                 ///< >= 1
    std::optional<std::int64_t> count;         ///< COUNT: at most this many occurrences (>= 1)
    std::optional<RecurrenceUntilModel> until; ///< UNTIL, inclusive; never with count
    /// DTSTART, a local date and time in seconds since 1970-01-01T00:00:00: the first
    /// occurrence when it matches the rule, the origin of the interval's periods, and the source
    /// of the fields the BY lists leave open (the time of day, a monthly rule's day of month).
    std::int64_t start_local_seconds = 0;
    std::vector<int> by_second;                 ///< 0 to 60
    std::vector<int> by_minute;                 ///< 0 to 59
    std::vector<int> by_hour;                   ///< 0 to 23
    std::vector<RecurrenceWeekdayModel> by_day; ///< BYDAY
    std::vector<int> by_month_day;              ///< 1 to 31 or -31 to -1
    std::vector<int> by_year_day;               ///< 1 to 366 or -366 to -1
    std::vector<int> by_week_no; ///< 1 to 53 or -53 to -1 (ISO-style weeks from week_start)
    std::vector<int> by_month;   ///< 1 to 12
    std::vector<int> by_set_pos; ///< 1 to 366 or -366 to -1
    int week_start = 1;          ///< WKST: 0 = Sunday ... 6 = Saturday
    RecurrenceSkip missing_day = RecurrenceSkip::omit; ///< the 31st of a 30-day month
    RecurrenceSkip dst_gap = RecurrenceSkip::forward;  ///< 02:30 on a spring-forward day

    bool operator==(const RecurrenceModel&) const = default;
};

/// What makes a pm rule create a work order.
enum class PmTriggerKind {
    calendar, ///< a recurrence (`every month on the first monday`, `rrule "..."`)
    floating, ///< an interval counted from the last completion (`every 90 days after ...`)
    meter,    ///< every so many units of a meter (`every 10000 miles`)
    combined, ///< an interval or a meter, whichever comes first (`every 6 months or 10000 miles`)
    condition ///< a reading beyond a limit (`when temperature > 90`)
};

/// `temperature > 90`: a reading compared with a limit.
struct ReadingTestModel {
    std::string reading;
    enum class Op { greater, greater_equal, less, less_equal } op = Op::greater;
    double limit = 0;

    /// Whether a reading of `value` passes the test.
    bool holds(double value) const {
        switch (op) {
        case Op::greater:
            return value > limit;
        case Op::greater_equal:
            return value >= limit;
        case Op::less:
            return value < limit;
        case Op::less_equal:
            return value <= limit;
        }
        return false;
    }
};

/// An asset key a pm rule reads (`asset.capacity_kw`), with the type its expressions expect.
struct AssetKeyModel {
    std::string key;
    ValueType type;
};

/// A `pm` rule: which assets, what triggers a work order, and what the work order is. Its
/// asset selector and `create` items are compiled into the chunk of the workflow it creates
/// work orders of (`workflow`), as functions that read `asset.KEY` (InputKind::asset) and
/// `pm.due` / `pm.rule` (InputKind::pm). docs/maintenance.md says how the engine runs it.
struct PmModel {
    std::string name;
    std::string title;
    std::size_t workflow = 0;            ///< index into ProgramModel::workflows
    std::optional<std::size_t> selector; ///< guard in that workflow's functions; none: every asset
    std::optional<std::size_t>
        create; ///< actions in that workflow's functions; none: nothing to set
    PmTriggerKind trigger = PmTriggerKind::calendar;
    /// calendar: the recurrence, with its DTSTART (`starting` at the first `at` time).
    std::optional<RecurrenceModel> recurrence;
    /// floating, combined: the interval (`frequency` daily, weekly, monthly or yearly; hourly
    /// too) and how many of it.
    RecurrenceFrequency interval_unit = RecurrenceFrequency::daily;
    std::int64_t interval = 0;
    int due_minutes = 0; ///< floating, combined: the local time of day a due falls on
    /// floating, combined: the first due, a local date (days since 1970-01-01) at due_minutes;
    /// none: due when the asset is first seen (or its `last_done` plus the interval).
    std::optional<std::int64_t> starting_day;
    std::string meter;                      ///< meter, combined: the reading it counts
    double meter_every = 0;                 ///< meter, combined: every so many units
    ReadingTestModel condition;             ///< condition: when it triggers
    std::optional<ReadingTestModel> clears; ///< condition: when it is over (none: not condition)
    std::int64_t sustained_ms = 0;          ///< condition: how long it must hold first
    std::string time_zone;                  ///< as written; empty: the asset's zone, else UTC
    std::int64_t lead_ms = 0;               ///< create this long before the due time
    /// `season`: the months (1-12, inclusive, may wrap) a due may fall in; none: all year.
    std::optional<std::pair<int, int>> season;
    bool create_when_previous_open = false; ///< `if previous open: create anyway`
    /// `if missed: create all`: when the clock passes several occurrences at once, each is
    /// created (or left out) in turn; by default only the latest is (`create latest`).
    bool create_every_missed = false;
    RecurrenceSkip missing_day = RecurrenceSkip::omit; ///< also in `recurrence`
    RecurrenceSkip dst_gap = RecurrenceSkip::forward;  ///< also in `recurrence`
    std::vector<AssetKeyModel> asset_keys;             ///< every asset.KEY it reads, sorted by key
    SourceSpan span;
    std::string trigger_text; ///< the schedule or condition line as written (one line)
};

/// Everything one source file defines: its workflows and the shared definitions they use.
struct ProgramModel {
    std::vector<PriorityLevelModel> levels; ///< most urgent first; empty without `priorities`
    std::vector<MatrixModel> matrices;      ///< in source order
    std::vector<CalendarModel> calendars;   ///< in source order, then the standard ones
    std::vector<SlaModel> slas;             ///< in source order
    std::vector<ApprovalModel> approvals;   ///< in source order
    std::vector<WorkflowModel> workflows;   ///< in source order
    std::vector<PmModel> pm_rules;          ///< in source order
};

} // namespace millwright::dsl
