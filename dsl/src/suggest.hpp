// "did you mean ...?" suggestions for names that are not in scope (internal to the dsl).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::dsl {

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two adjacent characters each cost one (`feild` -> `field` is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "did you mean `x`?" for the candidate closest to `name`, when it is at most 2 edits away or
/// at most a third of the name's length (and fewer edits than the name is long, so `id` is
/// never "corrected" to `at`); ties go to the earlier candidate. Empty when none is close.
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates);

/// The names quoted and joined for a hint: "`a`", "`a` or `b`", "`a`, `b` or `c`".
std::string quoted_list(const std::vector<std::string>& names);

} // namespace millwright::dsl
