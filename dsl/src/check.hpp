// Internals shared by the checker passes (check_names, check_types, check_machine) and by
// codegen, which re-runs the expression typer to learn the type of every expression.
//
// The checker is split by concern: names (declarations, duplicates, unknown references),
// types (expressions, guards, actions, defaults), the state machine, and the newer constructs
// each in a file of its own (matrices and levels, a workflow's priority, timers, calendars,
// SLAs, decision tables and `classify with`); the shared definitions are seen through
// ProgramScope. Each pass runs on everything that parsed and reports into one DiagnosticList;
// a pass never re-reports what another already blamed (an unknown name yields no type error,
// an unknown state is skipped by the state-machine checks).
#pragma once

#include "millwright/dsl/ast.hpp"
#include "millwright/dsl/diagnostic.hpp"
#include "millwright/dsl/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace millwright::dsl::detail {

/// The names a workflow declares. On duplicates the first declaration wins, so later
/// passes see one consistent meaning (the duplicate itself is reported once, by check_names).
/// Names to their first declaration's index; the views point into the AST's own names.
using NameIndexes = std::unordered_map<std::string_view, std::size_t>;

class Scope {
public:
    /// `complete` is false when the parser reported errors: a declaration may then be missing,
    /// so a name that looks unknown (and a state that looks unreachable) is not blamed again.
    explicit Scope(const ast::Workflow& workflow, bool complete = true);

    bool is_complete() const { return complete_; }

    const ast::Workflow& workflow() const { return *workflow_; }
    /// Index into workflow().fields of the first field named `name`.
    std::optional<std::size_t> field_index(std::string_view name) const;
    const ast::FieldDecl* find_field(std::string_view name) const;
    /// Index into workflow().states of the first state named `name`.
    std::optional<std::size_t> state_index(std::string_view name) const;
    const ast::StateDecl* find_state(std::string_view name) const;

    std::vector<std::string> field_names() const;
    std::vector<std::string> state_names() const;

    /// The states a transition may start from. `any` means every NON-final state (a final
    /// state has no way out, so `any -> cancelled` never leaves `closed`); `any except a, b`
    /// removes the listed ones. Unknown names are skipped (check_names reports them); the
    /// result is in declaration order for `any` and in listed order otherwise, without repeats.
    /// The engine relies on this through TransitionModel::from.
    std::vector<std::size_t> expand_sources(const ast::SourceStates& from) const;

private:
    const ast::Workflow* workflow_;
    bool complete_;
    NameIndexes field_by_name_;              ///< first declaration of each field name
    NameIndexes state_by_name_;              ///< first declaration of each state name
    std::vector<std::size_t> unique_fields_; ///< the same, in declaration order
    std::vector<std::size_t> unique_states_;
};

/// The definitions a program shares between its workflows (levels, matrices, calendars, SLAs,
/// decision tables); on
/// duplicates the first one wins, as in Scope.
class ProgramScope {
public:
    ProgramScope(const ast::Program& program, bool complete = true);

    const ast::Program& program() const { return *program_; }
    bool is_complete() const { return complete_; }
    /// Whether a `priorities` line exists; without one, level names are not checked (E0507
    /// was reported once instead).
    bool has_levels() const { return !program_->priority_levels.empty(); }
    std::optional<std::size_t> level_index(std::string_view name) const;
    std::vector<std::string> level_names() const;
    const ast::Matrix* find_matrix(std::string_view name) const;
    std::vector<std::string> matrix_names() const;
    const ast::Calendar* find_calendar(std::string_view name) const;
    std::vector<std::string> calendar_names() const;
    /// The calendar `business` without `on CALENDAR` counts on: the file's only calendar of
    /// its own (standard calendars are not counted); nullptr when it has none or several.
    const ast::Calendar* default_calendar() const;
    const ast::Sla* find_sla(std::string_view name) const;
    std::vector<std::string> sla_names() const;
    const ast::Approval* find_approval(std::string_view name) const;
    std::vector<std::string> approval_names() const;
    const ast::DecisionTable* find_table(std::string_view name) const;
    std::vector<std::string> table_names() const;

private:
    const ast::Program* program_;
    bool complete_;
};

/// The values the language provides by name (`actor`, `now`, ...), which fields may not shadow.
struct BuiltinValue {
    std::string_view name;
    InputKind input;
    TypeKind type;
};
const std::vector<BuiltinValue>& builtin_values();
const BuiltinValue* find_builtin_value(std::string_view name);

/// A field's declared type as the model carries it.
ValueType value_type_of(const ast::TypeRef& type);
/// A type as messages spell it: `money`, `list of text`, `high | medium | low`.
std::string type_name(const ValueType& type);
std::string kind_name(TypeKind kind);
bool same_type(const ValueType& a, const ValueType& b);

