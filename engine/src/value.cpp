// Conversions of field values. Formatting is fixed (no locale, no iostreams) so the same value
// always gives the same bytes.
#include "value.hpp"

#include "millwright/stdlib/format.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace millwright::detail {

using dsl::TypeKind;

bool Value::is_empty() const {
    switch (kind) {
    case Kind::unset:
        return true;
    case Kind::text:
        return text.empty();
    case Kind::list:
        return list_->empty();
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
        return *list_ == *other.list_;
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
        out.set_text().assign(in.text);
        return true;
    case TypeKind::enumeration:
        if (in.kind != K::string || !is_member(enums, in.text)) {
            return false;
        }
        out.set_text().assign(in.text);
        return true;
    case TypeKind::number:
        if (in.kind == K::integer) {
            out.set_number(static_cast<double>(in.integer));
            return true;
        }
        if (in.kind != K::number || !std::isfinite(in.number)) {
            return false;
        }
        out.set_number(in.number);
        return true;
    case TypeKind::money: {
        std::int64_t cents = 0;
        const bool ok = to_cents(in, cents);
        out.set_integer(cents);
        return ok;
    }
    case TypeKind::boolean:
        if (in.kind != K::boolean) {
            return false;
        }
        out.set_boolean(in.boolean);
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
        out.set_integer(*parsed);
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
            auto& list = out.set_list(in.count);
            ok = true;
            for (std::uint32_t i = 0; i < in.count && ok; ++i) {
                ok = convert_scalar(items[in.first + i], type.element_kind, type.enum_values,
                                    list[i]);
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

// Whether any of the 8 bytes in `word` needs an escape, tested all at once (the classic
// "has a byte less than n / equal to c" bit tricks).
bool word_needs_escape(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    return (below_space | has_zero(word ^ (ones * '"')) | has_zero(word ^ (ones * '\\'))) != 0;
}

std::uint64_t load_word(const char* data) {
    std::uint64_t word;
    std::memcpy(&word, data, sizeof word);
    return word;
}

#if defined(__SSE2__)
// Whether any of the 16 bytes at `data` needs an escape. SSE2 has only signed byte compares,
// so "below 0x20" is tested as min(byte, 0x1f) == byte, which is unsigned.
bool block_needs_escape(const char* data) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
    const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1f)), bytes);
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) != 0;
}
#endif

// Copies `size` bytes from `from` to `to` (which has room for them) and tells
// whether any of them needs an escape. Most texts have none, and for them this one pass is
// the whole cost of writing them. It moves whole blocks, the last one overlapping the one
// before it, so no byte-by-byte tail loop runs and nothing past the text is read; when the
// answer is true the caller discards what was copied.
bool copy_unless_escape(char* to, const char* from, std::size_t size) {
#if defined(__SSE2__)
    if (size >= 16) {
        bool found = false;
        for (std::size_t i = 0; i + 16 < size; i += 16) {
            found |= block_needs_escape(from + i);
            std::memcpy(to + i, from + i, 16);
        }
        std::memcpy(to + size - 16, from + size - 16, 16);
        return found || block_needs_escape(from + size - 16);
    }
#endif
    if (size >= 8) {
        std::uint64_t found = 0;
        for (std::size_t i = 0; i + 8 < size; i += 8) {
            const std::uint64_t word = load_word(from + i);
            found |= word_needs_escape(word);
            std::memcpy(to + i, &word, sizeof word);
        }
        const std::uint64_t last = load_word(from + size - 8);
        std::memcpy(to + size - 8, &last, sizeof last);
        return found != 0 || word_needs_escape(last);
    }
    if (size >= 4) { // two overlapping 4-byte halves make one word
        std::uint32_t low;
        std::uint32_t high;
        std::memcpy(&low, from, sizeof low);
        std::memcpy(&high, from + size - 4, sizeof high);
        std::memcpy(to, &low, sizeof low);
        std::memcpy(to + size - 4, &high, sizeof high);
        return word_needs_escape(low | (std::uint64_t{high} << 32));
    }
    bool found = false;
    for (std::size_t i = 0; i < size; ++i) {
        found |= needs_escape(from[i]);
        to[i] = from[i];
    }
    return found;
}

} // namespace

void JsonWriter::raw_slow(const char* data, std::size_t size) {
    flush();
    if (size > buffer_size) {
        out_.append(data, size); // a long text goes straight to the output
        return;
    }
    std::memcpy(pos_, data, size);
    pos_ += size;
}

