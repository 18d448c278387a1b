// Text builtins and to_text, called from Lua as generated code calls them: exact results,
// argument errors phrased like Lua's, the input cap, and contains against a simple oracle.
#include "stdlib/lua_fixture.hpp"

#include "millwright/stdlib/register.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using millwright::test::StdlibLua;

TEST_CASE("length counts the bytes of a text or the items of a list", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.length('hello')") == "5");
    CHECK(lua.eval("lib.length('')") == "0");
    CHECK(lua.eval("lib.length('\\u{e9}')") == "2");
    CHECK(lua.eval("lib.length({'a', 'b', 'c'})") == "3");
    CHECK(lua.eval("lib.length({})") == "0");
    CHECK(lua.eval("lib.length(nil)") ==
          "error: bad argument #1 to 'length' (string or table expected, got nil)");
    CHECK(lua.eval("lib.length(12)") ==
          "error: bad argument #1 to 'length' (string or table expected, got number)");
    lua.set_text("big", std::string(millwright::stdlib::max_text_bytes * 2, 'x'));
    CHECK(lua.eval("lib.length(big)") == "131072");
}

TEST_CASE("lower and upper map ASCII letters only", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.lower('MiXeD Case 42')") == "\"mixed case 42\"");
    CHECK(lua.eval("lib.upper('MiXeD Case 42')") == "\"MIXED CASE 42\"");
    CHECK(lua.eval("lib.lower('\\u{c9}T\\u{c9}')") == "\"\u00c9t\u00c9\"");
    CHECK(lua.eval("lib.upper('')") == "\"\"");
    CHECK(lua.eval("lib.lower(nil)") ==
          "error: bad argument #1 to 'lower' (string expected, got nil)");
    CHECK(lua.eval("lib.upper(true)") ==
          "error: bad argument #1 to 'upper' (string expected, got boolean)");
}

TEST_CASE("trim removes leading and trailing white space", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.trim('  \\t a b \\r\\n')") == "\"a b\"");
    CHECK(lua.eval("lib.trim('ab')") == "\"ab\"");
    CHECK(lua.eval("lib.trim('   ')") == "\"\"");
    CHECK(lua.eval("lib.trim('')") == "\"\"");
    CHECK(lua.eval("lib.trim(1)") ==
          "error: bad argument #1 to 'trim' (string expected, got number)");
}

TEST_CASE("contains finds a part anywhere in a text", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.contains('hello world', 'o w')") == "true");
    CHECK(lua.eval("lib.contains('hello world', 'world!')") == "false");
    CHECK(lua.eval("lib.contains('abc', '')") == "true");
    CHECK(lua.eval("lib.contains('', 'a')") == "false");
    CHECK(lua.eval("lib.contains('a.c', '.')") == "true"); // no pattern characters
    CHECK(lua.eval("lib.contains('abc', '.')") == "false");
    CHECK(lua.eval("lib.contains('abc', nil)") ==
          "error: bad argument #2 to 'contains' (string expected, got nil)");
    CHECK(lua.eval("lib.contains(nil, 'a')") ==
          "error: bad argument #1 to 'contains' (string expected, got nil)");
    CHECK(lua.eval("lib.contains(12, '1')") ==
          "error: bad argument #1 to 'contains' (string expected, got number)");
    CHECK(lua.eval("lib.contains('abc')") ==
          "error: bad argument #2 to 'contains' (string expected, got no value)");
}

TEST_CASE("a builtin named in a tail call still names itself", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("(function() return lib.contains('x', nil) end)()") ==
          "error: bad argument #2 to 'contains' (string expected, got nil)");
}

TEST_CASE("text arguments are capped at max_text_bytes", "[stdlib][text]") {
    StdlibLua lua;
    const std::size_t cap = millwright::stdlib::max_text_bytes;
    lua.set_text("at_cap", std::string(cap - 1, 'a') + "b");
    lua.set_text("over_cap", std::string(cap + 1, 'a'));
    CHECK(lua.eval("lib.contains(at_cap, 'ab')") == "true");
    CHECK(lua.eval("lib.contains(over_cap, 'a')") ==
          "error: bad argument #1 to 'contains' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.contains('a', over_cap)") ==
          "error: bad argument #2 to 'contains' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.lower(over_cap)") ==
          "error: bad argument #1 to 'lower' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.upper(over_cap)") ==
          "error: bad argument #1 to 'upper' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.trim(over_cap)") ==
          "error: bad argument #1 to 'trim' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.starts_with(over_cap, 'a')") ==
          "error: bad argument #1 to 'starts_with' (text longer than 65536 bytes)");
    CHECK(lua.eval("lib.length(lib.upper(at_cap))") == "65536");
}

