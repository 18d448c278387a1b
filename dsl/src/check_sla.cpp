// SLA checks. An SLA is shared by the workflows that name it, so it is checked twice: on its
// own (targets for every priority level and only for declared ones, positive durations on
// known calendars, a warning point between 1% and 99%), and where a workflow names it (the
// SLA exists, the workflow has a priority to pick the targets with, and every state the SLA
// names is a state of that workflow).
#include "check.hpp"

#include "suggest.hpp"

#include <algorithm>
#include <map>

namespace millwright::dsl::detail {

namespace {

void check_target(const ProgramScope& program, const ast::SlaTarget& target,
                  DiagnosticList& diagnostics) {
    if (target.duration_ms <= 0 && !target.duration_text.empty()) {
        diagnostics.report("E0802", target.span, {target.duration_text});
    }
    if (target.calendar) {
        check_calendar_name(program, *target.calendar, diagnostics);
    } else if (target.business) {
        check_default_calendar(program, "this target", target.span, diagnostics);
    }
}

void check_sla(const ProgramScope& program, const ast::Sla& sla, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> seen;
    for (const auto& level : sla.levels) {
        check_level(program, level.level, diagnostics);
        if (auto [it, inserted] = seen.emplace(level.level.name, level.level.span); !inserted) {
            report_duplicate_of(diagnostics, "targets for `" + level.level.name + "`",
                                level.level.span, it->second);
        }
        check_target(program, level.response, diagnostics);
        check_target(program, level.resolution, diagnostics);
    }
    // After a syntax error a level's line may be the broken one: not blamed twice.
    if (program.has_levels() && program.is_complete()) {
        std::vector<std::string> missing;
        for (const auto& level : program.level_names()) {
            if (seen.count(level) == 0) {
                missing.push_back(level);
            }
        }
        if (!missing.empty()) {
            diagnostics.report("E0801", sla.name.span, {sla.name.name, quoted_list(missing)});
        }
    }
    if (sla.warn && (sla.warn->first < 1 || sla.warn->first > 99)) {
        diagnostics.report("E0803", sla.warn->second, {std::to_string(sla.warn->first)});
    }
    for (const auto& extra : sla.extra_warns) {
        report_duplicate_of(diagnostics, "`warn` line", extra, sla.warn->second);
    }
}

/// Every state name the SLA uses, with where it is written.
std::vector<const ast::Identifier*> sla_states(const ast::Sla& sla) {
    std::vector<const ast::Identifier*> states;
    for (const auto& rule : sla.clocks) {
        for (const auto& state : rule.states) {
            states.push_back(&state);
        }
    }
    for (const auto& state : sla.paused) {
        states.push_back(&state);
    }
    return states;
}

} // namespace

void check_calendar_name(const ProgramScope& program, const ast::Identifier& calendar,
                         DiagnosticList& diagnostics) {
    if (program.find_calendar(calendar.name) != nullptr || !program.is_complete()) {
        return;
    }
    const auto names = program.calendar_names();
    std::string remedy = did_you_mean(calendar.name, names);
    if (remedy.empty()) {
        remedy = names.empty() ? "declare it with `calendar " + calendar.name + " in \"ZONE\"`"
                               : "the calendars are " + quoted_list(names);
    }
    diagnostics.report("E0603", calendar.span, {calendar.name, remedy});
}

void check_default_calendar(const ProgramScope& program, const std::string& what, SourceSpan span,
                            DiagnosticList& diagnostics) {
    if (program.default_calendar() != nullptr || !program.is_complete()) {
        return; // the file's only calendar of its own is the default
    }
    const auto names = program.calendar_names();
    const std::string remedy =
        names.empty() ? "declare a calendar; with one calendar in the file, `business` uses it"
                      : "say which with `on CALENDAR`: the calendars are " + quoted_list(names);
    diagnostics.report("E0606", span, {what, remedy});
}

void check_slas(const ProgramScope& program, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> names;
    for (const auto& sla : program.program().slas) {
        if (auto [it, inserted] = names.emplace(sla.name.name, sla.name.span); !inserted) {
            report_duplicate_of(diagnostics, "sla `" + sla.name.name + "`", sla.name.span,
                                it->second);
        }
        check_sla(program, sla, diagnostics);
    }
}

void check_sla_use(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    for (std::size_t i = 0; i < workflow.slas.size(); ++i) {
        const ast::Identifier& use = workflow.slas[i];
        if (i > 0) {
            report_duplicate_of(diagnostics, "`sla` line", use.span, workflow.slas[0].span);
            continue;
        }
        const ast::Sla* sla = program.find_sla(use.name);
        if (sla == nullptr) {
            if (program.is_complete()) {
                report_unknown(diagnostics, "E0804", use.span, use.name, program.sla_names());
            }
            continue;
        }
        if (workflow.priorities.empty()) {
            diagnostics.report("E0805", use.span, {workflow.name.name});
        }
        if (!scope.is_complete()) {
            continue;
        }
        for (const ast::Identifier* state : sla_states(*sla)) {
            if (!scope.state_index(state->name)) {
                auto& diagnostic = diagnostics.report(
                    "E0806", use.span, {sla->name.name, state->name, workflow.name.name});
                diagnostic.labels.push_back({state->span, "named here"});
            }
        }
    }
}

} // namespace millwright::dsl::detail
