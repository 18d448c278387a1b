// Hostile chunks run directly in a State, as a codegen bug would produce them: nothing
// outside the allowlist is reachable, bytecode is refused, runaway loops and memory bombs are
// stopped with the right FailureKind and message, errors point at the definition line, and the
// same State keeps serving afterwards with a balanced stack.
#include "lua/state.hpp"
#include "lua_bridge.hpp"

#include "millwright/dsl/builtins.hpp"
#include "millwright/stdlib/register.hpp"

#include <catch2/catch.hpp>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

using millwright::lua::Failure;
using millwright::lua::FailureKind;
using millwright::lua::Limits;
using millwright::lua::StackGuard;
using millwright::lua::State;

namespace {

/// What running a chunk gave: a failure, or its first result rendered as text.
struct Outcome {
    std::optional<Failure> failure;
    std::string result;
};

std::string render(lua_State* L, int index) {
    switch (lua_type(L, index)) {
    case LUA_TSTRING:
        return "\"" + std::string(lua_tostring(L, index)) + "\"";
    case LUA_TNUMBER:
    case LUA_TBOOLEAN:
    case LUA_TNIL: {
        std::string text = luaL_tolstring(L, index, nullptr);
        lua_pop(L, 1);
        return text;
    }
    default:
        return luaL_typename(L, index);
    }
}

/// Loads `code` as chunk "x.mw.lua" and calls it with the values pushed by `push_args`.
template <class PushArgs>
Outcome run_with(State& state, const std::string& code, PushArgs push_args,
                 const std::string& chunk = "x.mw.lua") {
    lua_State* L = state.get();
    const int top = lua_gettop(L);
    Outcome outcome;
    if (auto failure = state.load(code, chunk)) {
        outcome.failure = std::move(failure);
    } else {
        const int nargs = push_args(L);
        outcome.failure = state.call(nargs, 1);
        if (!outcome.failure) {
            outcome.result = render(L, -1);
            lua_pop(L, 1);
        }
    }
    REQUIRE(lua_gettop(L) == top); // balanced after success and failure alike
    return outcome;
}

Outcome run(State& state, const std::string& code) {
    return run_with(state, code, [](lua_State*) { return 0; });
}

/// Runs `code` and requires it to succeed; returns the rendered result.
std::string value_of(State& state, const std::string& code) {
    const Outcome outcome = run(state, code);
    if (outcome.failure) {
        FAIL("unexpected failure: " << outcome.failure->message);
    }
    return outcome.result;
}

/// The State still serves after a failure: a fresh chunk computes correctly.
void require_still_serving(State& state) {
    CHECK(value_of(state, "local n = 0 for i = 1, 100 do n = n + i end return n") == "5050");
}

// A C function that catches errors with lua_pcall, as an engine callback might: the sticky
// budget and memory cap must still end the call once control returns to Lua.
int last_protected_status = -1;

int protect(lua_State* L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    last_protected_status = lua_pcall(L, 0, 0, 0);
    lua_pushinteger(L, last_protected_status);
    return 1;
}

void install_protect(State& state) {
    lua_pushcfunction(state.get(), &protect);
    lua_setglobal(state.get(), "protect");
}

} // namespace

TEST_CASE("forbidden libraries and functions are absent", "[engine][sandbox]") {
    State state;
    for (const char* name :
         {"io",         "os",           "debug",        "package",      "require",
          "load",       "loadstring",   "dofile",       "loadfile",     "collectgarbage",
          "getmetatable", "setmetatable", "rawset",     "rawget",       "rawlen",
          "rawequal",   "pairs",        "next",         "pcall",        "xpcall",
          "print",      "tostring",     "tonumber",     "select",       "assert",
          "warn",       "coroutine",    "_G",           "_VERSION",     "module",
          "unpack",     "string",       "table",        "math",         "utf8"}) {
        INFO(name);
        CHECK(value_of(state, std::string("return ") + name + " == nil") == "true");
    }
}

