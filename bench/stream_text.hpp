// Small, dependency-free pieces for writing request streams: a seeded PRNG (splitmix64), UTC
// timestamps from day arithmetic, and JSON numbers and `data` members written by hand.
//
// Header-only so each bench tool stays one translation unit. It trades generality for speed:
// strings are appended unescaped, so callers pass only text without quotes, backslashes or
// control characters (the generators' vocabularies are written that way).
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace millwright::bench {

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64 (Steele, Lea and Flood), small, fast and the same everywhere.

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// A number in [0, n); n must be positive. The modulo bias is below 2^-40 for our n.
    std::uint64_t below(std::uint64_t n) { return next() % n; }

    /// A number in [low, high].
    std::int64_t between(std::int64_t low, std::int64_t high) {
        return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low + 1)));
    }

    /// True with probability per_mille / 1000.
    bool chance(unsigned per_mille) { return below(1000) < per_mille; }

    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// Time: seconds since the Unix epoch, printed as RFC 3339 in UTC. Days to civil dates and back
// use Howard Hinnant's algorithms, valid for every date in the proleptic Gregorian calendar.

struct CivilDate {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

constexpr std::int64_t seconds_per_day = 86400;

constexpr CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

constexpr std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(20458).year == 2026 && civil_from_days(20458).month == 1 &&
              civil_from_days(20458).day == 5);

inline void put_digits(char* out, std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

/// Writes "YYYY-MM-DD" (10 characters) for a day number; years 0 to 9999.
inline void format_date(char* out, std::int64_t days) {
    const CivilDate date = civil_from_days(days);
    put_digits(out, static_cast<std::uint64_t>(date.year), 4);
    out[4] = '-';
    put_digits(out + 5, date.month, 2);
    out[7] = '-';
    put_digits(out + 8, date.day, 2);
}

/// Writes "YYYY-MM-DDTHH:MM:SSZ" (20 characters).
inline void format_timestamp(char* out, std::int64_t seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / seconds_per_day
                                           : (seconds - seconds_per_day + 1) / seconds_per_day;
    const std::int64_t in_day = seconds - days * seconds_per_day;
    format_date(out, days);
    out[10] = 'T';
    put_digits(out + 11, static_cast<std::uint64_t>(in_day / 3600), 2);
    out[13] = ':';
    put_digits(out + 14, static_cast<std::uint64_t>(in_day / 60 % 60), 2);
    out[16] = ':';
    put_digits(out + 17, static_cast<std::uint64_t>(in_day % 60), 2);
    out[19] = 'Z';
}

/// Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (UTC, the form the generator also writes).
inline std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    const auto number = [&](std::size_t at, std::size_t width) -> std::optional<unsigned> {
        unsigned value = 0;
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + width, value);
        if (error != std::errc{} || end != first + width) {
            return std::nullopt;
        }
        return value;
    };
    const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *year < 1970 || *year > 9000 ||
        *month < 1 || *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    const std::int64_t days = days_from_civil(*year, *month, *day);
    if (civil_from_days(days).day != *day) {
        return std::nullopt; // 2026-02-30 and friends
    }
    return days * seconds_per_day + *hour * 3600 + *minute * 60 + *second;
}

/// A stream's virtual clock with its time as text: it only moves forward, so `at` never decreases.
class Clock {
public:
    explicit Clock(std::int64_t start) : seconds_(start) { format_timestamp(text_, seconds_); }

    void advance(std::int64_t by) {
        seconds_ += by;
        format_timestamp(text_, seconds_);
    }

    std::int64_t seconds() const { return seconds_; }
    std::string_view text() const { return {text_, sizeof text_}; }

private:
    std::int64_t seconds_;
    char text_[20];
};

// ---------------------------------------------------------------------------------------------
// JSON by hand. Every string written comes from the vocabulary below (or digits), none holds a
// quote, a backslash or a control character, so nothing needs escaping.

inline void append_number(std::string& out, std::uint64_t value, int width = 1) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 || count < width);
    while (count > 0) {
        out += digits[--count];
    }
}

/// A money amount given in cents, as the shortest JSON number: 1250.5, 99.95, 300.
inline void append_money(std::string& out, std::uint64_t cents) {
    append_number(out, cents / 100);
    const std::uint64_t rest = cents % 100;
    if (rest != 0) {
        out += '.';
        out += static_cast<char>('0' + rest / 10);
        if (rest % 10 != 0) {
            out += static_cast<char>('0' + rest % 10);
        }
    }
}

/// Builds the members of a `data` object ("key":value pairs without the braces).
class Members {
public:
    void clear() { text_.clear(); }
    bool empty() const { return text_.empty(); }
    const std::string& str() const { return text_; }

    std::string& key(std::string_view name) {
        if (!text_.empty()) {
            text_ += ',';
        }
        text_ += '"';
        text_ += name;
        text_ += "\":";
        return text_;
    }

    void text(std::string_view name, std::string_view value) {
        std::string& out = key(name);
        out += '"';
        out += value;
        out += '"';
    }

    void number(std::string_view name, std::uint64_t value) { append_number(key(name), value); }
    void money(std::string_view name, std::uint64_t cents) { append_money(key(name), cents); }

    void text_list(std::string_view name, std::string_view first, std::string_view second) {
        std::string& out = key(name);
        out += "[\"";
        out += first;
        if (!second.empty()) {
            out += "\",\"";
            out += second;
        }
        out += "\"]";
    }

private:
    std::string text_;
};

} // namespace millwright::bench
