// The vocabulary the checker and codegen share about values: a field's declared type as the
// model holds it, type names as messages spell them, type equality, operator spellings, money
// literals in cents, and the `{name}` pieces of a string literal.
#include "check.hpp"

#include <cctype>
#include <cstdint>

namespace millwright::dsl::detail {

namespace {

using ast::BinaryOp;

bool is_identifier_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

} // namespace

ValueType value_type_of(const ast::TypeRef& type) {
    ValueType result{type.kind, {}, type.element_kind};
    for (const auto& value : type.enum_values) {
        result.enum_values.push_back(value.name);
    }
    return result;
}

std::string kind_name(TypeKind kind) {
    switch (kind) {
    case TypeKind::text:
        return "text";
    case TypeKind::number:
        return "number";
    case TypeKind::money:
        return "money";
    case TypeKind::boolean:
        return "bool";
    case TypeKind::time:
        return "time";
    case TypeKind::date:
        return "date";
    case TypeKind::duration:
        return "duration";
    case TypeKind::enumeration:
        return "enumeration";
    case TypeKind::list:
        return "list";
    }
    return "text";
}

std::string type_name(const ValueType& type) {
    auto enumeration = [&] {
        std::string text;
        for (std::size_t i = 0; i < type.enum_values.size(); ++i) {
            text += (i == 0 ? "" : " | ") + type.enum_values[i];
        }
        return text.empty() ? std::string("enumeration") : text;
    };
    if (type.kind == TypeKind::enumeration) {
        return enumeration();
    }
    if (type.kind == TypeKind::list) {
        const std::string element = type.element_kind == TypeKind::enumeration
                                        ? enumeration()
                                        : kind_name(type.element_kind);
        return "list of " + element;
    }
    return kind_name(type.kind);
}

bool same_type(const ValueType& a, const ValueType& b) {
    if (a.kind != b.kind) {
        return false;
    }
    if (a.kind == TypeKind::list && a.element_kind != b.element_kind) {
        return false;
    }
    const bool has_enum = a.kind == TypeKind::enumeration ||
                          (a.kind == TypeKind::list && a.element_kind == TypeKind::enumeration);
    return !has_enum || a.enum_values == b.enum_values;
}

std::optional<std::int64_t> money_cents(const std::string& digits) {
    constexpr std::int64_t limit = INT64_MAX / 100 - 1;
    std::int64_t whole = 0;
    std::size_t at = 0;
    for (; at < digits.size() && std::isdigit(static_cast<unsigned char>(digits[at])); ++at) {
        if (whole > (limit - 9) / 10) {
            return std::nullopt;
        }
        whole = whole * 10 + (digits[at] - '0');
    }
    std::int64_t cents = 0;
    int rounding = 0;
    if (at < digits.size() && digits[at] == '.') {
        const std::string fraction = digits.substr(at + 1) + "000";
        auto digit = [&](std::size_t i) {
            return std::isdigit(static_cast<unsigned char>(fraction[i])) ? fraction[i] - '0' : 0;
        };
        cents = digit(0) * 10 + digit(1);
        rounding = digit(2);
    }
    return whole * 100 + cents + (rounding >= 5 ? 1 : 0);
}

std::vector<StringPiece> split_interpolation(const std::string& decoded) {
    std::vector<StringPiece> pieces;
    auto add_text = [&](std::string_view text) {
        if (text.empty()) {
            return;
        }
        if (!pieces.empty() && !pieces.back().is_name) {
            pieces.back().text += text;
        } else {
            pieces.push_back({false, std::string(text)});
        }
    };
    std::size_t at = 0;
    while (at < decoded.size()) {
        const char c = decoded[at];
        const bool doubled = at + 1 < decoded.size() && decoded[at + 1] == c;
        if ((c == '{' || c == '}') && doubled) { // `{{` and `}}` stand for one brace
            add_text(std::string_view(&decoded[at], 1));
            at += 2;
            continue;
        }
        std::size_t end = at + 1;
        if (c == '{' && end < decoded.size() && is_identifier_start(decoded[end])) {
            while (end < decoded.size() && is_identifier_char(decoded[end])) {
                ++end;
            }
            if (end < decoded.size() && decoded[end] == '}') {
                pieces.push_back({true, decoded.substr(at + 1, end - at - 1)});
                at = end + 1;
                continue;
            }
        }
        add_text(std::string_view(&decoded[at], 1));
        ++at;
    }
    return pieces;
}

std::string operator_text(BinaryOp op) {
    switch (op) {
    case BinaryOp::logical_or:
        return "or";
    case BinaryOp::logical_and:
        return "and";
    case BinaryOp::eq:
        return "=";
    case BinaryOp::ne:
        return "!=";
    case BinaryOp::lt:
        return "<";
    case BinaryOp::le:
        return "<=";
    case BinaryOp::gt:
        return ">";
    case BinaryOp::ge:
        return ">=";
    case BinaryOp::in:
        return "in";
    case BinaryOp::not_in:
        return "not in";
    case BinaryOp::add:
        return "+";
    case BinaryOp::sub:
        return "-";
    case BinaryOp::mul:
        return "*";
    case BinaryOp::div:
        return "/";
    }
    return "?";
}

} // namespace millwright::dsl::detail
