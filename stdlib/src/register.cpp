// Builds the stdlib table `lib`: the C++ builtins from each module's name-to-function table,
// then the functions returned by each embedded Lua module (stdlib/lua/*.lua, compiled in text
// mode under the chunk name "@stdlib/<module>.lua", so the engine's message handler can tell
// their frames from a definition's).
#include "millwright/stdlib/register.hpp"

#include "modules.hpp"

#include "millwright_stdlib_lua.hpp"

#include <lauxlib.h>
#include <lua.h>

#include <string>

namespace millwright::stdlib {

namespace {

/// Runs one embedded module with `lib` (at index `lib`) as its argument and merges the table
/// it returns into `lib`. A name defined twice is an error: the two sets must stay disjoint.
void merge_module(lua_State* L, int lib, const embedded::LuaModule& module) {
    const std::string chunk_name = "@stdlib/" + std::string(module.name) + ".lua";
    if (luaL_loadbufferx(L, module.source.data(), module.source.size(), chunk_name.c_str(), "t") !=
        LUA_OK) {
        lua_error(L);
    }
    lua_pushvalue(L, lib);
    lua_call(L, 1, 1);
    if (lua_type(L, -1) != LUA_TTABLE) {
        luaL_error(L, "stdlib module '%s' did not return a table", chunk_name.c_str());
    }
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pushvalue(L, -2); // key
        if (lua_rawget(L, lib) != LUA_TNIL) {
            luaL_error(L, "stdlib module '%s' redefines builtin '%s'", chunk_name.c_str(),
                       lua_tostring(L, -3));
        }
        lua_pop(L, 1);
        lua_pushvalue(L, -2);
        lua_insert(L, -2); // key, key, value
        lua_rawset(L, lib);
    }
    lua_pop(L, 1); // the module's table
}

} // namespace

void push_lib(lua_State* L, const CalendarsByName* calendars) {
    luaL_checkstack(L, 8, "stdlib");
    lua_newtable(L);
    const int lib = lua_gettop(L);
    luaL_setfuncs(L, detail::text_functions, 0);
    luaL_setfuncs(L, detail::money_functions, 0);
    // The calendars reach the business-time functions as an upvalue, not as a global.
    lua_pushlightuserdata(L, const_cast<CalendarsByName*>(calendars));
    luaL_setfuncs(L, detail::calendar_functions, 1);
    for (const auto& module : embedded::lua_modules) {
        if (!module.name.empty()) {
            merge_module(L, lib, module);
        }
    }
}

} // namespace millwright::stdlib
