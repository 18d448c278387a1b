// Preventive-maintenance checks. A pm rule is checked on its own (one trigger, parts that fit
// its kind of schedule, counts above zero, known time zones, a clearing condition that cannot
// hold while the trigger does) and against the workflow it creates work orders of: its asset
// selector and its `create` items are typed against that workflow's fields, because codegen
// compiles them into that workflow's chunk. A pm rule runs without an event and, when it
// selects assets, without an occurrence either, so what it may read is narrower than a
// workflow's actions (E1110). `asset.x` and `pm.x` anywhere but a pm rule are E1109.
#include "check.hpp"

#include "lua_text.hpp"
#include "rrule_text.hpp"
#include "suggest.hpp"

#include <map>
#include <set>

namespace millwright::dsl::detail {

namespace {

using ast::ExprKind;

/// "a monthly schedule", for messages.
std::string schedule_words(PmTriggerKind kind, const ast::PmSchedule& schedule) {
    static constexpr const char* periods[] = {"an hourly", "a daily", "a weekly", "a monthly",
                                              "a yearly"};
    switch (kind) {
    case PmTriggerKind::calendar:
        if (schedule.is_rrule) {
            return "an `rrule` schedule";
        }
        return std::string(periods[static_cast<int>(*schedule.period)]) + " schedule";
    case PmTriggerKind::floating:
        return "a schedule counted from the last completion";
    case PmTriggerKind::meter:
        return "a meter schedule";
    case PmTriggerKind::combined:
        return "a schedule of a period or a meter";
    case PmTriggerKind::condition:
        return "a condition rule";
    }
    return "this schedule";
}

class PmChecker {
public:
    PmChecker(const ProgramScope& program, const SourceSet& sources, DiagnosticList& diagnostics)
        : program_(program), sources_(sources), diagnostics_(diagnostics) {}

    void check(const ast::PmRule& rule) {
        report_repeats(rule);
        if (rule.schedules.empty() && rule.conditions.empty()) {
            diagnostics_.report("E1102", rule.name.span,
                                {rule.name.name, "schedule or condition",
                                 "add a schedule (`every 3 months`, `rrule \"...\"`) or a "
                                 "condition (`when temperature > 90`)"});
        }
        if (rule.creates.empty()) {
            diagnostics_.report(
                "E1102", rule.name.span,
                {rule.name.name, "`create` line", "add `create WORKFLOW with field = value, ...`"});
        }
        if (!rule.schedules.empty() && !rule.conditions.empty()) {
            auto& diagnostic =
                diagnostics_.report("E1103", rule.conditions.front().span, {rule.name.name});
            diagnostic.labels.push_back({rule.schedules.front().span, "the schedule"});
        }
        if (!rule.schedules.empty()) {
            check_schedule(rule, rule.schedules.front());
        }
        report_missed_misfits(rule);
        if (!rule.conditions.empty()) {
            check_condition(rule);
            report_misfits(rule.missing_day, "on missing day", rule);
            report_misfits(rule.dst_gap, "on dst gap", rule);
        } else {
            for (const auto& [test, span] : rule.clears) {
                diagnostics_.report("E1108", span,
                                    {test_text(test), "has no condition to clear",
                                     "add `when READING > LIMIT` to the rule, or remove the line"});
            }
        }
        if (!rule.creates.empty()) {
            check_create(rule);
        }
    }

private:
    /// A second line of a kind that a rule has once.
    void report_repeats(const ast::PmRule& rule) {
        auto repeats = [&](const auto& lines, const char* what, auto span_of) {
            for (std::size_t i = 1; i < lines.size(); ++i) {
                report_duplicate_of(diagnostics_, what, span_of(lines[i]), span_of(lines[0]));
            }
        };
        const auto second = [](const auto& line) { return line.second; };
        const auto span = [](const auto& line) { return line.span; };
        repeats(rule.selectors, "`for assets where` line", second);
        repeats(rule.schedules, "schedule", span);
        repeats(rule.conditions, "condition", span);
        repeats(rule.clears, "`clears when` line", second);
        repeats(rule.creates, "`create` line", span);
        repeats(rule.previous_open, "`if previous open` line", second);
        repeats(rule.missed, "`if missed` line", second);
        repeats(rule.missing_day, "`on missing day` line", span);
        repeats(rule.dst_gap, "`on dst gap` line", span);
    }

