// Builds the models of shared definitions (see program_model.hpp).
#include "program_model.hpp"

#include "literals.hpp"

#include <algorithm>

namespace millwright::dsl::detail {

namespace {

std::optional<std::size_t> axis_value(const ast::MatrixAxis& axis, const std::string& value) {
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
        if (axis.values[i].name == value) {
            return i;
        }
    }
    return std::nullopt;
}

SlaTargetModel target_model(const ast::SlaTarget& target, const ProgramScope& program) {
    SlaTargetModel model{target.duration_ms,
                         target.business,
                         calendar_name(target.business, target.calendar, program),
                         {}};
    if (target.business) {
        model.business_length = literals::split_duration(target.duration_text);
    }
    return model;
}

/// The state names of the SLA's rules for one clock and one kind (starts or stops).
std::vector<std::string> clock_states(const ast::Sla& sla, ast::SlaClock clock, bool starts) {
    std::vector<std::string> names;
    for (const auto& rule : sla.clocks) {
        if (rule.clock == clock && rule.starts == starts) {
            for (const auto& state : rule.states) {
                names.push_back(state.name);
            }
        }
    }
    return names;
}

} // namespace

std::string calendar_name(bool business, const std::optional<ast::Identifier>& named,
                          const ProgramScope& program) {
    if (named) {
        return named->name;
    }
    const ast::Calendar* fallback = business ? program.default_calendar() : nullptr;
    return fallback != nullptr ? fallback->name.name : "";
}

MatrixTable matrix_table(const ast::Matrix& matrix, const ProgramScope& program) {
    MatrixTable table;
    MatrixModel& model = table.model;
    model.name = matrix.name.name;
    model.span = matrix.span;
    std::size_t cells = 1;
    for (const auto& axis : matrix.axes) {
        MatrixAxisModel axis_model{axis.name.name, {}, axis.span};
        for (const auto& value : axis.values) {
            axis_model.values.push_back(value.name);
        }
        cells *= axis_model.values.size();
        model.axes.push_back(std::move(axis_model));
    }
    model.cells.assign(cells, 0);
    const bool single_axis = matrix.axes.size() == 1;
    for (const auto& row : matrix.rows) {
        std::vector<std::size_t> key;
        for (std::size_t i = 0; i < row.key.size(); ++i) {
            key.push_back(axis_value(matrix.axes[i], row.key[i].value.name).value_or(0));
        }
        table.row_spans.emplace(key, row.span);
        for (std::size_t j = 0; j < row.cells.size(); ++j) {
            std::vector<std::size_t> at = key;
            if (!single_axis) {
                const auto& column = matrix.columns.front().values.at(j);
                at.push_back(axis_value(matrix.axes.back(), column.name).value_or(0));
            }
            std::size_t offset = 0;
            for (std::size_t a = 0; a < at.size(); ++a) {
                offset = offset * model.axes[a].values.size() + at[a];
            }
            model.cells.at(offset) = program.level_index(row.cells[j].name).value_or(0);
        }
    }
    return table;
}

CalendarModel calendar_model(const ast::Calendar& calendar) {
    CalendarModel model;
    model.name = calendar.name.name;
    model.title = calendar.title;
    model.time_zone = calendar.time_zone;
    model.span = calendar.span;
    for (const auto& hours : calendar.hours) {
        for (int day = hours.first_day;; day = (day + 1) % 7) {
            for (const auto& [open, close] : hours.shifts) {
                model.weekly[static_cast<std::size_t>(day)].push_back({open, close});
            }
            if (day == hours.last_day) {
                break;
            }
        }
    }
    for (auto& shifts : model.weekly) {
        std::stable_sort(shifts.begin(), shifts.end(),
                         [](const auto& a, const auto& b) { return a.open < b.open; });
    }
    for (const auto& [date, span] : calendar.holidays) {
        model.holidays.push_back(date);
    }
    std::sort(model.holidays.begin(), model.holidays.end());
    model.holidays.erase(std::unique(model.holidays.begin(), model.holidays.end()),
                         model.holidays.end());
    for (const auto& holiday : calendar.yearly) {
        model.yearly.push_back(
            {holiday.month, holiday.day, holiday.nth, holiday.weekday, holiday.span});
    }
    for (const auto& closure : calendar.closures) {
        model.closures.push_back({closure.date, closure.from, closure.to, closure.span});
    }
    return model;
}

