// Text forms of money, durations, times, dates and numbers. Calendar arithmetic is Howard
// Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, exact for every int64 day
// count), written out here so the hot formatters need neither iostreams nor a time zone
// database.
#include "millwright/stdlib/format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace millwright::stdlib {

namespace {

__extension__ using int128 = __int128;

constexpr std::int64_t ms_per_second = 1000;
constexpr std::int64_t ms_per_minute = 60 * ms_per_second;
constexpr std::int64_t ms_per_hour = 60 * ms_per_minute;
constexpr std::int64_t ms_per_day = 24 * ms_per_hour;
constexpr std::int64_t ms_per_week = 7 * ms_per_day;

/// The magnitude of a signed value, exact for INT64_MIN too.
std::uint64_t magnitude(std::int64_t value) {
    return value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                     : static_cast<std::uint64_t>(value);
}

// The formatters write into a caller's buffer of max_formatted_size bytes: no std::string
// bookkeeping per digit group and no allocation, which matters on the decision-line path.

char* put_unsigned(char* out, std::uint64_t value) {
    return std::to_chars(out, out + 24, value).ptr;
}

/// Two digits of a value below 100 (month, day, hour, minute, second, cents).
char* put_two(char* out, std::uint64_t value) {
    out[0] = static_cast<char>('0' + value / 10);
    out[1] = static_cast<char>('0' + value % 10);
    return out + 2;
}

/// `value` with at least `width` digits, zero-padded.
char* put_padded(char* out, std::uint64_t value, std::size_t width) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    auto length = static_cast<std::size_t>(end - digits.data());
    for (; length < width; --width) {
        *out++ = '0';
    }
    std::memcpy(out, digits.data(), length);
    return out + length;
}

char* put_year(char* out, std::int64_t year) {
    if (year < 0) {
        *out++ = '-';
    } else if (year > 9999) {
        *out++ = '+';
    }
    const std::uint64_t value = magnitude(year);
    if (value < 10000) { // the common case: exactly four digits
        out = put_two(out, value / 100);
        return put_two(out, value % 100);
    }
    return put_unsigned(out, value);
}

char* put_date(char* out, std::int64_t days) {
    const CivilDate date = civil_from_days(days);
    out = put_year(out, date.year);
    *out++ = '-';
    out = put_two(out, date.month);
    *out++ = '-';
    return put_two(out, date.day);
}

bool is_leap(std::int64_t year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned days_in_month(std::int64_t year, unsigned month) {
    static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29u : days[month - 1];
}

/// Reads exactly `count` decimal digits at `pos`; advances `pos` on success.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& value) {
    if (pos > text.size() || text.size() - pos < count) {
        return false;
    }
    unsigned result = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        result = result * 10 + static_cast<unsigned>(c - '0');
    }
    value = result;
    pos += count;
    return true;
}

bool read_char(std::string_view text, std::size_t& pos, char expected) {
    if (pos < text.size() && text[pos] == expected) {
        ++pos;
        return true;
    }
    return false;
}

/// Reads "YYYY-MM-DD" at `pos` and returns its day count.
std::optional<std::int64_t> read_date(std::string_view text, std::size_t& pos) {
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (!read_digits(text, pos, 4, year) || !read_char(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !read_char(text, pos, '-') ||
        !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return std::nullopt;
    }
    return days_from_civil(year, month, day);
}

struct DurationUnit {
    std::string_view compact;
    std::string_view singular;
    std::int64_t ms;
};

// In decreasing order of size; a duration lists its components in this order.
constexpr std::array<DurationUnit, 6> duration_units{{
    {"w", "week", ms_per_week},
    {"d", "day", ms_per_day},
    {"h", "hour", ms_per_hour},
    {"m", "minute", ms_per_minute},
    {"s", "second", ms_per_second},
    {"ms", "millisecond", 1},
}};

/// Index into duration_units of the compact unit at `pos` ("ms" before "m"), or -1.
int read_compact_unit(std::string_view text, std::size_t& pos) {
    const std::string_view rest = text.substr(pos);
    if (rest.starts_with("ms")) {
        pos += 2;
        return 5;
    }
    for (int i = 0; i < 5; ++i) {
        if (!rest.empty() && rest[0] == duration_units[static_cast<std::size_t>(i)].compact[0]) {
            pos += 1;
            return i;
        }
    }
    return -1;
}

/// Index of the spelled unit at `pos` (singular, or plural with "s"), or -1.
int read_spelled_unit(std::string_view text, std::size_t& pos) {
    std::size_t end = pos;
    while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') {
        ++end;
    }
    std::string_view word = text.substr(pos, end - pos);
    if (word.ends_with('s')) {
        word.remove_suffix(1);
    }
    for (int i = 0; i < 6; ++i) {
        if (word == duration_units[static_cast<std::size_t>(i)].singular) {
            pos = end;
            return i;
        }
    }
    return -1;
}

} // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<std::uint64_t>(y - era * 400); // [0, 399]
    const std::uint64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::uint64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    const int128 z = static_cast<int128>(days) + 719468;
    const int128 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<std::uint64_t>(z - era * 146097);                   // [0, 146096]
    const std::uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; // [0, 399]
    const std::uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
    const std::uint64_t mp = (5 * doy + 2) / 153;                                    // [0, 11]
    const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    const auto year =
        static_cast<std::int64_t>(static_cast<int128>(yoe) + era * 400) + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