    // ---- schedules ---------------------------------------------------------------------------

    void check_schedule(const ast::PmRule& rule, const ast::PmSchedule& schedule) {
        const PmTriggerKind kind = pm_trigger_kind(rule);
        const std::string words = schedule_words(kind, schedule);
        if (schedule.period && schedule.every.value == 0) {
            report_not_positive(schedule.every.span, "write how many periods lie between two");
        }
        if (schedule.meter && schedule.meter_every.value == 0) {
            report_not_positive(schedule.meter_every.span, "write how many units lie between two");
        }
        for (const auto& repeat : schedule.repeat) {
            if (repeat.value == 0) {
                report_not_positive(repeat.span, "a schedule occurs at least once");
            }
        }
        report_option_repeats(schedule);
        constexpr std::int64_t longest_lead_ms = 366LL * 24 * 60 * 60 * 1000;
        for (const auto& lead : schedule.lead) {
            if (lead.ms > longest_lead_ms) {
                misfit(lead.span, words, "a work order is created at most a year before it is due");
            }
        }
        for (const auto& [zone, span] : schedule.zones) {
            check_zone_name(zone, span, diagnostics_);
        }
        if (schedule.is_rrule) {
            check_rrule(schedule);
        }
        switch (kind) {
        case PmTriggerKind::calendar:
            check_recurrence_parts(schedule, words);
            break;
        case PmTriggerKind::floating:
        case PmTriggerKind::combined:
            check_interval_parts(schedule, words);
            break;
        case PmTriggerKind::meter:
            check_meter_parts(schedule, words);
            break;
        case PmTriggerKind::condition:
            break;
        }
        if (kind == PmTriggerKind::meter) {
            report_misfits(rule.dst_gap, "on dst gap", rule);
            report_misfits(rule.missing_day, "on missing day", rule);
        }
        check_starting(schedule, kind);
    }

    void report_option_repeats(const ast::PmSchedule& schedule) {
        auto repeats = [&](const auto& options, const char* what, auto span_of) {
            for (std::size_t i = 1; i < options.size(); ++i) {
                report_duplicate_of(diagnostics_, what, span_of(options[i]), span_of(options[0]));
            }
        };
        const auto second = [](const auto& option) { return option.second; };
        const auto span = [](const auto& option) { return option.span; };
        repeats(schedule.zones, "time zone", second);
        repeats(schedule.after_completion, "`after last completion`",
                [](SourceSpan at) { return at; });
        repeats(schedule.starting, "`starting` date", second);
        repeats(schedule.until, "`until` date", second);
        repeats(schedule.repeat, "`repeat` count", span);
        repeats(schedule.lead, "`lead` time", span);
        repeats(schedule.season, "`season`", span);
        repeats(schedule.day_spans, "`on` list", [](SourceSpan at) { return at; });
    }

    /// A readable recurrence or an rrule: days and times that fit its period.
    void check_recurrence_parts(const ast::PmSchedule& schedule, const std::string& words) {
        if (!schedule.repeat.empty() && !schedule.until.empty()) {
            misfit(schedule.repeat.front().span, words + " with `until`",
                   "end the schedule either after a number of times or at a date, not both");
        }
        if (schedule.is_rrule) {
            return;
        }
        const ast::PmPeriod period = *schedule.period;
        for (const auto& weekday : schedule.weekdays) {
            if (weekday.ordinal != 0 && period != ast::PmPeriod::month &&
                period != ast::PmPeriod::year) {
                misfit(weekday.span, words,
                       "the first or last weekday of a month needs `every month` or `every year`");
            }
        }
        for (const auto& day : schedule.month_days) {
            if (period == ast::PmPeriod::week) {
                misfit(day.span, words, "a day of the month needs `every month` or `every year`");
            }
        }
        if (period == ast::PmPeriod::hour) {
            for (const auto& time : schedule.times) {
                misfit(time.span, words,
                       "an hourly schedule falls on the minute of its `starting` time; use "
                       "`every day at ...` for times of day");
            }
        }
        for (std::size_t i = 1; i < schedule.times.size(); ++i) {
            const auto& first = schedule.times.front();
            const auto& other = schedule.times[i];
            if (first.value >= 0 && other.value >= 0 && first.value % 60 != other.value % 60) {
                diagnostics_.report("E1112", other.span,
                                    {std::string(sources_.text_of(first.span)),
                                     std::string(sources_.text_of(other.span))});
            }
        }
    }