TEST_CASE("the allowed functions work", "[engine][sandbox]") {
    State state;
    CHECK(value_of(state, "local n = 0 for _, v in ipairs({4, 5}) do n = n + v end return n") ==
          "9");
    CHECK(value_of(state, "return type('12') .. type(ipairs)") == "\"stringfunction\"");
    const Outcome raised = run(state, "error('stop here', 0)");
    REQUIRE(raised.failure);
    CHECK(raised.failure->message == "stop here");
    // The core language needs no library: concatenation, length, arithmetic, comparison.
    CHECK(value_of(state, "return #('abc' .. 1) + 2 ^ 2 + (('a' < 'b') and 1 or 0)") == "9.0");
}

TEST_CASE("strings have no metatable, so a method call cannot reach a library",
          "[engine][sandbox]") {
    State state;
    for (const char* code : {"return ('x'):rep(5)", "return ('x'):upper()", "return ('x').len",
                             "return ('x'):reverse()"}) {
        INFO(code);
        const Outcome outcome = run(state, code);
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::runtime);
        CHECK(outcome.failure->message.rfind("attempt to index a string value", 0) == 0);
        CHECK(outcome.failure->chunk == "x.mw.lua");
        CHECK(outcome.failure->line == 1);
    }
    require_still_serving(state);
}

TEST_CASE("what a chunk can reach is exactly the allowlist", "[engine][sandbox]") {
    // Everything Lua code can touch without a library: the globals, the `rt` and `lib` tables
    // a definition chunk is given, and the metatables of every kind of value (getmetatable is
    // withheld, but metamethods run implicitly). Walked from those roots through every table
    // field and metatable, the functions found must be exactly these; anything Lua or a builtin
    // module adds shows up here first. (issue 13)
    State state;
    lua_State* L = state.get();
    const int top = lua_gettop(L);
    std::set<std::string> expected{"error", "ipairs", "type"};
    for (const char* name :
         {"set", "notify", "notify_role", "assign", "assign_role", "note", "reserve"}) {
        expected.insert(std::string("rt.") + name);
    }
    for (const auto& builtin : millwright::dsl::builtins()) {
        expected.insert("lib." + builtin.runtime_name);
    }

    std::set<std::string> reachable;
    std::set<const void*> seen;
    // Collects the functions reachable from the value on top of the stack (popped), named by
    // their path from the root.
    std::function<void(const std::string&)> walk = [&](const std::string& path) {
        const int type = lua_type(L, -1);
        if (type == LUA_TFUNCTION) {
            reachable.insert(path);
        }
        if (lua_getmetatable(L, -1) != 0) {
            walk(path + "<metatable>");
        }
        if (type == LUA_TTABLE && seen.insert(lua_topointer(L, -1)).second) {
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                REQUIRE(lua_type(L, -2) == LUA_TSTRING);
                const std::string key = lua_tostring(L, -2);
                walk(path.empty() ? key : path + "." + key);
            }
        }
        lua_pop(L, 1);
    };
    lua_pushglobaltable(L);
    walk("");
    millwright::detail::push_runtime_table(L, nullptr);
    walk("rt");
    millwright::stdlib::push_lib(L);
    walk("lib");
    // Every kind of value a chunk can make, for its metatable.
    lua_pushliteral(L, "text");
    walk("<string>");
    lua_pushinteger(L, 1);
    walk("<number>");
    lua_pushboolean(L, 1);
    walk("<boolean>");
    lua_pushnil(L);
    walk("<nil>");
    lua_newtable(L);
    walk("<table>");
    CHECK(lua_gettop(L) == top);
    CHECK(reachable == expected);
}