TEST_CASE("contains on worst-case long inputs matches a plain search", "[stdlib][text]") {
    StdlibLua lua;
    const std::size_t cap = millwright::stdlib::max_text_bytes;
    // A periodic text and parts that almost match everywhere: quadratic for a naive search.
    lua.set_text("text", std::string(cap - 1, 'a') + "b");
    lua.set_text("found", std::string(cap / 2, 'a') + "b");
    lua.set_text("missing", std::string(cap / 2, 'a') + "c");
    CHECK(lua.eval("lib.contains(text, found)") == "true");
    CHECK(lua.eval("lib.contains(text, missing)") == "false");

    std::mt19937 random(20261122);
    std::uniform_int_distribution<int> letter(0, 1);
    std::uniform_int_distribution<std::size_t> size(0, 80);
    for (int i = 0; i < 300; ++i) {
        std::string haystack(size(random) * 4, 'a');
        std::string needle(size(random), 'a');
        for (char& c : haystack) {
            c = static_cast<char>('a' + letter(random));
        }
        for (char& c : needle) {
            c = static_cast<char>('a' + letter(random));
        }
        lua.set_text("haystack", haystack);
        lua.set_text("needle", needle);
        const bool expected = haystack.find(needle) != std::string::npos;
        INFO(haystack << " / " << needle);
        REQUIRE(lua.eval("lib.contains(haystack, needle)") == (expected ? "true" : "false"));
    }
}

TEST_CASE("starts_with checks a prefix", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.starts_with('work order', 'work')") == "true");
    CHECK(lua.eval("lib.starts_with('work', 'work order')") == "false");
    CHECK(lua.eval("lib.starts_with('work', '')") == "true");
    CHECK(lua.eval("lib.starts_with('work', 'ork')") == "false");
    CHECK(lua.eval("lib.starts_with('work', 1)") ==
          "error: bad argument #2 to 'starts_with' (string expected, got number)");
}

TEST_CASE("to_text formats each kind of value", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.to_text(125050, 'money')") == "\"1250.50\"");
    CHECK(lua.eval("lib.to_text(-5, 'money')") == "\"-0.05\"");
    CHECK(lua.eval("lib.to_text(16200000, 'duration')") == "\"4h30m\"");
    CHECK(lua.eval("lib.to_text(90000, 'duration')") == "\"1m30s\"");
    CHECK(lua.eval("lib.to_text(1795341600000, 'time')") == "\"2026-11-22T10:00:00Z\"");
    CHECK(lua.eval("lib.to_text(20779, 'date')") == "\"2026-11-22\"");
    CHECK(lua.eval("lib.to_text(3, 'number')") == "\"3\"");
    CHECK(lua.eval("lib.to_text(3.0, 'number')") == "\"3\"");
    CHECK(lua.eval("lib.to_text(2.5, 'number')") == "\"2.5\"");
    CHECK(lua.eval("lib.to_text(0.1 + 0.2, 'number')") == "\"0.30000000000000004\"");
    CHECK(lua.eval("lib.to_text(true, 'bool')") == "\"true\"");
    CHECK(lua.eval("lib.to_text(false, 'boolean')") == "\"false\"");
    CHECK(lua.eval("lib.to_text('as is', 'text')") == "\"as is\"");
    CHECK(lua.eval("lib.to_text('P1', 'enumeration')") == "\"P1\"");
    CHECK(lua.eval("lib.to_text(1.0, 'money')") == "\"0.01\"");
}

TEST_CASE("to_text refuses a value of the wrong type or an unknown kind", "[stdlib][text]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.to_text(nil, 'money')") ==
          "error: bad argument #1 to 'to_text' (number expected, got nil)");
    CHECK(lua.eval("lib.to_text(1.5, 'money')") ==
          "error: bad argument #1 to 'to_text' (number has no integer representation)");
    CHECK(lua.eval("lib.to_text('4h', 'duration')") ==
          "error: bad argument #1 to 'to_text' (number expected, got string)");
    CHECK(lua.eval("lib.to_text(1, 'text')") ==
          "error: bad argument #1 to 'to_text' (string expected, got number)");
    CHECK(lua.eval("lib.to_text(1, 'bool')") ==
          "error: bad argument #1 to 'to_text' (boolean expected, got number)");
    CHECK(lua.eval("lib.to_text(1, 'colour')") ==
          "error: bad argument #2 to 'to_text' (unknown kind 'colour')");
    CHECK(lua.eval("lib.to_text(1)") ==
          "error: bad argument #2 to 'to_text' (string expected, got no value)");
}

TEST_CASE("includes tells whether a list holds a value", "[stdlib][list]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.includes({'a', 'b'}, 'b')") == "true");
    CHECK(lua.eval("lib.includes({'a', 'b'}, 'c')") == "false");
    CHECK(lua.eval("lib.includes({}, 'a')") == "false");
    CHECK(lua.eval("lib.includes({1, 2}, 2.0)") == "true");
    CHECK(lua.eval("lib.includes(nil, 'a')") ==
          "error: bad argument #1 to 'includes' (table expected, got nil)");
}
