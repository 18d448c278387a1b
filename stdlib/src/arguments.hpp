// Argument checks for C++ builtins, phrased the way Lua's standard library phrases them
// ("bad argument #2 to 'contains' (string expected, got nil)"). Unlike luaL_argerror, the
// function name is the builtin's own and not taken from the call site, so a tail call
// (`return lib.contains(a, b)`) still names the builtin. Internal to the stdlib.
#pragma once

#include <lauxlib.h>
#include <lua.h>

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace millwright::stdlib::detail {

/// Raises "bad argument #<arg> to '<name>' (<detail>)".
[[noreturn]] inline void argument_error(lua_State* L, int arg, const char* name,
                                        const char* detail) {
    lua_pushfstring(L, "bad argument #%d to '%s' (%s)", arg, name, detail);
    lua_error(L);
    __builtin_unreachable();
}

/// Raises "bad argument #<arg> to '<name>' (<expected> expected, got <type>)".
[[noreturn]] inline void type_error(lua_State* L, int arg, const char* name, const char* expected) {
    const char* detail = lua_pushfstring(L, "%s expected, got %s", expected, luaL_typename(L, arg));
    argument_error(L, arg, name, detail);
}

/// Raises "<name>: <detail>" for a failure that is not one argument's fault.
[[noreturn]] inline void function_error(lua_State* L, const char* name, const char* detail) {
    lua_pushfstring(L, "%s: %s", name, detail);
    lua_error(L);
    __builtin_unreachable();
}

/// A string argument (numbers are not converted), refused above `max_bytes`.
inline std::string_view check_text(lua_State* L, int arg, const char* name, std::size_t max_bytes) {
    if (lua_type(L, arg) != LUA_TSTRING) {
        type_error(L, arg, name, "string");
    }
    std::size_t length = 0;
    const char* text = lua_tolstring(L, arg, &length);
    if (length > max_bytes) {
        const char* detail =
            lua_pushfstring(L, "text longer than %I bytes", static_cast<lua_Integer>(max_bytes));
        argument_error(L, arg, name, detail);
    }
    return {text, length};
}

/// A number argument with an exact integer value.
inline std::int64_t check_integer(lua_State* L, int arg, const char* name) {
    if (lua_type(L, arg) != LUA_TNUMBER) {
        type_error(L, arg, name, "number");
    }
    int exact = 0;
    const lua_Integer value = lua_tointegerx(L, arg, &exact);
    if (!exact) {
        argument_error(L, arg, name, "number has no integer representation");
    }
    return value;
}

/// Runs a builtin's body, turning a C++ exception into a Lua error that names the builtin.
/// Lua's own errors (raised by the checks above) pass through: in the C++ build of Lua they are
/// not std::exceptions.
template <class Body>
int guarded(lua_State* L, const char* name, Body&& body) {
    std::string failure;
    try {
        return body();
    } catch (const std::exception& e) {
        failure = e.what();
    }
    lua_pushfstring(L, "%s: %s", name, failure.c_str());
    return lua_error(L);
}

} // namespace millwright::stdlib::detail
