// Local date-time to instant on the zone's rules (zone_rules.hpp: date/tz, continued past its
// last transition by the TZif file's closing rule), with a one-segment memory. A segment the
// rule computes is remembered like any other, so placement stays cheap after 2037 too. The
// remembered range is exact: a local time L maps to exactly one instant, with the segment's
// offset, when L lies in the segment's local span and in neither neighbour's (their spans
// overlap it after a fall-back change and leave a hole before it after a spring-forward one).
#include "zone_placement.hpp"

#include <algorithm>
#include <chrono>

#include "zone_rules.hpp"

namespace millwright::stdlib::detail {

namespace {

constexpr std::int64_t two_days = 2 * 24 * 60 * 60;

std::int64_t seconds_of(date::sys_seconds t) {
    return t.time_since_epoch().count();
}

std::int64_t seconds_of(std::chrono::seconds offset) {
    return offset.count();
}

date::sys_seconds instant_of(std::int64_t utc) {
    return date::sys_seconds{std::chrono::seconds{utc}};
}

} // namespace

std::optional<std::int64_t> ZonePlacement::place(std::int64_t local, RecurrenceSkip gap) {
    if (is_remembered(local)) {
        return local - offset_;
    }
    const date::local_info info = zone_.get_info(date::local_seconds{std::chrono::seconds{local}});
    // Unique, or the first of two (RFC 5545 3.3.5): the offset in force before the change.
    std::optional<std::int64_t> placed = local - seconds_of(info.first.offset);
    if (info.result == date::local_info::nonexistent) {
        if (gap == RecurrenceSkip::omit) {
            placed.reset();
        } else if (gap == RecurrenceSkip::backward) {
            placed = local - seconds_of(info.second.offset);
        }
        remember_segment_at(seconds_of(info.second.begin));
    } else {
        remember_segment_at(*placed);
    }
    return placed;
}

std::int64_t ZonePlacement::lowest_placement_from(std::int64_t local, RecurrenceSkip gap) {
    if (!is_remembered(local)) {
        const date::local_info info =
            zone_.get_info(date::local_seconds{std::chrono::seconds{local}});
        if (info.result == date::local_info::nonexistent) {
            // Later local times of the gap are placed later; after it, at or after its end.
            return gap == RecurrenceSkip::backward ? local - seconds_of(info.second.offset)
                                                   : seconds_of(info.second.begin);
        }
        const std::int64_t first = local - seconds_of(info.first.offset);
        remember_segment_at(first);
        if (!is_remembered(local)) {
            return gap == RecurrenceSkip::backward && gap_after_ > 0
                       ? std::min(first, segment_end_ - gap_after_)
                       : first;
        }
    }
    const std::int64_t placed = local - offset_;
    // Times in the next gap, read with the offset after it, land up to the gap's length before
    // the change.
    if (gap == RecurrenceSkip::backward && gap_after_ > 0) {
        return std::min(placed, segment_end_ - gap_after_);
    }
    return placed;
}

std::int64_t ZonePlacement::smallest_offset_near(std::int64_t utc) const {
    date::sys_info info = zone_.get_info(instant_of(utc - two_days));
    std::int64_t smallest = seconds_of(info.offset);
    while (seconds_of(info.end) < utc + two_days) {
        info = zone_.get_info(info.end);
        smallest = std::min(smallest, seconds_of(info.offset));
    }
    return smallest;
}

void ZonePlacement::remember_segment_at(std::int64_t utc) {
    const date::sys_info info = zone_.get_info(instant_of(utc));
    const std::int64_t begin = seconds_of(info.begin);
    const std::int64_t end = seconds_of(info.end);
    offset_ = seconds_of(info.offset);
    segment_end_ = end;
    // The first and last segments reach the ends of date's range; nothing lies beyond them.
    std::int64_t previous_offset = offset_;
    if (info.begin > date::sys_seconds::min() + std::chrono::seconds{two_days}) {
        previous_offset = seconds_of(zone_.get_info(info.begin - std::chrono::seconds{1}).offset);
    }
    std::int64_t next_offset = offset_;
    if (info.end < date::sys_seconds::max() - std::chrono::seconds{two_days}) {
        next_offset = seconds_of(zone_.get_info(info.end).offset);
    }
    unique_from_ = begin + std::max(offset_, previous_offset);
    unique_to_ = end + std::min(offset_, next_offset);
    gap_after_ = std::max<std::int64_t>(0, next_offset - offset_);
}

} // namespace millwright::stdlib::detail
