// Type checks: every expression (guards, action values, recipients, defaults) is typed
// bottom-up, steered by what its context expects. Literals and `data.x` have no type of their
// own until the context gives one (`cost <= 1000` compares money with money; `data.x` in
// `set cost = data.x` is money), and a bare name where an enumeration is expected is one of its
// values. An operand whose type is unknown because of an error already reported silences the
// checks above it, so one mistake yields one diagnostic.
#include "check.hpp"

#include "millwright/dsl/builtins.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace millwright::dsl::detail {

namespace {

using ast::BinaryOp;
using ast::ExprKind;
using MaybeType = std::optional<ValueType>;

ValueType scalar(TypeKind kind) {
    return ValueType{kind, {}, TypeKind::text};
}

ValueType list_of(const ValueType& element) {
    return ValueType{TypeKind::list, element.enum_values, element.kind};
}

ValueType element_of(const ValueType& list) {
    return ValueType{list.element_kind, list.enum_values, TypeKind::text};
}

bool is_kind(const MaybeType& type, TypeKind kind) {
    return type && type->kind == kind;
}

/// The span of the `n`th `{name}` inside a string literal's source text, so a bad
/// interpolation is underlined where it is written; the whole literal if it cannot be found.
SourceSpan interpolation_span(const ast::Expr& literal, const std::string& name,
                              std::size_t occurrence, const std::string& raw) {
    const std::string needle = "{" + name + "}";
    std::size_t at = std::string::npos;
    for (std::size_t n = 0, from = 0; n <= occurrence; ++n) {
        at = raw.find(needle, from);
        if (at == std::string::npos) {
            return literal.span;
        }
        from = at + needle.size();
    }
    return SourceSpan{literal.span.source, static_cast<std::uint32_t>(literal.span.begin + at + 1),
                      static_cast<std::uint32_t>(literal.span.begin + at + 1 + name.size())};
}

bool is_ordered(TypeKind kind) {
    return kind == TypeKind::number || kind == TypeKind::money || kind == TypeKind::time ||
           kind == TypeKind::date || kind == TypeKind::duration;
}

bool is_additive(TypeKind kind) {
    return kind == TypeKind::number || kind == TypeKind::money || kind == TypeKind::duration;
}

/// The result of `left op right` for + - * /, or nullopt when the spec does not allow it.
MaybeType arithmetic_result(BinaryOp op, const ValueType& left, const ValueType& right) {
    const TypeKind l = left.kind;
    const TypeKind r = right.kind;
    switch (op) {
    case BinaryOp::add:
    case BinaryOp::sub:
        if (l == r && is_additive(l)) {
            return scalar(l);
        }
        if (l == TypeKind::time && r == TypeKind::duration) {
            return scalar(TypeKind::time);
        }
        if (op == BinaryOp::add && l == TypeKind::text && r == TypeKind::text) {
            return scalar(TypeKind::text);
        }
        return std::nullopt;
    case BinaryOp::mul:
        if (r == TypeKind::number &&
            (l == TypeKind::number || l == TypeKind::money || l == TypeKind::duration)) {
            return scalar(l);
        }
        return std::nullopt;
    case BinaryOp::div:
        if (r == TypeKind::number && (l == TypeKind::number || l == TypeKind::money)) {
            return scalar(l);
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

/// What the right operand of an arithmetic operator should be, given the left one.
ValueType arithmetic_right_hint(BinaryOp op, const ValueType& left) {
    if (op == BinaryOp::mul || op == BinaryOp::div) {
        return scalar(TypeKind::number);
    }
    if (left.kind == TypeKind::time) {
        return scalar(TypeKind::duration);
    }
    return left;
}

/// A builtin's parameters as messages show them: `(text, text)`, `(text or list)`.
std::string signature(const Builtin& builtin) {
    std::string text;
    for (const auto& param : builtin.params) {
        std::string accepted;
        for (TypeKind kind : param.accepts) {
            if (kind == TypeKind::enumeration) {
                continue; // an enumeration value is text to a builtin
            }
            accepted += (accepted.empty() ? "" : " or ") + kind_name(kind);
        }
        text += (text.empty() ? "" : ", ") + (accepted.empty() ? "any value" : accepted);
    }
    return "(" + text + ")";
}

/// A remedy for the operator mistakes people make most; empty when there is no good one.
std::string operator_remedy(BinaryOp op, const ValueType& left, const ValueType& right) {
    const bool text_plus =
        op == BinaryOp::add && (left.kind == TypeKind::text || right.kind == TypeKind::text);
    if (text_plus) {
        return "to join values into text, write them inside a string: \"{name} ...\"";
    }
    if ((op == BinaryOp::eq || op == BinaryOp::ne) && left.kind == TypeKind::enumeration &&
        right.kind == TypeKind::text) {
        return "compare with one of the values, without quotes";
    }
    if ((op == BinaryOp::in || op == BinaryOp::not_in) && right.kind != TypeKind::list) {
        return "`in` needs a list on its right, e.g. `x in [a, b]`";
    }
    return "";
}

bool is_constant(const ast::Expr& expr, const Scope& scope) {
    switch (expr.kind) {
    case ExprKind::number_literal:
    case ExprKind::string_literal:
    case ExprKind::bool_literal:
    case ExprKind::duration_literal:
    case ExprKind::timestamp_literal:
    case ExprKind::date_literal:
        return true;
    case ExprKind::name: // an enum value, not a field or builtin value
        return !scope.field_index(expr.text) && find_builtin_value(expr.text) == nullptr;
    case ExprKind::unary:
        return expr.unary_op == ast::UnaryOp::negate && expr.operands[0].kind != ExprKind::unary &&
               is_constant(expr.operands[0], scope);
    case ExprKind::list_literal:
        return std::all_of(expr.operands.begin(), expr.operands.end(),
                           [&](const ast::Expr& item) { return is_constant(item, scope); });
    default:
        return false;
    }
}

/// A string literal without interpolation is a constant too; one with `{name}` is not.
bool is_constant_default(const ast::Expr& expr, const Scope& scope) {
    if (expr.kind == ExprKind::string_literal) {
        const auto pieces = split_interpolation(expr.text);
        return std::none_of(pieces.begin(), pieces.end(),
                            [](const StringPiece& piece) { return piece.is_name; });
    }
    return is_constant(expr, scope);
}

void check_default(const Scope& scope, const ast::FieldDecl& field, ExprTyper& typer,
                   DiagnosticList& diagnostics) {
    const ValueType declared = value_type_of(field.type);
    const ast::Expr& value = *field.default_value;
    if (!is_constant_default(value, scope)) {
        typer.type(value, &declared); // still find unknown names inside
        diagnostics.report("E0304", value.span,
                           {field.name.name, type_name(declared), "it is not a constant"});
        return;
    }
    const MaybeType actual = typer.type(value, &declared);
    if (actual && !same_type(*actual, declared)) {
        diagnostics.report("E0304", value.span,
                           {field.name.name, type_name(declared), "it is " + type_name(*actual)});
    }
}

void check_guard(const ast::Expr& guard, ExprTyper& typer, DiagnosticList& diagnostics) {
    const ValueType boolean = scalar(TypeKind::boolean);
    const MaybeType actual = typer.type(guard, &boolean);
    if (actual && actual->kind != TypeKind::boolean) {
        diagnostics.report("E0302", guard.span, {type_name(*actual)});
    }
}

void check_set(const Scope& scope, const ast::Action& action, ExprTyper& typer,
               DiagnosticList& diagnostics) {
    const ast::FieldDecl* field = scope.find_field(action.field.name);
    if (field == nullptr) { // reported by check_names; still look inside the value
        typer.type(action.value, nullptr);
        return;
    }
    const ValueType declared = value_type_of(field->type);
    const MaybeType actual = typer.type(action.value, &declared);
    if (actual && !same_type(*actual, declared)) {
        diagnostics.report("E0303", action.value.span,
                           {field->name.name, type_name(declared), type_name(*actual)});
    }
}

/// A recipient is a person: text (a name or an id) or an enumeration value.
void check_recipient(const ast::Recipient& recipient, ExprTyper& typer,
                     DiagnosticList& diagnostics) {
    if (recipient.is_role) {
        return;
    }
    const ValueType text = scalar(TypeKind::text);
    const MaybeType actual = typer.type(recipient.who, &text);
    if (actual && actual->kind != TypeKind::text && actual->kind != TypeKind::enumeration) {
        diagnostics.report("E0307", recipient.who.span, {type_name(*actual)});
    }
}

/// Messages and notes take any single value (codegen turns non-text into text with
/// lib.to_text), but a list has no text form.
void check_writable(const ast::Expr& value, const MaybeType& type, DiagnosticList& diagnostics) {
    if (is_kind(type, TypeKind::list)) {
        diagnostics.report("E0308", value.span, {type_name(*type)});
    }
}

void check_actions(const Scope& scope, const std::vector<ast::Action>& actions, ExprTyper& typer,
                   DiagnosticList& diagnostics) {
    const ValueType text = scalar(TypeKind::text);
    for (const auto& action : actions) {
        switch (action.kind) {
        case ast::ActionKind::set:
            check_set(scope, action, typer, diagnostics);
            break;
        case ast::ActionKind::notify:
            check_recipient(action.recipient, typer, diagnostics);
            check_writable(action.value, typer.type(action.value, &text), diagnostics);
            break;
        case ast::ActionKind::assign:
            check_recipient(action.recipient, typer, diagnostics);
            break;
        case ast::ActionKind::note:
            check_writable(action.value, typer.type(action.value, &text), diagnostics);
            break;
        case ast::ActionKind::classify: // check_table_use
            break;
        case ast::ActionKind::reserve: // the grammar takes only a string literal; check_pm
            break;
        }
    }
}

} // namespace

std::optional<TypeKind> pm_ref_kind(std::string_view key) {
    if (key == "due") {
        return TypeKind::time;
    }
    if (key == "rule") {
        return TypeKind::text;
    }
    return std::nullopt;
}

void check_action_types(const Scope& scope, const std::vector<ast::Action>& actions,
                        ExprTyper& typer, DiagnosticList& diagnostics) {
    check_actions(scope, actions, typer, diagnostics);
}

void check_condition_type(const ast::Expr& condition, ExprTyper& typer,
                          DiagnosticList& diagnostics) {
    check_guard(condition, typer, diagnostics);
}

ExprTyper::ExprTyper(const Scope& scope, DiagnosticList& diagnostics, const SourceSet* sources)
    : scope_(&scope), diagnostics_(&diagnostics), sources_(sources) {}

MaybeType ExprTyper::type(const ast::Expr& expr, const ValueType* expected) {
    MaybeType result = infer(expr, expected);
    if (result) {
        types_[&expr] = *result;
    }
    return result;
}

const ValueType* ExprTyper::type_of(const ast::Expr& expr) const {
    auto it = types_.find(&expr);
    return it == types_.end() ? nullptr : &it->second;
}

MaybeType ExprTyper::infer(const ast::Expr& expr, const ValueType* expected) {
    switch (expr.kind) {
    case ExprKind::number_literal:
        if (expected && expected->kind == TypeKind::money) {
            if (!money_cents(expr.text)) {
                diagnostics_->report("E0107", expr.span,
                                     {"number", expr.text, "a money amount must stay below 10^16"});
                return std::nullopt;
            }
            return scalar(TypeKind::money);
        }
        return scalar(TypeKind::number);
    case ExprKind::string_literal:
        return infer_string(expr);
    case ExprKind::bool_literal:
        return scalar(TypeKind::boolean);
    case ExprKind::duration_literal:
        return scalar(TypeKind::duration);
    case ExprKind::timestamp_literal:
        return scalar(TypeKind::time);
    case ExprKind::date_literal:
        return scalar(TypeKind::date);
    case ExprKind::list_literal:
        return infer_list(expr, expected);
    case ExprKind::name:
        return infer_name(expr, expected);
    case ExprKind::data_ref: // takes the type its context expects; alone it is text
    case ExprKind::asset_ref:
        return expected ? *expected : scalar(TypeKind::text);
    case ExprKind::pm_ref: // an unknown key is E1111 (check_pm), so it has no type here
        if (const auto kind = pm_ref_kind(expr.text)) {
            return scalar(*kind);
        }
        return std::nullopt;
    case ExprKind::call:
        return infer_call(expr);
    case ExprKind::unary:
        return infer_unary(expr, expected);
    case ExprKind::binary:
        return infer_binary(expr, expected);
    }
    return std::nullopt;
}

MaybeType ExprTyper::infer_string(const ast::Expr& expr) {
    std::vector<std::string> seen; // names met so far, to find the n-th `{name}` in the source
    for (const auto& piece : split_interpolation(expr.text)) {
        if (!piece.is_name) {
            continue;
        }
        const auto occurrence =
            static_cast<std::size_t>(std::count(seen.begin(), seen.end(), piece.text));
        seen.push_back(piece.text);
        const ast::FieldDecl* field = scope_->find_field(piece.text);
        const bool is_list = field != nullptr && field->type.kind == TypeKind::list;
        if ((field != nullptr && !is_list) || find_builtin_value(piece.text) != nullptr) {
            continue;
        }
        const std::string raw = sources_ ? std::string(sources_->text_of(expr.span)) : "";
        const SourceSpan span = interpolation_span(expr, piece.text, occurrence, raw);
        if (is_list) {
            diagnostics_->report("E0308", span, {type_name(value_type_of(field->type))});
        } else {
            report_unknown_name(*scope_, piece.text, span, *diagnostics_);
        }
    }
    return scalar(TypeKind::text);
}

MaybeType ExprTyper::infer_list(const ast::Expr& expr, const ValueType* expected) {
    const bool expects_list = expected && expected->kind == TypeKind::list;
    MaybeType element;
    if (expects_list) {
        element = element_of(*expected);
    }
    bool failed = false;
    for (const auto& item : expr.operands) {
        const MaybeType item_type = type(item, element ? &*element : nullptr);
        if (!item_type) {
            failed = true;
        } else if (!element && item_type->kind != TypeKind::list) {
            element = item_type;
        } else if (item_type->kind == TypeKind::list || !same_type(*element, *item_type)) {
            const std::string first = element ? type_name(*element) : type_name(*item_type);
            diagnostics_->report("E0301", item.span,
                                 {"[...]", first + " and " + type_name(*item_type),
                                  "give every item of a list the same type (lists do not nest)"});
            failed = true;
        }
    }
    if (failed) {
        return std::nullopt;
    }
    return list_of(element ? *element : scalar(TypeKind::text));
}

MaybeType ExprTyper::infer_name(const ast::Expr& expr, const ValueType* expected) {
    if (const auto* field = scope_->find_field(expr.text)) {
        return value_type_of(field->type);
    }
    if (const auto* value = find_builtin_value(expr.text)) {
        return scalar(value->type);
    }
    if (expected && expected->kind == TypeKind::enumeration) {
        const auto& values = expected->enum_values;
        if (std::find(values.begin(), values.end(), expr.text) != values.end()) {
            return *expected;
        }
        std::string remedy = did_you_mean(expr.text, values);
        if (remedy.empty()) {
            remedy = "the values are " + quoted_list(values);
        }
        diagnostics_->report("E0306", expr.span, {expr.text, enum_owner(*expected), remedy});
        return std::nullopt;
    }
    report_unknown_name(*scope_, expr.text, expr.span, *diagnostics_);
    return std::nullopt;
}

/// Reports one E0305 for the whole call when the arguments do not fit the builtin's
/// parameters (count or types); arguments with errors of their own are not blamed again.
MaybeType ExprTyper::infer_call(const ast::Expr& expr) {
    const Builtin* builtin = find_builtin(expr.text);
    std::vector<MaybeType> arguments;
    for (std::size_t i = 0; i < expr.operands.size(); ++i) {
        const bool has_param = builtin != nullptr && i < builtin->params.size();
        const auto& accepts = has_param ? builtin->params[i].accepts : std::vector<TypeKind>{};
        const ValueType hint = scalar(accepts.empty() ? TypeKind::text : accepts.front());
        arguments.push_back(type(expr.operands[i], has_param ? &hint : nullptr));
    }
    const bool arguments_known = std::all_of(
        arguments.begin(), arguments.end(), [](const MaybeType& type) { return type.has_value(); });
    if (builtin == nullptr || !arguments_known) { // unknown builtins: see check_names
        return std::nullopt;
    }
    bool fits = arguments.size() == builtin->params.size();
    for (std::size_t i = 0; fits && i < arguments.size(); ++i) {
        const auto& accepts = builtin->params[i].accepts;
        fits = accepts.empty() ||
               std::find(accepts.begin(), accepts.end(), arguments[i]->kind) != accepts.end();
    }
    if (!fits) {
        std::string given;
        for (const auto& argument : arguments) {
            given += (given.empty() ? "" : ", ") + type_name(*argument);
        }
        diagnostics_->report("E0305", expr.span,
                             {builtin->name, signature(*builtin), "(" + given + ")"});
        return std::nullopt;
    }
    return scalar(builtin->result);
}

MaybeType ExprTyper::infer_unary(const ast::Expr& expr, const ValueType* expected) {
    const ast::Expr& operand = expr.operands[0];
    if (expr.unary_op == ast::UnaryOp::logical_not) {
        const ValueType boolean = scalar(TypeKind::boolean);
        const MaybeType actual = type(operand, &boolean);
        if (actual && actual->kind != TypeKind::boolean) {
            diagnostics_->report("E0301", expr.span, {"not", type_name(*actual), ""});
            return std::nullopt;
        }
        return actual;
    }
    const MaybeType actual = type(operand, expected);
    if (actual && !is_additive(actual->kind)) {
        diagnostics_->report("E0301", expr.span, {"-", type_name(*actual), ""});
        return std::nullopt;
    }
    return actual;
}

MaybeType ExprTyper::infer_binary(const ast::Expr& expr, const ValueType* expected) {
    switch (expr.binary_op) {
    case BinaryOp::logical_or:
    case BinaryOp::logical_and:
        return infer_logical(expr);
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge:
        return infer_comparison(expr);
    case BinaryOp::in:
    case BinaryOp::not_in:
        return infer_membership(expr);
    default:
        return infer_arithmetic(expr, expected);
    }
}

void ExprTyper::report_operator(const ast::Expr& expr, const MaybeType& left,
                                const MaybeType& right) {
    diagnostics_->report("E0301", expr.span,
                         {operator_text(expr.binary_op),
                          type_name(*left) + " and " + type_name(*right),
                          operator_remedy(expr.binary_op, *left, *right)});
}

/// The enumeration an unknown value was checked against: the field that declares it when one
/// field does, else its values.
std::string ExprTyper::enum_owner(const ValueType& enumeration) const {
    std::vector<std::string> owners;
    for (const auto& name : scope_->field_names()) {
        const ValueType type = value_type_of(scope_->find_field(name)->type);
        if (type.enum_values == enumeration.enum_values) {
            owners.push_back(name);
        }
    }
    if (owners.size() == 1) {
        return "field `" + owners.front() + "`";
    }
    return "`" + type_name(enumeration) + "`";
}

MaybeType ExprTyper::infer_logical(const ast::Expr& expr) {
    const ValueType boolean = scalar(TypeKind::boolean);
    const MaybeType left = type(expr.operands[0], &boolean);
    const MaybeType right = type(expr.operands[1], &boolean);
    if (!left || !right) {
        return std::nullopt;
    }
    if (left->kind != TypeKind::boolean || right->kind != TypeKind::boolean) {
        report_operator(expr, left, right);
        return std::nullopt;
    }
    return boolean;
}

/// Types both operands; a flexible left operand (`1000 >= cost`, `data.x = impact`) takes its
/// type from the right one.
MaybeType ExprTyper::infer_comparison(const ast::Expr& expr) {
    const ast::Expr& l = expr.operands[0];
    const ast::Expr& r = expr.operands[1];
    MaybeType left;
    MaybeType right;
    if (types_right_first(l, r)) {
        right = type(r, nullptr);
        left = type(l, right ? &*right : nullptr);
    } else {
        left = type(l, nullptr);
        right = type(r, left ? &*left : nullptr);
    }
    if (!left || !right) {
        return std::nullopt;
    }
    const bool equality = expr.binary_op == BinaryOp::eq || expr.binary_op == BinaryOp::ne;
    const bool valid = equality ? left->kind != TypeKind::list && same_type(*left, *right)
                                : left->kind == right->kind && is_ordered(left->kind);
    if (!valid) {
        report_operator(expr, left, right);
        return std::nullopt;
    }
    return scalar(TypeKind::boolean);
}

MaybeType ExprTyper::infer_membership(const ast::Expr& expr) {
    const ast::Expr& l = expr.operands[0];
    const ast::Expr& r = expr.operands[1];
    MaybeType left;
    MaybeType right;
    if (types_right_first(l, r)) {
        right = type(r, nullptr);
        const MaybeType element = is_kind(right, TypeKind::list) ? element_of(*right) : MaybeType{};
        left = type(l, element ? &*element : nullptr);
    } else {
        left = type(l, nullptr);
        const MaybeType list = left ? list_of(*left) : MaybeType{};
        right = type(r, list ? &*list : nullptr);
    }
    if (!left || !right) {
        return std::nullopt;
    }
    if (right->kind != TypeKind::list || left->kind == TypeKind::list ||
        !same_type(list_of(*left), *right)) {
        report_operator(expr, left, right);
        return std::nullopt;
    }
    return scalar(TypeKind::boolean);
}

MaybeType ExprTyper::infer_arithmetic(const ast::Expr& expr, const ValueType* expected) {
    const ast::Expr& l = expr.operands[0];
    const ast::Expr& r = expr.operands[1];
    const BinaryOp op = expr.binary_op;
    const bool additive = op == BinaryOp::add || op == BinaryOp::sub;
    MaybeType left;
    MaybeType right;
    if (additive && types_right_first(l, r)) {
        right = type(r, expected);
        left = type(l, right ? &*right : expected);
    } else {
        left = type(l, expected);
        const MaybeType hint = left ? arithmetic_right_hint(op, *left) : MaybeType{};
        right = type(r, hint ? &*hint : nullptr);
    }
    if (!left || !right) {
        return std::nullopt;
    }
    MaybeType result = arithmetic_result(op, *left, *right);
    if (!result) {
        report_operator(expr, left, right);
    }
    return result;
}

/// Whether the right operand should be typed first so the left one can take its type: a
/// flexible left operand next to a fixed one, and `data.x` next to anything but another
/// `data.y` (so `data.count = 5` compares numbers).
bool ExprTyper::types_right_first(const ast::Expr& left, const ast::Expr& right) const {
    const auto is_context_ref = [](const ast::Expr& expr) {
        return expr.kind == ExprKind::data_ref || expr.kind == ExprKind::asset_ref;
    };
    if (is_context_ref(left)) {
        return !is_context_ref(right);
    }
    return is_flexible(left) && !is_flexible(right);
}

/// Expressions whose type comes from their context: number literals (number or money),
/// `data.x`, bare names that are not fields or builtin values (enum values), and lists or
/// negations of those.
bool ExprTyper::is_flexible(const ast::Expr& expr) const {
    switch (expr.kind) {
    case ExprKind::number_literal:
    case ExprKind::data_ref:
    case ExprKind::asset_ref:
        return true;
    case ExprKind::name:
        return !scope_->field_index(expr.text) && find_builtin_value(expr.text) == nullptr;
    case ExprKind::unary:
        return expr.unary_op == ast::UnaryOp::negate && is_flexible(expr.operands[0]);
    case ExprKind::list_literal:
        return std::all_of(expr.operands.begin(), expr.operands.end(),
                           [&](const ast::Expr& item) { return is_flexible(item); });
    default:
        return false;
    }
}

void check_types(const Scope& scope, ExprTyper& typer, DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    for (const auto& field : workflow.fields) {
        if (field.default_value) {
            check_default(scope, field, typer, diagnostics);
        }
    }
    for (const auto& handler : workflow.events) {
        for (const auto& alternative : handler.alternatives) {
            if (alternative.guard) {
                check_guard(*alternative.guard, typer, diagnostics);
            }
            check_actions(scope, alternative.actions, typer, diagnostics);
        }
    }
    for (const auto& hook : workflow.hooks) {
        check_actions(scope, hook.actions, typer, diagnostics);
    }
    for (const auto& clause : workflow.priorities) {
        for (const auto& override_line : clause.overrides) {
            check_guard(override_line.guard, typer, diagnostics);
        }
    }
    for (const auto& timer : workflow.timers) {
        check_actions(scope, timer.actions, typer, diagnostics);
    }
}

} // namespace millwright::dsl::detail
