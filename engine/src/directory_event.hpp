// Directory (and asset) events of a request stream (`"type":"directory"`): the event's flat `data`
// is the change object Directory::apply() takes (docs/directory.md), so a stream changes the
// directory as a host would. Kept apart from dispatch.cpp, whose hot path only compares the type.
#pragma once

#include "event_view.hpp"
#include "millwright/decision.hpp"
#include "millwright/directory.hpp"

namespace millwright::detail {

/// Applies the change `event` carries to `directory` (null when the engine has none) and
/// fills the decision's ok, error and reason. A refused change changes nothing.
void apply_directory_event(Directory* directory, const EventView& event, Decision& decision);

/// The event's data as a flat JSON object (strings, numbers, true/false, null, and arrays of
/// those), as directory and asset changes are written. Returns the key of the first value that
/// is an object or holds one (which a flat change never does), or an empty string.
std::string flat_change(const EventView& event, nlohmann::json& change);

} // namespace millwright::detail
