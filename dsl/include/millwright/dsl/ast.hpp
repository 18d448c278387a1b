// The abstract syntax tree of a definition file, as the parser builds it and before any
// check. Nodes are plain values (copyable, no parent pointers); every node carries the span
// of the text it came from. Names are not resolved here: the checker does that.
#pragma once

#include "millwright/dsl/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace millwright::dsl::ast {

struct Identifier {
    std::string name;
    SourceSpan span;
};

enum class TypeKind { text, number, money, boolean, time, date, duration, enumeration, list };

/// A field's declared type: a scalar keyword, an enumeration `a | b | c`, or `list of T`.
struct TypeRef {
    TypeKind kind = TypeKind::text;
    std::vector<Identifier> enum_values;    ///< for enumeration (and a list of enumeration)
    TypeKind element_kind = TypeKind::text; ///< for list: the element type (never list)
    SourceSpan span;
};

enum class ExprKind {
    number_literal,    ///< `text` holds the digits as written ("1000", "12.5")
    string_literal,    ///< `text` holds the decoded value
    bool_literal,      ///< `boolean`
    duration_literal,  ///< `integer` holds milliseconds; `text` the spelling ("3 days")
    timestamp_literal, ///< `integer` holds milliseconds since 1970-01-01T00:00:00Z
    date_literal,      ///< `integer` holds days since 1970-01-01
    list_literal,      ///< `operands` are the elements
    name,              ///< `text` is an identifier: a field, an enum value or a builtin name
    data_ref,          ///< `data.key`: `text` is the key
    asset_ref,         ///< `asset.key` (in a pm rule): `text` is the key
    pm_ref,            ///< `pm.key` (in a pm rule's `create`): `text` is the key
    call,              ///< `text` is the builtin's name, `operands` its arguments
    unary,             ///< `unary_op` applied to operands[0]
    binary,            ///< `binary_op` applied to operands[0] and operands[1]
};

enum class UnaryOp { negate, logical_not };

enum class BinaryOp {
    logical_or,
    logical_and,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    in,
    not_in,
    add,
    sub,
    mul,
    div
};

/// An expression. Operands are held by value; the tree depth is bounded by the parser.
struct Expr {
    ExprKind kind = ExprKind::number_literal;
    SourceSpan span;
    std::string text;
    std::int64_t integer = 0;
    bool boolean = false;
    UnaryOp unary_op = UnaryOp::negate;
    BinaryOp binary_op = BinaryOp::eq;
    std::vector<Expr> operands;
};

/// Who receives a notification or an assignment: `role NAME` or an expression
/// (a field, `requester`, `assignee`, `actor`, `data.x`, a string literal).
struct Recipient {
    bool is_role = false;
    Identifier role; ///< when is_role
    Expr who;        ///< otherwise
    SourceSpan span;
};

enum class ActionKind { set, notify, assign, note, classify, reserve };

/// One action: `set FIELD = EXPR`, `notify RECIPIENT EXPR`, `assign to RECIPIENT`, `note EXPR`,
/// `classify with TABLE`, and in a pm rule's `create` line `reserve "PART" x N`.
struct Action {
    ActionKind kind = ActionKind::set;
    SourceSpan span;
    Identifier field;          ///< set: the field assigned; classify: the decision table
    Expr value;                ///< set: the new value; notify: the message; note: the text;
                               ///< reserve: the part (a string literal)
    Recipient recipient;       ///< notify, assign
    std::int64_t quantity = 0; ///< reserve: how many
};

/// Where a transition may start: a list of states, `any`, or `any except a, b`.
struct SourceStates {
    bool any = false;
    std::vector<Identifier> states; ///< the listed states, or the excluded ones after `any`
    SourceSpan span;
};

/// One alternative of an event: `FROM -> TO [when EXPR] [requires f, g] [, action...]`
/// followed by any action lines that belong to it.
struct Alternative {
    SourceSpan span; ///< the alternative's own line (without following action lines)
    SourceStates from;
    Identifier to;
    std::optional<Expr> guard;
    std::vector<Identifier> required;
    std::vector<Action> actions;
    std::vector<Identifier> starts; ///< `start APPROVAL` (more than one is E0506)
};

