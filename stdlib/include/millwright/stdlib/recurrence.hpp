// Recurrence rules for preventive maintenance: the expressiveness of iCalendar's RRULE (RFC 5545
// section 3.3.10) expanded into instants in an IANA time zone. A rule generates local date-times
// period by period (a year, month, week, day, hour, minute or second at a time, the BYxxx parts
// expanding and limiting as the RFC's table says, BYSETPOS last); each local date-time is then
// placed in the zone, with a declared policy for local times a DST change skips or repeats and
// for days a month does not have (docs/recurrence.md gives the semantics with examples).
//
// The trade-off: expansion never steps day by day through time it can rule out, but it does
// expand a whole period to answer a question about one instant in it (BYSETPOS needs the whole
// set), and COUNT can only be honoured by counting from DTSTART. For repeated "what comes next"
// questions on a COUNT rule, RecurrenceCursor carries the count along instead of recounting.
//
// Instants follow calendar.hpp: milliseconds since 1970-01-01T00:00:00Z. The time zone database
// stays inside the stdlib; this header uses std::chrono types only.
#pragma once

#include "millwright/stdlib/calendar.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace millwright::stdlib {

/// How often a rule repeats (RFC 5545's FREQ).
enum class RecurrenceFrequency { secondly, minutely, hourly, daily, weekly, monthly, yearly };

/// What to do with a local date-time that does not exist: a day the month lacks (`missing_day`:
/// the 31st of April, 29 February in a common year) or a clock time a spring-forward change skips
/// (`dst_gap`: 02:30 on the day New York goes from 02:00 to 03:00).
enum class RecurrenceSkip {
    omit,     ///< no occurrence for it
    backward, ///< the last day of that month; for a gap, the time read with the offset after it
    forward,  ///< the first day of the next month; for a gap, the offset before it (RFC 5545)
};

/// One entry of a BYDAY list: every such weekday of the period (`ordinal` 0), or the nth one
/// (1 to 53) or nth from the last (-1 to -53) of the month, or of the year in a yearly rule
/// without BYMONTH.
struct RecurrenceWeekday {
    std::chrono::weekday weekday = std::chrono::Monday;
    int ordinal = 0;
};

/// The end of a rule (RFC 5545's UNTIL, inclusive): an instant, or a local date-time compared
/// with the local date-times the rule generates.
using RecurrenceUntil = std::variant<Instant, std::chrono::local_seconds>;

/// A recurrence rule as plain values (the engine builds one from the DSL's RecurrenceModel).
/// Empty BY lists mean "not restricted". Nothing is checked until Recurrence::create.
struct RecurrenceSpec {
    RecurrenceFrequency frequency = RecurrenceFrequency::daily;
    std::int64_t interval = 1;         ///< INTERVAL, >= 1: every interval-th period
    std::optional<std::int64_t> count; ///< COUNT, >= 1; never together with `until`
    std::optional<RecurrenceUntil> until;
    /// DTSTART as a local date-time in years 0001 to 9999: the first occurrence when it matches
    /// the rule, the origin of the periods INTERVAL counts, and the source of what the BY lists
    /// leave open (the time of day, a monthly rule's day of the month).
    std::chrono::local_seconds start{};
    std::vector<int> by_second; ///< 0 to 60 (60, a leap second, never occurs)
    std::vector<int> by_minute; ///< 0 to 59
    std::vector<int> by_hour;   ///< 0 to 23
    std::vector<RecurrenceWeekday> by_day;
    std::vector<int> by_month_day; ///< 1 to 31 or -31 to -1
    std::vector<int> by_year_day;  ///< 1 to 366 or -366 to -1
    std::vector<int> by_week_no;   ///< 1 to 53 or -53 to -1, weeks starting on `week_start`
    std::vector<int> by_month;     ///< 1 to 12
    std::vector<int> by_set_pos;   ///< 1 to 366 or -366 to -1
    std::chrono::weekday week_start = std::chrono::Monday; ///< WKST
    RecurrenceSkip missing_day = RecurrenceSkip::omit;
    RecurrenceSkip dst_gap = RecurrenceSkip::forward;
};

/// Where a walk through a rule's occurrences stands, as plain values a host may keep (and store)
/// between questions. A cursor belongs to the Recurrence that made it; resuming it on another
/// rule gives unspecified (but memory-safe) results.
struct RecurrenceCursor {
    std::int64_t period = 0;             ///< the rule's period to expand from (0: DTSTART's)
    std::optional<Instant> after;        ///< only occurrences after this instant are still to come
    std::optional<std::int64_t> counted; ///< occurrences at or before `after` (known for COUNT)
    bool ended = false;                  ///< no occurrence is left
};

