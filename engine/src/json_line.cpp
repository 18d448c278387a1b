// The parts of JsonLine off the common path: whitespace, escapes and non-ASCII text in strings,
// numbers, literals, values nobody keeps, and explaining a failure.
#include "json_line.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace millwright::detail {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_json_whitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

/// The end of the UTF-8 sequence starting at `at` (a byte >= 0x80), or nullptr if it is not a
/// well-formed sequence in [at, end) per RFC 3629: no overlong forms, no surrogates, nothing
/// above U+10FFFF.
const char* skip_utf8_sequence(const char* at, const char* end) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(at);
    const auto left = static_cast<std::size_t>(end - at);
    const unsigned char lead = bytes[0];
    if (lead < 0xC2) {
        return nullptr; // a continuation byte, or the lead of an overlong two-byte form
    }
    if (lead < 0xE0) {
        return left >= 2 && is_continuation(bytes[1]) ? at + 2 : nullptr;
    }
    if (lead < 0xF0) {
        if (left < 3) {
            return nullptr;
        }
        // E0 would be overlong below A0; ED would encode surrogates from A0 on.
        const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
        const bool valid = bytes[1] >= low && bytes[1] <= high && is_continuation(bytes[2]);
        return valid ? at + 3 : nullptr;
    }
    if (lead < 0xF5) {
        if (left < 4) {
            return nullptr;
        }
        // F0 would be overlong below 90; F4 goes past U+10FFFF from 90 on.
        const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
        const bool valid = bytes[1] >= low && bytes[1] <= high && is_continuation(bytes[2]) &&
                           is_continuation(bytes[3]);
        return valid ? at + 4 : nullptr;
    }
    return nullptr;
}

bool is_valid_utf8(const char* at, const char* end) {
    while (at < end) {
        if (static_cast<unsigned char>(*at) < 0x80) {
            ++at;
            continue;
        }
        at = skip_utf8_sequence(at, end);
        if (at == nullptr) {
            return false;
        }
    }
    return true;
}

/// Whole-line facts simdjson's first stage reports before it looks at the structure. A quote
/// counts unless an odd run of backslashes precedes it, wherever it is; a control character
/// counts when it lies between an opening quote and its closing one.
struct QuoteFacts {
    bool unclosed_string = false;
    const char* control_in_string = nullptr; ///< the first one
};

QuoteFacts scan_quotes(const char* at, const char* end) {
    QuoteFacts facts;
    bool in_string = false;
    bool escaped = false;
    for (; at < end; ++at) {
        const char c = *at;
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            in_string = !in_string;
        }
        if (in_string && static_cast<unsigned char>(c) < 0x20 && !facts.control_in_string) {
            facts.control_in_string = at;
        }
    }
    facts.unclosed_string = in_string;
    return facts;
}

/// simdjson refuses a line opening with `{` or `[` whose last token is not the matching close
/// before it reads any further, so such a line is a syntax error even when it is also nested
/// too deeply.
bool closes_where_it_ends(const char* begin, const char* end) {
    while (begin < end && is_json_whitespace(*begin)) {
        ++begin;
    }
    while (end > begin && is_json_whitespace(end[-1])) {
        --end;
    }
    if (end - begin < 2) {
        return false;
    }
    return (*begin == '{' && end[-1] == '}') || (*begin == '[' && end[-1] == ']');
}

bool read_hex4(const char* at, std::uint32_t& code) {
    code = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = at[i];
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return false;
        }
        code = code * 16 + digit;
    }
    return true;
}

char* append_utf8(std::uint32_t code, char* out) {
    if (code < 0x80) {
        *out++ = static_cast<char>(code);
    } else if (code < 0x800) {
        *out++ = static_cast<char>(0xC0 | (code >> 6));
        *out++ = static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (code >> 12));
        *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (code & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (code >> 18));
        *out++ = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (code & 0x3F));
    }
    return out;
}

/// Powers of ten a double holds exactly.
constexpr double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                          1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                          1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// The parts of a number token that decide how to convert it.
struct NumberText {
    const char* begin; ///< at the sign or first digit
    const char* end;   ///< past the last character
    bool negative = false;
    bool is_integer = true;        ///< no fraction and no exponent
    std::uint64_t integer = 0;     ///< the integer part, valid unless integer_overflow
    bool integer_overflow = false; ///< the integer part exceeds UINT64_MAX
    std::uint64_t mantissa = 0;    ///< all significant digits, valid if significant <= 19
    int significant = 0;           ///< digits from the first non-zero one on
    std::int64_t exponent = 0;     ///< decimal exponent applied to mantissa (saturated)
    std::int64_t magnitude = 0;    ///< about log10 of the value: decides overflow or underflow
};

