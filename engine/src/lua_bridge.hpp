// The boundary between field values and Lua, and the `rt` table of effects that generated code
// calls (rt.set, rt.notify, rt.notify_role, rt.assign, rt.assign_role, rt.note). Effects are
// written to the Evaluation in progress, never to the work order: an event that fails later
// leaves nothing behind.
#pragma once

#include "engine_impl.hpp"

struct lua_State;

namespace millwright::detail {

/// Pushes `value` as the Lua value generated code expects for `type` (see dsl/model.hpp).
void push_value(lua_State* L, const Value& value, const dsl::ValueType& type);

/// Reads the Lua value at `index` as a value of `type`. On failure returns false and says what
/// was wrong in `problem` ("money expected, got string").
bool read_value(lua_State* L, int index, const dsl::ValueType& type, Value& out,
                std::string& problem);

/// Pushes a new `rt` table whose functions write to `*evaluation`.
void push_runtime_table(lua_State* L, Evaluation* evaluation);

} // namespace millwright::detail