void JsonWriter::unsigned_number(std::uint64_t value) {
    char* target = reserve(24);
    commit(std::to_chars(target, target + 24, value).ptr);
}

void JsonWriter::string(std::string_view text) {
    const std::size_t size = text.size();
    const std::size_t room = size + 2; // the text between its quotes
    if (room > buffer_size) {
        escaped(text); // a long text: written in runs, straight to the output if need be
        return;
    }
    char* target = reserve(room);
    target[0] = '"';
    if (copy_unless_escape(target + 1, text.data(), size)) {
        escaped(text); // nothing was committed; start over with escapes
        return;
    }
    target[size + 1] = '"';
    commit(target + size + 2);
}

void JsonWriter::escaped(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    put('"');
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needs_escape(c)) {
            continue;
        }
        raw(text.data() + run_start, i - run_start);
        run_start = i + 1;
        switch (c) {
        case '"':
            literal("\\\"");
            break;
        case '\\':
            literal("\\\\");
            break;
        case '\n':
            literal("\\n");
            break;
        case '\r':
            literal("\\r");
            break;
        case '\t':
            literal("\\t");
            break;
        default: {
            const auto byte = static_cast<unsigned char>(c);
            const char escape[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xf]};
            raw(escape, sizeof escape);
        }
        }
    }
    raw(text.data() + run_start, text.size() - run_start);
    put('"');
}

void append_json_string(std::string& out, std::string_view text) {
    JsonWriter writer(out);
    writer.string(text);
}

namespace {
// Writes a time, date or duration between quotes. Their texts hold only digits, signs and
// the letters and punctuation of the fixed formats, never a character to escape, so this is
// what writing the formatted text as a JSON string gives.
template <typename Format>
void write_quoted(JsonWriter& out, Format format, std::int64_t value) {
    char* target = out.reserve(stdlib::max_formatted_size + 2);
    *target++ = '"';
    target = format(target, value);
    *target++ = '"';
    out.commit(target);
}

void write_scalar(JsonWriter& out, const Value& value, TypeKind kind) {
    if (value.kind == Value::Kind::unset) {
        out.literal("null");
        return;
    }
    switch (kind) {
    case TypeKind::text:
    case TypeKind::enumeration:
        out.string(value.text);
        return;
    case TypeKind::number:
        out.commit(stdlib::write_number(out.reserve(stdlib::max_formatted_size), value.number));
        return;
    case TypeKind::money:
        out.commit(stdlib::write_money(out.reserve(stdlib::max_formatted_size), value.integer));
        return;
    case TypeKind::boolean:
        if (value.boolean) {
            out.literal("true");
        } else {
            out.literal("false");
        }
        return;
    case TypeKind::time:
        write_quoted(out, stdlib::write_time, value.integer);
        return;
    case TypeKind::date:
        write_quoted(out, stdlib::write_date, value.integer);
        return;
    case TypeKind::duration:
        write_quoted(out, stdlib::write_duration, value.integer);
        return;
    case TypeKind::list:
        out.literal("null");
        return;
    }
}
} // namespace

void write_json(JsonWriter& out, const Value& value, const dsl::ValueType& type) {
    if (type.kind != TypeKind::list || value.kind != Value::Kind::list) {
        write_scalar(out, value, type.kind);
        return;
    }
    out.put('[');
    const auto& items = value.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) {
            out.put(',');
        }
        write_scalar(out, items[i], type.element_kind);
    }
    out.put(']');
}

void append_json(std::string& out, const Value& value, const dsl::ValueType& type) {
    JsonWriter writer(out);
    write_json(writer, value, type);
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
        value.set_boolean(*b);
    } else if (const auto* i = std::get_if<std::int64_t>(&scalar)) {
        value.set_integer(*i);
    } else if (const auto* d = std::get_if<double>(&scalar)) {
        value.set_number(*d);
    } else if (const auto* s = std::get_if<std::string>(&scalar)) {
        value.set_text() = *s;
    }
    return value;
}
} // namespace

Value from_constant(const dsl::Constant& constant) {
    if (!constant.is_list) {
        return from_scalar(constant.scalar);
    }
    Value value;
    auto& list = value.set_list();
    for (const auto& item : constant.items) {
        list.push_back(from_scalar(item));
    }
    return value;
}

} // namespace millwright::detail