/// Converts a validated number without fraction or exponent as simdjson does: integers in
/// int64 stay integers, larger ones up to UINT64_MAX become doubles, and anything beyond is
/// refused (returns false).
bool to_integer(const NumberText& text, InScalar& out) {
    constexpr auto int64_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (text.integer_overflow || (text.negative && text.integer > int64_max + 1)) {
        return false;
    }
    if (text.negative) {
        out.kind = InScalar::Kind::integer;
        out.integer = static_cast<std::int64_t>(~text.integer + 1);
    } else if (text.integer > int64_max) {
        out.kind = InScalar::Kind::number;
        out.number = static_cast<double>(text.integer);
    } else {
        out.kind = InScalar::Kind::integer;
        out.integer = static_cast<std::int64_t>(text.integer);
    }
    return true;
}

/// Converts a validated number with a fraction or exponent, correctly rounded (the value
/// simdjson gives). Returns false if it is too large for a double.
bool to_double(const NumberText& text, InScalar& out) {
    out.kind = InScalar::Kind::number;
    // Exact operands and one rounding step give the correctly rounded result (Clinger).
    if (text.significant <= 19 && text.mantissa <= (std::uint64_t{1} << 53) &&
        text.exponent >= -22 && text.exponent <= 22) {
        const auto mantissa = static_cast<double>(text.mantissa);
        const double value = text.exponent < 0 ? mantissa / exact_powers_of_ten[-text.exponent]
                                               : mantissa * exact_powers_of_ten[text.exponent];
        out.number = text.negative ? -value : value;
        return true;
    }
    double value = 0;
    const auto result = std::from_chars(text.begin, text.end, value);
    if (result.ec == std::errc()) {
        out.number = value;
        return true;
    }
    // Out of range: too large is refused (as simdjson does), too small rounds to zero.
    if (text.magnitude > 0) {
        return false;
    }
    out.number = text.negative ? -0.0 : 0.0;
    return true;
}

} // namespace

char JsonLine::skip_whitespace() {
    while (p_ < end_) {
        const char c = *p_;
        if (!is_json_whitespace(c)) {
            return c;
        }
        ++p_;
    }
    return '\0';
}

bool JsonLine::fail(Error error, const char* what, const char* at) {
    if (error_ == Error::none) {
        error_ = error;
        error_what_ = what;
        error_at_ = at;
    }
    return false;
}

std::string JsonLine::error() const {
    const QuoteFacts quotes = scan_quotes(begin_, end_);
    if (quotes.unclosed_string) {
        return "unterminated string";
    }
    const auto column = [this](const char* at) {
        return std::to_string(static_cast<std::size_t>(at - begin_) + 1);
    };
    const auto syntax_error = [&]() -> std::string {
        if (error_at_ >= end_) {
            return "invalid or truncated JSON";
        }
        return std::string(error_what_) + " at column " + column(error_at_);
    };
    // The precedence is simdjson's: control characters, then UTF-8, then the structure.
    if (quotes.control_in_string != nullptr) {
        if (error_ == Error::syntax) {
            return syntax_error();
        }
        return "control character in string at column " + column(quotes.control_in_string);
    }
    if (!is_valid_utf8(begin_, end_)) {
        return "invalid UTF-8";
    }
    if (error_ == Error::depth) {
        return closes_where_it_ends(begin_, end_) ? "JSON nested too deeply"
                                                  : "invalid or truncated JSON";
    }
    return syntax_error();
}

bool JsonLine::read_string_slow(const char* start, const char* stop, std::string_view& out) {
    for (;;) {
        if (stop >= end_) {
            return fail_syntax("unterminated string", end_);
        }
        const auto c = static_cast<unsigned char>(*stop);
        if (c == '"') {
            out = std::string_view(start, static_cast<std::size_t>(stop - start));
            p_ = stop + 1;
            return true;
        }
        if (c == '\\') {
            return read_escaped(start, stop, out);
        }
        if (c < 0x20) {
            return fail_syntax("control character in string", stop);
        }
        const char* next = skip_utf8_sequence(stop, end_);
        if (next == nullptr) {
            return fail(Error::utf8, "invalid UTF-8", stop);
        }
        stop = find_string_special(next);
    }
}