    /// A floating or combined schedule counts a plain interval: no fixed days, one time of day.
    void check_interval_parts(const ast::PmSchedule& schedule, const std::string& words) {
        const std::string hint = "a schedule counted from the last work order falls that long "
                                 "after it; for fixed days, drop `after last completion`";
        for (const auto& span : schedule.day_spans) {
            misfit(span, words, hint);
        }
        for (const auto& month : schedule.months) {
            misfit(month.span, words, hint);
        }
        for (std::size_t i = 1; i < schedule.times.size(); ++i) {
            misfit(schedule.times[i].span, words, "a due falls at one time of day");
        }
        for (const auto& repeat : schedule.repeat) {
            misfit(repeat.span, words, "it repeats for as long as the asset is covered");
        }
        for (const auto& [day, span] : schedule.until) {
            misfit(span, words, "it repeats for as long as the asset is covered");
        }
        if (schedule.period == ast::PmPeriod::hour) {
            misfit(schedule.every.span, words, "count it in days, weeks, months or years");
        }
    }

    /// A meter schedule counts units, not time.
    void check_meter_parts(const ast::PmSchedule& schedule, const std::string& words) {
        const std::string hint = "a meter schedule falls due when a reading passes the next "
                                 "multiple of its interval";
        auto misfits = [&](const auto& parts, auto span_of) {
            for (const auto& part : parts) {
                misfit(span_of(part), words, hint);
            }
        };
        const auto second = [](const auto& part) { return part.second; };
        const auto span = [](const auto& part) { return part.span; };
        const auto itself = [](SourceSpan at) { return at; };
        misfits(schedule.day_spans, itself);
        misfits(schedule.months, span);
        misfits(schedule.times, span);
        misfits(schedule.zones, second);
        misfits(schedule.after_completion, itself);
        misfits(schedule.starting, second);
        misfits(schedule.until, second);
        misfits(schedule.repeat, span);
        misfits(schedule.season, span);
    }

    /// An interval of more than one period, a count, or a week without a weekday needs a first
    /// date to count from.
    void check_starting(const ast::PmSchedule& schedule, PmTriggerKind kind) {
        if (kind != PmTriggerKind::calendar || schedule.is_rrule || !schedule.starting.empty()) {
            return;
        }
        static constexpr const char* units[] = {"hours", "days", "weeks", "months", "years"};
        const std::string every = "every " + std::string(sources_.text_of(schedule.every.span));
        const std::string starting = "add `, starting YYYY-MM-DD`: it says which ";
        if (schedule.every.value > 1) {
            diagnostics_.report(
                "E1104", schedule.every.span,
                {every, starting + units[static_cast<int>(*schedule.period)] + " count"});
        } else if (!schedule.repeat.empty()) {
            diagnostics_.report("E1104", schedule.repeat.front().span,
                                {std::string(sources_.text_of(schedule.repeat.front().span)),
                                 starting + "occurrences count"});
        } else if (*schedule.period == ast::PmPeriod::week && schedule.weekdays.empty()) {
            diagnostics_.report("E1104", schedule.every.span,
                                {every, "add `on monday` (or another weekday), or `, starting "
                                        "YYYY-MM-DD` to repeat on that date's weekday"});
        }
    }

