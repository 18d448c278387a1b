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
    std::string time_zone;  ///< the zone its schedule counts in ("UTC" when neither rule nor asset names one)
    /// What schedules it: "calendar" (a fixed schedule or rrule), "floating" (after the last
    /// completion), "meter" (a projected meter reading) or "combined" (a period or a meter).
    std::string trigger;
};

/// Appends one JSON object per entry, each on its own line (`\n`), keys in this order: `due`,
/// `create_at` (RFC 3339, UTC, milliseconds only when not zero, as decisions write times),
/// `rule`, `title` (left out when empty), `asset`, `workflow`, `wo`, `trigger`, `time_zone`.
void write_forecast_jsonl(const std::vector<ForecastEntry>& entries, std::string& out);

/// Appends a CSV table (RFC 4180: CRLF line ends, fields with a comma, quote or line break
/// quoted and quotes doubled): a header row `due,create_at,rule,title,asset,workflow,wo,trigger,
/// time_zone`, then one row per entry, times as in write_forecast_jsonl.
void write_forecast_csv(const std::vector<ForecastEntry>& entries, std::string& out);

/// Appends an iCalendar object (RFC 5545) that common calendar applications open: one VEVENT per
/// entry, with DTSTART at the due time in UTC, a fixed DURATION of one hour, a SUMMARY of the
/// title (or rule) and asset, a DESCRIPTION naming rule, asset, workflow, work order and creation
/// time, and UID `WORK_ORDER@millwright`. `stamp` is the DTSTAMP of every event (a forecast has
/// no creation time of its own; pass the start of the horizon to keep the output deterministic),
/// `name` the calendar's X-WR-CALNAME. Lines end in CRLF and are folded at 75 octets without
/// splitting a UTF-8 character; text values are escaped as RFC 5545 section 3.3.11 requires.
void write_forecast_ics(const std::vector<ForecastEntry>& entries, Timestamp stamp,
                        const std::string& name, std::string& out);

} // namespace millwright
