// Placing local date-times in a time zone, one after another, for recurrence expansion. RFC 5545
// section 3.3.5 decides the ambiguous cases: a local time a fall-back change repeats means its
// first occurrence, and one a spring-forward change skips is read with the offset before the gap
// (02:30 becomes 03:30 EDT); the rule's dst_gap policy may instead omit it or read it with the
// offset after the gap (01:30 EST).
//
// Expansion places local times in increasing order, so the placement remembers the stretch of
// local time around the last one that maps to a single instant with a single offset (between two
// transitions, away from their gaps and overlaps) and converts inside it with one subtraction;
// only local times near a transition consult the zone database.
#pragma once

#include "millwright/stdlib/recurrence.hpp"

#include <cstdint>
#include <optional>

namespace millwright::stdlib::detail {

class ZoneRules;

class ZonePlacement {
public:
    explicit ZonePlacement(const ZoneRules& zone) : zone_(zone) {}

    /// The instant (seconds since the epoch) of local date-time `local` (seconds since
    /// 1970-01-01T00:00:00 local); nothing when it lies in a gap and `gap` is omit.
    std::optional<std::int64_t> place(std::int64_t local, RecurrenceSkip gap);

    /// A bound below every instant that a local date-time at or after `local` is placed at.
    /// Placement is not monotonic: a time moved forward out of a gap may pass later local
    /// times, and one moved backward may precede earlier ones, by at most the gap's length.
    std::int64_t lowest_placement_from(std::int64_t local, RecurrenceSkip gap);

    /// The smallest UTC offset (seconds) in force within two days of instant `utc`: no local
    /// date-time placed at or after `utc` is earlier than `utc` plus that offset.
    std::int64_t smallest_offset_near(std::int64_t utc) const;

private:
    void remember_segment_at(std::int64_t utc);
    bool is_remembered(std::int64_t local) const {
        return local >= unique_from_ && local < unique_to_;
    }

    const ZoneRules& zone_;
    std::int64_t unique_from_ = 1; ///< local times in [unique_from_, unique_to_) ...
    std::int64_t unique_to_ = 0;
    std::int64_t offset_ = 0;      ///< ... are placed at local - offset_
    std::int64_t segment_end_ = 0; ///< the instant the remembered offset ends
    std::int64_t gap_after_ = 0;   ///< the length of the gap at segment_end_ (0: no gap there)
};

} // namespace millwright::stdlib::detail