    void check_rrule(const ast::PmSchedule& schedule) {
        const RruleParse parsed = parse_rrule(schedule.rrule);
        if (!parsed.ok()) {
            // The literal's content starts after its quote; escapes are rare in a rule, and an
            // offset past one still lands inside the string.
            const std::uint32_t begin =
                schedule.rrule_span.begin + 1 + static_cast<std::uint32_t>(parsed.offset);
            const std::uint32_t end = std::min(
                begin + std::max<std::uint32_t>(1, static_cast<std::uint32_t>(parsed.length)),
                schedule.rrule_span.end - 1);
            diagnostics_.report("E1106", {schedule.rrule_span.source, begin, std::max(begin, end)},
                                {parsed.message});
            return;
        }
        const RecurrenceModel& rule = *parsed.model;
        // A work order a minute (with a lead, thousands at once) is no maintenance programme;
        // refusing it keeps one rule from flooding the engine.
        if (rule.frequency == RecurrenceFrequency::minutely ||
            rule.frequency == RecurrenceFrequency::secondly) {
            misfit(schedule.rrule_span, "a pm rule",
                   "a pm rule falls due at most every hour: use FREQ=HOURLY or longer");
        }
        if ((rule.interval > 1 || rule.count) && schedule.starting.empty()) {
            diagnostics_.report("E1104", schedule.rrule_span,
                                {"rrule " + std::string(sources_.text_of(schedule.rrule_span)),
                                 std::string("add `, starting YYYY-MM-DD`: it says which ") +
                                     (rule.count ? "occurrences" : "periods") + " count"});
        }
    }

    // ---- conditions ------------------------------------------------------------------------

    void check_condition(const ast::PmRule& rule) {
        const ast::PmCondition& condition = rule.conditions.front();
        if (condition.sustained && condition.sustained->ms <= 0 &&
            !condition.sustained->text.empty()) {
            report_not_positive(condition.sustained->span,
                                "leave out `for` to act on the first reading beyond the limit");
        }
        for (const auto& [test, span] : rule.clears) {
            const ast::ReadingTest& trigger = condition.test;
            if (test.reading.name != trigger.reading.name) {
                diagnostics_.report("E1108", test.reading.span,
                                    {test_text(test), "reads `" + test.reading.name + "`",
                                     "a condition clears on the reading it watches: `" +
                                         trigger.reading.name + "`"});
            } else if (can_hold_together(trigger, test)) {
                diagnostics_.report(
                    "E1108", test.span,
                    {test_text(test), "can hold while `" + test_text(trigger) + "` does",
                     "a condition clears on the other side of its limit, e.g. `clears when " +
                         trigger.reading.name + (is_above(trigger) ? " < " : " > ") +
                         trigger.limit_text + "`"});
            }
        }
    }

    static bool is_above(const ast::ReadingTest& test) {
        return test.op == ast::BinaryOp::gt || test.op == ast::BinaryOp::ge;
    }

    /// Whether some reading passes both tests: then the condition could trigger and clear at
    /// once, and the hysteresis would mean nothing.
    static bool can_hold_together(const ast::ReadingTest& trigger, const ast::ReadingTest& clear) {
        if (is_above(trigger) == is_above(clear)) {
            return true; // both above (or both below) some limit: very large values pass both
        }
        const ast::ReadingTest& above = is_above(trigger) ? trigger : clear;
        const ast::ReadingTest& below = is_above(trigger) ? clear : trigger;
        if (above.limit < below.limit) {
            return true;
        }
        return above.limit == below.limit && above.op == ast::BinaryOp::ge &&
               below.op == ast::BinaryOp::le;
    }

    std::string test_text(const ast::ReadingTest& test) const {
        return collapse_blanks(sources_.text_of(test.span));
    }

    // ---- the workflow it creates work orders of -----------------------------------------------

