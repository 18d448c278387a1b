// Name checks: what each workflow declares (fields, states, event handlers, hooks), duplicates,
// names reserved for builtins, and every reference to a state, a field or a builtin function.
// Names inside expressions that may be enum values are resolved by the typer, which knows the
// context; it reports unknown ones through report_unknown_name below so all E02xx texts and
// suggestions are built here.
#include "check.hpp"

#include "millwright/dsl/builtins.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <map>

namespace millwright::dsl::detail {

namespace {

/// The first declaration of each name, by name. Hashed: a workflow with 50,000 fields or
/// states is looked up as fast as one with five.
template <typename Decl>
NameIndexes first_of_each_name(const std::vector<Decl>& decls) {
    NameIndexes firsts;
    firsts.reserve(decls.size());
    for (std::size_t i = 0; i < decls.size(); ++i) {
        firsts.emplace(decls[i].name.name, i); // keeps the first of a repeated name
    }
    return firsts;
}

std::optional<std::size_t> find_in(const NameIndexes& firsts, std::string_view name) {
    const auto found = firsts.find(name);
    return found == firsts.end() ? std::nullopt : std::optional<std::size_t>(found->second);
}

/// The indexes of `firsts` in declaration order.
std::vector<std::size_t> in_order(const NameIndexes& firsts) {
    std::vector<std::size_t> indexes;
    indexes.reserve(firsts.size());
    for (const auto& [name, index] : firsts) {
        indexes.push_back(index);
    }
    std::sort(indexes.begin(), indexes.end());
    return indexes;
}

/// The label each duplicate code puts at the first declaration (see messages.cpp).
const char* first_label(const std::string& code) {
    if (code == "E0206") {
        return "first handled here";
    }
    return code == "E0207" ? "first defined here" : "first declared here";
}

void report_duplicate(DiagnosticList& diagnostics, const std::string& code,
                      const ast::Identifier& duplicate, SourceSpan first) {
    auto& diagnostic = diagnostics.report(code, duplicate.span, {duplicate.name});
    diagnostic.labels.push_back({first, first_label(code)});
}

/// Reports every declaration whose name an earlier one of the same list already took.
template <typename Decl>
void check_duplicates(const std::vector<Decl>& decls, const std::string& code,
                      DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> first_spans;
    for (const auto& decl : decls) {
        auto [it, inserted] = first_spans.emplace(decl.name.name, decl.name.span);
        if (!inserted) {
            report_duplicate(diagnostics, code, decl.name, it->second);
        }
    }
}

void check_reserved_field_names(const ast::Workflow& workflow, DiagnosticList& diagnostics) {
    for (const auto& field : workflow.fields) {
        if (find_builtin_value(field.name.name) != nullptr) {
            diagnostics.report("E0209", field.name.span, {field.name.name});
        }
    }
}

void check_duplicate_handlers(const ast::Workflow& workflow, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> events;
    for (const auto& handler : workflow.events) {
        auto [it, inserted] = events.emplace(handler.event.name, handler.event.span);
        if (!inserted) {
            report_duplicate(diagnostics, "E0206", handler.event, it->second);
        }
    }
    // `on enter s:` twice is the same mistake as `on e:` twice: two handlers for one event.
    std::map<std::string, SourceSpan> hooks;
    for (const auto& hook : workflow.hooks) {
        const std::string key =
            std::string(hook.kind == ast::HookKind::enter ? "enter " : "leave ") + hook.state.name;
        auto [it, inserted] = hooks.emplace(key, hook.span);
        if (!inserted) {
            auto& diagnostic = diagnostics.report("E0206", hook.span, {key});
            diagnostic.labels.push_back({it->second, first_label("E0206")});
        }
    }
}

void check_state_reference(const Scope& scope, const ast::Identifier& state,
                           DiagnosticList& diagnostics) {
    if (scope.state_index(state.name) || !scope.is_complete()) {
        return;
    }
    auto& diagnostic =
        report_unknown(diagnostics, "E0202", state.span, state.name, scope.state_names());
    if (diagnostic.hint.empty() && !scope.state_names().empty()) {
        diagnostic.hint = "the states are " + quoted_list(scope.state_names());
    }
}

bool is_enum_value(const Scope& scope, std::string_view name) {
    for (const auto& field : scope.workflow().fields) {
        for (const auto& value : field.type.enum_values) {
            if (value.name == name) {
                return true;
            }
        }
    }
    return false;
}

/// `requires x` needs a field. A name the workflow knows as something else (a builtin value,
/// a state, an enum value) gets E0404, which says what it is; any other name is unknown.
void check_required_name(const Scope& scope, const ast::Identifier& name,
                         DiagnosticList& diagnostics) {
    if (scope.field_index(name.name) || !scope.is_complete()) {
        return;
    }
    const bool known_otherwise = find_builtin_value(name.name) != nullptr ||
                                 scope.state_index(name.name) || is_enum_value(scope, name.name);
    if (known_otherwise) {
        diagnostics.report("E0404", name.span, {name.name});
    } else {
        report_unknown(diagnostics, "E0201", name.span, name.name, scope.field_names());
    }
}

void check_action_names(const Scope& scope, const std::vector<ast::Action>& actions,
                        DiagnosticList& diagnostics) {
    for (const auto& action : actions) {
        if (action.kind == ast::ActionKind::set && !scope.field_index(action.field.name) &&
            scope.is_complete()) {
            report_unknown(diagnostics, "E0201", action.field.span, action.field.name,
                           scope.field_names());
        }
    }
}

void check_transition_names(const Scope& scope, DiagnosticList& diagnostics) {
    for (const auto& handler : scope.workflow().events) {
        for (const auto& alternative : handler.alternatives) {
            for (const auto& state : alternative.from.states) {
                check_state_reference(scope, state, diagnostics);
            }
            check_state_reference(scope, alternative.to, diagnostics);
            for (const auto& name : alternative.required) {
                check_required_name(scope, name, diagnostics);
            }
            check_action_names(scope, alternative.actions, diagnostics);
        }
    }
    for (const auto& hook : scope.workflow().hooks) {
        check_state_reference(scope, hook.state, diagnostics);
        check_action_names(scope, hook.actions, diagnostics);
    }
    for (const auto& timer : scope.workflow().timers) {
        check_state_reference(scope, timer.state, diagnostics);
        for (const auto& target : timer.targets) {
            check_state_reference(scope, target, diagnostics);
        }
        check_action_names(scope, timer.actions, diagnostics);
    }
}

std::vector<std::string> callable_builtin_names() {
    std::vector<std::string> names;
    for (const auto& builtin : builtins()) {
        if (!builtin.internal) {
            names.push_back(builtin.name);
        }
    }
    return names;
}

void check_calls(const Scope& scope, DiagnosticList& diagnostics) {
    const auto candidates = callable_builtin_names();
    for_each_root_expr(scope.workflow(), [&](const ast::Expr& root) {
        for_each_expr(root, [&](const ast::Expr& expr) {
            if (expr.kind == ast::ExprKind::call && find_builtin(expr.text) == nullptr) {
                report_unknown(diagnostics, "E0208", expr.span, expr.text, candidates);
            }
        });
    });
}

} // namespace

Scope::Scope(const ast::Workflow& workflow, bool complete)
    : workflow_(&workflow), complete_(complete),
      field_by_name_(first_of_each_name(workflow.fields)),
      state_by_name_(first_of_each_name(workflow.states)), unique_fields_(in_order(field_by_name_)),
      unique_states_(in_order(state_by_name_)) {}

std::optional<std::size_t> Scope::field_index(std::string_view name) const {
    return find_in(field_by_name_, name);
}

const ast::FieldDecl* Scope::find_field(std::string_view name) const {
    auto index = field_index(name);
    return index ? &workflow_->fields[*index] : nullptr;
}

std::optional<std::size_t> Scope::state_index(std::string_view name) const {
    return find_in(state_by_name_, name);
}

const ast::StateDecl* Scope::find_state(std::string_view name) const {
    auto index = state_index(name);
    return index ? &workflow_->states[*index] : nullptr;
}

std::vector<std::string> Scope::field_names() const {
    std::vector<std::string> names;
    for (std::size_t index : unique_fields_) {
        names.push_back(workflow_->fields[index].name.name);
    }
    return names;
}

std::vector<std::string> Scope::state_names() const {
    std::vector<std::string> names;
    for (std::size_t index : unique_states_) {
        names.push_back(workflow_->states[index].name.name);
    }
    return names;
}

std::vector<std::size_t> Scope::expand_sources(const ast::SourceStates& from) const {
    std::vector<std::size_t> listed;
    for (const auto& state : from.states) {
        auto index = state_index(state.name);
        if (index && std::find(listed.begin(), listed.end(), *index) == listed.end()) {
            listed.push_back(*index);
        }
    }
    if (!from.any) {
        return listed;
    }
    std::vector<std::size_t> sources;
    for (std::size_t index : unique_states_) {
        const bool excluded = std::find(listed.begin(), listed.end(), index) != listed.end();
        if (!workflow_->states[index].final && !excluded) {
            sources.push_back(index);
        }
    }
    return sources;
}

const std::vector<BuiltinValue>& builtin_values() {
    static const std::vector<BuiltinValue> values{
        {"actor", InputKind::actor, TypeKind::text},
        {"now", InputKind::now, TypeKind::time},
        {"requester", InputKind::requester, TypeKind::text},
        {"assignee", InputKind::assignee, TypeKind::text},
        {"state", InputKind::state, TypeKind::text},
        {"id", InputKind::id, TypeKind::text},
    };
    return values;
}

const BuiltinValue* find_builtin_value(std::string_view name) {
    for (const auto& value : builtin_values()) {
        if (value.name == name) {
            return &value;
        }
    }
    return nullptr;
}

Diagnostic& report_unknown(DiagnosticList& diagnostics, const std::string& code, SourceSpan span,
                           const std::string& name, const std::vector<std::string>& candidates) {
    return diagnostics.report(code, span, {name, did_you_mean(name, candidates)});
}

void report_unknown_name(const Scope& scope, const std::string& name, SourceSpan span,
                         DiagnosticList& diagnostics) {
    if (!scope.is_complete()) {
        return;
    }
    std::vector<std::string> candidates = scope.field_names();
    for (const auto& value : builtin_values()) {
        candidates.emplace_back(value.name);
    }
    for (const auto& field : scope.workflow().fields) {
        for (const auto& value : field.type.enum_values) {
            candidates.push_back(value.name);
        }
    }
    report_unknown(diagnostics, "E0203", span, name, candidates);
}

void check_workflow_names(const ast::Program& program, DiagnosticList& diagnostics) {
    check_duplicates(program.workflows, "E0207", diagnostics);
}

void check_names(const Scope& scope, DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    check_duplicates(workflow.fields, "E0204", diagnostics);
    check_reserved_field_names(workflow, diagnostics);
    check_duplicates(workflow.states, "E0205", diagnostics);
    check_duplicate_handlers(workflow, diagnostics);
    check_transition_names(scope, diagnostics);
    check_calls(scope, diagnostics);
}

} // namespace millwright::dsl::detail
