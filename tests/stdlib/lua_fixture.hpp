// A plain Lua state with the base library and the stdlib table as global `lib`, for calling
// builtins the way generated code does. eval() renders the result so one string comparison
// checks type and value: strings quoted ("\"abc\""), integers bare ("42"), floats as Lua prints
// them ("2.5"), booleans and nil by name, and a failure as "error: <message>".
#pragma once

#include "millwright/stdlib/register.hpp"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <string>

namespace millwright::test {

class StdlibLua {
public:
    /// `calendars` (kept by the caller) are those business-time builtins may name.
    explicit StdlibLua(const millwright::stdlib::CalendarsByName* calendars = nullptr)
        : L_(luaL_newstate()) {
        luaL_requiref(L_, LUA_GNAME, luaopen_base, 1);
        luaL_requiref(L_, LUA_STRLIBNAME, luaopen_string, 1);
        lua_pop(L_, 2);
        millwright::stdlib::push_lib(L_, calendars);
        lua_setglobal(L_, "lib");
    }
    ~StdlibLua() { lua_close(L_); }
    StdlibLua(const StdlibLua&) = delete;
    StdlibLua& operator=(const StdlibLua&) = delete;

    lua_State* get() const { return L_; }

    /// Sets global `name` to a string (for inputs too long to write as a literal).
    void set_text(const char* name, const std::string& text) {
        lua_pushlstring(L_, text.data(), text.size());
        lua_setglobal(L_, name);
    }

    /// Runs `return <expression>` and renders its first result.
    std::string eval(const std::string& expression) {
        const std::string code = "return " + expression;
        const int top = lua_gettop(L_);
        std::string result;
        if (luaL_loadbufferx(L_, code.data(), code.size(), "=eval", "t") != LUA_OK ||
            lua_pcall(L_, 0, 1, 0) != LUA_OK) {
            result = std::string("error: ") + lua_tostring(L_, -1);
        } else {
            result = render(-1);
        }
        lua_settop(L_, top);
        return result;
    }

private:
    std::string render(int index) {
        switch (lua_type(L_, index)) {
        case LUA_TSTRING:
            return "\"" + std::string(lua_tostring(L_, index)) + "\"";
        case LUA_TNUMBER:
        case LUA_TBOOLEAN:
        case LUA_TNIL:
            return luaL_tolstring(L_, index, nullptr);
        default:
            return luaL_typename(L_, index);
        }
    }

    lua_State* L_;
};

} // namespace millwright::test
