// Checks of decision tables on their own. Inputs are finite (enumerations and bools), so the
// analysis is exact: every combination of input values is tried against every row, up to
// max_table_combinations (beyond it the table is too large to check, an error, since an
// unchecked table could fail at run time). A `first` or `unique` table must be total: a
// combination no row covers is an error, because `classify with` would have nothing to set.
// In a `collect` table it is a warning: the outputs are then empty lists, which may be meant.
// A `unique` table must not have two rows matching one combination; in a `first` table a row
// that is never the first match is a warning. Rows with a wrong shape are reported and left
// out of the analysis, which then stays quiet (the broken row is most likely the gap).
#include "check.hpp"

#include "suggest.hpp"
#include "table_rows.hpp"

#include <cstdint>
#include <map>

namespace millwright::dsl::detail {

namespace {

constexpr std::size_t max_table_combinations = 100000;

/// A zero-length span just after `span`.
SourceSpan after(SourceSpan span) {
    return {span.source, span.end, span.end};
}

std::string layout(const ast::DecisionTable& table) {
    std::string text;
    for (const auto& input : table.inputs) {
        text += (text.empty() ? "" : ", ") + input.name.name + " VALUE";
    }
    return text;
}

std::string outputs_text(const ast::DecisionTable& table) {
    std::string text;
    for (const auto& output : table.outputs) {
        text += (text.empty() ? "" : ", ") + output.name;
    }
    return text;
}

/// "1 input", "2 inputs".
std::string count_of(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::vector<std::string> value_names(const ast::TableInput& input) {
    std::vector<std::string> names;
    for (const auto& value : input.values) {
        names.push_back(value.name);
    }
    return names;
}

/// Reports duplicate inputs, values and outputs; returns whether there were none.
bool check_declaration(const ast::DecisionTable& table, DiagnosticList& diagnostics) {
    const std::size_t errors = diagnostics.error_count();
    std::map<std::string, SourceSpan> names;
    for (const auto& input : table.inputs) {
        if (auto [it, inserted] = names.emplace(input.name.name, input.name.span); !inserted) {
            report_duplicate_of(diagnostics, "input `" + input.name.name + "`", input.name.span,
                                it->second);
        }
        if (input.is_bool) {
            continue;
        }
        std::map<std::string, SourceSpan> values;
        for (const auto& value : input.values) {
            if (auto [it, inserted] = values.emplace(value.name, value.span); !inserted) {
                report_duplicate_of(diagnostics,
                                    "value `" + value.name + "` of input `" + input.name.name + "`",
                                    value.span, it->second);
            }
        }
    }
    for (const auto& output : table.outputs) {
        if (auto [it, inserted] = names.emplace(output.name, output.span); !inserted) {
            report_duplicate_of(diagnostics,
                                "name `" + output.name + "` in table `" + table.name.name + "`",
                                output.span, it->second);
        }
    }
    return diagnostics.error_count() == errors;
}

/// Reports what is wrong with a row's shape; returns whether it is right.
bool check_row(const ast::DecisionTable& table, const ast::TableRow& row,
               DiagnosticList& diagnostics) {
    const std::size_t errors = diagnostics.error_count();
    if (row.conditions.size() != table.inputs.size()) {
        const SourceSpan conditions{row.span.source, row.conditions.front().span.begin,
                                    row.conditions.back().span.end};
        diagnostics.report("E0902", conditions,
                           {count_of(row.conditions.size(), "condition"), table.name.name,
                            count_of(table.inputs.size(), "input"), layout(table)});
    } else {
        for (std::size_t i = 0; i < table.inputs.size(); ++i) {
            const ast::TableInput& input = table.inputs[i];
            const ast::TableCondition& condition = row.conditions[i];
            if (condition.input.name != input.name.name) {
                // Once one condition is out of place, the rest of the row usually is too.
                diagnostics.report("E0903", condition.input.span,
                                   {input.name.name, condition.input.name, layout(table)});
                break;
            }
            for (const auto& value : condition.values) {
                if (input_value_index(input, value.name)) {
                    continue;
                }
                std::string remedy = did_you_mean(value.name, value_names(input));
                if (remedy.empty()) {
                    remedy = "the values of `" + input.name.name + "` are " +
                             quoted_list(value_names(input));
                }
                diagnostics.report("E0901", value.span, {value.name, input.name.name, remedy});
            }
        }
    }
    if (row.outputs.size() != table.outputs.size()) {
        const SourceSpan at = row.outputs.size() > table.outputs.size()
                                  ? row.outputs[table.outputs.size()].span
                                  : after(row.outputs.back().span);
        diagnostics.report("E0904", at,
                           {count_of(row.outputs.size(), "output"), table.name.name,
                            count_of(table.outputs.size(), "output"), outputs_text(table)});
    }
    return diagnostics.error_count() == errors;
}

/// The number of input combinations (SIZE_MAX when it does not fit).
std::size_t combinations(const ast::DecisionTable& table) {
    std::size_t count = 1;
    for (const auto& input : table.inputs) {
        const std::size_t values = input.values.size();
        count = values != 0 && count > SIZE_MAX / values ? SIZE_MAX : count * values;
    }
    return count;
}

/// The next combination, like an odometer with the last input fastest; false after the last.
bool advance(const ast::DecisionTable& table, std::vector<std::size_t>& current) {
    for (std::size_t i = current.size(); i-- > 0;) {
        if (++current[i] < table.inputs[i].values.size()) {
            return true;
        }
        current[i] = 0;
    }
    return false;
}

/// The exact analysis: every combination against every row.
void analyse(const ast::DecisionTable& table, const std::vector<ResolvedRow>& rows,
             DiagnosticList& diagnostics) {
    std::vector<std::size_t> current(table.inputs.size(), 0);
    std::size_t gaps = 0;
    std::vector<std::size_t> first_gap;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> overlaps;
    std::vector<bool> chosen(rows.size(), false);
    std::vector<std::optional<std::size_t>> shadowed_by(rows.size());
    std::vector<std::size_t> matching;
    while (true) {
        matching.clear();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (rows[r].matches(current)) {
                matching.push_back(r);
            }
        }
        if (matching.empty()) {
            if (gaps++ == 0) {
                first_gap = current;
            }
        } else {
            chosen[matching.front()] = true;
            for (std::size_t m = 1; m < matching.size(); ++m) {
                if (!shadowed_by[matching[m]]) {
                    shadowed_by[matching[m]] = matching.front();
                }
                if (table.hit == ast::HitPolicy::unique) {
                    overlaps.emplace(std::pair{matching[m], matching[m - 1]}, current);
                }
            }
        }
        if (!advance(table, current)) {
            break;
        }
    }
    if (gaps > 0) {
        const SourceSpan at = table.end_span ? *table.end_span : table.span;
        std::string catch_all;
        for (const auto& input : table.inputs) {
            catch_all += (catch_all.empty() ? "" : ", ") + input.name.name + " -";
        }
        const std::string example = table_combination(table, first_gap);
        if (table.hit == ast::HitPolicy::collect) {
            diagnostics.report("W0901", at, {table.name.name, example, count_of(gaps, "input")});
        } else {
            const std::string remedy =
                gaps == 1 ? "add a row for it"
                          : std::to_string(gaps) + " inputs are not covered: add rows for them";
            diagnostics.report(
                "E0905", at,
                {table.name.name, example,
                 remedy + ", or end with a row `" + catch_all + ": ...` that catches the rest"});
        }
    }
    for (const auto& [pair, example] : overlaps) {
        auto& diagnostic = diagnostics.report("E0906", table.rows[pair.first].span,
                                              {table.name.name, table_combination(table, example)});
        diagnostic.labels.push_back({table.rows[pair.second].span, "also matches"});
    }
    if (table.hit == ast::HitPolicy::first) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (chosen[r]) {
                continue;
            }
            auto& diagnostic = diagnostics.report("W0902", table.rows[r].span, {table.name.name});
            if (shadowed_by[r]) {
                diagnostic.labels.push_back({table.rows[*shadowed_by[r]].span, "chosen instead"});
            }
        }
    }
}

void check_table(const ast::DecisionTable& table, bool complete, DiagnosticList& diagnostics) {
    bool right = check_declaration(table, diagnostics);
    std::vector<ResolvedRow> rows;
    for (const auto& row : table.rows) {
        if (!check_row(table, row, diagnostics)) {
            right = false;
            continue;
        }
        if (auto resolved = resolve_row(table, row)) {
            rows.push_back(std::move(*resolved));
        }
    }
    if (!right || !complete || table.inputs.empty()) {
        return;
    }
    if (const std::size_t count = combinations(table); count > max_table_combinations) {
        diagnostics.report(
            "E0907", table.name.span,
            {table.name.name, std::to_string(count), std::to_string(max_table_combinations)});
        return;
    }
    analyse(table, rows, diagnostics);
}

} // namespace

void check_tables(const ProgramScope& program, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> names;
    for (const auto& table : program.program().tables) {
        if (auto [it, inserted] = names.emplace(table.name.name, table.name.span); !inserted) {
            report_duplicate_of(diagnostics, "table `" + table.name.name + "`", table.name.span,
                                it->second);
        }
    }
    for (const auto& table : program.program().tables) {
        check_table(table, program.is_complete(), diagnostics);
    }
}

} // namespace millwright::dsl::detail
