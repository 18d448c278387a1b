// Text forms of the DSL's value kinds, as plain C++: the stdlib's `to_text` and the engine's JSON
// in and out share them, so a value reads the same in a notification and in a decision line.
// Formatters are exact and allocation-light (std::to_chars, no iostreams); parsers are strict
// and return no value rather than guessing. Times are milliseconds since 1970-01-01T00:00:00Z,
// dates are days since 1970-01-01, durations are milliseconds, money is whole cents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace millwright::stdlib {

/// Money as decimal text with exactly two decimals: 125050 -> "1250.50", -5 -> "-0.05".
std::string format_money(std::int64_t cents);

/// A duration in canonical form: the largest units first, zero units left out, days as the
/// largest unit (a week prints as "7d"): 16200000 -> "4h30m", 90000 -> "1m30s",
/// 1500 -> "1s500ms", 0 -> "0s", negative -> "-" followed by the magnitude.
std::string format_duration(std::int64_t ms);

/// Parses a duration: compact components in decreasing unit order, each unit at most once
/// ("4h30m", "3d", "90s", "2w", "250ms", "1d12h"), or spelled components separated by single
/// spaces ("3 days", "1 hour 30 minutes"; singular or plural of week, day, hour, minute,
/// second, millisecond). A leading "-" negates. No value when malformed or out of range.
std::optional<std::int64_t> parse_duration(std::string_view text);

/// A time as RFC 3339 in UTC: "2026-11-22T10:00:00Z", with ".mmm" only when the milliseconds
/// are not zero ("2026-11-22T10:00:00.250Z"). Years outside 0000..9999 print with a sign.
std::string format_time(std::int64_t ms);

/// Parses an RFC 3339 timestamp: "YYYY-MM-DDTHH:MM:SS", an optional fraction of 1 to 9
/// digits (truncated to milliseconds), then "Z" or an offset "+HH:MM" / "-HH:MM". "t" and
/// "z" are accepted in lowercase. No value for a malformed text or an invalid calendar date.
std::optional<std::int64_t> parse_time(std::string_view text);

/// A date as "YYYY-MM-DD" (years outside 0000..9999 print with a sign).
std::string format_date(std::int64_t days);

/// Parses "YYYY-MM-DD" (exactly four year digits); no value for an invalid calendar date.
std::optional<std::int64_t> parse_date(std::string_view text);

/// A number as the shortest text that reads back to the same double; integral values have no
/// ".0" (3.0 -> "3", 0.1 -> "0.1", -0.0 -> "0"). NaN and infinities, which JSON cannot hold,
/// give "null".
std::string format_number(double value);

/// Room that any of the write_* functions below may need: the longest money, time, date,
/// duration or number text (a 17-digit signed year, a 24-character double) fits with margin.
inline constexpr std::size_t max_formatted_size = 64;

/// The same texts as format_money, format_duration, format_time, format_date and
/// format_number, written at `out` (which must have max_formatted_size bytes of room) without
/// allocating; each returns the end of what it wrote. Hot paths (decision lines) use these.
char* write_money(char* out, std::int64_t cents);
char* write_duration(char* out, std::int64_t ms);
char* write_time(char* out, std::int64_t ms);
char* write_date(char* out, std::int64_t days);
char* write_number(char* out, double value);

/// Days since 1970-01-01 of a proleptic Gregorian date (no range checks on month and day).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

/// The proleptic Gregorian date of a day count since 1970-01-01.
struct CivilDate {
    std::int64_t year;
    unsigned month; ///< 1..12
    unsigned day;   ///< 1..31
};
CivilDate civil_from_days(std::int64_t days);

} // namespace millwright::stdlib
