// POSIX TZ strings, as a TZif file closes with one (RFC 8536 section 3.3) to say how its zone
// keeps time after the last transition it lists: "EST5EDT,M3.2.0,M11.1.0" is New York's. The
// parser takes the POSIX form with RFC 8536's extensions (hours of a change's time from -167 to
// 167, as in Santiago's "M9.1.6/24") and nothing else: a string that names daylight-saving time
// without a rule for it, which POSIX leaves to the implementation, is refused, so that a zone
// reading it falls back to what date/tz says instead of guessing US rules.
//
// Offsets are stored as the rest of the stdlib counts them, seconds east of Greenwich; the
// string writes them west ("EST5" is UTC-05:00).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace millwright::stdlib::detail {

/// The day of a year a change falls on.
struct PosixDay {
    enum class Kind {
        julian,         ///< "Jn": day n (1-365), 29 February never counted
        zero_based,     ///< "n": day n (0-365), 29 February counted in leap years
        month_week_day, ///< "Mm.w.d": weekday d (0 = Sunday) of week w (1-5, 5: last) of month m
    };
    Kind kind = Kind::julian;
    int day = 0; ///< julian and zero_based
    int month = 0;
    int week = 0;
    int weekday = 0;

    friend bool operator==(const PosixDay&, const PosixDay&) = default;
};

/// A change of clocks: its day and its local time on that day (seconds after midnight, by the
/// clock in force before the change; -167 to 167 hours, default 02:00).
struct PosixChange {
    PosixDay day;
    std::int32_t time = 2 * 60 * 60;

    friend bool operator==(const PosixChange&, const PosixChange&) = default;
};

/// Daylight-saving time: its abbreviation, its offset and when it starts and ends each year.
struct PosixDst {
    std::string name;    ///< without the quoting angle brackets ("+11")
    std::int32_t offset; ///< seconds east of Greenwich
    PosixChange start;
    PosixChange end;

    friend bool operator==(const PosixDst&, const PosixDst&) = default;
};

/// A parsed POSIX TZ string: standard time, and daylight-saving time when the zone has it.
struct PosixTz {
    std::string std_name;    ///< without the quoting angle brackets ("+1030")
    std::int32_t std_offset; ///< seconds east of Greenwich
    std::optional<PosixDst> dst;

    friend bool operator==(const PosixTz&, const PosixTz&) = default;
};

/// The rule `text` states; nothing when it is not a POSIX TZ string with the RFC 8536
/// extensions, when it is empty, or when it names daylight-saving time without a rule.
std::optional<PosixTz> parse_posix_tz(std::string_view text);

/// One change of a rule, as an instant: seconds since 1970-01-01T00:00:00Z.
struct PosixTransition {
    std::int64_t at;
    bool to_dst; ///< daylight-saving time begins here (else standard time does)
};

/// The two changes the rule makes for `year` (0 to 32766): the start of daylight-saving time,
/// then its end, in that order whichever comes first in the year. A change late on 31 December
/// may fall in the next year, and one with a negative time in the previous one. `tz` must have
/// daylight-saving time.
std::array<PosixTransition, 2> transitions_in(const PosixTz& tz, int year);

} // namespace millwright::stdlib::detail
