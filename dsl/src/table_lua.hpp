// The Lua text of decision tables (see table_lua.cpp): a row of the local array that holds a
// table, and the loop that `classify with` runs over it. Codegen places them in the chunk.
#pragma once

#include "millwright/dsl/ast.hpp"

#include <string>
#include <vector>

namespace millwright::dsl::detail {

/// One row of a checked table as a Lua table constructor: per input the set of values the row
/// accepts (the input left out for `-`; `not a` written as the values left over), then the
/// outputs as strings: `{ category = { electrical = true }, team = "electricians" }`.
std::string table_row_lua(const ast::DecisionTable& table, const ast::TableRow& row);

/// The Lua names a lookup uses, all chosen by codegen so that nothing collides.
struct TableLookupNames {
    std::string table;                ///< the local holding the rows
    std::string index;                ///< the loop counter
    std::string row;                  ///< the current row
    std::vector<std::string> inputs;  ///< the value of each input, in input order
    std::vector<std::string> targets; ///< the variable of each output, in output order
};

/// The loop of `classify with` and the `rt.set` of each output, one statement per line: a
/// `first` or `unique` table stops at the first row that matches (the checker guarantees one
/// does); a `collect` table appends the outputs of every matching row to the targets, which
/// the caller has set to empty tables.
std::vector<std::string> table_lookup_lua(const ast::DecisionTable& table,
                                          const TableLookupNames& names);

} // namespace millwright::dsl::detail
