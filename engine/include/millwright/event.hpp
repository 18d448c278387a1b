// An incoming event: one line of a request stream, as a host hands it to the engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

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

} // namespace millwright
