// What a definition can reach in the VM. Libraries are opened one by one (never
// luaL_openlibs) and then cut down to an allowlist: a function Lua adds in a later version
// stays out until someone decides it is safe. Left out on purpose: io, os, debug, package,
// coroutine; load, loadfile, dofile, require (code and bytecode loading); string.dump,
// string.rep, string.find/match/gmatch/gsub (patterns can take exponential time),
// string.format and string.pack/unpack; collectgarbage, getmetatable, setmetatable,
// rawget, rawset, rawlen; pairs and next (hash order is not deterministic); pcall and xpcall
// (a definition never needs them, and the budget must end a runaway call); print and warn
// (no output); math.random and math.randomseed (not deterministic). The string metatable's
// __index is the cut-down string table, so ("x"):rep(3) fails like string.rep(...).
// Internal to the engine.
#pragma once

struct lua_State;

namespace millwright::lua {

/// Opens the allowed libraries as the globals of `L`, and keeps pristine copies of them (out
/// of reach of Lua code) for new_sandbox_env. A lua_CFunction: it allocates, so run it with
/// lua_pcall on a fresh state.
int open_sandbox(lua_State* L);

/// Pushes a new environment table with fresh copies of the allowed globals and libraries, so
/// no chunk can change what another chunk sees. A lua_CFunction for lua_pcall (one result);
/// open_sandbox must have run on the state.
int new_sandbox_env(lua_State* L);

} // namespace millwright::lua
