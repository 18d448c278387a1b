// Registration of the stdlib into a Lua state: the C++ builtins of the DSL (see
// millwright/dsl/builtins.hpp for the list) and the embedded Lua modules.
#pragma once

#include "millwright/stdlib/calendar.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

struct lua_State;

namespace millwright::stdlib {

/// The calendars the business-time builtins (`business_time`, `add_business_time`,
/// `is_open`, `next_open`) may name, by name.
using CalendarsByName = std::map<std::string, std::shared_ptr<const BusinessCalendar>, std::less<>>;

/// Pushes a new table `lib` holding every builtin (C++ functions and functions from the
/// embedded Lua modules). Builtins are pure: they read their arguments only, never the
/// clock, files or globals, and raise Lua errors phrased like Lua's own
/// ("bad argument #2 to 'contains' (string expected, got nil)"). `calendars` (which must
/// outlive the table's functions) are those the business-time builtins may name; without
/// them, naming a calendar is an error.
/// Building the table allocates and runs the embedded modules, so call it in protected mode
/// (or with memory to spare): on failure it raises a Lua error and pushes nothing.
void push_lib(lua_State* L, const CalendarsByName* calendars = nullptr);

/// Caps on what string builtins accept, so each runs in linear time on bounded input.
inline constexpr unsigned long max_text_bytes = 64 * 1024;

} // namespace millwright::stdlib
