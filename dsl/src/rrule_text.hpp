// RRULE text (the value of RFC 5545's RRULE property, section 3.3.10) to and from the DSL's
// RecurrenceModel: `rrule "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=7"` is the escape hatch for
// people who already have an iCalendar rule. Names and enumerated values are case-insensitive,
// an `RRULE:` prefix is accepted, and RFC 7529's `SKIP=OMIT|BACKWARD|FORWARD` (with or without
// `RSCALE=GREGORIAN`) sets the missing-day policy. The DST gap policy has no text form; it comes
// from the DSL.
//
// The parser fills in only what the text says: DTSTART is not part of an RRULE (the DSL supplies
// it) and dst_gap keeps its default. It stops at the first problem and says where it is, so the
// caller can turn it into a diagnostic with a span; it does not know about diagnostic codes.
#pragma once

#include "millwright/dsl/model.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace millwright::dsl {

/// The outcome of parse_rrule: a model, or the first problem and where it lies in the text.
struct RruleParse {
    std::optional<RecurrenceModel> model; ///< empty when the text was refused
    std::size_t offset = 0;               ///< byte offset of the offending part in the text
    std::size_t length = 0;               ///< its length in bytes (0 when something is missing)
    /// One line, no final period, naming the part: `unknown rule part "BYDAYS"`,
    /// `BYMONTHDAY value 32 is out of range -31 to 31`, `FREQ is required`,
    /// `COUNT and UNTIL cannot both be given`, `BYWEEKNO is only allowed with FREQ=YEARLY`.
    std::string message;

    bool ok() const { return model.has_value(); }
};

/// Parses an RRULE value such as `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20271231T235959Z`. The rule
/// parts RFC 5545 defines, plus RSCALE (GREGORIAN only) and SKIP from RFC 7529; each at most
/// once. UNTIL is a date (the end of that local day, 23:59:59), a local date-time, or a UTC
/// date-time ending in `Z`. The combinations RFC 5545 forbids are refused (BYWEEKNO outside
/// FREQ=YEARLY, BYYEARDAY with DAILY, WEEKLY or MONTHLY, BYMONTHDAY with WEEKLY, numbered BYDAY
/// outside MONTHLY and YEARLY or with BYWEEKNO, BYSETPOS without another BYxxx part, COUNT with
/// UNTIL). Never throws on bad input.
RruleParse parse_rrule(std::string_view text);

/// The canonical RRULE value of a model (without the `RRULE:` prefix): FREQ first, then
/// INTERVAL (when not 1), COUNT or UNTIL, the BY parts in the order of RFC 5545's table
/// (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS), WKST
/// (when not Monday), and for a missing-day policy other than omit `RSCALE=GREGORIAN` first and
/// `SKIP=...` last, as RFC 7529 requires. DTSTART and the DST gap policy are not part of it.
/// A UTC UNTIL is written with `Z`; a local UNTIL without, which RFC 5545 allows only with a
/// floating DTSTART: for an .ics file with a TZID the caller first replaces it with its instant
/// (stdlib's Recurrence::until_instant places it in the zone). parse_rrule reads the text back
/// into an equal model (start_local_seconds and dst_gap aside).
std::string format_rrule(const RecurrenceModel& model);

} // namespace millwright::dsl
