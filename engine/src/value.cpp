// Conversions of field values. Formatting is fixed (no locale, no iostreams) so the same value
// always gives the same bytes.
#include "value.hpp"

#include "millwright/stdlib/format.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace millwright::detail {

using dsl::TypeKind;

bool Value::is_empty() const {
    switch (kind) {
    case Kind::unset:
        return true;
    case Kind::text:
        return text.empty();
    case Kind::list:
        return items.empty();
    default:
        return false;
    }
}

bool Value::operator==(const Value& other) const {
    if (kind != other.kind) {
        return false;
    }
    switch (kind) {
    case Kind::unset:
        return true;
    case Kind::boolean:
        return boolean == other.boolean;
    case Kind::integer:
        return integer == other.integer;
    case Kind::number:
        return number == other.number;
    case Kind::text:
        return text == other.text;
    case Kind::list:
        return items == other.items;
    }
    return false;
}

namespace {

// Money arrives as a JSON number of currency units; it is kept as whole cents. Amounts are
// bounded so that cents stay exact in a double and in Lua arithmetic.
constexpr double max_money_units = 90'000'000'000'000.0;

bool to_cents(const InScalar& in, std::int64_t& cents) {
    if (in.kind == InScalar::Kind::integer) {
        if (std::abs(static_cast<double>(in.integer)) > max_money_units) {
            return false;
        }
        cents = in.integer * 100;
        return true;
    }
    if (in.kind != InScalar::Kind::number || !std::isfinite(in.number) ||
        std::abs(in.number) > max_money_units) {
        return false;
    }
    const double scaled = in.number * 100.0;
    const double rounded = std::round(scaled);
    if (std::abs(scaled - rounded) > 1e-6 * std::max(1.0, std::abs(scaled))) {
        return false; // more than two decimals
    }
    cents = static_cast<std::int64_t>(rounded);
    return true;
}

bool is_member(const std::vector<std::string>& values, std::string_view text) {
    for (const auto& value : values) {
        if (value == text) {
            return true;
        }
    }
    return false;
}

bool convert_scalar(const InScalar& in, TypeKind kind, const std::vector<std::string>& enums,
                    Value& out) {
    using K = InScalar::Kind;
    switch (kind) {
    case TypeKind::text:
        if (in.kind != K::string || in.text.size() > max_field_text_bytes) {
            return false;
        }
        out.kind = Value::Kind::text;
        out.text.assign(in.text);
        return true;
    case TypeKind::enumeration:
        if (in.kind != K::string || !is_member(enums, in.text)) {
            return false;
        }
        out.kind = Value::Kind::text;
        out.text.assign(in.text);
        return true;
    case TypeKind::number:
        if (in.kind == K::integer) {
            out.kind = Value::Kind::number;
            out.number = static_cast<double>(in.integer);
            return true;
        }
        if (in.kind != K::number || !std::isfinite(in.number)) {
            return false;
        }
        out.kind = Value::Kind::number;
        out.number = in.number;
        return true;
    case TypeKind::money:
        out.kind = Value::Kind::integer;
        return to_cents(in, out.integer);
    case TypeKind::boolean:
        if (in.kind != K::boolean) {
            return false;
        }
        out.kind = Value::Kind::boolean;
        out.boolean = in.boolean;
        return true;
    case TypeKind::time:
    case TypeKind::date:
    case TypeKind::duration: {
        if (in.kind != K::string) {
            return false;
        }
        std::optional<std::int64_t> parsed;
        if (kind == TypeKind::time) {
            parsed = stdlib::parse_time(in.text);
        } else if (kind == TypeKind::date) {
            parsed = stdlib::parse_date(in.text);
        } else {
            parsed = stdlib::parse_duration(in.text);
        }
        if (!parsed) {
            return false;
        }
        out.kind = Value::Kind::integer;
        out.integer = *parsed;
        return true;
    }
    case TypeKind::list:
        return false;
    }
    return false;
}

} // namespace

bool convert(const InValue& in, const std::vector<InScalar>& items, const dsl::ValueType& type,
             Value& out, std::string& expected) {
    out = Value{};
    if (!in.is_array && in.scalar.kind == InScalar::Kind::null) {
        return true; // null clears the field
    }
    bool ok = false;
    if (type.kind == TypeKind::list) {
        if (in.is_array) {
            out.kind = Value::Kind::list;
            out.items.resize(in.count);
            ok = true;
            for (std::uint32_t i = 0; i < in.count && ok; ++i) {
                ok = convert_scalar(items[in.first + i], type.element_kind, type.enum_values,
                                    out.items[i]);
            }
        }
    } else if (!in.is_array) {
        ok = convert_scalar(in.scalar, type.kind, type.enum_values, out);
    }
    if (!ok) {
        out = Value{};
        expected = describe(type);
    }
    return ok;
}

namespace {
std::string describe_kind(TypeKind kind, const std::vector<std::string>& enums) {
    switch (kind) {
    case TypeKind::text:
        return "text (at most 1048576 bytes)";
    case TypeKind::number:
        return "a number";
    case TypeKind::money:
        return "money (a number with at most 2 decimals)";
    case TypeKind::boolean:
        return "true or false";
    case TypeKind::time:
        return "a time (RFC 3339, e.g. \"2026-11-22T10:00:00Z\")";
    case TypeKind::date:
        return "a date (\"YYYY-MM-DD\")";
    case TypeKind::duration:
        return "a duration (e.g. \"4h\", \"3d\", \"90m\")";
    case TypeKind::enumeration: {
        std::string text = "one of ";
        for (std::size_t i = 0; i < enums.size(); ++i) {
            text += (i == 0 ? "" : ", ");
            text += enums[i];
        }
        return text;
    }
    case TypeKind::list:
        return "a list";
    }
    return "a value";
}
} // namespace

