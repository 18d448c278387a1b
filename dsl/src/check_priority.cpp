// Checks of a workflow's `priority =` line and its `but LEVEL when ...` overrides. The matrix
// must exist and take one field per axis; each field must be an enumeration whose values are
// all on its axis (a shared matrix may cover more values than one workflow uses), and it must
// always have a value, so that every work order has a priority. Overrides read fields only:
// the engine recomputes the priority when a field changes, and an event's data or the clock
// would make the result depend on something it does not watch.
#include "check.hpp"

#include "suggest.hpp"

#include <algorithm>

namespace millwright::dsl::detail {

namespace {

std::string axes_as_call(const ast::Matrix& matrix) {
    std::string text;
    for (const auto& axis : matrix.axes) {
        text += (text.empty() ? "" : ", ") + axis.name.name;
    }
    return text;
}

void check_argument(const Scope& scope, const ast::Matrix& matrix, const ast::MatrixAxis& axis,
                    const ast::Identifier& argument, DiagnosticList& diagnostics) {
    const ast::FieldDecl* field = scope.find_field(argument.name);
    if (field == nullptr) {
        if (scope.is_complete()) {
            report_unknown(diagnostics, "E0201", argument.span, argument.name, scope.field_names());
        }
        return;
    }
    const ValueType type = value_type_of(field->type);
    auto misfit = [&](const std::string& why) {
        diagnostics.report("E0510", argument.span,
                           {argument.name, axis.name.name, matrix.name.name, why});
    };
    if (type.kind != TypeKind::enumeration) {
        misfit("`" + argument.name + "` is " + type_name(type));
        return;
    }
    for (const auto& value : type.enum_values) {
        const bool on_axis = std::any_of(axis.values.begin(), axis.values.end(),
                                         [&](const auto& v) { return v.name == value; });
        if (!on_axis) {
            misfit("its value `" + value + "` is not on the axis");
            return;
        }
    }
    if (!field->required && !field->default_value) {
        diagnostics.report("E0511", argument.span, {argument.name});
    }
}

void check_source(const Scope& scope, const ProgramScope& program,
                  const ast::PriorityClause& clause, DiagnosticList& diagnostics) {
    if (!clause.from_matrix) {
        check_level(program, clause.level, diagnostics);
        return;
    }
    const ast::Matrix* matrix = program.find_matrix(clause.matrix.name);
    if (matrix == nullptr) {
        if (program.is_complete()) {
            report_unknown(diagnostics, "E0508", clause.matrix.span, clause.matrix.name,
                           program.matrix_names());
        }
        return;
    }
    if (clause.arguments.size() != matrix->axes.size()) {
        diagnostics.report("E0509", clause.matrix.span,
                           {matrix->name.name, std::to_string(matrix->axes.size()),
                            std::to_string(clause.arguments.size()), axes_as_call(*matrix)});
        return;
    }
    for (std::size_t i = 0; i < clause.arguments.size(); ++i) {
        check_argument(scope, *matrix, matrix->axes[i], clause.arguments[i], diagnostics);
    }
}

/// E0512 for every `data.x` and builtin value (`now`, `actor`, ...) an override reads,
/// also inside `{name}` of a string.
void check_override_inputs(const Scope& scope, const ast::Expr& guard,
                           DiagnosticList& diagnostics) {
    auto is_builtin_value = [&](const std::string& name) {
        return !scope.field_index(name) && find_builtin_value(name) != nullptr;
    };
    for_each_expr(guard, [&](const ast::Expr& expr) {
        if (expr.kind == ast::ExprKind::data_ref) {
            diagnostics.report("E0512", expr.span, {"data." + expr.text});
        } else if (expr.kind == ast::ExprKind::name && is_builtin_value(expr.text)) {
            diagnostics.report("E0512", expr.span, {expr.text});
        } else if (expr.kind == ast::ExprKind::string_literal) {
            for (const auto& piece : split_interpolation(expr.text)) {
                if (piece.is_name && is_builtin_value(piece.text)) {
                    diagnostics.report("E0512", expr.span, {piece.text});
                }
            }
        }
    });
}

} // namespace

void check_priority(const Scope& scope, const ProgramScope& program, DiagnosticList& diagnostics) {
    const auto& clauses = scope.workflow().priorities;
    for (std::size_t i = 0; i < clauses.size(); ++i) {
        if (i > 0) {
            report_duplicate_of(diagnostics, "`priority` line", clauses[i].span, clauses[0].span);
        }
        check_source(scope, program, clauses[i], diagnostics);
        for (const auto& override_line : clauses[i].overrides) {
            check_level(program, override_line.level, diagnostics);
            check_override_inputs(scope, override_line.guard, diagnostics);
        }
    }
}

} // namespace millwright::dsl::detail