    void check_create(const ast::PmRule& rule) {
        const ast::PmCreate& create = rule.creates.front();
        const ast::Workflow* workflow = find_workflow(create.workflow.name);
        if (workflow == nullptr) {
            std::vector<std::string> names;
            for (const auto& candidate : program_.program().workflows) {
                names.push_back(candidate.name.name);
            }
            std::string hint = did_you_mean(create.workflow.name, names);
            if (hint.empty()) {
                hint = "a pm rule creates work orders of a workflow defined in the same file";
            }
            diagnostics_.report("E1101", create.workflow.span, {create.workflow.name, hint});
            check_context(rule, nullptr);
            return;
        }
        const Scope scope(*workflow, program_.is_complete());
        ExprTyper typer(scope, diagnostics_, &sources_);
        for (const auto& [selector, span] : rule.selectors) {
            check_condition_type(selector, typer, diagnostics_);
        }
        std::map<std::string, SourceSpan> set_fields;
        for (const auto& action : create.actions) {
            if (action.kind == ast::ActionKind::set) {
                if (scope.find_field(action.field.name) == nullptr) {
                    report_unknown(diagnostics_, "E0201", action.field.span, action.field.name,
                                   scope.field_names());
                } else if (auto [it, inserted] =
                               set_fields.emplace(action.field.name, action.field.span);
                           !inserted) {
                    report_duplicate_of(diagnostics_, "value for `" + action.field.name + "`",
                                        action.field.span, it->second);
                }
            }
            if (action.kind == ast::ActionKind::reserve && action.quantity == 0) {
                report_not_positive(action.span, "reserve at least one");
            }
        }
        check_action_types(scope, create.actions, typer, diagnostics_);
        check_context(rule, &scope);
    }

    const ast::Workflow* find_workflow(const std::string& name) const {
        for (const auto& workflow : program_.program().workflows) {
            if (workflow.name.name == name) {
                return &workflow;
            }
        }
        return nullptr;
    }

    /// What the selector and the `create` items read: E1110 for what does not exist then,
    /// E1111 for an unknown `pm.x`.
    void check_context(const ast::PmRule& rule, const Scope* scope) {
        for (const auto& [selector, span] : rule.selectors) {
            for_each_expr(selector,
                          [&](const ast::Expr& expr) { check_selector_read(expr, scope); });
        }
        for (const auto& action : rule.creates.front().actions) {
            visit_action_exprs(action, [&](const ast::Expr& expr) { check_create_read(expr); });
        }
    }

    void check_selector_read(const ast::Expr& expr, const Scope* scope) {
        const std::string where = "when assets are selected";
        if (expr.kind == ExprKind::pm_ref) {
            diagnostics_.report(
                "E1110", expr.span,
                {"pm." + expr.text, where, "the assets are chosen before any occurrence is due"});
        } else if (expr.kind == ExprKind::data_ref) {
            diagnostics_.report("E1110", expr.span,
                                {"data." + expr.text, where, "a pm rule runs without an event"});
        } else if (expr.kind == ExprKind::name &&
                   ((scope != nullptr && scope->field_index(expr.text)) ||
                    find_builtin_value(expr.text) != nullptr)) {
            diagnostics_.report("E1110", expr.span,
                                {expr.text, where,
                                 "there is no work order yet; read the asset's own fields as "
                                 "`asset.KEY`"});
        }
    }

    void check_create_read(const ast::Expr& expr) {
        const std::string where = "when a pm rule creates a work order";
        if (expr.kind == ExprKind::pm_ref && !pm_ref_kind(expr.text)) {
            report_unknown(diagnostics_, "E1111", expr.span, expr.text, {"due", "rule"});
        } else if (expr.kind == ExprKind::data_ref) {
            diagnostics_.report("E1110", expr.span,
                                {"data." + expr.text, where, "a pm rule runs without an event"});
        } else if (expr.kind == ExprKind::name && is_event_name(expr.text)) {
            report_event_name(expr.text, expr.span, where);
        } else if (expr.kind == ExprKind::string_literal) {
            for (const auto& piece : split_interpolation(expr.text)) {
                if (piece.is_name && is_event_name(piece.text)) {
                    report_event_name(piece.text, expr.span, where);
                }
            }
        }
    }

    static bool is_event_name(const std::string& name) {
        return name == "actor" || name == "requester" || name == "assignee" || name == "state";
    }

    void report_event_name(const std::string& name, SourceSpan span, const std::string& where) {
        diagnostics_.report("E1110", span,
                            {name, where,
                             "the work order is being created by the engine, with no event, "
                             "requester or assignee yet"});
    }

