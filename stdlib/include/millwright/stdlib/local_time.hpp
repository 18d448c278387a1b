// Local calendar days in an IANA time zone, for schedules that count whole days, weeks, months
// or years from an instant ("every 3 months after last completion") and for seasons ("only
// April to September"). Recurrence rules expand their own local times (recurrence.hpp); this is
// the plain arithmetic around them, with the same policies: a local time a spring-forward change
// skips follows the schedule's dst_gap policy, one a fall-back change repeats means its first
// occurrence (RFC 5545 section 3.3.5).
//
// Days are counted as days since 1970-01-01 in the zone's local calendar; instants follow
// calendar.hpp (milliseconds since 1970-01-01T00:00:00Z). The zone database stays inside the
// stdlib: this header uses std::chrono types only.
#pragma once

#include "millwright/stdlib/recurrence.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace millwright::stdlib {

namespace detail {
class ZoneRules;
} // namespace detail

/// A time zone resolved once by name, for local-day arithmetic. Cheap to copy; usable from
/// several threads at once.
class LocalZone {
public:
    /// The zone named `name` ("Europe/Berlin", "UTC"); nothing when the time zone database does
    /// not know it. Never throws on bad input (only std::bad_alloc when memory runs out).
    static std::optional<LocalZone> locate(const std::string& name);

    const std::string& name() const { return name_; }

    /// The local date of `t`, in days since 1970-01-01.
    std::int64_t local_day(Instant t) const;

    /// The instant of local `day` at `minutes` after its midnight (0 to 1439). A local time that
    /// a spring-forward change skips follows `gap` (forward: read with the offset before the gap,
    /// so 02:30 becomes 03:30 EDT; backward: with the offset after it, 01:30 EST; omit: nothing);
    /// a repeated one means its first occurrence. Nothing outside the years 0001 to 9999.
    std::optional<Instant> at(std::int64_t day, int minutes, RecurrenceSkip gap) const;

    /// The month (1 = January ... 12 = December) of a local day.
    static int month_of(std::int64_t day);

    /// The local day `n` units (days, weeks, months or years; n >= 0) after `day`. Months and
    /// years keep the day of the month; a day the target month lacks (31 January plus a month)
    /// moves to the target month's last day, or with `missing_day` forward to the first day of
    /// the month after (omit cannot leave an interval out, so it moves back as backward does).
    /// Other frequencies count as days.
    static std::int64_t add(std::int64_t day, RecurrenceFrequency unit, std::int64_t n,
                            RecurrenceSkip missing_day);

    /// The first day at or after `day` whose month lies in the season [first, last] (months
    /// 1-12, inclusive, wrapping past December when first > last): `day` itself when it does,
    /// else the first day of the season's next start.
    static std::int64_t into_season(std::int64_t day, int first, int last);

    /// Whether month `month` lies in the season [first, last] (wrapping as into_season does).
    static bool in_season(int month, int first, int last);

private:
    LocalZone(const detail::ZoneRules* zone, std::string name)
        : zone_(zone), name_(std::move(name)) {}

    const detail::ZoneRules* zone_; ///< lives as long as the process; opaque, so this header
                                    ///< stays chrono-only
    std::string name_;
};

} // namespace millwright::stdlib
