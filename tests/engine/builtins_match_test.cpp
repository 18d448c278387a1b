// The dsl owns the list of builtins and the stdlib implements it: the keys of `lib` in a fresh
// sandbox must be exactly the runtime names the dsl lists, no more and no fewer.
#include "lua/state.hpp"

#include "millwright/dsl/builtins.hpp"
#include "millwright/stdlib/register.hpp"

#include <catch2/catch.hpp>

#include <lua.h>

#include <set>
#include <string>

TEST_CASE("the stdlib implements exactly the builtins the dsl lists", "[engine][builtins]") {
    millwright::lua::State state;
    lua_State* L = state.get();
    const int top = lua_gettop(L);
    millwright::stdlib::push_lib(L);
    REQUIRE(lua_type(L, -1) == LUA_TTABLE);

    std::set<std::string> implemented;
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        REQUIRE(lua_type(L, -2) == LUA_TSTRING);
        CHECK(lua_type(L, -1) == LUA_TFUNCTION);
        implemented.insert(lua_tostring(L, -2));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    CHECK(lua_gettop(L) == top);

    std::set<std::string> listed;
    for (const auto& builtin : millwright::dsl::builtins()) {
        listed.insert(builtin.runtime_name);
    }
    CHECK(implemented == listed);
}
