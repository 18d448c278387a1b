// A validating, single-pass JSON reader for one line of a request stream. It checks the whole
// line against RFC 8259 and UTF-8 as it walks it, so the caller extracts what it needs in the
// same pass instead of building a DOM first and walking it afterwards. The trade-off: the
// caller drives the walk token by token (peek, enter_object, read_key, ...), and values it does
// not care about go to skip_value, which validates them without keeping anything.
//
// Strings without escapes are views into the line; escaped ones are unescaped into a buffer of
// the scratch that stays valid until the next line. Failures are reported in the classes
// simdjson's DOM parser used before (unterminated string, invalid UTF-8, nesting, syntax), with
// the same precedence, so replay outputs keep their meaning; syntax errors name a column.
#pragma once

#include "value.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace millwright::detail {

/// Readable bytes a JsonLine may load past the end of its line (whole 16-byte chunks).
inline constexpr std::size_t json_line_padding = 16;

/// Buffers reused from line to line, so that reading allocates nothing once warm.
struct JsonLineScratch {
    std::unique_ptr<char[]> unescaped; ///< unescaped strings of the current line
    std::size_t unescaped_capacity = 0;
    std::vector<bool> open_is_array; ///< containers skip_value has open, innermost last
};

/// A cursor over one JSON line. Every method that reads returns false once the line is known
/// to be invalid; error() then says why. Not copyable; one per line.
class JsonLine {
public:
    /// `line` must be followed by json_line_padding readable bytes, the first of them a
    /// control character or a space (see is_terminated). Nesting deeper than `max_depth`
    /// (counted as simdjson does: open non-empty containers, the outermost being 1, fail
    /// when the count reaches max_depth) is an error.
    JsonLine(std::string_view line, unsigned max_depth, JsonLineScratch& scratch)
        : begin_(line.data()), p_(line.data()), end_(line.data() + line.size()),
          max_depth_(max_depth), scratch_(scratch) {
        assert(is_terminated(line));
        scratch_.open_is_array.clear();
    }
    JsonLine(const JsonLine&) = delete;
    JsonLine& operator=(const JsonLine&) = delete;

    /// Whether the byte after `line` lets JsonLine read it in place: a space or a control
    /// character. A line in a replay block is followed by its line feed or carriage return,
    /// a padded copy by a space.
    static bool is_terminated(std::string_view line) {
        return static_cast<unsigned char>(line.data()[line.size()]) <= ' ';
    }

    /// The first byte of the next token after whitespace, not consumed; '\0' at the end.
    char peek() {
        // No bounds check: the byte at end_ is at most ' ' (is_terminated), so the cursor can
        // reach end_ but never pass it, and skip_whitespace stops there.
        const char c = *p_;
        return static_cast<unsigned char>(c) <= ' ' ? skip_whitespace() : c;
    }

    /// At `{`: consumes it. True if a member follows; false for `{}` (consumed whole) or on
    /// error (see ok()).
    bool enter_object() { return enter('}'); }
    /// At `[`: like enter_object for arrays.
    bool enter_array() { return enter(']'); }

    /// Reads a member's key and the `:` after it.
    bool read_key(std::string_view& key) {
        if (peek() != '"') {
            return fail_syntax("expected a string key", p_);
        }
        if (!read_string(key)) {
            return false;
        }
        if (peek() != ':') {
            return fail_syntax("expected `:`", p_);
        }
        ++p_;
        return true;
    }

    /// After a member's value: true at `,` (another member follows), false at `}` (the object
    /// is left) or on error.
    bool next_member() { return next('}', "expected `,` or `}`"); }
    /// After an array item: true at `,`, false at `]` or on error.
    bool next_item() { return next(']', "expected `,` or `]`"); }

    /// At `"`: reads a string; the view is valid until the next line.
    bool read_string(std::string_view& out) {
        const char* start = p_ + 1;
        const char* stop = find_string_special(start);
        if (stop < end_ && *stop == '"') {
            out = std::string_view(start, static_cast<std::size_t>(stop - start));
            p_ = stop + 1;
            return true;
        }
        return read_string_slow(start, stop, out);
    }

    /// Reads any value. Strings, numbers and literals are returned as they are; an object or
    /// array is validated and returned as Kind::nested.
    bool read_scalar(InScalar& out) {
        if (peek() == '"') {
            out.kind = InScalar::Kind::string;
            return read_string(out.text);
        }
        return read_other_scalar(out);
    }

    /// Validates one value of any kind and moves past it.
    bool skip_value();

    /// Checks that only whitespace follows.
    bool finish() {
        peek();
        return p_ >= end_ || fail_syntax("unexpected text after the JSON value", p_);
    }

    bool ok() const { return error_ == Error::none; }

    /// Why the line is invalid (call only when !ok()): "unterminated string", "invalid UTF-8",
    /// "JSON nested too deeply", "invalid or truncated JSON" when the line ends too early, or a
    /// syntax error with its column, e.g. "expected `:` at column 12".
    std::string error() const;

private:
    enum class Error : std::uint8_t { none, syntax, utf8, depth };

    bool enter(char close) {
        ++p_;
        if (peek() == close) {
            ++p_;
            return false;
        }
        // As simdjson counts: an empty container does not add to the depth.
        if (++depth_ >= max_depth_) {
            return fail(Error::depth, "JSON nested too deeply", p_);
        }
        return true;
    }

    bool next(char close, const char* expected) {
        const char c = peek();
        if (c == ',') {
            ++p_;
            return true;
        }
        if (c == close) {
            ++p_;
            --depth_;
            return false;
        }
        return fail_syntax(expected, p_);
    }

    /// The first byte at or after `from` that ends a run of plain string text: `"`, `\`, a
    /// control character or a non-ASCII byte. A result at or past end_ means none was found.
    const char* find_string_special(const char* from) const {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(' ');
        for (const char* chunk = from;; chunk += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk));
            // A signed compare with ' ' catches control characters and, as negative values,
            // every byte >= 0x80 at once.
            const __m128i special = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                _mm_cmplt_epi8(bytes, space));
            const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
            if (mask != 0) {
                return chunk + __builtin_ctz(mask);
            }
            if (chunk + 16 >= end_) {
                return end_;
            }
        }
#else
        const char* at = from;
        while (at < end_) {
            const auto c = static_cast<unsigned char>(*at);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                break;
            }
            ++at;
        }
        return at;
#endif
    }

    char skip_whitespace();
    bool read_string_slow(const char* start, const char* stop, std::string_view& out);
    bool read_escaped(const char* start, const char* stop, std::string_view& out);
    bool unescape(const char*& at, char*& out);
    bool unescape_code_point(const char*& at, char*& out);
    bool read_other_scalar(InScalar& out);
    bool read_plain(InScalar& out);
    bool read_number(InScalar& out);
    bool read_literal(InScalar& out);
    bool fail_syntax(const char* what, const char* at) {
        return fail(Error::syntax, what, at);
    }
    bool fail(Error error, const char* what, const char* at);

    const char* begin_;
    const char* p_;
    const char* end_;
    unsigned depth_ = 0;
    unsigned max_depth_;
    JsonLineScratch& scratch_;
    char* unescaped_next_ = nullptr; ///< where the next unescaped string goes
    Error error_ = Error::none;
    const char* error_what_ = nullptr;
    const char* error_at_ = nullptr;
};

} // namespace millwright::detail