/// `on EVENT:` and its alternatives, tried in order.
struct EventHandler {
    Identifier event;
    SourceSpan span;
    std::vector<Alternative> alternatives;
};

enum class HookKind { enter, leave };

/// `on enter STATE:` / `on leave STATE:` and their actions.
struct StateHook {
    HookKind kind = HookKind::enter;
    Identifier state;
    SourceSpan span;
    std::vector<Action> actions;
};

struct FieldDecl {
    Identifier name;
    TypeRef type;
    bool required = false;
    std::optional<SourceSpan> required_span;
    std::optional<Expr> default_value;
    SourceSpan span;
};

struct StateDecl {
    Identifier name;
    bool initial = false;
    bool final = false;
    std::optional<SourceSpan> initial_span;
    std::optional<SourceSpan> final_span;
    SourceSpan span;
};

/// `but LEVEL when EXPR`: an override of the derived priority, tried in source order.
struct PriorityOverride {
    Identifier level;
    Expr guard;
    SourceSpan span; ///< the whole `but ...` line
};

/// `priority = MATRIX(field, field)` or `priority = LEVEL`, and the overrides below it.
struct PriorityClause {
    bool from_matrix = false;
    Identifier matrix;                 ///< when from_matrix
    std::vector<Identifier> arguments; ///< when from_matrix: one field per axis
    Identifier level;                  ///< otherwise: the fixed level
    std::vector<PriorityOverride> overrides;
    SourceSpan span; ///< the `priority = ...` line
};

/// `after DURATION [business] [on CALENDAR] in STATE: [-> TARGET,] ACTION...`: what happens
/// once when a work order has stayed DURATION in STATE.
struct Timer {
    std::int64_t duration_ms = 0;
    std::string duration_text; ///< as written: "3 days", "4h"
    SourceSpan duration_span;
    bool business = false;              ///< counted in business time
    std::optional<Identifier> calendar; ///< `on CALENDAR`
    Identifier state;                   ///< the state the work order stays in
    std::vector<Identifier> targets;    ///< `-> TARGET` (more than one is E0604)
    std::vector<Action> actions;
    SourceSpan span; ///< the `after` line
};

struct Workflow {
    Identifier name;
    std::string title; ///< may be empty
    SourceSpan span;   ///< the `workflow` header line
    std::vector<FieldDecl> fields;
    std::vector<StateDecl> states;
    std::vector<EventHandler> events;
    std::vector<StateHook> hooks;
    std::vector<PriorityClause> priorities; ///< at most one is valid (a second is E0506)
    std::vector<Timer> timers;
    std::vector<Identifier> slas; ///< `sla NAME` lines (a second is E0506)
};

/// One level of `priorities P1 "Critical", ...`.
struct PriorityLevel {
    Identifier name;
    std::string title; ///< may be empty
    SourceSpan span;
};

/// `priorities P1 "Critical", P2 "High", ...`: the ordered levels, most urgent first.
struct PriorityLevels {
    std::vector<PriorityLevel> levels;
    SourceSpan span;
};

/// One axis of a matrix header: `impact: high | medium | low`.
struct MatrixAxis {
    Identifier name;
    std::vector<Identifier> values;
    SourceSpan span;
};

/// The column header row of a matrix: `urgency: high medium low`.
struct MatrixColumns {
    Identifier axis;
    std::vector<Identifier> values;
    SourceSpan span;
};

/// `impact high` in a row label: an axis and one of its values.
struct MatrixKey {
    Identifier axis;
    Identifier value;
};

/// One row: `impact high: P1 P2 P3` (a row of a matrix over more than two axes names a value
/// of every axis but the last: `site hq, impact high: ...`).
struct MatrixRow {
    std::vector<MatrixKey> key;
    std::vector<Identifier> cells;
    SourceSpan span;
};

