// The Lua text of decision tables (see table_lua.hpp).
#include "table_lua.hpp"

#include "lua_text.hpp"
#include "table_rows.hpp"

namespace millwright::dsl::detail {

std::string table_row_lua(const ast::DecisionTable& table, const ast::TableRow& row) {
    const auto resolved = resolve_row(table, row);
    std::string fields;
    for (std::size_t n = 0; resolved && n < table.inputs.size(); ++n) {
        if (resolved->any[n]) {
            continue;
        }
        const ast::TableInput& input = table.inputs[n];
        std::string values;
        for (std::size_t v = 0; v < input.values.size(); ++v) {
            if (!resolved->accepts[n][v]) {
                continue;
            }
            const std::string& value = input.values[v].name;
            const std::string key = input.is_bool ? "[" + value + "]" : lua_key(value);
            values += (values.empty() ? "" : ", ") + key + " = true";
        }
        fields += (fields.empty() ? "" : ", ") + lua_key(input.name.name) +
                  (values.empty() ? " = {}" : " = { " + values + " }");
    }
    for (std::size_t n = 0; n < table.outputs.size() && n < row.outputs.size(); ++n) {
        fields += (fields.empty() ? "" : ", ") + lua_key(table.outputs[n].name) + " = " +
                  lua_string(row.outputs[n].text);
    }
    return "{ " + fields + " }";
}

std::vector<std::string> table_lookup_lua(const ast::DecisionTable& table,
                                          const TableLookupNames& names) {
    const bool collect = table.hit == ast::HitPolicy::collect;
    std::string test;
    for (std::size_t n = 0; n < table.inputs.size(); ++n) {
        const std::string cell = names.row + lua_index(table.inputs[n].name.name);
        test += (test.empty() ? "" : " and ") + std::string("(") + cell + " == nil or " + cell +
                "[" + names.inputs[n] + "])";
    }
    std::vector<std::string> lines;
    lines.push_back("for " + names.index + " = 1, #" + names.table + " do");
    lines.push_back("  local " + names.row + " = " + names.table + "[" + names.index + "]");
    lines.push_back("  if " + test + " then");
    for (std::size_t n = 0; n < table.outputs.size(); ++n) {
        const std::string& target = names.targets[n];
        const std::string value = names.row + lua_index(table.outputs[n].name);
        lines.push_back(collect ? "    " + target + "[#" + target + " + 1] = " + value
                                : "    " + target + " = " + value);
    }
    if (!collect) {
        lines.push_back("    break");
    }
    lines.push_back("  end");
    lines.push_back("end");
    for (std::size_t n = 0; n < table.outputs.size(); ++n) {
        lines.push_back("rt.set(" + lua_string(table.outputs[n].name) + ", " + names.targets[n] +
                        ")");
    }
    return lines;
}

} // namespace millwright::dsl::detail