bool JsonLine::read_escaped(const char* start, const char* stop, std::string_view& out) {
    if (unescaped_next_ == nullptr) {
        // Unescaped text is never longer than its source, so a buffer the size of the line
        // holds every string of it and never moves while views of this line point into it.
        const auto need = static_cast<std::size_t>(end_ - begin_);
        if (scratch_.unescaped_capacity < need) {
            const std::size_t capacity = std::max(need, 2 * scratch_.unescaped_capacity);
            scratch_.unescaped = std::make_unique_for_overwrite<char[]>(capacity);
            scratch_.unescaped_capacity = capacity;
        }
        unescaped_next_ = scratch_.unescaped.get();
    }
    char* const text = unescaped_next_;
    char* out_at = text;
    std::memcpy(out_at, start, static_cast<std::size_t>(stop - start));
    out_at += stop - start;
    const char* at = stop;
    for (;;) {
        // `at` is below end_ and at a byte that ends a plain run.
        const auto c = static_cast<unsigned char>(*at);
        if (c == '"') {
            out = std::string_view(text, static_cast<std::size_t>(out_at - text));
            unescaped_next_ = out_at;
            p_ = at + 1;
            return true;
        }
        if (c == '\\') {
            if (!unescape(at, out_at)) {
                return false;
            }
        } else if (c < 0x20) {
            return fail_syntax("control character in string", at);
        } else {
            const char* next = skip_utf8_sequence(at, end_);
            if (next == nullptr) {
                return fail(Error::utf8, "invalid UTF-8", at);
            }
            std::memcpy(out_at, at, static_cast<std::size_t>(next - at));
            out_at += next - at;
            at = next;
        }
        const char* run_end = find_string_special(at);
        if (run_end >= end_) {
            return fail_syntax("unterminated string", end_);
        }
        std::memcpy(out_at, at, static_cast<std::size_t>(run_end - at));
        out_at += run_end - at;
        at = run_end;
    }
}

bool JsonLine::unescape(const char*& at, char*& out) {
    if (end_ - at < 2) {
        return fail_syntax("unterminated string", end_);
    }
    char plain = 0;
    switch (at[1]) {
    case '"':
    case '\\':
    case '/':
        plain = at[1];
        break;
    case 'b':
        plain = '\b';
        break;
    case 'f':
        plain = '\f';
        break;
    case 'n':
        plain = '\n';
        break;
    case 'r':
        plain = '\r';
        break;
    case 't':
        plain = '\t';
        break;
    case 'u':
        return unescape_code_point(at, out);
    default:
        return fail_syntax("invalid escape", at);
    }
    *out++ = plain;
    at += 2;
    return true;
}

bool JsonLine::unescape_code_point(const char*& at, char*& out) {
    const char* escape = at;
    std::uint32_t code = 0;
    if (end_ - at < 6) {
        return fail_syntax("invalid escape", end_);
    }
    if (!read_hex4(at + 2, code)) {
        return fail_syntax("invalid escape", escape);
    }
    at += 6;
    if (code >= 0xDC00 && code <= 0xDFFF) {
        return fail_syntax("unpaired surrogate in escape", escape);
    }
    if (code >= 0xD800 && code <= 0xDBFF) {
        // A high surrogate must be followed at once by an escaped low one.
        std::uint32_t low = 0;
        if (end_ - at < 6 || at[0] != '\\' || at[1] != 'u' || !read_hex4(at + 2, low) ||
            low < 0xDC00 || low > 0xDFFF) {
            return fail_syntax("unpaired surrogate in escape", escape);
        }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        at += 6;
    }
    out = append_utf8(code, out);
    return true;
}