/// A money literal's digits as whole cents, rounded half away from zero; nullopt when the
/// amount does not fit.
std::optional<std::int64_t> money_cents(const std::string& digits);

/// One piece of a string literal: plain text, or the name inside a `{name}` interpolation.
struct StringPiece {
    bool is_name = false;
    std::string text;
};
/// Splits a decoded string literal at its `{name}` interpolations. `{{` and `}}` stand for a
/// single brace, and a `{` that does not open `{identifier}` stays plain text.
std::vector<StringPiece> split_interpolation(const std::string& decoded);

/// Reports `code` with a "did you mean" hint chosen among `candidates`; the hint is dropped
/// when nothing is close. Message arguments are {name, suggestion}.
Diagnostic& report_unknown(DiagnosticList& diagnostics, const std::string& code, SourceSpan span,
                           const std::string& name, const std::vector<std::string>& candidates);

/// Reports a name used in an expression that is neither a field, a builtin value, nor (in an
/// enumeration context) an enum value: E0203, suggesting among everything in scope.
void report_unknown_name(const Scope& scope, const std::string& name, SourceSpan span,
                         DiagnosticList& diagnostics);

/// Types expressions bottom-up, steered by the type the context expects (a number literal is
/// money next to money, `data.x` takes the type it is compared with, a bare name is an enum
/// value where an enumeration is expected). Reports into `diagnostics`; an expression whose
/// type is unknown because of an error already reported yields nullopt and no further error.
class ExprTyper {
public:
    /// `sources`, when given, lets diagnostics point inside string literals.
    ExprTyper(const Scope& scope, DiagnosticList& diagnostics, const SourceSet* sources = nullptr);

    std::optional<ValueType> type(const ast::Expr& expr, const ValueType* expected);
    /// The type recorded for `expr` by an earlier type() call, or null.
    const ValueType* type_of(const ast::Expr& expr) const;

private:
    std::optional<ValueType> infer(const ast::Expr& expr, const ValueType* expected);
    std::optional<ValueType> infer_string(const ast::Expr& expr);
    std::optional<ValueType> infer_list(const ast::Expr& expr, const ValueType* expected);
    std::optional<ValueType> infer_name(const ast::Expr& expr, const ValueType* expected);
    std::optional<ValueType> infer_call(const ast::Expr& expr);
    std::optional<ValueType> infer_unary(const ast::Expr& expr, const ValueType* expected);
    std::optional<ValueType> infer_binary(const ast::Expr& expr, const ValueType* expected);
    std::optional<ValueType> infer_logical(const ast::Expr& expr);
    std::optional<ValueType> infer_comparison(const ast::Expr& expr);
    std::optional<ValueType> infer_membership(const ast::Expr& expr);
    std::optional<ValueType> infer_arithmetic(const ast::Expr& expr, const ValueType* expected);
    void report_operator(const ast::Expr& expr, const std::optional<ValueType>& left,
                         const std::optional<ValueType>& right);
    bool is_flexible(const ast::Expr& expr) const;
    bool types_right_first(const ast::Expr& left, const ast::Expr& right) const;
    std::string enum_owner(const ValueType& enumeration) const;

    const Scope* scope_;
    DiagnosticList* diagnostics_;
    const SourceSet* sources_;
    std::unordered_map<const ast::Expr*, ValueType> types_; ///< looked up only, never iterated
};

/// The DSL spelling of an operator, for messages.
std::string operator_text(ast::BinaryOp op);

/// Reports `code` for a duplicate with a label at the first one.
void report_duplicate_of(DiagnosticList& diagnostics, const std::string& what, SourceSpan duplicate,
                         SourceSpan first);

/// Reports an unknown priority level (E0505) unless levels are missing altogether.
void check_level(const ProgramScope& program, const ast::Identifier& level,
                 DiagnosticList& diagnostics);

/// The type `pm.KEY` has (`due`: time, `rule`: text); nothing for another key (E1111).
std::optional<TypeKind> pm_ref_kind(std::string_view key);
/// Types the values and recipients of `actions` as a workflow's actions are typed (E03xx).
void check_action_types(const Scope& scope, const std::vector<ast::Action>& actions,
                        ExprTyper& typer, DiagnosticList& diagnostics);
/// Types a condition that must be `bool` (E0302), as a guard is typed.
void check_condition_type(const ast::Expr& condition, ExprTyper& typer,
                          DiagnosticList& diagnostics);