/// `matrix NAME(axis: values, ...)`, its header row, its rows and `end`.
struct Matrix {
    Identifier name;
    std::vector<MatrixAxis> axes;
    std::vector<MatrixColumns> columns; ///< the header row (a second one is an error)
    std::vector<MatrixRow> rows;
    SourceSpan span;                    ///< the `matrix` line
    std::optional<SourceSpan> end_span; ///< the `end` line, when there is one
};

/// `mon-fri 08:00-12:00, 13:00-17:00` or `every day 00:00-24:00`: opening hours of a range of
/// weekdays (0 = Sunday ... 6 = Saturday; a range may wrap past Saturday: `fri-mon`).
struct OpeningHours {
    int first_day = 0;
    int last_day = 0;
    /// [open, close) in minutes from midnight; -1 for a time the parser rejected (E0107)
    std::vector<std::pair<int, int>> shifts;
    std::vector<SourceSpan> shift_spans; ///< one per shift
    SourceSpan span;
};

/// `every 25 december` (day > 0) or `every 4th thursday of november` (nth 1-5, or -1 for
/// `last`, with a weekday 0-6).
struct YearlyHoliday {
    int month = 1; ///< 1-12
    int day = 0;   ///< 1-31 for a fixed date, 0 for a weekday rule
    int nth = 0;
    int weekday = 0;
    SourceSpan span;
};

/// `closed 2026-11-27 12:00-17:00`, or the whole day without times.
struct Closure {
    std::int64_t date = 0; ///< days since 1970-01-01
    int from = 0;          ///< minutes from midnight (-1 when rejected, as in OpeningHours)
    int to = 24 * 60;
    SourceSpan span;
    SourceSpan times_span; ///< the time range (the date when there is none)
};

/// `calendar NAME ["Title"] in "ZONE"`, its lines and `end`.
struct Calendar {
    Identifier name;
    std::string title;
    std::string time_zone; ///< an IANA name; validated by the engine, not here
    SourceSpan zone_span;
    std::vector<OpeningHours> hours;
    std::vector<std::pair<std::int64_t, SourceSpan>> holidays; ///< days since 1970-01-01
    std::vector<YearlyHoliday> yearly;
    std::vector<Closure> closures;
    SourceSpan span;
    /// Included by `priorities standard` rather than written in the file: available by name,
    /// but never the file's default calendar.
    bool standard = false;
};

/// A target of an SLA: `4h`, `2 business days on office_hours`.
struct SlaTarget {
    std::int64_t duration_ms = 0;
    std::string duration_text; ///< empty when the duration was rejected (E0107)
    bool business = false;
    std::optional<Identifier> calendar;
    SourceSpan span;
};

/// `P1 response 1h, resolution 4h`.
struct SlaLevel {
    Identifier level;
    SlaTarget response;
    SlaTarget resolution;
    SourceSpan span;
};

enum class SlaClock { response, resolution };

/// `response stops at assigned`, `resolution starts at triaged, assigned`.
struct SlaClockRule {
    SlaClock clock = SlaClock::response;
    bool starts = false; ///< `starts` (else `stops`)
    std::vector<Identifier> states;
    SourceSpan span;
};

/// `sla NAME ["Title"]`, its lines and `end`.
struct Sla {
    Identifier name;
    std::string title;
    std::vector<SlaLevel> levels;
    std::vector<SlaClockRule> clocks;
    std::vector<Identifier> paused; ///< `pause while a, b` (all such lines together)
    std::optional<std::pair<int, SourceSpan>> warn; ///< `warn at 75%`
    std::vector<SourceSpan> extra_warns;            ///< further `warn` lines (E0506)
    SourceSpan span;
};

/// An input of a decision table: `category: plumbing | electrical` or `urgent: bool` (whose
/// values are then `true` and `false`).
struct TableInput {
    Identifier name;
    bool is_bool = false;
    std::vector<Identifier> values;
    SourceSpan span;
};

/// One condition of a row: `category electrical`, `category -` (any value), `category a | b`,
/// `category not a | b`.
struct TableCondition {
    Identifier input;
    bool any = false;     ///< `-`
    bool negated = false; ///< `not ...`
    std::vector<Identifier> values;
    SourceSpan span;
};