bool JsonLine::read_number(InScalar& out) {
    // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    NumberText text;
    text.begin = p_;
    const char* at = p_;
    text.negative = *at == '-';
    at += text.negative ? 1 : 0;
    if (at >= end_ || !is_digit(*at)) {
        return fail_syntax("invalid number", at < end_ ? text.begin : end_);
    }
    if (*at == '0') {
        ++at;
        if (at < end_ && is_digit(*at)) {
            return fail_syntax("invalid number (leading zero)", text.begin);
        }
    }
    for (; at < end_ && is_digit(*at); ++at) {
        const auto digit = static_cast<std::uint64_t>(*at - '0');
        if (__builtin_mul_overflow(text.integer, 10, &text.integer) ||
            __builtin_add_overflow(text.integer, digit, &text.integer)) {
            text.integer_overflow = true;
        }
        ++text.significant;
    }
    text.mantissa = text.integer;
    text.magnitude = text.significant;
    if (at < end_ && *at == '.') {
        text.is_integer = false;
        ++at;
        const char* fraction = at;
        for (; at < end_ && is_digit(*at); ++at) {
            const auto digit = static_cast<std::uint64_t>(*at - '0');
            if (text.significant == 0 && digit == 0) {
                --text.magnitude; // a leading zero of a value below one
            } else if (++text.significant <= 19) {
                text.mantissa = text.mantissa * 10 + digit;
            }
            --text.exponent;
        }
        if (at == fraction) {
            return fail_syntax("invalid number", at < end_ ? text.begin : end_);
        }
    }
    if (at < end_ && (*at == 'e' || *at == 'E')) {
        text.is_integer = false;
        ++at;
        const bool negative_exponent = at < end_ && *at == '-';
        if (at < end_ && (*at == '-' || *at == '+')) {
            ++at;
        }
        const char* digits = at;
        std::int64_t exponent = 0;
        for (; at < end_ && is_digit(*at); ++at) {
            // Saturate: a decimal exponent beyond a billion is zero or infinity either way.
            exponent = std::min<std::int64_t>(exponent * 10 + (*at - '0'), 1'000'000'000);
        }
        if (at == digits) {
            return fail_syntax("invalid number", at < end_ ? text.begin : end_);
        }
        text.exponent += negative_exponent ? -exponent : exponent;
        text.magnitude += negative_exponent ? -exponent : exponent;
    }
    text.end = at;
    p_ = at;
    const bool in_range = text.is_integer ? to_integer(text, out) : to_double(text, out);
    return in_range || fail_syntax("number out of range", text.begin);
}

bool JsonLine::read_literal(InScalar& out) {
    const auto left = static_cast<std::size_t>(end_ - p_);
    const auto matches = [&](std::string_view literal) {
        if (std::memcmp(p_, literal.data(), std::min(left, literal.size())) != 0) {
            return false;
        }
        if (left < literal.size()) {
            return fail_syntax("invalid literal", end_); // the line ends inside it
        }
        p_ += literal.size();
        return true;
    };
    const char* start = p_;
    switch (*p_) {
    case 't':
        if (matches("true")) {
            out.kind = InScalar::Kind::boolean;
            out.boolean = true;
            return true;
        }
        break;
    case 'f':
        if (matches("false")) {
            out.kind = InScalar::Kind::boolean;
            out.boolean = false;
            return true;
        }
        break;
    case 'n':
        if (matches("null")) {
            out.kind = InScalar::Kind::null;
            return true;
        }
        break;
    default:
        break;
    }
    return fail_syntax("invalid literal", start);
}

bool JsonLine::read_plain(InScalar& out) {
    const char c = peek();
    if (c == '"') {
        out.kind = InScalar::Kind::string;
        return read_string(out.text);
    }
    if (c == '-' || is_digit(c)) {
        return read_number(out);
    }
    if (c == 't' || c == 'f' || c == 'n') {
        return read_literal(out);
    }
    return fail_syntax("expected a value", p_);
}

bool JsonLine::read_other_scalar(InScalar& out) {
    const char c = peek();
    if (c == '{' || c == '[') {
        out.kind = InScalar::Kind::nested;
        return skip_value();
    }
    return read_plain(out);
}

bool JsonLine::skip_value() {
    // Iterative, with the open containers on a bit stack, so a line nested a million deep is
    // refused at max_depth without deep recursion.
    auto& open = scratch_.open_is_array;
    const std::size_t outer = open.size();
    std::string_view key;
    for (;;) {
        const char c = peek();
        if (c == '{') {
            if (enter_object()) {
                open.push_back(false);
                if (!read_key(key)) {
                    return false;
                }
                continue;
            }
        } else if (c == '[') {
            if (enter_array()) {
                open.push_back(true);
                continue;
            }
        } else {
            InScalar ignored;
            if (!read_plain(ignored)) {
                return false;
            }
        }
        if (!ok()) {
            return false;
        }
        // A value is complete: close containers until one has another element.
        for (;;) {
            if (open.size() == outer) {
                return true;
            }
            const bool is_array = open.back();
            if (is_array ? next_item() : next_member()) {
                if (!is_array && !read_key(key)) {
                    return false;
                }
                break;
            }
            if (!ok()) {
                return false;
            }
            open.pop_back();
        }
    }
}

} // namespace millwright::detail