TEST_CASE("a sandbox environment holds fresh copies of the allowed globals", "[engine][sandbox]") {
    State state;
    const auto with_env = [&state](const std::string& code) {
        return run_with(state, code, [](lua_State*) { return 0; });
    };
    // A chunk whose _ENV is a new sandbox environment: set its first upvalue.
    const auto run_in_env = [&state](const std::string& code) {
        lua_State* L = state.get();
        REQUIRE_FALSE(state.load(code, "env.mw.lua"));
        state.push_sandbox_env();
        REQUIRE(lua_setupvalue(L, -2, 1) != nullptr);
        auto failure = state.call(0, 1);
        std::string result = failure ? "error: " + failure->message : render(L, -1);
        if (!failure) {
            lua_pop(L, 1);
        }
        return result;
    };
    const int top = lua_gettop(state.get());
    CHECK(run_in_env("return io == nil and load == nil and pcall == nil and string == nil "
                     "and getmetatable == nil and _G == nil") == "true");
    CHECK(run_in_env("return type(ipairs) .. type(error)") == "\"functionfunction\"");
    // What one environment changes, another never sees, nor do the state's globals.
    CHECK(run_in_env("type = nil; shared = 1; return shared") == "1");
    CHECK(run_in_env("return (type ~= nil and 'true' or 'false') .. (shared == nil and 'nil' or '')") ==
          "\"truenil\"");
    CHECK(with_env("return type('b')").result == "\"string\"");
    CHECK(lua_gettop(state.get()) == top);
}

TEST_CASE("a binary chunk is refused by load", "[engine][sandbox]") {
    // Produce real bytecode in a separate, unsandboxed state (test only).
    lua_State* raw = luaL_newstate();
    luaL_openlibs(raw);
    REQUIRE(luaL_dostring(raw, "return string.dump(function() return 42 end)") == LUA_OK);
    std::size_t size = 0;
    const char* bytes = lua_tolstring(raw, -1, &size);
    const std::string bytecode(bytes, size);
    lua_close(raw);
    REQUIRE(bytecode.starts_with(LUA_SIGNATURE));

    State state;
    const int top = lua_gettop(state.get());
    const auto failure = state.load(bytecode, "bin.mw.lua");
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::syntax);
    CHECK(failure->message == "attempt to load a binary chunk (mode is 't')");
    CHECK(failure->chunk == "bin.mw.lua");
    CHECK(failure->line == 0);
    CHECK(lua_gettop(state.get()) == top);
    require_still_serving(state);
}

