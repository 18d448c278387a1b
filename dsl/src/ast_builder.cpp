// The parse-tree-to-AST builder (see ast_builder.hpp).
#include "ast_builder.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace millwright::dsl::detail {

namespace g = grammar;

/// The node's span without trailing blanks.
SourceSpan AstBuilder::span(const ParseNode& node) const {
    const char* end = node.m_end.data;
    while (end > node.m_begin.data && (end[-1] == ' ' || end[-1] == '\t')) {
        --end;
    }
    return span(node.m_begin.data, end);
}

SourceSpan AstBuilder::span(const char* begin, const char* end) const {
    return {id_, static_cast<std::uint32_t>(begin - base_),
            static_cast<std::uint32_t>(end - base_)};
}

ast::Identifier AstBuilder::identifier(const ParseNode& node) const {
    return {std::string(node.string_view()), span(node)};
}

ast::Expr AstBuilder::expression(const ParseNode& node) {
    Built built = build(node);
    return std::move(built.expr);
}

ast::TypeRef AstBuilder::type(const ParseNode& node) const {
    ast::TypeRef type;
    type.span = span(node);
    if (node.is_type<g::list_type>()) {
        const ast::TypeRef element = this->type(*node.children.front());
        type.kind = ast::TypeKind::list;
        type.element_kind = element.kind;
        type.enum_values = element.enum_values;
        return type;
    }
    if (node.is_type<g::enum_type>()) {
        type.kind = ast::TypeKind::enumeration;
        for (const auto& value : node.children) {
            type.enum_values.push_back(identifier(*value));
        }
        return type;
    }
    type.kind = scalar_kind(node.string_view());
    return type;
}

ast::Action AstBuilder::action(const ParseNode& node) {
    ast::Action action;
    action.span = span(node);
    if (node.is_type<g::set_action>()) {
        action.kind = ast::ActionKind::set;
        action.field = identifier(*node.children.at(0));
        action.value = expression(*node.children.at(1));
    } else if (node.is_type<g::notify_action>()) {
        action.kind = ast::ActionKind::notify;
        action.recipient = recipient(*node.children.at(0));
        action.value = expression(*node.children.at(1));
    } else if (node.is_type<g::assign_action>()) {
        action.kind = ast::ActionKind::assign;
        action.recipient = recipient(*node.children.at(0));
    } else if (node.is_type<g::classify_action>()) {
        action.kind = ast::ActionKind::classify;
        action.field = identifier(*node.children.at(0));
    } else {
        action.kind = ast::ActionKind::note;
        action.value = expression(*node.children.at(0));
    }
    return action;
}

std::string AstBuilder::string_value(const ParseNode& node) const {
    const std::string_view quoted = node.string_view();
    return literals::decode_string(quoted.substr(1, quoted.size() - 2));
}

ast::TypeKind AstBuilder::scalar_kind(std::string_view word) {
    static constexpr std::array<std::pair<std::string_view, ast::TypeKind>, 7> kinds{{
        {"text", ast::TypeKind::text},
        {"number", ast::TypeKind::number},
        {"money", ast::TypeKind::money},
        {"bool", ast::TypeKind::boolean},
        {"time", ast::TypeKind::time},
        {"date", ast::TypeKind::date},
        {"duration", ast::TypeKind::duration},
    }};
    for (const auto& [name, kind] : kinds) {
        if (name == word) {
            return kind;
        }
    }
    return ast::TypeKind::text;
}

ast::Recipient AstBuilder::recipient(const ParseNode& node) {
    ast::Recipient recipient;
    recipient.span = span(node);
    const ParseNode& inner = *node.children.at(0);
    if (inner.is_type<g::role_recipient>()) {
        recipient.is_role = true;
        recipient.role = identifier(*inner.children.at(0));
    } else {
        recipient.who = expression(inner);
    }
    return recipient;
}

Built AstBuilder::build(const ParseNode& node) {
    if (node.is_type<g::or_expr>()) {
        return fold_same(node, ast::BinaryOp::logical_or);
    }
    if (node.is_type<g::and_expr>()) {
        return fold_same(node, ast::BinaryOp::logical_and);
    }
    if (node.is_type<g::comparison>() || node.is_type<g::additive>() || node.is_type<g::term>()) {
        return fold_with_operators(node);
    }
    if (node.is_type<g::negation>()) {
        return unary(node, ast::UnaryOp::negate);
    }
    if (node.is_type<g::logical_not>()) {
        return unary(node, ast::UnaryOp::logical_not);
    }
    if (node.is_type<g::list_literal>() || node.is_type<g::call>()) {
        return with_operands(node);
    }
    return {literal(node), 1};
}

/// `a or b or c`: the children are the operands, folded to the left.
Built AstBuilder::fold_same(const ParseNode& node, ast::BinaryOp op) {
    Built result = build(*node.children.front());
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        result = binary(std::move(result), op, build(*node.children[i]));
    }
    return result;
}

/// `a + b - c`: operands and operator nodes alternate, folded to the left.
Built AstBuilder::fold_with_operators(const ParseNode& node) {
    Built result = build(*node.children.front());
    for (std::size_t i = 1; i + 1 < node.children.size(); i += 2) {
        const ast::BinaryOp op = binary_op(*node.children[i]);
        result = binary(std::move(result), op, build(*node.children[i + 1]));
    }
    return result;
}

