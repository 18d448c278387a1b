// Resolving decision-table rows to value sets (see table_rows.hpp).
#include "table_rows.hpp"

namespace millwright::dsl::detail {

std::optional<std::size_t> input_value_index(const ast::TableInput& input,
                                             const std::string& value) {
    for (std::size_t i = 0; i < input.values.size(); ++i) {
        if (input.values[i].name == value) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<ResolvedRow> resolve_row(const ast::DecisionTable& table, const ast::TableRow& row) {
    if (row.conditions.size() != table.inputs.size()) {
        return std::nullopt;
    }
    ResolvedRow resolved;
    for (std::size_t i = 0; i < table.inputs.size(); ++i) {
        const ast::TableInput& input = table.inputs[i];
        const ast::TableCondition& condition = row.conditions[i];
        if (condition.input.name != input.name.name) {
            return std::nullopt;
        }
        std::vector<bool> accepts(input.values.size(), condition.any);
        if (!condition.any) {
            std::vector<bool> listed(input.values.size(), false);
            for (const auto& value : condition.values) {
                const auto index = input_value_index(input, value.name);
                if (!index) {
                    return std::nullopt;
                }
                listed[*index] = true;
            }
            for (std::size_t v = 0; v < accepts.size(); ++v) {
                accepts[v] = listed[v] != condition.negated;
            }
        }
        resolved.accepts.push_back(std::move(accepts));
        resolved.any.push_back(condition.any);
    }
    return resolved;
}

std::string table_combination(const ast::DecisionTable& table,
                              const std::vector<std::size_t>& value_indexes) {
    std::string text;
    for (std::size_t i = 0; i < table.inputs.size(); ++i) {
        text += (text.empty() ? "" : ", ") + table.inputs[i].name.name + " = " +
                table.inputs[i].values[value_indexes[i]].name;
    }
    return text;
}

} // namespace millwright::dsl::detail