    template <typename Visit>
    static void visit_action_exprs(const ast::Action& action, Visit&& visit) {
        if ((action.kind == ast::ActionKind::notify || action.kind == ast::ActionKind::assign) &&
            !action.recipient.is_role) {
            for_each_expr(action.recipient.who, visit);
        }
        if (action.kind != ast::ActionKind::assign) {
            for_each_expr(action.value, visit);
        }
    }

    // ---- messages --------------------------------------------------------------------------

    void misfit(SourceSpan span, const std::string& words, const std::string& hint) {
        diagnostics_.report("E1105", span, {collapse_blanks(sources_.text_of(span)), words, hint});
    }

    /// `if missed:` on a rule whose occurrences cannot pile up: a floating schedule counts
    /// from the last completion, a meter or condition from readings.
    void report_missed_misfits(const ast::PmRule& rule) {
        if (rule.missed.empty() || pm_trigger_kind(rule) == PmTriggerKind::calendar) {
            return;
        }
        const std::string words = rule_words(rule);
        for (const auto& [all, span] : rule.missed) {
            misfit(span, words,
                   "only a fixed schedule (`every month on ...`, `rrule`) can pass several "
                   "occurrences at once");
        }
    }

    /// What kind of rule it is, as a misfit's message names it ("a floating schedule").
    static std::string rule_words(const ast::PmRule& rule) {
        return rule.conditions.empty() && !rule.schedules.empty()
                   ? schedule_words(pm_trigger_kind(rule), rule.schedules[0])
                   : "a condition rule";
    }

    template <typename Lines>
    void report_misfits(const Lines& lines, const char* what, const ast::PmRule& rule) {
        const std::string words = rule_words(rule);
        for (const auto& line : lines) {
            misfit(line.span, words,
                   std::string("`") + what + "` moves occurrences of a calendar schedule");
        }
    }

    void report_not_positive(SourceSpan span, const std::string& hint) {
        diagnostics_.report("E1107", span, {collapse_blanks(sources_.text_of(span)), hint});
    }

    const ProgramScope& program_;
    const SourceSet& sources_;
    DiagnosticList& diagnostics_;
};

/// E1109 for `asset.x` and `pm.x` in a workflow's own expressions and in approval conditions.
void check_context_refs_outside(const ast::Program& program, DiagnosticList& diagnostics) {
    auto report = [&](const ast::Expr& root) {
        for_each_expr(root, [&](const ast::Expr& expr) {
            if (expr.kind == ExprKind::asset_ref || expr.kind == ExprKind::pm_ref) {
                diagnostics.report(
                    "E1109", expr.span,
                    {std::string(expr.kind == ExprKind::asset_ref ? "asset." : "pm.") + expr.text});
            }
        });
    };
    for (const auto& workflow : program.workflows) {
        for_each_root_expr(workflow, report);
    }
    for (const auto& approval : program.approvals) {
        for (const auto& step : approval.steps) {
            if (step.condition) {
                report(*step.condition);
            }
        }
    }
}

} // namespace

PmTriggerKind pm_trigger_kind(const ast::PmRule& rule) {
    if (rule.schedules.empty()) {
        return PmTriggerKind::condition;
    }
    const ast::PmSchedule& schedule = rule.schedules.front();
    if (schedule.is_rrule) {
        return PmTriggerKind::calendar;
    }
    if (schedule.meter) {
        return schedule.period ? PmTriggerKind::combined : PmTriggerKind::meter;
    }
    return schedule.after_completion.empty() ? PmTriggerKind::calendar : PmTriggerKind::floating;
}

void check_pm_rules(const ProgramScope& program, const SourceSet& sources,
                    DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> names;
    PmChecker checker(program, sources, diagnostics);
    for (const auto& rule : program.program().pm_rules) {
        if (auto [it, inserted] = names.emplace(rule.name.name, rule.name.span); !inserted) {
            report_duplicate_of(diagnostics, "pm rule `" + rule.name.name + "`", rule.name.span,
                                it->second);
        }
        checker.check(rule);
    }
    check_context_refs_outside(program.program(), diagnostics);
}

} // namespace millwright::dsl::detail
