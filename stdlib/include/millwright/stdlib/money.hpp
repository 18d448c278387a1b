// Money arithmetic on whole cents, as plain C++ (the builtins `money_mul` and `money_div` wrap
// it). A factor is taken at its decimal value, the shortest digits that read back to the same
// double (0.15 is 15 x 10^-2, not 0.1499999...), so a rule that writes `cost * 0.15` rounds the
// way its author computed it by hand. Products are exact in 128-bit integers before rounding.
#pragma once

#include <cstdint>
#include <optional>

namespace millwright::stdlib {

/// A number in decimal form: mantissa x 10^exponent.
struct Decimal {
    std::int64_t mantissa = 0;
    int exponent = 0;
};

/// The decimal form of a finite double with the fewest digits that round-trip; no value for
/// NaN and infinities.
std::optional<Decimal> to_decimal(double value);

/// cents x factor, rounded half away from zero to whole cents; no value when the result is
/// outside the int64 range.
std::optional<std::int64_t> multiply_money(std::int64_t cents, Decimal factor);

/// cents / divisor, rounded half away from zero to whole cents; no value when the divisor is
/// zero or the result is outside the int64 range.
std::optional<std::int64_t> divide_money(std::int64_t cents, Decimal divisor);

} // namespace millwright::stdlib