TEST_CASE("a syntax error names chunk and line", "[engine][sandbox]") {
    State state;
    const Outcome outcome = run(state, "local a = 1\nlocal b = = 2\n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::syntax);
    CHECK(outcome.failure->message == "unexpected symbol near '='");
    CHECK(outcome.failure->chunk == "x.mw.lua");
    CHECK(outcome.failure->line == 2);
}

TEST_CASE("an endless loop is stopped by the instruction budget", "[engine][sandbox]") {
    State state;
    const Outcome outcome = run(state, "local n = 0\nwhile true do\n  n = n + 1\nend\n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::budget);
    CHECK(outcome.failure->message == "instruction budget exceeded (1000000 instructions)");
    CHECK(outcome.failure->chunk == "x.mw.lua");
    CHECK(outcome.failure->line >= 2);
    CHECK(outcome.failure->line <= 4);
    require_still_serving(state);
}

TEST_CASE("each call gets a fresh instruction budget", "[engine][sandbox]") {
    Limits limits;
    limits.instructions_per_call = 20'000;
    State state(limits);
    // About 4 instructions per iteration: well inside the budget, each time.
    const std::string code = "local n = 0 for i = 1, 3000 do n = n + i end return n";
    for (int i = 0; i < 5; ++i) {
        CHECK(value_of(state, code) == "4501500");
    }
    const Outcome outcome = run(state, "local n = 0 for i = 1, 30000 do n = n + i end return n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::budget);
    CHECK(outcome.failure->message == "instruction budget exceeded (20000 instructions)");
    CHECK(value_of(state, code) == "4501500");
}

TEST_CASE("a caught budget error still ends the call", "[engine][sandbox]") {
    State state;
    CHECK(value_of(state, "return pcall == nil and xpcall == nil") == "true");
    install_protect(state);

    SECTION("a loop after the protected loop") {
        last_protected_status = -1;
        const Outcome outcome =
            run(state, "protect(function() while true do end end)\nwhile true do end\n");
        CHECK(last_protected_status == LUA_ERRRUN);
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::budget);
        CHECK(outcome.failure->message == "instruction budget exceeded (1000000 instructions)");
        CHECK(outcome.failure->chunk == "x.mw.lua");
        CHECK(outcome.failure->line == 2);
    }
    SECTION("a plain return after the protected loop") {
        last_protected_status = -1;
        const Outcome outcome =
            run(state, "local status = protect(function() while true do end end)\n"
                       "return 'escaped with ' .. status\n");
        CHECK(last_protected_status == LUA_ERRRUN);
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::budget);
        CHECK(outcome.failure->line == 2);
    }
    require_still_serving(state);
}

TEST_CASE("memory bombs are stopped by the memory cap", "[engine][sandbox]") {
    Limits limits;
    limits.memory_bytes = 4u * 1024u * 1024u;
    limits.instructions_per_call = 100'000'000;
    State state(limits);
    const std::size_t baseline = state.memory_in_use();
    CHECK(baseline < limits.memory_bytes / 8);

    SECTION("table growth") {
        const Outcome outcome = run(state, "local t = {}\nfor i = 1, 1e9 do t[i] = i end\n");
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::memory);
        CHECK(outcome.failure->message == "memory limit exceeded (4194304 bytes)");
        CHECK(outcome.failure->chunk == "x.mw.lua");
        CHECK(outcome.failure->line == 2);
    }
    SECTION("string doubling") {
        const Outcome outcome = run(state, "local s = 'x'\nwhile true do s = s .. s end\n");
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::memory);
        CHECK(outcome.failure->message == "memory limit exceeded (4194304 bytes)");
        CHECK(outcome.failure->chunk == "x.mw.lua");
        CHECK(outcome.failure->line == 2);
        CHECK(outcome.failure->traceback == "x.mw.lua:2: in main chunk");
    }
    SECTION("many small tables") {
        const Outcome outcome =
            run(state, "local all = {}\nwhile true do all[#all + 1] = {1, 2, 3} end\n");
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::memory);
    }
    SECTION("a caught memory error still ends the call") {
        install_protect(state);
        last_protected_status = -1;
        const Outcome outcome =
            run(state, "protect(function() local s = 'x' while true do s = s .. s end end)\n"
                       "local n = 0\nwhile true do n = n + 1 end\n");
        CHECK(last_protected_status == LUA_ERRMEM);
        REQUIRE(outcome.failure);
        CHECK(outcome.failure->kind == FailureKind::memory);
        CHECK(outcome.failure->message == "memory limit exceeded (4194304 bytes)");
        CHECK(outcome.failure->chunk == "x.mw.lua");
        CHECK(outcome.failure->line == 3);
    }
    // The garbage is collected and the cap reopened: the engine keeps serving.
    CHECK(state.memory_in_use() < limits.memory_bytes / 4);
    require_still_serving(state);
    CHECK(value_of(state, "local t = {} for i = 1, 10000 do t[i] = i end return #t") == "10000");
}

