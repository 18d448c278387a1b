// Replay: push a recorded request stream (JSONL) through an engine on its virtual clock and
// write one decision line per input line. The command line's `replay` verb is a thin wrapper.
#pragma once

#include "millwright/engine.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <istream>
#include <ostream>

namespace millwright {

/// What a replay counted.
struct ReplaySummary {
    std::uint64_t lines = 0;  ///< input lines read (blank lines included)
    std::uint64_t events = 0; ///< decision lines written for input lines
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;      ///< well-formed events the engine refused
    std::uint64_t malformed = 0;     ///< lines that were not a valid event
    std::uint64_t timers_fired = 0;  ///< decision lines of fired timers (not counted in events)
    std::uint64_t timers_failed = 0; ///< fired timers whose rule failed (nothing changed)
    std::uint64_t sla_warnings = 0;  ///< decision lines of SLA warnings (not counted in events)
    std::uint64_t sla_breaches = 0;  ///< decision lines of SLA breaches (not counted in events)
    /// Decision lines of approval timeouts (reminders, escalations, expiries; not in events).
    std::uint64_t approval_timeouts = 0;
    /// Decision lines of pm rules (origin `pm` or `trigger`): work orders created, and
    /// occurrences left out (not in events).
    std::uint64_t pm_lines = 0;
    std::uint64_t bytes_read = 0;
    double elapsed_seconds = 0; ///< measured by the caller's clock, see ReplayOptions
};

struct ReplayOptions {
    /// Called every `progress_every` lines with the bytes read so far (for a progress bar).
    std::function<void(const ReplaySummary&)> progress;
    std::uint64_t progress_every = 65536;
};

/// Reads JSONL from `in` and writes one decision line per input line to `out`, in order (a
/// blank line is a malformed line, so line numbers in the input and the output always agree).
/// Same engine state + same input gives the same bytes. Returns the counts (elapsed_seconds left 0:
/// timing is the caller's business, so the library reads no clock).
ReplaySummary replay(Engine& engine, std::FILE* in, std::FILE* out,
                     const ReplayOptions& options = {});

} // namespace millwright
