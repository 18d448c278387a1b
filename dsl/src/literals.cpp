// Literal decoding: calendar checks with std::chrono's civil calendar, overflow-checked
// duration arithmetic. Every rejection comes with the spelling that would have worked.
#include "literals.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>

namespace millwright::dsl::literals {

namespace {

constexpr std::int64_t ms_per_second = 1000;
constexpr std::int64_t ms_per_minute = 60 * ms_per_second;
constexpr std::int64_t ms_per_hour = 60 * ms_per_minute;
constexpr std::int64_t ms_per_day = 24 * ms_per_hour;
constexpr std::int64_t ms_per_week = 7 * ms_per_day;

constexpr const char* timestamp_hint =
    "write an RFC 3339 timestamp with seconds and an offset, e.g. `2026-11-22T10:00:00Z` or "
    "`2026-11-22T10:00:00+01:00`";
constexpr const char* date_hint = "write a date as `YYYY-MM-DD`, e.g. `2026-11-22`";
constexpr const char* duration_hint =
    "write a whole number with a unit: `90s`, `30m`, `4h30m`, `2d`, `1w` or `3 days`";

/// Reads exactly `count` digits at `pos`, advancing it; nullopt when they are not there.
std::optional<int> fixed_digits(std::string_view text, std::size_t& pos, std::size_t count) {
    if (pos + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool skip(std::string_view text, std::size_t& pos, char expected) {
    if (pos < text.size() && text[pos] == expected) {
        ++pos;
        return true;
    }
    return false;
}

/// `YYYY-MM-DD` at `pos` -> days since the epoch; nullopt when malformed or not a real day.
std::optional<std::int64_t> civil_days(std::string_view text, std::size_t& pos) {
    const auto year = fixed_digits(text, pos, 4);
    if (!year || !skip(text, pos, '-')) {
        return std::nullopt;
    }
    const auto month = fixed_digits(text, pos, 2);
    if (!month || !skip(text, pos, '-')) {
        return std::nullopt;
    }
    const auto day = fixed_digits(text, pos, 2);
    if (!day) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                          std::chrono::month{static_cast<unsigned>(*month)},
                                          std::chrono::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

/// `HH:MM:SS[.fff...]` -> ms into the day (fractions beyond milliseconds are truncated).
std::optional<std::int64_t> time_of_day(std::string_view text, std::size_t& pos) {
    const auto hour = fixed_digits(text, pos, 2);
    if (!hour || *hour > 23 || !skip(text, pos, ':')) {
        return std::nullopt;
    }
    const auto minute = fixed_digits(text, pos, 2);
    if (!minute || *minute > 59 || !skip(text, pos, ':')) {
        return std::nullopt;
    }
    const auto second = fixed_digits(text, pos, 2);
    if (!second || *second > 59) {
        return std::nullopt;
    }
    std::int64_t ms = *hour * ms_per_hour + *minute * ms_per_minute + *second * ms_per_second;
    if (skip(text, pos, '.')) {
        int scale = 100;
        const std::size_t first = pos;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            ms += (text[pos] - '0') * scale;
            scale /= 10;
        }
        if (pos == first) {
            return std::nullopt;
        }
    }
    return ms;
}

/// `Z` or `+HH:MM` / `-HH:MM` -> the offset from UTC in ms.
std::optional<std::int64_t> utc_offset(std::string_view text, std::size_t& pos) {
    if (skip(text, pos, 'Z')) {
        return 0;
    }
    int sign = 1;
    if (!skip(text, pos, '+')) {
        if (!skip(text, pos, '-')) {
            return std::nullopt;
        }
        sign = -1;
    }
    const auto hours = fixed_digits(text, pos, 2);
    if (!hours || *hours > 23 || !skip(text, pos, ':')) {
        return std::nullopt;
    }
    const auto minutes = fixed_digits(text, pos, 2);
    if (!minutes || *minutes > 59) {
        return std::nullopt;
    }
    return sign * (*hours * ms_per_hour + *minutes * ms_per_minute);
}

std::optional<std::int64_t> unit_ms(std::string_view unit) {
    if (unit.size() > 2 && unit.ends_with('s')) {
        unit.remove_suffix(1); // the plural of a spelled unit (`days`); never `s` itself
    }
    if (unit == "w" || unit == "week") {
        return ms_per_week;
    }
    if (unit == "d" || unit == "day") {
        return ms_per_day;
    }
    if (unit == "h" || unit == "hour") {
        return ms_per_hour;
    }
    if (unit == "m" || unit == "minute") {
        return ms_per_minute;
    }
    if (unit == "s" || unit == "second") {
        return ms_per_second;
    }
    return std::nullopt;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

Decoded decode_timestamp(std::string_view text) {
    std::size_t pos = 0;
    const auto days = civil_days(text, pos);
    if (!days || !skip(text, pos, 'T')) {
        return {std::nullopt, timestamp_hint};
    }
    const auto ms = time_of_day(text, pos);
    if (!ms) {
        return {std::nullopt, timestamp_hint};
    }
    const auto offset = utc_offset(text, pos);
    if (!offset || pos != text.size()) {
        return {std::nullopt, timestamp_hint};
    }
    return {*days * ms_per_day + *ms - *offset, {}};
}

Decoded decode_date(std::string_view text) {
    std::size_t pos = 0;
    const auto days = civil_days(text, pos);
    if (!days || pos != text.size()) {
        return {std::nullopt, date_hint};
    }
    return {*days, {}};
}

Decoded decode_duration(std::string_view text) {
    std::int64_t total = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t digits_begin = pos;
        while (pos < text.size() && is_digit(text[pos])) {
            ++pos;
        }
        std::int64_t count = 0;
        const auto parsed = std::from_chars(text.data() + digits_begin, text.data() + pos, count);
        if (parsed.ec != std::errc{}) {
            return {std::nullopt, "the duration is too large"};
        }
        while (pos < text.size() && is_blank(text[pos])) {
            ++pos;
        }
        const std::size_t unit_begin = pos;
        while (pos < text.size() && !is_digit(text[pos])) {
            ++pos;
        }
        const auto unit = unit_ms(text.substr(unit_begin, pos - unit_begin));
        std::int64_t part = 0;
        if (!unit) {
            return {std::nullopt, duration_hint};
        }
        if (__builtin_mul_overflow(count, *unit, &part) ||
            __builtin_add_overflow(total, part, &total)) {
            return {std::nullopt, "the duration is too large"};
        }
    }
    return {total, {}};
}

dsl::BusinessLengthModel split_duration(std::string_view text) {
    dsl::BusinessLengthModel parts;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t digits_begin = pos;
        while (pos < text.size() && is_digit(text[pos])) {
            ++pos;
        }
        std::int64_t count = 0;
        std::from_chars(text.data() + digits_begin, text.data() + pos, count);
        while (pos < text.size() && is_blank(text[pos])) {
            ++pos;
        }
        std::size_t unit_begin = pos;
        while (pos < text.size() && !is_digit(text[pos])) {
            ++pos;
        }
        std::string_view unit = text.substr(unit_begin, pos - unit_begin);
        if (unit.starts_with("business")) { // `3 business days`
            const std::size_t word_end = unit.find_first_not_of(" \t", 8);
            unit.remove_prefix(word_end == std::string_view::npos ? unit.size() : word_end);
        }
        while (!unit.empty() && is_blank(unit.back())) {
            unit.remove_suffix(1);
        }
        const std::int64_t unit_length = unit_ms(unit).value_or(0);
        if (unit_length == ms_per_week) {
            parts.weeks += count;
        } else if (unit_length == ms_per_day) {
            parts.days += count;
        } else {
            parts.ms += count * unit_length;
        }
    }
    return parts;
}

Decoded check_number(std::string_view text) {
    // Doubles hold 15 significant digits exactly; money is later scaled to cents.
    const std::size_t integer_digits = std::min(text.find('.'), text.size());
    if (integer_digits > 15) {
        return {std::nullopt, "numbers have at most 15 digits before the decimal point"};
    }
    return {0, {}};
}

std::string malformed_hint(std::string_view text) {
    const bool has_letters = text.find_first_not_of("0123456789.") != std::string_view::npos;
    if (has_letters) {
        return duration_hint;
    }
    return "a number is written `12` or `12.5`";
}

std::string decode_string(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char escaped = body[++i];
        out += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
    }
    return out;
}

} // namespace millwright::dsl::literals