TEST_CASE("a runtime error names the definition line and a definition-only traceback",
          "[engine][sandbox]") {
    State state;
    const Outcome outcome = run(state, "local function total(x)\n"
                                       "  return x + missing_value\n"
                                       "end\n"
                                       "local result = total(1)\n"
                                       "return result\n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::runtime);
    CHECK(outcome.failure->message ==
          "attempt to perform arithmetic on a nil value (global 'missing_value')");
    CHECK(outcome.failure->chunk == "x.mw.lua");
    CHECK(outcome.failure->line == 2);
    CHECK(outcome.failure->traceback ==
          "x.mw.lua:2: in function 'total'\nx.mw.lua:4: in main chunk");
    require_still_serving(state);
}

TEST_CASE("error() messages lose their location prefix", "[engine][sandbox]") {
    State state;
    Outcome outcome = run(state, "local a = 1\nerror('boom')\n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::runtime);
    CHECK(outcome.failure->message == "boom");
    CHECK(outcome.failure->line == 2);

    outcome = run(state, "error('plain', 0)");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->message == "plain");
    CHECK(outcome.failure->line == 1);

    outcome = run(state, "error({})");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->message == "(error object is a table value)");

    outcome = run(state, "error(42)");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->message == "42");
}

TEST_CASE("builtin errors point at the definition line, stdlib frames hidden",
          "[engine][sandbox]") {
    State state;
    const auto with_lib = [](lua_State* L) {
        millwright::stdlib::push_lib(L);
        return 1;
    };
    Outcome outcome =
        run_with(state, "local lib = ...\n\nreturn lib.contains(nil, 'x')\n", with_lib);
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::runtime);
    CHECK(outcome.failure->message == "bad argument #1 to 'contains' (string expected, got nil)");
    CHECK(outcome.failure->chunk == "x.mw.lua");
    CHECK(outcome.failure->line == 3);
    CHECK(outcome.failure->traceback == "x.mw.lua:3: in main chunk");

    outcome =
        run_with(state, "local lib = ...\nlocal found = lib.includes(nil, 'x')\nreturn found\n",
                 with_lib, "corrective.mw.lua");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->message == "bad argument #1 to 'includes' (table expected, got nil)");
    CHECK(outcome.failure->chunk == "corrective.mw.lua");
    CHECK(outcome.failure->line == 2);
    CHECK(outcome.failure->traceback == "corrective.mw.lua:2: in main chunk");

    CHECK(run_with(state, "local lib = ...\nreturn lib.money_div(1000, 3)", with_lib).result ==
          "333");
}

TEST_CASE("errors outside definition chunks carry no location", "[engine][sandbox]") {
    State state;
    const Outcome outcome = run_with(
        state, "error('from the runtime')", [](lua_State*) { return 0; }, "runtime.lua");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->message == "from the runtime");
    CHECK(outcome.failure->chunk.empty());
    CHECK(outcome.failure->line == 0);
    CHECK(outcome.failure->traceback.empty());
}

TEST_CASE("a C++ exception escaping a C function fails the call, not the State",
          "[engine][sandbox]") {
    State state;
    lua_pushcfunction(state.get(), [](lua_State*) -> int {
        throw std::runtime_error("a builtin without its own guard");
    });
    lua_setglobal(state.get(), "unguarded");
    const Outcome outcome = run(state, "local x = 1\nunguarded()\nreturn x\n");
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->kind == FailureKind::runtime);
    CHECK(outcome.failure->message == "a builtin threw a C++ exception");
    require_still_serving(state);
}

TEST_CASE("the stack stays balanced across calls and failures", "[engine][sandbox]") {
    State state;
    lua_State* L = state.get();
    lua_pushliteral(L, "sentinel");
    const int top = lua_gettop(L);
    {
        StackGuard guard(L);
        for (const char* code : {"return 1", "error('x')", "while true do end", "return 1, 2"}) {
            REQUIRE_FALSE(state.load(code, "x.mw.lua"));
            lua_pushinteger(L, 7); // an argument
            const auto failure = state.call(1, LUA_MULTRET);
            if (!failure) {
                lua_settop(L, top);
            }
            REQUIRE(lua_gettop(L) == top);
        }
    }
    CHECK(std::string(lua_tostring(L, -1)) == "sentinel");
    lua_pop(L, 1);
}

TEST_CASE("a State refuses to open under an impossible memory cap", "[engine][sandbox]") {
    Limits limits;
    limits.memory_bytes = 1024;
    CHECK_THROWS(State(limits));
}
