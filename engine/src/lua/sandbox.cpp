// The sandbox: the base library is opened, then cut down to an allowlist (see sandbox.hpp for
// what is left out and why). The pristine allowed functions live in a registry table that Lua
// code cannot reach; the state's globals and every environment get copies of them.
#include "lua/sandbox.hpp"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <array>

namespace millwright::lua {

namespace {

/// Registry key of the table of pristine allowed functions.
constexpr const char* pristine_key = "millwright.sandbox";

// The whole reach of a chunk: what the stdlib's Lua modules read while the stdlib table is
// built (stdlib/lua/*.lua keep local copies), and nothing else. Generated code gets an empty
// _ENV and calls only rt.* and lib.*, so it needs no global at all. Everything else Lua offers
// is withheld, even what looks harmless: string.upper, string.reverse, utf8.len, tonumber,
// table.insert and table.move run in C for as long as their input is large, out of reach of the
// instruction budget's count hook; tostring prints addresses, which differ from run to run;
// math.random is not deterministic. tests/engine/sandbox_test.cpp holds the reachable set
// against this list.
constexpr std::array<const char*, 3> allowed{"error", "ipairs", "type"};

/// Pushes a new table holding the `allowed` fields of the table at `from`.
void push_allowed_copy(lua_State* L, int from) {
    from = lua_absindex(L, from);
    lua_createtable(L, 0, static_cast<int>(allowed.size()));
    for (const char* name : allowed) {
        lua_getfield(L, from, name);
        lua_setfield(L, -2, name);
    }
}

/// Copies the pristine allowed functions into the table at `target`.
void fill_environment(lua_State* L, int target) {
    target = lua_absindex(L, target);
    lua_getfield(L, LUA_REGISTRYINDEX, pristine_key);
    for (const char* name : allowed) {
        lua_getfield(L, -1, name);
        lua_setfield(L, target, name);
    }
    lua_pop(L, 1);
}

/// Removes every field of the table at `index`.
void clear(lua_State* L, int index) {
    index = lua_absindex(L, index);
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1); // the value
        // Clearing a field during a traversal is allowed (lua_next's contract).
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, index);
    }
}

} // namespace

int open_sandbox(lua_State* L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 0); // fills the globals table itself
    push_allowed_copy(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, pristine_key);
    clear(L, -1);
    fill_environment(L, -1);
    lua_pop(L, 1); // globals

    // No string library was opened, so strings have no metatable: ("x"):upper() is an error,
    // not a way around the allowlist.
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1) != 0) {
        return luaL_error(L, "strings have a metatable, though no library set one");
    }
    lua_pop(L, 1);
    return 0;
}

int new_sandbox_env(lua_State* L) {
    lua_newtable(L);
    fill_environment(L, -1);
    return 1;
}

} // namespace millwright::lua