/// An output value of a row: a bare word (an enumeration value) or a string.
struct TableOutput {
    std::string text; ///< the word, or the decoded string
    bool quoted = false;
    SourceSpan span;
};

/// `category electrical, impact -: electricians, office_hours`.
struct TableRow {
    std::vector<TableCondition> conditions;
    std::vector<TableOutput> outputs;
    SourceSpan span;
};

enum class HitPolicy { first, unique, collect };

/// `table NAME(input: values, ...) -> output, ... hit POLICY`, its rows and `end`.
struct DecisionTable {
    Identifier name;
    std::vector<TableInput> inputs;
    std::vector<Identifier> outputs;
    HitPolicy hit = HitPolicy::first;
    SourceSpan hit_span; ///< the policy word
    std::vector<TableRow> rows;
    SourceSpan span;                    ///< the `table` line
    std::optional<SourceSpan> end_span; ///< the `end` line, when there is one
};

enum class ApprovalRule { any, all, count };

enum class ApproverKind { role, person, manager_of_requester, manager_of_approver };

/// `role facilities_manager`, `cfo` (a person id), `manager of requester`.
struct Approver {
    ApproverKind kind = ApproverKind::role;
    Identifier name; ///< the role or the person; empty for a manager
    SourceSpan span;
};

/// `step NAME: RULE APPROVER, ... [when EXPR]`.
struct ApprovalStep {
    Identifier name;
    ApprovalRule rule = ApprovalRule::any;
    std::int64_t count = 0; ///< for `N of`
    SourceSpan rule_span;   ///< `any of`, `2 of`
    std::vector<Approver> approvers;
    std::optional<Expr> condition;
    std::optional<std::size_t> group; ///< index into Approval::groups when inside `parallel`
    SourceSpan span;
};

/// `parallel` ... `end`: the steps between run together.
struct ApprovalGroup {
    SourceSpan span; ///< the `parallel` line
    std::size_t steps = 0;
};

enum class TimeoutAction { remind, escalate, reject };

/// `timeout 3 business days on office_hours: escalate`.
struct ApprovalTimeout {
    SlaTarget length;
    TimeoutAction action = TimeoutAction::escalate;
    SourceSpan span;
};

/// `on approved -> STATE` (approved) or `on rejected -> STATE`.
struct ApprovalOutcome {
    bool approved = true;
    Identifier state;
    SourceSpan span;
};

/// `approval NAME ["Title"]`, its lines and `end`.
struct Approval {
    Identifier name;
    std::string title;
    std::vector<ApprovalStep> steps;
    std::vector<ApprovalGroup> groups;
    std::vector<ApprovalTimeout> timeouts; ///< a second one is E0506
    std::vector<ApprovalOutcome> outcomes;
    SourceSpan span;
};

/// A weekday a readable schedule falls on: every such weekday (`ordinal` 0), or the nth one of
/// the month (1 to 5; -1 for `last`, -2 for `2nd last`).
struct PmWeekday {
    int weekday = 1; ///< 0 = Sunday ... 6 = Saturday
    int ordinal = 0;
    SourceSpan span;
};

/// A number as written, with where it is.
struct Numbered {
    std::int64_t value = 0;
    SourceSpan span;
};

/// A duration as written: `7 days`, `30m`.
struct WrittenDuration {
    std::int64_t ms = 0;
    std::string text; ///< empty when the literal was rejected (E0107)
    SourceSpan span;
};

/// How often a readable schedule repeats.
enum class PmPeriod { hour, day, week, month, year };

/// `season april-september`: the months (1-12) a schedule falls in; it may wrap past December.
struct PmSeason {
    int first = 1;
    int last = 12;
    SourceSpan span;
};

