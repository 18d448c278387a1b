// What a chunk can reach in the VM: the three base functions the stdlib's Lua modules read
// (error, ipairs, type), and nothing else of Lua's standard library. Libraries are opened one
// by one (never luaL_openlibs) and cut down to an allowlist, now empty for every library, so a
// function Lua adds in a later version stays out until someone decides it is safe. Withheld
// with them: io, os, debug, package, coroutine; load, loadfile, dofile, require (code and
// bytecode loading); string.dump, string.rep and the pattern functions (exponential time);
// collectgarbage, getmetatable, setmetatable, rawget, rawset, rawlen, rawequal; pairs and next
// (hash order is not deterministic); pcall and xpcall (the budget must end a runaway call);
// print and warn; tostring (it shows addresses); math.random; and every C function that runs
// for as long as its input is long (string.upper, table.move, utf8.len, tonumber, ...), where
// the instruction budget's count hook cannot stop it. Strings have no metatable.
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
