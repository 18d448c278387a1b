// A time zone as the stdlib computes with it: Howard Hinnant's date/tz, extended past the last
// transition its TZif file lists with the POSIX TZ rule the file closes with (RFC 8536 section
// 3.3). Debian's date is built with USE_OS_TZDB, which reads the system's TZif files but not
// that closing rule (HowardHinnant/date issue #794): after the last transition listed (2037 in
// Debian's files) it keeps the last offset forever, so New York would stay on standard time and
// Sydney on summer time from 2038 on. zdump, glibc and Python's zoneinfo apply the rule; so do
// we, and every zone computation in stdlib and engine goes through this facade.
//
// date/tz stays in charge of what it does right: finding a zone by name and every instant up to
// the last listed transition, which costs a single comparison more than asking date directly.
// Only instants from that transition on are computed from the rule. A file without a closing
// rule, or one this parser refuses, leaves date's answers as they are.
//
// Each zone's rule is read from its file once per process and kept in a process-wide cache of
// immutable entries keyed by zone name, behind a mutex. This is state outside any engine, but
// not state a host can observe or change: date's own zone database is process-wide in the same
// way, and the entries are pure functions of the installed tzdata.
#pragma once

#include "posix_tz.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>

namespace millwright::stdlib::detail {

class ZoneRules {
public:
    /// The zone named `name` ("Europe/Berlin", "UTC"), with the closing rule of its TZif file;
    /// nothing when the time zone database does not know the name (or there is no database).
    /// The result lives as long as the process. Thread-safe; throws only std::bad_alloc.
    static const ZoneRules* locate(const std::string& name);

    /// `zone`, extended with `footer`, the POSIX TZ string its TZif file closes with (empty:
    /// none). A footer that does not parse, or has no daylight-saving time, extends nothing.
    ZoneRules(const date::time_zone& zone, std::string_view footer);

    const std::string& name() const { return zone_->name(); }

    /// Whether instants after the last listed transition follow a daylight-saving rule.
    bool has_closing_rule() const { return rule_.has_value(); }

    /// The stretch of time around instant `t` with one UTC offset, as date::time_zone::get_info
    /// gives it; past the last listed transition, bounded by the rule's changes.
    date::sys_info get_info(date::sys_seconds t) const;

    /// How local time `t` maps to instants, as date::time_zone::get_info gives it: unique (in
    /// `first`), ambiguous (`first` the earlier reading, `second` the later one) or nonexistent
    /// (`first` the stretch before the gap, `second` the one after it).
    date::local_info get_info(date::local_seconds t) const;

private:
    date::sys_info ruled_info(date::sys_seconds t, date::sys_info last) const;
    date::local_info ruled_local_info(date::local_seconds t, date::local_info listed) const;

    const date::time_zone* zone_;
    std::optional<PosixTz> rule_; ///< only with daylight-saving time, and transitions listed
    date::sys_seconds last_transition_{}; ///< where date's last stretch begins
    date::sys_seconds listed_end_{};      ///< where date's last stretch ends (its range's end)
};

/// The POSIX TZ string closing the TZif file `file` (the text between the two newlines after
/// its version 2+ data block, possibly empty); nothing when `file` is not TZif, is version 1
/// (which has no footer) or is cut short.
std::optional<std::string> tzif_footer(std::string_view file);

} // namespace millwright::stdlib::detail
