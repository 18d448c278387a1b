// Money arithmetic: decimal factors, rounding half away from zero, range and argument errors,
// both on the C++ functions and through the builtins money_mul and money_div.
#include "millwright/stdlib/money.hpp"

#include "stdlib/lua_fixture.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace millwright::stdlib;
using millwright::test::StdlibLua;

namespace {
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

bool same(const std::optional<Decimal>& decimal, std::int64_t mantissa, int exponent) {
    return decimal && decimal->mantissa == mantissa && decimal->exponent == exponent;
}
} // namespace

TEST_CASE("a factor is taken at its shortest decimal value", "[stdlib][money]") {
    CHECK(same(to_decimal(0.15), 15, -2));
    CHECK(same(to_decimal(-2.5), -25, -1));
    CHECK(same(to_decimal(3.0), 3, 0));
    CHECK(same(to_decimal(1e21), 1, 21));
    CHECK(same(to_decimal(1.0 / 3.0), 3333333333333333, -16));
    CHECK(same(to_decimal(0.0), 0, 0));
    CHECK_FALSE(to_decimal(std::numeric_limits<double>::infinity()).has_value());
    CHECK_FALSE(to_decimal(std::numeric_limits<double>::quiet_NaN()).has_value());
}

TEST_CASE("multiplying money rounds half away from zero", "[stdlib][money]") {
    CHECK(multiply_money(1000, {3, 0}) == 3000);
    CHECK(multiply_money(1000, {15, -2}) == 150);
    CHECK(multiply_money(10, {15, -2}) == 2);   // 1.5 -> 2
    CHECK(multiply_money(-10, {15, -2}) == -2); // -1.5 -> -2
    CHECK(multiply_money(333, {5, -1}) == 167); // 166.5 -> 167
    CHECK(multiply_money(14, {1, -1}) == 1);    // 1.4 -> 1
    CHECK(multiply_money(1, {1, -300}) == 0);
    CHECK(multiply_money(0, {1, 300}) == 0);
    CHECK(multiply_money(int64_min, {1, 0}) == int64_min);
    CHECK_FALSE(multiply_money(int64_min, {-1, 0}).has_value());
    CHECK_FALSE(multiply_money(int64_max, {2, 0}).has_value());
    CHECK_FALSE(multiply_money(1, {1, 19}).has_value());
    CHECK(multiply_money(int64_max, {1, 0}) == int64_max);
}

TEST_CASE("dividing money rounds half away from zero", "[stdlib][money]") {
    CHECK(divide_money(1000, {3, 0}) == 333);
    CHECK(divide_money(2000, {3, 0}) == 667);
    CHECK(divide_money(-2000, {3, 0}) == -667);
    CHECK(divide_money(5, {2, 0}) == 3);   // 2.5 -> 3
    CHECK(divide_money(-5, {2, 0}) == -3); // -2.5 -> -3
    CHECK(divide_money(5, {-2, 0}) == -3);
    CHECK(divide_money(100, {5, -1}) == 200);
    CHECK(divide_money(1, {1, 300}) == 0);
    CHECK(divide_money(0, {1, -300}) == 0);
    CHECK_FALSE(divide_money(1, {0, 0}).has_value());
    CHECK_FALSE(divide_money(1, {1, -300}).has_value());
    CHECK_FALSE(divide_money(int64_max, {5, -1}).has_value());
    CHECK_FALSE(divide_money(int64_min, {-1, 0}).has_value());
}

TEST_CASE("money_mul and money_div work on cents from Lua", "[stdlib][money]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.money_mul(1000, 3)") == "3000");
    CHECK(lua.eval("lib.money_mul(1000, 0.15)") == "150");
    CHECK(lua.eval("lib.money_mul(10, 0.15)") == "2");
    CHECK(lua.eval("lib.money_mul(5, 0.1)") == "1");
    CHECK(lua.eval("lib.money_mul(-5, 0.1)") == "-1");
    CHECK(lua.eval("lib.money_mul(100.0, 2)") == "200");
    CHECK(lua.eval("lib.money_mul(9223372036854775807, 1.0)") == "9223372036854775807");
    CHECK(lua.eval("lib.money_div(1000, 3)") == "333");
    CHECK(lua.eval("lib.money_div(2000, 3)") == "667");
    CHECK(lua.eval("lib.money_div(5, 2)") == "3");
    CHECK(lua.eval("lib.money_div(-5, 2)") == "-3");
    CHECK(lua.eval("lib.money_div(100, 0.5)") == "200");
}

TEST_CASE("money builtins report bad arguments, division by zero and overflow", "[stdlib][money]") {
    StdlibLua lua;
    CHECK(lua.eval("lib.money_div(1, 0)") == "error: money_div: division by zero");
    CHECK(lua.eval("lib.money_div(1, 0.0)") == "error: money_div: division by zero");
    CHECK(lua.eval("lib.money_div(1, -0.0)") == "error: money_div: division by zero");
    CHECK(lua.eval("lib.money_mul(9223372036854775807, 2)") ==
          "error: money_mul: result out of range");
    CHECK(lua.eval("lib.money_div(1, 1e-300)") == "error: money_div: result out of range");
    CHECK(lua.eval("lib.money_mul('1', 2)") ==
          "error: bad argument #1 to 'money_mul' (number expected, got string)");
    CHECK(lua.eval("lib.money_mul(1.5, 2)") ==
          "error: bad argument #1 to 'money_mul' (number has no integer representation)");
    CHECK(lua.eval("lib.money_mul(1, nil)") ==
          "error: bad argument #2 to 'money_mul' (number expected, got nil)");
    CHECK(lua.eval("lib.money_mul(1, 1/0)") ==
          "error: bad argument #2 to 'money_mul' (number is not finite)");
    CHECK(lua.eval("lib.money_div(1, 0/0)") ==
          "error: bad argument #2 to 'money_div' (number is not finite)");
}
