// The forecast: the work orders preventive-maintenance rules would create over a horizon, and
// the three forms it is written in (JSON Lines for programs, CSV for spreadsheets, iCalendar for
// calendar applications). Engine::forecast() computes the entries; the writers here only format
// them, so a host can list, export or subscribe to its PM programme without running the engine's
// clock. Every writer is deterministic: the same entries give the same bytes.
#pragma once

#include "millwright/event.hpp"

#include <string>
#include <vector>

namespace millwright {

/// One work order a pm rule would create. Engine::forecast() lists them sorted by `due`, then
/// `rule`, then `asset`.
struct ForecastEntry {
    std::string rule;       ///< the pm rule's name
    std::string title;      ///< the rule's title; empty when it has none
    std::string asset;      ///< the asset's id
    std::string workflow;   ///< the workflow the work order would follow
    std::string work_order; ///< the id it would get (the engine's deterministic PM id)
    Timestamp due{};        ///< when it is due
    Timestamp create_at{};  ///< when the engine would create it: `due` minus the rule's lead time
    std::string time_zone;  ///< the zone its schedule counts in ("UTC" when neither rule nor asset
                            ///< names one)
    /// What schedules it: "calendar" (a fixed schedule or rrule), "floating" (after the last
    /// completion), "meter" (a projected meter reading) or "combined" (a period or a meter).
    std::string trigger;
};

/// Appends one JSON object per entry, in the order given, each on its own line (`\n`), keys in
/// this order: `due`, `create_at` (RFC 3339, UTC, milliseconds only when not zero, as decisions
/// write times), `rule`, `title` (left out when empty), `asset`, `workflow`, `wo`, `trigger`,
/// `time_zone`. Strings are escaped as in decision lines.
void write_forecast_jsonl(const std::vector<ForecastEntry>& entries, std::string& out);

/// Appends a CSV table (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted
/// and quotes doubled, other fields as they are): a header row `due,create_at,rule,title,asset,
/// workflow,wo,trigger,time_zone`, then one row per entry in the order given, times as in
/// write_forecast_jsonl, an empty title as an empty field. UTF-8 without a byte-order mark.
/// A text field that starts with `=`, `+`, `-`, `@`, a tab or a CR, which a spreadsheet would
/// run as a formula, gets an apostrophe in front (OWASP's advice against CSV injection).
void write_forecast_csv(const std::vector<ForecastEntry>& entries, std::string& out);

/// Appends an iCalendar object (RFC 5545) that common calendar applications open: VERSION,
/// PRODID, CALSCALE:GREGORIAN, METHOD:PUBLISH and X-WR-CALNAME `name`, then one VEVENT per
/// entry in the order given, with
/// - UID `WORK_ORDER@millwright` (unique as long as the work order ids are);
/// - DTSTAMP `stamp` for every event (a forecast has no creation time of its own; pass the
///   start of the horizon to keep the output deterministic);
/// - DTSTART the due time, a fixed DURATION of one hour (PT1H);
/// - SUMMARY `TITLE (ASSET)`, the rule's name standing in for an empty title;
/// - DESCRIPTION one line each: `Rule: `, `Asset: `, `Workflow: `, `Work order: ` and
///   `Created at: ` with create_at in RFC 3339 as in write_forecast_jsonl.
///
/// DTSTAMP and DTSTART are UTC in the basic form `YYYYMMDDTHHMMSSZ`. iCalendar has whole seconds
/// only, so milliseconds are truncated (towards the earlier second, also before 1970), never
/// rounded. Its years have four digits: a time outside the years 0000..9999 is written with its
/// sign as the stdlib's format_time writes it, and calendar applications refuse that file. Text
/// values (UID, SUMMARY, DESCRIPTION, X-WR-CALNAME) are escaped as RFC 5545 section 3.3.11
/// requires: `\`, `;` and `,` with a backslash, a line break (LF, CRLF or a lone CR) as `\n`;
/// control characters other than tab, which its TEXT grammar does not allow, are left out. Lines
/// end in CRLF and are folded at 75 octets (a continuation line starts with one space, which counts
/// towards its 75) without splitting a UTF-8 character; text that is not UTF-8 is passed through
/// and cut where it must be. With no entries the calendar has no VEVENT, which RFC 5545's grammar
/// (one component or more) does not strictly allow.
void write_forecast_ics(const std::vector<ForecastEntry>& entries, Timestamp stamp,
                        const std::string& name, std::string& out);

} // namespace millwright
