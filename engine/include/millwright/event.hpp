// An incoming event: one line of a request stream, as a host hands it to the engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace millwright {

/// Milliseconds since 1970-01-01T00:00:00Z: the engine's unit of time.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// One event for the engine.
///
/// A creation names the `workflow`; every other event names the work order in `wo` and an
/// event declared with `on EVENT:` in its workflow. `data` holds field values in their JSON
/// form (see docs/replay.md); keys that are neither fields nor `data.x` names read by the
/// workflow are rejected. `type == "tick"` only advances the clock.
struct Event {
    Timestamp at{};
    std::string at_text; ///< `at` as written (echoed in decisions); formatted from `at` if empty
    std::string type;
    std::string wo;
    std::string workflow; ///< non-empty only for a creation
    std::string by;
    nlohmann::json data = nlohmann::json::object();
};

/// Reads `2026-11-22T10:00:00Z` (RFC 3339: seconds and an offset required, fractions of a
/// second kept to the millisecond) or a date `2026-11-22` (its midnight UTC), as request streams
/// write them; nothing when the text is neither. Never throws.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// The RFC 3339 text of `t` in UTC, as decisions write times (`2026-11-22T10:00:00Z`, with
/// milliseconds only when they are not zero).
std::string format_timestamp(Timestamp t);

/// Reads a duration as reasons write them (`366d`, `4h30m`, `90s`, `2w`) or spelled out (`3
/// days`, `1 hour 30 minutes`); nothing when the text is neither or out of range. Never throws.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The text of a duration as reasons write it: the largest units first (`366d`, `4h30m`).
std::string format_duration(std::chrono::milliseconds duration);

} // namespace millwright