SlaModel sla_model(const ast::Sla& sla, const ProgramScope& program) {
    SlaModel model;
    model.name = sla.name.name;
    model.title = sla.title;
    model.span = sla.span;
    model.warn_percent = sla.warn ? sla.warn->first : 0;
    // One entry per level, in level order (the checker made sure each has exactly one line).
    for (const auto& name : program.level_names()) {
        for (const auto& level : sla.levels) {
            if (level.level.name == name) {
                model.levels.push_back({program.level_index(name).value_or(0),
                                        target_model(level.response, program),
                                        target_model(level.resolution, program), level.span});
                break;
            }
        }
    }
    model.response_starts = clock_states(sla, ast::SlaClock::response, true);
    model.response_stops = clock_states(sla, ast::SlaClock::response, false);
    model.resolution_starts = clock_states(sla, ast::SlaClock::resolution, true);
    model.resolution_stops = clock_states(sla, ast::SlaClock::resolution, false);
    for (const auto& state : sla.paused) {
        model.paused.push_back(state.name);
    }
    return model;
}

ApprovalModel approval_model(const ast::Approval& approval, const ProgramScope& program,
                             const SourceSet& sources) {
    ApprovalModel model;
    model.name = approval.name.name;
    model.title = approval.title;
    model.span = approval.span;
    std::optional<std::size_t> last_group;
    for (const auto& step : approval.steps) {
        ApprovalStepModel out;
        out.name = step.name.name;
        out.rule = step.rule == ast::ApprovalRule::any   ? ApprovalRuleKind::any
                   : step.rule == ast::ApprovalRule::all ? ApprovalRuleKind::all
                                                         : ApprovalRuleKind::count;
        out.count = step.count;
        for (const auto& approver : step.approvers) {
            const ApproverKind kind = approver.kind == ast::ApproverKind::role ? ApproverKind::role
                                      : approver.kind == ast::ApproverKind::person
                                          ? ApproverKind::person
                                      : approver.kind == ast::ApproverKind::manager_of_requester
                                          ? ApproverKind::manager_of_requester
                                          : ApproverKind::manager_of_approver;
            out.approvers.push_back({kind, approver.name.name, approver.span});
        }
        // A step opens a new stage unless it continues the parallel group of the step before.
        const bool same_stage = step.group && last_group == step.group && !model.steps.empty();
        out.stage = model.steps.empty() ? 0 : model.steps.back().stage + (same_stage ? 0 : 1);
        out.parallel = step.group.has_value();
        if (step.condition) {
            out.condition_text = std::string(sources.text_of(step.condition->span));
        }
        out.span = step.span;
        last_group = step.group;
        model.steps.push_back(std::move(out));
    }
    model.stages = model.steps.empty() ? 0 : model.steps.back().stage + 1;
    if (!approval.timeouts.empty()) {
        const auto& timeout = approval.timeouts.front();
        const ApprovalTimeoutAction action =
            timeout.action == ast::TimeoutAction::remind     ? ApprovalTimeoutAction::remind
            : timeout.action == ast::TimeoutAction::escalate ? ApprovalTimeoutAction::escalate
                                                             : ApprovalTimeoutAction::reject;
        model.timeout =
            ApprovalTimeoutModel{target_model(timeout.length, program), action, timeout.span};
    }
    for (const auto& outcome : approval.outcomes) {
        std::string& state = outcome.approved ? model.approved_state : model.rejected_state;
        if (state.empty()) {
            state = outcome.state.name;
        }
    }
    return model;
}

} // namespace millwright::dsl::detail
