// Registration of the stdlib into a Lua state: the C++ builtins of the DSL (see
// millwright/dsl/builtins.hpp for the list) and the embedded Lua modules.
#pragma once

struct lua_State;

namespace millwright::stdlib {

/// Pushes a new table `lib` holding every builtin (C++ functions and functions from the
/// embedded Lua modules). Builtins are pure: they read their arguments only, never the
/// clock, files or globals, and raise Lua errors phrased like Lua's own
/// ("bad argument #2 to 'contains' (string expected, got nil)").
/// Building the table allocates and runs the embedded modules, so call it in protected mode
/// (or with memory to spare): on failure it raises a Lua error and pushes nothing.
void push_lib(lua_State* L);

/// Caps on what string builtins accept, so each runs in linear time on bounded input.
inline constexpr unsigned long max_text_bytes = 64 * 1024;

} // namespace millwright::stdlib