/// A schedule: `every ...` (a readable recurrence, a floating interval, a meter, or a period
/// or a meter) or `rrule "..."`, with its parts and options as written. Which parts fit which
/// schedule is the checker's business.
struct PmSchedule {
    SourceSpan span; ///< the whole line
    bool is_rrule = false;
    std::string rrule;     ///< the decoded rule text of `rrule "..."`
    SourceSpan rrule_span; ///< its string literal, quotes included
    /// `every [N] PERIOD`: the period and how many (absent for a meter-only schedule).
    std::optional<PmPeriod> period;
    Numbered every; ///< N (1 when not written), spanning `3 months`
    /// `every N METER`: the meter, named like its readings, and the interval.
    std::optional<Identifier> meter;
    Numbered meter_every;              ///< spanning `10000 miles`
    std::vector<PmWeekday> weekdays;   ///< `on monday`, `on the first monday`, `on weekdays`
    std::vector<Numbered> month_days;  ///< `on the 15th` (1 to 31), `on the last day` (-1)
    std::vector<SourceSpan> day_spans; ///< each `on` list, for messages
    std::vector<Numbered> months;      ///< `in march, june` (1 to 12)
    std::vector<Numbered> times;       ///< `at 07:00`: minutes after midnight
    std::vector<std::pair<std::string, SourceSpan>> zones; ///< `in "Europe/Berlin"`
    std::vector<SourceSpan> after_completion;              ///< `after last completion` (floating)
    std::vector<std::pair<std::int64_t, SourceSpan>> starting; ///< days since 1970-01-01
    std::vector<std::pair<std::int64_t, SourceSpan>> until;    ///< days since 1970-01-01
    std::vector<Numbered> repeat;                              ///< `repeat N times`
    std::vector<WrittenDuration> lead;                         ///< `lead 7 days`
    std::vector<PmSeason> season;
};

/// `temperature > 90`: a reading compared with a limit.
struct ReadingTest {
    Identifier reading;
    BinaryOp op = BinaryOp::gt; ///< gt, ge, lt or le
    double limit = 0;
    std::string limit_text; ///< as written
    SourceSpan span;
};

/// `when temperature > 90 [for 30 minutes]`.
struct PmCondition {
    ReadingTest test;
    std::optional<WrittenDuration> sustained;
    SourceSpan span;
};

/// What to do with an occurrence that falls on a missing day or in a DST gap, as written.
enum class PmShift { skip, earlier, later };

struct PmShiftPolicy {
    PmShift shift = PmShift::skip;
    SourceSpan span;
};

/// `create WORKFLOW with field = value, reserve "PART" x N, assign to ..., notify ...`.
struct PmCreate {
    Identifier workflow;
    /// `field = value` become `set` actions; the others are as in a transition.
    std::vector<Action> actions;
    SourceSpan span;
};

/// `pm NAME ["Title"]`, its lines and `end`: a preventive-maintenance rule.
struct PmRule {
    Identifier name;
    std::string title;
    SourceSpan span;
    std::vector<std::pair<Expr, SourceSpan>> selectors; ///< `for assets where` (a second is E0506)
    std::vector<PmSchedule> schedules;                  ///< a second is E0506
    std::vector<PmCondition> conditions;                ///< `when ...` (a second is E0506)
    std::vector<std::pair<ReadingTest, SourceSpan>> clears; ///< `clears when ...`
    std::vector<PmCreate> creates;                          ///< a second is E0506
    std::vector<std::pair<bool, SourceSpan>> previous_open; ///< true: `create anyway`
    std::vector<std::pair<bool, SourceSpan>> missed;        ///< true: `if missed: create all`
    std::vector<PmShiftPolicy> missing_day;
    std::vector<PmShiftPolicy> dst_gap;
};

/// Everything one source file defines, in source order.
struct Program {
    SourceId source = 0;
    std::vector<Workflow> workflows;
    std::vector<PriorityLevels> priority_levels; ///< at most one is valid (a second is E0506)
    std::vector<Matrix> matrices;
    std::vector<Calendar> calendars;
    std::vector<Sla> slas;
    std::vector<DecisionTable> tables;
    std::vector<Approval> approvals;
    std::vector<PmRule> pm_rules;
};

} // namespace millwright::dsl::ast
