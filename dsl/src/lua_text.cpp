// How DSL text and values become Lua text: quoted strings with Lua escapes, identifiers that
// cannot collide with Lua keywords or the chunk's own names, comments that cannot end early,
// numbers rebuilt from their digits, and defaults as model constants. Everything codegen takes
// from a definition passes through here, so this file is where injection is kept out.
#include "lua_text.hpp"

#include "check.hpp"

#include <cctype>
#include <cstdlib>
#include <set>

namespace millwright::dsl::detail {

namespace {

using ast::ExprKind;

bool is_lua_reserved(const std::string& name) {
    static const std::set<std::string> reserved{
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
        "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "rt", "lib", "_ENV",
        // the chunk's own names (see lua_limits.hpp), so no parameter can hide them
        "lists", "extra", "exports"};
    return reserved.count(name) != 0;
}

Scalar number_scalar(const std::string& written) {
    const std::string text = number_text(written);
    if (text.find('.') == std::string::npos && text.size() <= 18) {
        return static_cast<std::int64_t>(std::strtoll(text.c_str(), nullptr, 10));
    }
    return std::strtod(text.c_str(), nullptr);
}

Scalar scalar_constant(const ast::Expr& expr, const ValueType& type) {
    switch (expr.kind) {
    case ExprKind::number_literal:
        if (type.kind == TypeKind::money) {
            return money_cents(expr.text).value_or(0);
        }
        return number_scalar(expr.text);
    case ExprKind::string_literal:
    case ExprKind::name:
        return expr.text;
    case ExprKind::bool_literal:
        return expr.boolean;
    case ExprKind::duration_literal:
    case ExprKind::timestamp_literal:
    case ExprKind::date_literal:
        return expr.integer;
    case ExprKind::unary: {
        const Scalar inner = scalar_constant(expr.operands[0], type);
        if (const auto* integer = std::get_if<std::int64_t>(&inner)) {
            return -*integer;
        }
        if (const auto* real = std::get_if<double>(&inner)) {
            return -*real;
        }
        return inner;
    }
    default:
        return std::monostate{};
    }
}

} // namespace

std::string lua_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20 || byte == 0x7f) {
                const char digits[] = {'\\', static_cast<char>('0' + byte / 100),
                                       static_cast<char>('0' + byte / 10 % 10),
                                       static_cast<char>('0' + byte % 10)};
                out.append(digits, sizeof digits);
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

/// Text safe inside a `--` line comment: no control character can end the comment early.
std::string comment_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 || byte == 0x7f) ? ' ' : c;
    }
    return out;
}

/// The line text with runs of blanks outside string literals collapsed, for comments.
std::string collapse_blanks(std::string_view text) {
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string && c == '\\' && i + 1 < text.size()) {
            out += c;
            out += text[++i];
            continue;
        }
        if (c == '"') {
            in_string = !in_string;
        }
        const bool blank = c == ' ' || c == '\t';
        if (!in_string && blank && !out.empty() && out.back() == ' ') {
            continue;
        }
        out += (!in_string && blank) ? ' ' : c;
    }
    return out;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

/// A Lua identifier made from a DSL name: other characters become `_`, and a name Lua or the
/// chunk reserves gets a `_` appended.
std::string lua_key(const std::string& name) {
    return lua_identifier(name) == name ? name : "[" + lua_string(name) + "]";
}

std::string lua_index(const std::string& name) {
    return lua_identifier(name) == name ? "." + name : "[" + lua_string(name) + "]";
}

std::string lua_identifier(std::string_view name) {
    std::string out;
    for (char c : name) {
        out += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') ? c : '_';
    }
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())) != 0) {
        out.insert(out.begin(), '_');
    }
    while (is_lua_reserved(out)) {
        out += '_';
    }
    return out;
}

std::string basename_of(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Digits as written (`12.5`), rebuilt from digits and one dot so nothing else can pass.
std::string number_text(const std::string& written) {
    std::string out;
    bool dot = false;
    for (char c : written) {
        if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            out += c;
        } else if (c == '.' && !dot) {
            dot = true;
            out += c;
        }
    }
    if (out.empty() || out.front() == '.') {
        out.insert(out.begin(), '0');
    }
    if (out.back() == '.') {
        out += '0';
    }
    return out;
}

Constant constant_of(const ast::Expr& expr, const ValueType& type) {
    Constant constant;
    if (expr.kind == ExprKind::list_literal) {
        constant.is_list = true;
        const ValueType element{type.element_kind, type.enum_values, TypeKind::text};
        for (const auto& item : expr.operands) {
            constant.items.push_back(scalar_constant(item, element));
        }
    } else {
        constant.scalar = scalar_constant(expr, type);
    }
    return constant;
}

} // namespace millwright::dsl::detail
