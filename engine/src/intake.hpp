// What every input must satisfy before the engine acts on it: its ids, texts and lists within
// the sizes EngineOptions allows. The checks run on the event view before the clock moves or a
// rule runs, so an oversized input is refused whole and changes nothing, and nothing larger
// than the caps ever reaches the Lua VM. Each check is a length comparison on views the reader
// already holds: a few instructions per value. Internal to the engine.
#pragma once

#include "millwright/engine.hpp"

#include "event_view.hpp"

#include <string>

namespace millwright::detail {

/// Why `event` is over one of `options`' size caps (`wo` too long, a text in `data` too long,
/// a list with too many items), naming the value by JSON Pointer; empty when it is within all.
std::string oversized_value(const EventView& event, const EngineOptions& options);

} // namespace millwright::detail
