// A decision table's rows resolved to sets of input values: what the checker enumerates and
// what codegen writes into the chunk. `-` is "any value", `not a | b` the values left over,
// so every condition becomes the plain set of values it accepts.
#pragma once

#include "millwright/dsl/ast.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace millwright::dsl::detail {

/// One row: per input, which of its values (in declared order) the row accepts, and whether
/// the condition was `-`.
struct ResolvedRow {
    std::vector<std::vector<bool>> accepts;
    std::vector<bool> any;

    bool matches(const std::vector<std::size_t>& value_indexes) const {
        for (std::size_t i = 0; i < accepts.size(); ++i) {
            if (!accepts[i][value_indexes[i]]) {
                return false;
            }
        }
        return true;
    }
};

/// The index of `value` among the input's values.
std::optional<std::size_t> input_value_index(const ast::TableInput& input,
                                             const std::string& value);

/// The row resolved against the table's inputs; nullopt when its shape is wrong (a condition
/// count or input name that does not match, or a value that is not on its input), which the
/// checker reports.
std::optional<ResolvedRow> resolve_row(const ast::DecisionTable& table, const ast::TableRow& row);

/// "category = hvac, impact = low" for one value index per input.
std::string table_combination(const ast::DecisionTable& table,
                              const std::vector<std::size_t>& value_indexes);

} // namespace millwright::dsl::detail