/// The passes. Each reports into `diagnostics`.
void check_workflow_names(const ast::Program& program, DiagnosticList& diagnostics);
/// Priority levels and matrices: E0501-E0507 (check_matrix.cpp).
void check_matrices(const ProgramScope& program, DiagnosticList& diagnostics);
/// A workflow's `priority =` line and its overrides: E0505-E0512 (check_priority.cpp).
void check_priority(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics);
/// Calendars: E0701-E0705 (check_calendar.cpp).
void check_calendars(const ProgramScope& program, DiagnosticList& diagnostics);
/// A `business` duration without `on CALENDAR` uses the file's only calendar of its own
/// (ProgramScope::default_calendar); with none or several, reports E0606 at `span`.
void check_default_calendar(const ProgramScope& program, const std::string& what, SourceSpan span,
                            DiagnosticList& diagnostics);
/// Reports a time zone name the machine's tz database does not know (E0705), with a
/// suggestion.
void check_zone_name(const std::string& zone, SourceSpan span, DiagnosticList& diagnostics);
/// Reports an unknown calendar (E0603) with a suggestion.
void check_calendar_name(const ProgramScope& program, const ast::Identifier& calendar,
                         DiagnosticList& diagnostics);
/// SLAs on their own: E0801-E0803 (check_sla.cpp).
void check_slas(const ProgramScope& program, DiagnosticList& diagnostics);
/// A workflow's `sla NAME` line: E0804-E0806 (check_sla.cpp).
void check_sla_use(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics);
/// Approval chains on their own: E1002-E1005, E1007 (check_approval.cpp).
void check_approvals(const ProgramScope& program, DiagnosticList& diagnostics);
/// A workflow's `start APPROVAL` clauses: E1001, E1006, and the chains' conditions typed
/// against the workflow's fields (check_approval.cpp).
void check_approval_use(const Scope& scope, const ProgramScope& program,
                        DiagnosticList& diagnostics);
/// Preventive-maintenance rules: E1101-E1112 (check_pm.cpp), their expressions typed against
/// the workflow each creates work orders of, and `asset.x` / `pm.x` anywhere else (E1109).
void check_pm_rules(const ProgramScope& program, const SourceSet& sources,
                    DiagnosticList& diagnostics);
/// What triggers a pm rule's work orders, from its schedule line (or its lack of one).
PmTriggerKind pm_trigger_kind(const ast::PmRule& rule);
/// A workflow's timers: E0601-E0604 (check_timer.cpp); their state names are check_names'.
void check_timers(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics);
/// Decision tables on their own: E0901-E0907, W0901, W0902 (check_table.cpp).
void check_tables(const ProgramScope& program, DiagnosticList& diagnostics);
/// A workflow's `classify with TABLE` actions: E0908-E0911 (check_classify.cpp).
void check_classify(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics);
void check_names(const Scope& scope, DiagnosticList& diagnostics);
/// Types every expression of the workflow in the contexts codegen emits it in; codegen calls
/// this too (with a scratch list) so that `typer` knows every expression's type.
void check_types(const Scope& scope, ExprTyper& typer, DiagnosticList& diagnostics);
/// `program`, when given, lets a transition that starts an approval chain reach its outcomes.
void check_machine(const Scope& scope, DiagnosticList& diagnostics,
                   const ProgramScope* program = nullptr);

/// Calls `visit` for every expression node under `expr`, parents before children.
template <typename Visit>
void for_each_expr(const ast::Expr& expr, Visit&& visit) {
    visit(expr);
    for (const auto& operand : expr.operands) {
        for_each_expr(operand, visit);
    }
}

/// Calls `visit` for every top-level expression of a workflow (defaults, guards, action
/// values and recipients), in source order.
template <typename Visit>
void for_each_root_expr(const ast::Workflow& workflow, Visit&& visit) {
    for (const auto& field : workflow.fields) {
        if (field.default_value) {
            visit(*field.default_value);
        }
    }
    auto visit_actions = [&](const std::vector<ast::Action>& actions) {
        for (const auto& action : actions) {
            if ((action.kind == ast::ActionKind::notify ||
                 action.kind == ast::ActionKind::assign) &&
                !action.recipient.is_role) {
                visit(action.recipient.who);
            }
            if (action.kind != ast::ActionKind::assign &&
                action.kind != ast::ActionKind::classify) {
                visit(action.value);
            }
        }
    };
    for (const auto& handler : workflow.events) {
        for (const auto& alternative : handler.alternatives) {
            if (alternative.guard) {
                visit(*alternative.guard);
            }
            visit_actions(alternative.actions);
        }
    }
    for (const auto& hook : workflow.hooks) {
        visit_actions(hook.actions);
    }
    for (const auto& clause : workflow.priorities) {
        for (const auto& override_line : clause.overrides) {
            visit(override_line.guard);
        }
    }
    for (const auto& timer : workflow.timers) {
        visit_actions(timer.actions);
    }
}

} // namespace millwright::dsl::detail
