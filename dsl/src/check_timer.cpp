// Timer checks: a timer waits in a state that can be left (not a final one), for a positive
// duration, on a calendar that exists, takes at most one transition, and its actions read
// neither `data.x` nor `actor` (it fires without an event; `now` is the firing time). Unknown
// states (of the timer and of its `-> STATE`) are check_names' E0202; its actions are checked like
// any other actions. Also here: calendars that business-time builtins name.
#include "check.hpp"

#include "millwright/dsl/builtins.hpp"

namespace millwright::dsl::detail {

namespace {

/// E0605 for every `data.x` and `actor` a timer's actions read: a timer fires without an
/// event, so there is no data and nobody who sent it.
void check_timer_inputs(const Scope& scope, const ast::Timer& timer, DiagnosticList& diagnostics) {
    auto is_actor = [&](const std::string& name) {
        return name == "actor" && !scope.field_index(name);
    };
    for (const auto& action : timer.actions) {
        auto visit = [&](const ast::Expr& root) {
            for_each_expr(root, [&](const ast::Expr& expr) {
                if (expr.kind == ast::ExprKind::data_ref) {
                    diagnostics.report("E0605", expr.span, {"data." + expr.text});
                } else if (expr.kind == ast::ExprKind::name && is_actor(expr.text)) {
                    diagnostics.report("E0605", expr.span, {expr.text});
                } else if (expr.kind == ast::ExprKind::string_literal) {
                    for (const auto& piece : split_interpolation(expr.text)) {
                        if (piece.is_name && is_actor(piece.text)) {
                            diagnostics.report("E0605", expr.span, {piece.text});
                        }
                    }
                }
            });
        };
        const bool has_person =
            (action.kind == ast::ActionKind::notify || action.kind == ast::ActionKind::assign) &&
            !action.recipient.is_role;
        if (has_person) {
            visit(action.recipient.who);
        }
        if (action.kind != ast::ActionKind::assign && action.kind != ast::ActionKind::classify) {
            visit(action.value);
        }
    }
}

/// A calendar named by a string literal in a business-time builtin call (`is_open(now,
/// "office")`) must be one of the file's: E0603 with a "did you mean" otherwise. A calendar
/// named by a field's value can only be checked when the rule runs.
void check_calendar_arguments(const Scope& scope, const ProgramScope& program,
                              DiagnosticList& diagnostics) {
    for_each_root_expr(scope.workflow(), [&](const ast::Expr& root) {
        for_each_expr(root, [&](const ast::Expr& expr) {
            const Builtin* builtin =
                expr.kind == ast::ExprKind::call ? find_builtin(expr.text) : nullptr;
            if (builtin == nullptr) {
                return;
            }
            for (std::size_t i = 0; i < builtin->params.size() && i < expr.operands.size(); ++i) {
                const ast::Expr& argument = expr.operands[i];
                if (builtin->params[i].name == "calendar" &&
                    argument.kind == ast::ExprKind::string_literal) {
                    check_calendar_name(program, {argument.text, argument.span}, diagnostics);
                }
            }
        });
    });
}

} // namespace

void check_timers(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics) {
    for (const auto& timer : scope.workflow().timers) {
        const ast::StateDecl* state = scope.find_state(timer.state.name);
        if (state != nullptr && state->final) {
            auto& diagnostic = diagnostics.report("E0601", timer.state.span, {timer.state.name});
            diagnostic.labels.push_back(
                {state->final_span ? *state->final_span : state->name.span, "declared final here"});
        }
        if (timer.duration_ms <= 0 && !timer.duration_text.empty()) {
            diagnostics.report("E0602", timer.duration_span, {timer.duration_text});
        }
        if (timer.calendar) {
            check_calendar_name(program, *timer.calendar, diagnostics);
        } else if (timer.business) {
            check_default_calendar(program, "this timer", timer.span, diagnostics);
        }
        for (std::size_t i = 1; i < timer.targets.size(); ++i) {
            diagnostics.report("E0604", timer.targets[i].span);
        }
        check_timer_inputs(scope, timer, diagnostics);
    }
    check_calendar_arguments(scope, program, diagnostics);
}

} // namespace millwright::dsl::detail