namespace detail {
struct RecurrenceData;

/// A non-owning reference to a callable taking an Instant and returning bool or nothing (false
/// stops the walk), so for_each_between can be a template over a compiled walk.
class OccurrenceVisitor {
public:
    template <class F>
    explicit OccurrenceVisitor(F& f) : object_(&f), call_(&invoke<F>) {}
    bool operator()(Instant t) const { return call_(object_, t); }

private:
    template <class F>
    static bool invoke(void* object, Instant t) {
        F& f = *static_cast<F*>(object);
        if constexpr (std::is_void_v<std::invoke_result_t<F&, Instant>>) {
            f(t);
            return true;
        } else {
            return static_cast<bool>(f(t));
        }
    }
    void* object_;
    bool (*call_)(void*, Instant);
};
} // namespace detail

struct RecurrenceResult;

/// A validated, immutable recurrence rule placed in a time zone. Copies are cheap and share
/// their data; a recurrence may be used from several threads at once (every operation keeps
/// its working state on the caller's side). The zone is resolved once, by create.
///
/// Costs (P = the periods between the start of a question and its answer, each expanded once):
/// first_at_or_after is O(P) from the period holding `t`, except for a COUNT rule, which counts
/// from DTSTART (O(P) from DTSTART); next(cursor) is O(P) from the cursor, so walking a COUNT
/// rule with a cursor is linear in total. A search finds nothing after a documented horizon
/// without occurrences (gregorian_cycle_years, docs/recurrence.md), so every call terminates.
class Recurrence {
public:
    /// Checks a spec and builds the recurrence, or reports the first problem as a one-line
    /// message (lowercase where no RFC name starts it, no final period), for example
    /// `unknown time zone "Europe/Berln"`, `COUNT and UNTIL cannot both be given`,
    /// `BYWEEKNO is only allowed with FREQ=YEARLY`, `BYMONTHDAY is not allowed with FREQ=WEEKLY`,
    /// `BYMONTHDAY value 32 is out of range -31 to 31` (docs/recurrence.md lists them all).
    /// Never throws on bad input (only std::bad_alloc escapes).
    static RecurrenceResult create(RecurrenceSpec spec, std::string time_zone);

    /// The zone name the recurrence was created with.
    const std::string& time_zone() const;

    /// The spec it was created from.
    const RecurrenceSpec& spec() const;

    /// True when the rule ends (COUNT or UNTIL); an unbounded rule still ends in year 9999.
    bool is_finite() const;

    /// UNTIL as an instant (an .ics file with a TZID must write it in UTC): a UTC UNTIL as it
    /// is; a local one placed in the zone at its latest reading, so that the instant admits
    /// every occurrence the local UNTIL admits (the later of two in a fall-back overlap; in a
    /// spring-forward gap, read with the offset before it). Nothing without UNTIL.
    std::optional<Instant> until_instant() const;

    /// The earliest occurrence at or after `t`; nothing when the rule has ended by then (COUNT,
    /// UNTIL, year 9999) or has no occurrence within the search horizon after `t`.
    std::optional<Instant> first_at_or_after(Instant t) const;

    /// Calls `f` with every occurrence in [from, to), in increasing order, each instant once.
    /// `f` returns nothing, or a bool: false stops the walk.
    template <class F>
    void for_each_between(Instant from, Instant to, F&& f) const {
        visit_between(from, to, detail::OccurrenceVisitor(f));
    }

    /// A cursor before the first occurrence.
    RecurrenceCursor start() const;

    /// A cursor whose next() is first_at_or_after(t). For a COUNT rule this counts the
    /// occurrences before `t` from DTSTART, once; for other rules it costs one period.
    RecurrenceCursor seek(Instant t) const;

    /// The occurrence after the cursor's position, advancing the cursor past it; nothing (and
    /// the cursor marked ended) when none is left.
    std::optional<Instant> next(RecurrenceCursor& cursor) const;

    /// Internal representation, for the stdlib only.
    const detail::RecurrenceData& data() const { return *data_; }
    explicit Recurrence(std::shared_ptr<const detail::RecurrenceData> data);

private:
    void visit_between(Instant from, Instant to, detail::OccurrenceVisitor visit) const;

    std::shared_ptr<const detail::RecurrenceData> data_;
};

/// The outcome of Recurrence::create: a recurrence, or the reason there is none.
struct RecurrenceResult {
    std::optional<Recurrence> recurrence; ///< empty when the spec was refused
    std::string error;                    ///< empty when a recurrence was built

    bool ok() const { return recurrence.has_value(); }
};

/// The search horizon: a search that meets no occurrence in a whole Gregorian cycle (400 years,
/// after which weekdays and leap years repeat) of the rule's periods concludes there is none. For
/// daily and longer frequencies that is exact: the cycle is counted in periods of the rule (400
/// years for INTERVAL=1, 1200 for a yearly INTERVAL=3), so a rule that had none in it never has
/// one. For hourly and shorter frequencies it is 400 years of days.
inline constexpr int gregorian_cycle_years = 400;

} // namespace millwright::stdlib