ast::BinaryOp AstBuilder::binary_op(const ParseNode& node) {
    using enum ast::BinaryOp;
    static constexpr std::array<std::pair<std::string_view, ast::BinaryOp>, 11> ops{{
        {"*", mul},
        {"/", div},
        {"+", add},
        {"-", sub},
        {"!=", ne},
        {"<=", le},
        {">=", ge},
        {"<", lt},
        {">", gt},
        {"=", eq},
        {"in", in},
    }};
    if (node.is_type<g::op_not_in>()) {
        return not_in; // `not in`, with any blanks between the words
    }
    std::string_view text = node.string_view();
    text = text.substr(0, text.find_first_of(" \t"));
    for (const auto& [spelling, op] : ops) {
        if (spelling == text) {
            return op;
        }
    }
    return eq;
}

Built AstBuilder::binary(Built left, ast::BinaryOp op, Built right) {
    Built result;
    result.expr.kind = ast::ExprKind::binary;
    result.expr.binary_op = op;
    result.expr.span = {id_, left.expr.span.begin, right.expr.span.end};
    result.depth = std::max(left.depth, right.depth) + 1;
    check_depth(result);
    result.expr.operands.push_back(std::move(left.expr));
    result.expr.operands.push_back(std::move(right.expr));
    return result;
}

Built AstBuilder::unary(const ParseNode& node, ast::UnaryOp op) {
    Built operand = build(*node.children.at(0));
    Built result;
    result.expr.kind = ast::ExprKind::unary;
    result.expr.unary_op = op;
    result.expr.span = span(node);
    result.depth = operand.depth + 1;
    check_depth(result);
    result.expr.operands.push_back(std::move(operand.expr));
    return result;
}

/// A list literal (every child an element) or a call (the name, then the arguments).
Built AstBuilder::with_operands(const ParseNode& node) {
    Built result;
    result.expr.span = span(node);
    std::size_t first = 0;
    if (node.is_type<g::call>()) {
        result.expr.kind = ast::ExprKind::call;
        result.expr.text = std::string(node.children.at(0)->string_view());
        first = 1;
    } else {
        result.expr.kind = ast::ExprKind::list_literal;
    }
    for (std::size_t i = first; i < node.children.size(); ++i) {
        Built operand = build(*node.children[i]);
        result.depth = std::max(result.depth, operand.depth + 1);
        result.expr.operands.push_back(std::move(operand.expr));
    }
    check_depth(result);
    if (result.expr.kind == ast::ExprKind::list_literal &&
        result.expr.operands.size() > max_list_items_) {
        diagnostics_.report(
            "E0109", result.expr.span,
            {std::to_string(result.expr.operands.size()), std::to_string(max_list_items_)});
    }
    return result;
}

void AstBuilder::check_depth(const Built& built) const {
    if (built.depth > max_depth_) {
        throw ExpressionTooDeep{built.expr.span};
    }
}

ast::Expr AstBuilder::literal(const ParseNode& node) {
    ast::Expr expr;
    expr.span = span(node);
    const std::string_view text = node.string_view();
    if (node.is_type<g::identifier>()) {
        expr.kind = ast::ExprKind::name;
        expr.text = std::string(text);
    } else if (node.is_type<g::data_ref>() || node.is_type<g::asset_ref>() ||
               node.is_type<g::pm_ref>()) {
        expr.kind = node.is_type<g::data_ref>()    ? ast::ExprKind::data_ref
                    : node.is_type<g::asset_ref>() ? ast::ExprKind::asset_ref
                                                   : ast::ExprKind::pm_ref;
        expr.text = std::string(node.children.at(0)->string_view());
    } else if (node.is_type<g::string_literal>()) {
        expr.kind = ast::ExprKind::string_literal;
        expr.text = string_value(node);
    } else if (node.is_type<g::true_literal>() || node.is_type<g::false_literal>()) {
        expr.kind = ast::ExprKind::bool_literal;
        expr.boolean = node.is_type<g::true_literal>();
    } else if (node.is_type<g::timestamp_literal>()) {
        expr.kind = ast::ExprKind::timestamp_literal;
        expr.integer = decoded("timestamp", literals::decode_timestamp(text), expr.span, text);
    } else if (node.is_type<g::date_literal>()) {
        expr.kind = ast::ExprKind::date_literal;
        expr.integer = decoded("date", literals::decode_date(text), expr.span, text);
    } else if (node.is_type<g::duration_compact>() || node.is_type<g::duration_spelled>()) {
        expr.kind = ast::ExprKind::duration_literal;
        expr.text = std::string(text);
        expr.integer = decoded("duration", literals::decode_duration(text), expr.span, text);
    } else if (node.is_type<g::number_literal>()) {
        expr.kind = ast::ExprKind::number_literal;
        expr.text = std::string(text);
        decoded("number", literals::check_number(text), expr.span, text);
    } else {
        expr.kind = ast::ExprKind::number_literal; // malformed: reported, value unused
        expr.text = std::string(text);
        report_invalid("literal", text, literals::malformed_hint(text), expr.span);
    }
    return expr;
}

std::int64_t AstBuilder::decoded(const char* kind, const literals::Decoded& result, SourceSpan at,
                                 std::string_view text) {
    if (!result.value) {
        report_invalid(kind, text, result.hint, at);
        return 0;
    }
    return *result.value;
}

void AstBuilder::report_invalid(const char* kind, std::string_view text, const std::string& hint,
                                SourceSpan at) {
    diagnostics_.report("E0107", at, {kind, std::string(text), hint});
}

} // namespace millwright::dsl::detail
