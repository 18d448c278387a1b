// Checks of `classify with TABLE`, wherever a workflow writes it (a transition, a hook, a
// timer). The action reads the fields named like the table's inputs and sets the fields named
// like its outputs, so those fields must exist and fit: an input field is a bool for a bool
// input, else an enumeration whose values are all on the input, and always has a value (so
// that a total table always finds a row); an output field of a `first` or `unique` table is
// text, or an enumeration holding every value the column gives; of a `collect` table, a list
// of such.
#include "check.hpp"

#include "suggest.hpp"

#include <algorithm>

namespace millwright::dsl::detail {

namespace {

struct Use {
    const Scope* scope;
    const ast::DecisionTable* table;
    const ast::Action* action;
    DiagnosticList* diagnostics;

    void misfit(const ast::FieldDecl& field, const std::string& what, const std::string& name,
                const std::string& why) const {
        auto& diagnostic = diagnostics->report(
            "E0910", action->field.span, {field.name.name, what, name, table->name.name, why});
        diagnostic.labels.push_back({field.name.span, "declared here"});
    }

    const ast::FieldDecl* field(const std::string& name, const std::string& what) const {
        const ast::FieldDecl* found = scope->find_field(name);
        if (found == nullptr && scope->is_complete()) {
            diagnostics->report("E0909", action->field.span, {table->name.name, name, what});
        }
        return found;
    }

    void check_input(const ast::TableInput& input) const {
        const ast::FieldDecl* decl = field(input.name.name, "input");
        if (decl == nullptr) {
            return;
        }
        const ValueType type = value_type_of(decl->type);
        if (input.is_bool) {
            if (type.kind != TypeKind::boolean) {
                misfit(*decl, "input", input.name.name,
                       "the input is a bool, and `" + decl->name.name + "` is " + type_name(type));
                return;
            }
        } else if (type.kind != TypeKind::enumeration) {
            misfit(*decl, "input", input.name.name,
                   "an input takes an enumeration field, and `" + decl->name.name + "` is " +
                       type_name(type));
            return;
        } else {
            for (const auto& value : type.enum_values) {
                const bool on_input =
                    std::any_of(input.values.begin(), input.values.end(),
                                [&](const ast::Identifier& v) { return v.name == value; });
                if (!on_input) {
                    misfit(*decl, "input", input.name.name,
                           "its value `" + value + "` is not a value of the input");
                    return;
                }
            }
        }
        if (!decl->required && !decl->default_value) {
            diagnostics->report("E0911", action->field.span, {decl->name.name, table->name.name});
        }
    }

    void check_output(std::size_t column) const {
        const ast::Identifier& output = table->outputs[column];
        const ast::FieldDecl* decl = field(output.name, "output");
        if (decl == nullptr) {
            return;
        }
        const ValueType type = value_type_of(decl->type);
        const bool collect = table->hit == ast::HitPolicy::collect;
        const TypeKind kind = collect ? type.element_kind : type.kind;
        if (collect && type.kind != TypeKind::list) {
            misfit(*decl, "output", output.name,
                   "a collect table gives a list per output: declare `" + decl->name.name +
                       "` as `list of text` or a list of an enumeration");
            return;
        }
        if (kind == TypeKind::text) {
            return;
        }
        if (kind != TypeKind::enumeration) {
            misfit(*decl, "output", output.name,
                   "an output is text or an enumeration, and `" + decl->name.name + "` is " +
                       type_name(type));
            return;
        }
        for (const auto& row : table->rows) {
            if (column >= row.outputs.size()) {
                continue;
            }
            const std::string& value = row.outputs[column].text;
            if (std::find(type.enum_values.begin(), type.enum_values.end(), value) ==
                type.enum_values.end()) {
                misfit(*decl, "output", output.name,
                       "the table gives `" + value + "`, which is not one of its values");
                return;
            }
        }
    }
};

void check_actions(const Scope& scope, const ProgramScope& program,
                   const std::vector<ast::Action>& actions, DiagnosticList& diagnostics) {
    for (const auto& action : actions) {
        if (action.kind != ast::ActionKind::classify) {
            continue;
        }
        const ast::DecisionTable* table = program.find_table(action.field.name);
        if (table == nullptr) {
            if (program.is_complete()) {
                report_unknown(diagnostics, "E0908", action.field.span, action.field.name,
                               program.table_names());
            }
            continue;
        }
        const Use use{&scope, table, &action, &diagnostics};
        for (const auto& input : table->inputs) {
            use.check_input(input);
        }
        for (std::size_t column = 0; column < table->outputs.size(); ++column) {
            use.check_output(column);
        }
    }
}

} // namespace

void check_classify(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics) {
    const ast::Workflow& workflow = scope.workflow();
    for (const auto& handler : workflow.events) {
        for (const auto& alternative : handler.alternatives) {
            check_actions(scope, program, alternative.actions, diagnostics);
        }
    }
    for (const auto& hook : workflow.hooks) {
        check_actions(scope, program, hook.actions, diagnostics);
    }
    for (const auto& timer : workflow.timers) {
        check_actions(scope, program, timer.actions, diagnostics);
    }
}

} // namespace millwright::dsl::detail
