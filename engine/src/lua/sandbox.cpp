// The sandbox: allowlists of the standard library (see sandbox.hpp for what is left out and
// why). The pristine allowed functions live in a registry table that Lua code cannot reach;
// the state's globals and every environment get copies of them.
#include "lua/sandbox.hpp"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <array>
#include <span>
#include <string_view>

namespace millwright::lua {

namespace {

/// Registry key of the table of pristine allowed functions: one field per library name,
/// plus `base_key` for the base functions.
constexpr const char* pristine_key = "millwright.sandbox";
constexpr const char* base_key = "_base";

// No `tostring`: it prints a table or a function as its address, which changes from run to
// run, so nothing that reaches a decision may call it (the generated code converts with the
// stdlib's own to_text).
constexpr std::array<const char*, 8> base_allowed{
    "assert", "error", "ipairs", "rawequal", "select", "tonumber", "type", "_VERSION",
};
constexpr std::array<const char*, 7> string_allowed{
    "byte", "char", "len", "lower", "reverse", "sub", "upper",
};
constexpr std::array<const char*, 6> table_allowed{
    "concat", "insert", "move", "remove", "sort", "unpack",
};
constexpr std::array<const char*, 23> math_allowed{
    "abs",  "acos", "asin", "atan", "ceil",       "cos",  "exp",        "floor",
    "fmod", "huge", "log",  "max",  "maxinteger", "min",  "mininteger", "modf",
    "pi",   "sin",  "sqrt", "tan",  "tointeger",  "type", "ult",
};
constexpr std::array<const char*, 6> utf8_allowed{
    "char", "charpattern", "codepoint", "codes", "len", "offset",
};

struct Library {
    const char* name;
    lua_CFunction open;
    std::span<const char* const> allowed;
};

const std::array<Library, 4> libraries{{
    {LUA_STRLIBNAME, luaopen_string, string_allowed},
    {LUA_TABLIBNAME, luaopen_table, table_allowed},
    {LUA_MATHLIBNAME, luaopen_math, math_allowed},
    {LUA_UTF8LIBNAME, luaopen_utf8, utf8_allowed},
}};

/// Pushes a new table holding `names` copied from the table at `from`.
void push_copy(lua_State* L, int from, std::span<const char* const> names) {
    from = lua_absindex(L, from);
    lua_createtable(L, 0, static_cast<int>(names.size()));
    for (const char* name : names) {
        lua_getfield(L, from, name);
        lua_setfield(L, -2, name);
    }
}

/// Copies the pristine allowed functions into the table at `target`.
void fill_environment(lua_State* L, int target) {
    target = lua_absindex(L, target);
    lua_getfield(L, LUA_REGISTRYINDEX, pristine_key);
    const int pristine = lua_gettop(L);
    lua_getfield(L, pristine, base_key);
    for (const char* name : base_allowed) {
        lua_getfield(L, -1, name);
        lua_setfield(L, target, name);
    }
    lua_pop(L, 1);
    for (const Library& library : libraries) {
        lua_getfield(L, pristine, library.name);
        push_copy(L, -1, library.allowed);
        lua_setfield(L, target, library.name);
        lua_pop(L, 1);
    }
    lua_pop(L, 1); // pristine
}

/// Removes from the table at `index` every key not in `keep`.
void clear_except(lua_State* L, int index, std::span<const char* const> keep) {
    index = lua_absindex(L, index);
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1); // the value
        bool kept = false;
        if (lua_type(L, -1) == LUA_TSTRING) {
            const std::string_view key = lua_tostring(L, -1);
            for (const char* name : keep) {
                kept = kept || key == name;
            }
        }
        if (!kept) {
            // Clearing a field during a traversal is allowed (lua_next's contract).
            lua_pushvalue(L, -1);
            lua_pushnil(L);
            lua_rawset(L, index);
        }
    }
}

} // namespace

int open_sandbox(lua_State* L) {
    lua_newtable(L);
    const int pristine = lua_gettop(L);

    luaL_requiref(L, LUA_GNAME, luaopen_base, 0); // fills the globals table itself
    push_copy(L, -1, base_allowed);
    lua_setfield(L, pristine, base_key);
    lua_pop(L, 1);

    for (const Library& library : libraries) {
        luaL_requiref(L, library.name, library.open, 0);
        push_copy(L, -1, library.allowed);
        lua_setfield(L, pristine, library.name);
        lua_pop(L, 1);
    }

    // The string metatable (shared by every string) reaches the cut-down table only.
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1) == 0) {
        return luaL_error(L, "the string library set no metatable");
    }
    lua_getfield(L, pristine, LUA_STRLIBNAME);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);

    // package.loaded (the registry's _LOADED) is unreachable from Lua; it keeps the cut-down
    // tables too, since luaL_traceback and luaL_argerror search it for function names.
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    for (const Library& library : libraries) {
        lua_getfield(L, pristine, library.name);
        lua_setfield(L, -2, library.name);
    }
    lua_pop(L, 1);

    lua_pushvalue(L, pristine);
    lua_setfield(L, LUA_REGISTRYINDEX, pristine_key);

    lua_pushglobaltable(L);
    clear_except(L, -1, {});
    fill_environment(L, -1);
    lua_pop(L, 2); // globals, pristine
    return 0;
}

int new_sandbox_env(lua_State* L) {
    lua_newtable(L);
    fill_environment(L, -1);
    return 1;
}

} // namespace millwright::lua