std::string describe(const dsl::ValueType& type) {
    if (type.kind == TypeKind::list) {
        return "a list of " + describe_kind(type.element_kind, type.enum_values);
    }
    return describe_kind(type.kind, type.enum_values);
}

namespace {
// Characters a JSON string must escape: the quote, the backslash and the control characters.
bool needs_escape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

void append_escape(std::string& out, char c) {
    static constexpr char hex[] = "0123456789abcdef";
    switch (c) {
    case '"':
        out += "\\\"";
        return;
    case '\\':
        out += "\\\\";
        return;
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default: {
        const auto byte = static_cast<unsigned char>(c);
        const char escape[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xf]};
        out.append(escape, sizeof escape);
    }
    }
}
// Whether any of the 8 bytes in `word` needs an escape, tested all at once (the classic
// "has a byte less than n / equal to c" bit tricks): most texts have none, and this check is
// the whole cost of writing them.
bool word_needs_escape(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    return (below_space | has_zero(word ^ (ones * '"')) | has_zero(word ^ (ones * '\\'))) != 0;
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
    // Runs of plain characters are copied in one go: most texts need no escape at all, and
    // for them the whole string is one append between its quotes.
    std::size_t i = 0;
    while (i + 8 <= text.size()) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        if (word_needs_escape(word)) {
            break;
        }
        i += 8;
    }
    while (i < text.size() && !needs_escape(text[i])) {
        ++i;
    }
    const std::size_t size = out.size();
    if (i == text.size()) {
        out.resize(size + text.size() + 2);
        char* target = out.data() + size;
        target[0] = '"';
        std::memcpy(target + 1, text.data(), text.size());
        target[text.size() + 1] = '"';
        return;
    }
    out.push_back('"');
    std::size_t run_start = 0;
    for (; i < text.size(); ++i) {
        if (needs_escape(text[i])) {
            out.append(text.data() + run_start, i - run_start);
            append_escape(out, text[i]);
            run_start = i + 1;
        }
    }
    out.append(text.data() + run_start, text.size() - run_start);
    out.push_back('"');
}

namespace {
void append_scalar(std::string& out, const Value& value, TypeKind kind) {
    if (value.kind == Value::Kind::unset) {
        out += "null";
        return;
    }
    switch (kind) {
    case TypeKind::text:
    case TypeKind::enumeration:
        append_json_string(out, value.text);
        return;
    case TypeKind::number:
        out += stdlib::format_number(value.number);
        return;
    case TypeKind::money:
        out += stdlib::format_money(value.integer);
        return;
    case TypeKind::boolean:
        out += value.boolean ? "true" : "false";
        return;
    case TypeKind::time:
        append_json_string(out, stdlib::format_time(value.integer));
        return;
    case TypeKind::date:
        append_json_string(out, stdlib::format_date(value.integer));
        return;
    case TypeKind::duration:
        append_json_string(out, stdlib::format_duration(value.integer));
        return;
    case TypeKind::list:
        out += "null";
        return;
    }
}
} // namespace

void append_json(std::string& out, const Value& value, const dsl::ValueType& type) {
    if (type.kind != TypeKind::list || value.kind != Value::Kind::list) {
        append_scalar(out, value, type.kind);
        return;
    }
    out.push_back('[');
    for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        append_scalar(out, value.items[i], type.element_kind);
    }
    out.push_back(']');
}

namespace {
void append_in_scalar(std::string& out, const InScalar& in) {
    switch (in.kind) {
    case InScalar::Kind::null:
        out += "null";
        return;
    case InScalar::Kind::boolean:
        out += in.boolean ? "true" : "false";
        return;
    case InScalar::Kind::integer:
        out += std::to_string(in.integer);
        return;
    case InScalar::Kind::number:
        out += stdlib::format_number(in.number);
        return;
    case InScalar::Kind::string:
        append_json_string(out, in.text);
        return;
    case InScalar::Kind::nested:
        out += "{...}";
        return;
    }
}
} // namespace

void append_json(std::string& out, const InValue& in, const std::vector<InScalar>& items) {
    if (!in.is_array) {
        append_in_scalar(out, in.scalar);
        return;
    }
    out.push_back('[');
    for (std::uint32_t i = 0; i < in.count; ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        append_in_scalar(out, items[in.first + i]);
    }
    out.push_back(']');
}

namespace {
Value from_scalar(const dsl::Scalar& scalar) {
    Value value;
    if (const auto* b = std::get_if<bool>(&scalar)) {
        value.kind = Value::Kind::boolean;
        value.boolean = *b;
    } else if (const auto* i = std::get_if<std::int64_t>(&scalar)) {
        value.kind = Value::Kind::integer;
        value.integer = *i;
    } else if (const auto* d = std::get_if<double>(&scalar)) {
        value.kind = Value::Kind::number;
        value.number = *d;
    } else if (const auto* s = std::get_if<std::string>(&scalar)) {
        value.kind = Value::Kind::text;
        value.text = *s;
    }
    return value;
}
} // namespace

Value from_constant(const dsl::Constant& constant) {
    if (!constant.is_list) {
        return from_scalar(constant.scalar);
    }
    Value value;
    value.kind = Value::Kind::list;
    for (const auto& item : constant.items) {
        value.items.push_back(from_scalar(item));
    }
    return value;
}

} // namespace millwright::detail
