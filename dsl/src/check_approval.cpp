// Approval-chain checks. A chain is shared by the workflows that start it, so it is checked
// twice, like an SLA: on its own (unique step names, counts that can be met, no empty
// `parallel` group, a positive timeout on a known calendar, both outcomes present), and where
// a workflow starts it (the chain exists, its outcome states are states of that workflow, and
// its step conditions are boolean expressions over that workflow's fields).
#include "check.hpp"

#include "suggest.hpp"

#include <map>

namespace millwright::dsl::detail {

namespace {

void check_count(const ast::ApprovalStep& step, DiagnosticList& diagnostics) {
    if (step.rule != ast::ApprovalRule::count) {
        return;
    }
    if (step.count < 1) {
        diagnostics.report("E1003", step.rule_span, {step.name.name, std::to_string(step.count)});
        return;
    }
    // A role may stand for any number of people: only a list of people bounds the count.
    for (const auto& approver : step.approvers) {
        if (approver.kind == ast::ApproverKind::role) {
            return;
        }
    }
    const auto listed = static_cast<std::int64_t>(step.approvers.size());
    if (step.count > listed) {
        diagnostics.report("E1004", step.rule_span,
                           {step.name.name, std::to_string(step.count), std::to_string(listed)});
    }
}

void check_timeout(const ProgramScope& program, const ast::ApprovalTimeout& timeout,
                   DiagnosticList& diagnostics) {
    const ast::SlaTarget& length = timeout.length;
    if (length.duration_ms <= 0 && !length.duration_text.empty()) {
        diagnostics.report("E1008", length.span, {length.duration_text});
    }
    if (length.calendar) {
        check_calendar_name(program, *length.calendar, diagnostics);
    } else if (length.business) {
        check_default_calendar(program, "this timeout", length.span, diagnostics);
    }
}

void check_approval(const ProgramScope& program, const ast::Approval& approval,
                    DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> steps;
    for (const auto& step : approval.steps) {
        if (auto [it, inserted] = steps.emplace(step.name.name, step.name.span); !inserted) {
            auto& diagnostic =
                diagnostics.report("E1002", step.name.span, {step.name.name, approval.name.name});
            diagnostic.labels.push_back({it->second, "first declared here"});
        }
        check_count(step, diagnostics);
    }
    for (const auto& group : approval.groups) {
        if (group.steps == 0) {
            diagnostics.report("E1005", group.span);
        }
    }
    for (std::size_t i = 0; i < approval.timeouts.size(); ++i) {
        if (i > 0) {
            report_duplicate_of(diagnostics, "`timeout` line", approval.timeouts[i].span,
                                approval.timeouts[0].span);
            continue;
        }
        check_timeout(program, approval.timeouts[i], diagnostics);
    }
    const ast::ApprovalOutcome* approved = nullptr;
    const ast::ApprovalOutcome* rejected = nullptr;
    for (const auto& outcome : approval.outcomes) {
        const ast::ApprovalOutcome*& first = outcome.approved ? approved : rejected;
        if (first != nullptr) {
            report_duplicate_of(diagnostics,
                                std::string("`on ") + (outcome.approved ? "approved" : "rejected") +
                                    "` line",
                                outcome.span, first->span);
        } else {
            first = &outcome;
        }
    }
    // After a syntax error the missing line may be the broken one: not blamed twice.
    if (program.is_complete()) {
        if (approved == nullptr) {
            diagnostics.report("E1007", approval.name.span, {approval.name.name, "approved"});
        }
        if (rejected == nullptr) {
            diagnostics.report("E1007", approval.name.span, {approval.name.name, "rejected"});
        }
    }
}

/// The outcome states and the step conditions of `approval`, against the workflow of `scope`.
void check_started(const Scope& scope, const ast::Approval& approval, const ast::Identifier& use,
                   DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    if (scope.is_complete()) {
        for (const auto& outcome : approval.outcomes) {
            if (scope.state_index(outcome.state.name)) {
                continue;
            }
            const auto names = scope.state_names();
            std::string remedy = did_you_mean(outcome.state.name, names);
            if (remedy.empty()) {
                remedy = "the states of `" + workflow.name.name + "` are " + quoted_list(names);
            }
            auto& diagnostic = diagnostics.report(
                "E1006", outcome.state.span,
                {approval.name.name, outcome.state.name, workflow.name.name, remedy});
            diagnostic.labels.push_back({use.span, "started here"});
        }
    }
    ExprTyper typer(scope, diagnostics);
    const ValueType boolean{TypeKind::boolean, {}, TypeKind::text};
    for (const auto& step : approval.steps) {
        if (!step.condition) {
            continue;
        }
        const auto actual = typer.type(*step.condition, &boolean);
        if (actual && actual->kind != TypeKind::boolean) {
            diagnostics.report("E0302", step.condition->span, {type_name(*actual)});
        }
    }
}

} // namespace

void check_approvals(const ProgramScope& program, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> names;
    for (const auto& approval : program.program().approvals) {
        if (auto [it, inserted] = names.emplace(approval.name.name, approval.name.span);
            !inserted) {
            report_duplicate_of(diagnostics, "approval `" + approval.name.name + "`",
                                approval.name.span, it->second);
        }
        check_approval(program, approval, diagnostics);
    }
}

void check_approval_use(const Scope& scope, const ProgramScope& program,
                        DiagnosticList& diagnostics) {
    std::map<std::string, bool> checked; // each chain once per workflow
    for (const auto& handler : scope.workflow().events) {
        for (const auto& alternative : handler.alternatives) {
            for (std::size_t i = 0; i < alternative.starts.size(); ++i) {
                const ast::Identifier& use = alternative.starts[i];
                if (i > 0) {
                    report_duplicate_of(diagnostics, "`start`", use.span,
                                        alternative.starts[0].span);
                    continue;
                }
                const ast::Approval* approval = program.find_approval(use.name);
                if (approval == nullptr) {
                    if (program.is_complete()) {
                        std::string remedy = did_you_mean(use.name, program.approval_names());
                        if (remedy.empty()) {
                            remedy = "declare it with `approval " + use.name + "` ... `end`";
                        }
                        diagnostics.report("E1001", use.span, {use.name, remedy});
                    }
                    continue;
                }
                if (checked.emplace(use.name, true).second) {
                    check_started(scope, *approval, use, diagnostics);
                }
            }
        }
    }
}

} // namespace millwright::dsl::detail
