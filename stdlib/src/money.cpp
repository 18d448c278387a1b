// Money arithmetic on whole cents and the builtins money_mul and money_div. A factor becomes
// its shortest decimal form first, then every step is exact integer arithmetic in 128 bits,
// with a single rounding (half away from zero) at the end.
#include "millwright/stdlib/money.hpp"

#include "arguments.hpp"
#include "modules.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace millwright::stdlib {

namespace {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

constexpr int128 int64_max = std::numeric_limits<std::int64_t>::max();
constexpr int128 int64_min = std::numeric_limits<std::int64_t>::min();

/// The largest magnitude that can still be multiplied by 10 without overflow (about 1.7e37).
constexpr int128 scalable = static_cast<int128>((static_cast<uint128>(1) << 127) - 1) / 10;

std::optional<std::int64_t> to_int64(int128 value) {
    if (value > int64_max || value < int64_min) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
}

/// n / d rounded half away from zero, for d > 0.
int128 divide_rounded(int128 n, int128 d) {
    int128 quotient = n / d;
    const int128 remainder = n % d;
    const int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
    if (twice >= d) {
        quotient += n < 0 ? -1 : 1;
    }
    return quotient;
}

/// value x 10^power, or no value when that would overflow.
std::optional<int128> scale_up(int128 value, int power) {
    for (int i = 0; i < power && value != 0; ++i) {
        if (value > scalable || value < -scalable) {
            return std::nullopt;
        }
        value *= 10;
    }
    return value;
}

} // namespace

std::optional<Decimal> to_decimal(double value) {
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    if (value == 0) {
        return Decimal{};
    }
    // Shortest round-trip scientific form, e.g. "-1.5e-01": digits, then the exponent.
    std::array<char, 40> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::scientific);
    std::int64_t mantissa = 0;
    int digits_after_point = 0;
    bool after_point = false;
    const char* p = buffer.data();
    const bool negative = *p == '-';
    if (negative) {
        ++p;
    }
    for (; p != result.ptr && *p != 'e'; ++p) {
        if (*p == '.') {
            after_point = true;
            continue;
        }
        mantissa = mantissa * 10 + (*p - '0');
        digits_after_point += after_point ? 1 : 0;
    }
    int exponent = 0;
    if (p != result.ptr) {
        ++p; // 'e'
        if (*p == '+') {
            ++p;
        }
        std::from_chars(p, result.ptr, exponent);
    }
    return Decimal{negative ? -mantissa : mantissa, exponent - digits_after_point};
}

std::optional<std::int64_t> multiply_money(std::int64_t cents, Decimal factor) {
    const int128 product = static_cast<int128>(cents) * factor.mantissa; // |.| < 2^126
    if (factor.exponent >= 0) {
        const auto scaled = scale_up(product, factor.exponent);
        return scaled ? to_int64(*scaled) : std::nullopt;
    }
    if (factor.exponent < -38) {
        return 0; // |product| <= 2^126 < 10^39 / 2: rounds to zero
    }
    const auto divisor = scale_up(1, -factor.exponent);
    return to_int64(divide_rounded(product, *divisor));
}

std::optional<std::int64_t> divide_money(std::int64_t cents, Decimal divisor) {
    if (divisor.mantissa == 0) {
        return std::nullopt;
    }
    int128 numerator = cents;
    int128 denominator = divisor.mantissa;
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    if (divisor.exponent <= 0) {
        const auto scaled = scale_up(numerator, -divisor.exponent);
        if (!scaled) {
            // |numerator| > 1.7e37 while a float's mantissa is below 10^17: out of range.
            return std::nullopt;
        }
        numerator = *scaled;
    } else {
        const auto scaled = scale_up(denominator, divisor.exponent);
        if (!scaled) {
            return 0; // |cents| <= 2^63 is far below half of a denominator > 1.7e37
        }
        denominator = *scaled;
    }
    return to_int64(divide_rounded(numerator, denominator));
}

namespace {

/// A number argument as a Decimal: integers exactly, floats by their shortest digits.
Decimal check_factor(lua_State* L, int arg, const char* name) {
    if (lua_type(L, arg) != LUA_TNUMBER) {
        detail::type_error(L, arg, name, "number");
    }
    if (lua_isinteger(L, arg)) {
        return Decimal{lua_tointeger(L, arg), 0};
    }
    const auto decimal = to_decimal(lua_tonumber(L, arg));
    if (!decimal) {
        detail::argument_error(L, arg, name, "number is not finite");
    }
    return *decimal;
}

int money_mul(lua_State* L) {
    constexpr const char* name = "money_mul";
    return detail::guarded(L, name, [&] {
        const std::int64_t cents = detail::check_integer(L, 1, name);
        const Decimal factor = check_factor(L, 2, name);
        const auto result = multiply_money(cents, factor);
        if (!result) {
            detail::function_error(L, name, "result out of range");
        }
        lua_pushinteger(L, *result);
        return 1;
    });
}

int money_div(lua_State* L) {
    constexpr const char* name = "money_div";
    return detail::guarded(L, name, [&] {
        const std::int64_t cents = detail::check_integer(L, 1, name);
        const Decimal divisor = check_factor(L, 2, name);
        if (divisor.mantissa == 0) {
            detail::function_error(L, name, "division by zero");
        }
        const auto result = divide_money(cents, divisor);
        if (!result) {
            detail::function_error(L, name, "result out of range");
        }
        lua_pushinteger(L, *result);
        return 1;
    });
}

} // namespace

namespace detail {
const luaL_Reg money_functions[] = {
    {"money_mul", money_mul},
    {"money_div", money_div},
    {nullptr, nullptr},
};
} // namespace detail

} // namespace millwright::stdlib