char* write_money(char* out, std::int64_t cents) {
    if (cents < 0) {
        *out++ = '-';
    }
    const std::uint64_t value = magnitude(cents);
    out = put_unsigned(out, value / 100);
    *out++ = '.';
    return put_two(out, value % 100);
}

std::string format_money(std::int64_t cents) {
    char buffer[max_formatted_size];
    return std::string(buffer, write_money(buffer, cents));
}

char* write_duration(char* out, std::int64_t ms) {
    if (ms == 0) {
        std::memcpy(out, "0s", 2);
        return out + 2;
    }
    if (ms < 0) {
        *out++ = '-';
    }
    std::uint64_t rest = magnitude(ms);
    // Weeks are left out on purpose: "14d" reads better in a notification than "2w".
    for (std::size_t i = 1; i < duration_units.size(); ++i) {
        const auto unit = static_cast<std::uint64_t>(duration_units[i].ms);
        const std::uint64_t count = rest / unit;
        rest %= unit;
        if (count != 0) {
            out = put_unsigned(out, count);
            const std::string_view compact = duration_units[i].compact;
            std::memcpy(out, compact.data(), compact.size());
            out += compact.size();
        }
    }
    return out;
}

std::string format_duration(std::int64_t ms) {
    char buffer[max_formatted_size];
    return std::string(buffer, write_duration(buffer, ms));
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
    std::size_t pos = 0;
    const bool negative = read_char(text, pos, '-');
    if (pos == text.size()) {
        return std::nullopt;
    }
    std::uint64_t total = 0;
    int previous_unit = -1;
    while (pos < text.size()) {
        std::uint64_t count = 0;
        const auto [end, error] =
            std::from_chars(text.data() + pos, text.data() + text.size(), count);
        if (error != std::errc{} || end == text.data() + pos) {
            return std::nullopt;
        }
        pos = static_cast<std::size_t>(end - text.data());
        int unit = -1;
        bool spelled = false;
        if (read_char(text, pos, ' ')) {
            spelled = true;
            unit = read_spelled_unit(text, pos);
        } else {
            unit = read_compact_unit(text, pos);
        }
        if (unit <= previous_unit) { // unknown (-1), repeated or out of order
            return std::nullopt;
        }
        previous_unit = unit;
        const auto unit_ms =
            static_cast<std::uint64_t>(duration_units[static_cast<std::size_t>(unit)].ms);
        if (count > (std::numeric_limits<std::uint64_t>::max() - total) / unit_ms) {
            return std::nullopt;
        }
        total += count * unit_ms;
        if (total > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        if (spelled && pos < text.size() && !read_char(text, pos, ' ')) {
            return std::nullopt;
        }
        if (spelled && pos == text.size() && text.back() == ' ') {
            return std::nullopt; // a trailing space
        }
    }
    const auto value = static_cast<std::int64_t>(total);
    return negative ? -value : value;
}

char* write_time(char* out, std::int64_t ms) {
    std::int64_t days = ms / ms_per_day;
    std::int64_t in_day = ms % ms_per_day;
    if (in_day < 0) {
        in_day += ms_per_day;
        days -= 1;
    }
    out = put_date(out, days);
    const auto rest = static_cast<std::uint64_t>(in_day);
    *out++ = 'T';
    out = put_two(out, rest / ms_per_hour);
    *out++ = ':';
    out = put_two(out, rest % ms_per_hour / ms_per_minute);
    *out++ = ':';
    out = put_two(out, rest % ms_per_minute / ms_per_second);
    if (rest % ms_per_second != 0) {
        *out++ = '.';
        out = put_padded(out, rest % ms_per_second, 3);
    }
    *out++ = 'Z';
    return out;
}

std::string format_time(std::int64_t ms) {
    char buffer[max_formatted_size];
    return std::string(buffer, write_time(buffer, ms));
}

namespace {

/// The form nearly every event carries, "YYYY-MM-DDTHH:MM:SSZ", checked and read in one
/// pass without the general parser's per-field bounds checks. Returns no value for any other
/// form and for anything out of range; parse_time then asks the general parser, so this only
/// ever answers where that parser gives the same value.
std::optional<std::int64_t> parse_plain_utc_time(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    // Two decimal digits at `pos` into `value`; false when either is not a digit (the
    // unsigned subtraction wraps a character below '0' past 9).
    const auto two = [text](std::size_t pos, unsigned& value) {
        const unsigned high = static_cast<unsigned char>(text[pos]) - unsigned{'0'};
        const unsigned low = static_cast<unsigned char>(text[pos + 1]) - unsigned{'0'};
        value = high * 10 + low;
        return high <= 9 && low <= 9;
    };
    unsigned century = 0;
    unsigned year_in_century = 0;
    unsigned month = 0;
    unsigned day = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    if (!two(0, century) || !two(2, year_in_century) || !two(5, month) || !two(8, day) ||
        !two(11, hour) || !two(14, minute) || !two(17, second)) {
        return std::nullopt;
    }
    const unsigned year = century * 100 + year_in_century;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
        minute > 59 || second > 59) {
        return std::nullopt;
    }
    return days_from_civil(year, month, day) * ms_per_day + hour * ms_per_hour +
           minute * ms_per_minute + second * ms_per_second;
}

/// Every RFC 3339 form parse_time accepts. Kept out of line so that parse_time's fast path
/// stays small.
[[gnu::noinline]] std::optional<std::int64_t> parse_general_time(std::string_view text) {
    std::size_t pos = 0;
    const auto days = read_date(text, pos);
    if (!days || !(read_char(text, pos, 'T') || read_char(text, pos, 't'))) {
        return std::nullopt;
    }
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    if (!read_digits(text, pos, 2, hour) || !read_char(text, pos, ':') ||
        !read_digits(text, pos, 2, minute) || !read_char(text, pos, ':') ||
        !read_digits(text, pos, 2, second) || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    std::int64_t millis = 0;
    if (read_char(text, pos, '.')) {
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 9) {
            return std::nullopt;
        }
        for (std::size_t i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    std::int64_t offset = 0;
    if (read_char(text, pos, 'Z') || read_char(text, pos, 'z')) {
        offset = 0;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool behind = text[pos] == '-';
        ++pos;
        unsigned offset_hours = 0;
        unsigned offset_minutes = 0;
        if (!read_digits(text, pos, 2, offset_hours) || !read_char(text, pos, ':') ||
            !read_digits(text, pos, 2, offset_minutes) || offset_hours > 23 ||
            offset_minutes > 59) {
            return std::nullopt;
        }
        offset = offset_hours * ms_per_hour + offset_minutes * ms_per_minute;
        if (behind) {
            offset = -offset;
        }
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    return *days * ms_per_day + hour * ms_per_hour + minute * ms_per_minute +
           second * ms_per_second + millis - offset;
}

} // namespace

std::optional<std::int64_t> parse_time(std::string_view text) {
    if (const auto plain = parse_plain_utc_time(text)) {
        return plain;
    }
    return parse_general_time(text);
}

char* write_date(char* out, std::int64_t days) {
    return put_date(out, days);
}

std::string format_date(std::int64_t days) {
    char buffer[max_formatted_size];
    return std::string(buffer, write_date(buffer, days));
}

std::optional<std::int64_t> parse_date(std::string_view text) {
    std::size_t pos = 0;
    const auto days = read_date(text, pos);
    if (!days || pos != text.size()) {
        return std::nullopt;
    }
    return days;
}

char* write_number(char* out, double value) {
    if (!std::isfinite(value)) {
        std::memcpy(out, "null", 4);
        return out + 4;
    }
    if (value == 0) {
        *out = '0'; // also for -0.0, so equal values print the same
        return out + 1;
    }
    return std::to_chars(out, out + max_formatted_size, value).ptr;
}

std::string format_number(double value) {
    char buffer[max_formatted_size];
    return std::string(buffer, write_number(buffer, value));
}

} // namespace millwright::stdlib
