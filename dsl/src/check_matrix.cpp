// Checks of the definitions a program shares: its `priorities` line and its matrices. A matrix
// must be total and unambiguous, so that a lookup never fails at run time: every combination
// of axis values has exactly one cell, and every cell is a declared level. Each hole is
// reported where the missing cell belongs (the end of a short row, the end of the header row,
// or the matrix's `end` for a missing row), with the combination it lacks. A row whose label
// is wrong is reported once for its label; the missing-row check then stays quiet, because
// that row is most likely the one that looks missing.
#include "check.hpp"

#include "suggest.hpp"

#include <algorithm>
#include <map>

namespace millwright::dsl::detail {

namespace {

/// A zero-length span just after `span`: where something missing should be written.
SourceSpan after(SourceSpan span) {
    return {span.source, span.end, span.end};
}

std::optional<std::size_t> value_index(const ast::MatrixAxis& axis, std::string_view value) {
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
        if (axis.values[i].name == value) {
            return i;
        }
    }
    return std::nullopt;
}

std::vector<std::string> value_names(const ast::MatrixAxis& axis) {
    std::vector<std::string> names;
    for (const auto& value : axis.values) {
        names.push_back(value.name);
    }
    return names;
}

/// E0503 for a value that is not on its axis.
void report_value(const ast::MatrixAxis& axis, const ast::Identifier& value,
                  DiagnosticList& diagnostics) {
    std::string remedy = did_you_mean(value.name, value_names(axis));
    if (remedy.empty()) {
        remedy = "the values of `" + axis.name.name + "` are " + quoted_list(value_names(axis));
    }
    diagnostics.report("E0503", value.span, {value.name, axis.name.name, remedy});
}

/// The span of a row's label, `impact high` (without the colon).
SourceSpan label_span(const ast::MatrixRow& row) {
    return {row.span.source, row.key.front().axis.span.begin, row.key.back().value.span.end};
}

std::string row_label(const ast::MatrixRow& row) {
    std::string text;
    for (const auto& key : row.key) {
        text += (text.empty() ? "" : ", ") + key.axis.name + " " + key.value.name;
    }
    return text;
}

/// "impact = high, urgency = low" for the given axis/value pairs.
std::string combination(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string text;
    for (const auto& [axis, value] : pairs) {
        text += (text.empty() ? "" : ", ") + axis + " = " + value;
    }
    return text;
}

void check_levels_line(const ProgramScope& program, DiagnosticList& diagnostics) {
    const auto& lines = program.program().priority_levels;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        report_duplicate_of(diagnostics, "`priorities` line", lines[i].span, lines[0].span);
    }
    if (lines.empty()) {
        return;
    }
    std::map<std::string, SourceSpan> first;
    for (const auto& level : lines[0].levels) {
        auto [it, inserted] = first.emplace(level.name.name, level.name.span);
        if (!inserted) {
            report_duplicate_of(diagnostics, "level `" + level.name.name + "`", level.name.span,
                                it->second);
        }
    }
}

/// The header row's value index per column (nullopt where the value is wrong), after
/// reporting its problems; nullopt when the matrix has no usable header at all.
std::optional<std::vector<std::optional<std::size_t>>> check_header(const ast::Matrix& matrix,
                                                                    DiagnosticList& diagnostics) {
    const ast::MatrixAxis& axis = matrix.axes.back();
    const std::string layout = "`" + axis.name.name + ": " + [&] {
        std::string values;
        for (const auto& value : axis.values) {
            values += (values.empty() ? "" : " ") + value.name;
        }
        return values;
    }() + "`";
    if (matrix.columns.empty()) {
        const SourceSpan at = !matrix.rows.empty() ? matrix.rows.front().span
                              : matrix.end_span    ? *matrix.end_span
                                                   : matrix.span;
        const std::string found = !matrix.rows.empty() ? "a row" : "`end`";
        diagnostics.report("E0101", at,
                           {"the header row " + layout, found,
                            "the header row lists the values of the last axis, `" + axis.name.name +
                                "`, above the rows"});
        return std::nullopt;
    }
    for (std::size_t i = 1; i < matrix.columns.size(); ++i) {
        report_duplicate_of(diagnostics, "header row", matrix.columns[i].span,
                            matrix.columns[0].span);
    }
    const ast::MatrixColumns& header = matrix.columns.front();
    if (header.axis.name != axis.name.name) {
        diagnostics.report("E0504", header.axis.span,
                           {axis.name.name, header.axis.name,
                            "the header row lists the values of the last axis: " + layout});
    }
    std::vector<std::optional<std::size_t>> columns;
    std::map<std::string, SourceSpan> seen;
    for (const auto& value : header.values) {
        auto index = value_index(axis, value.name);
        if (!index) {
            report_value(axis, value, diagnostics);
        } else if (auto [it, inserted] = seen.emplace(value.name, value.span); !inserted) {
            report_duplicate_of(diagnostics, "column `" + value.name + "`", value.span, it->second);
            index.reset();
        }
        columns.push_back(index);
    }
    for (const auto& value : axis.values) {
        if (seen.count(value.name) == 0 && value_index(axis, value.name)) {
            diagnostics.report(
                "E0501", after(header.span),
                {matrix.name.name, axis.name.name + " = " + value.name,
                 "add `" + value.name + "` to the header row, and a level for it in every row"});
        }
    }
    return columns;
}

/// Checks one row's label against the row axes; returns its value indexes when it is right.
std::optional<std::vector<std::size_t>> check_row_key(const ast::Matrix& matrix,
                                                      const ast::MatrixRow& row,
                                                      std::size_t row_axes,
                                                      DiagnosticList& diagnostics) {
    std::vector<std::size_t> indexes;
    bool right = true;
    for (std::size_t i = 0; i < row.key.size(); ++i) {
        const ast::MatrixKey& key = row.key[i];
        if (i >= row_axes) {
            diagnostics.report("E0101", key.axis.span,
                               {"`:`", "`" + key.axis.name + "`",
                                "a row names one value of each axis but the last, whose values "
                                "head the columns"});
            return std::nullopt;
        }
        const ast::MatrixAxis& axis = matrix.axes[i];
        if (key.axis.name != axis.name.name) {
            diagnostics.report("E0504", key.axis.span,
                               {axis.name.name, key.axis.name,
                                "a row starts with the axes in their declared order: `" +
                                    axis.name.name + " VALUE`"});
            right = false;
            continue;
        }
        const auto index = value_index(axis, key.value.name);
        if (!index) {
            report_value(axis, key.value, diagnostics);
            right = false;
            continue;
        }
        indexes.push_back(*index);
    }
    if (row.key.size() < row_axes) {
        const std::string next = matrix.axes[row.key.size()].name.name;
        diagnostics.report("E0101", after(row.key.back().value.span),
                           {"`,` and a value of `" + next + "`", "`:`",
                            "a row names one value of each axis but the last"});
        return std::nullopt;
    }
    if (!right) {
        return std::nullopt;
    }
    return indexes;
}

void check_cells(const ProgramScope& program, const ast::Matrix& matrix, const ast::MatrixRow& row,
                 const std::vector<std::optional<std::size_t>>& columns,
                 DiagnosticList& diagnostics) {
    const bool single_axis = matrix.axes.size() == 1;
    const std::size_t wanted = single_axis ? 1 : columns.size();
    for (std::size_t j = 0; j < row.cells.size(); ++j) {
        if (j >= wanted) {
            diagnostics.report("E0502", row.cells[j].span,
                               {row_label(row), std::to_string(wanted)});
            break;
        }
        check_level(program, row.cells[j], diagnostics);
    }
    if (row.cells.size() >= wanted || row.key.empty()) {
        return;
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& key : row.key) {
        pairs.emplace_back(key.axis.name, key.value.name);
    }
    std::string remedy = "write the level after the `:`";
    if (!single_axis) {
        // The column's value as the header writes it, even when that value is wrong.
        const ast::MatrixAxis& axis = matrix.axes.back();
        pairs.emplace_back(axis.name.name, matrix.columns.front().values[row.cells.size()].name);
        remedy = "write one level per column of the header row (" + std::to_string(wanted) + ")";
    }
    diagnostics.report("E0501", after(row.span), {matrix.name.name, combination(pairs), remedy});
}

/// Every combination of the row axes without a row gets one E0501 at the matrix's `end`.
void check_missing_rows(const ast::Matrix& matrix, std::size_t row_axes,
                        const std::map<std::vector<std::size_t>, SourceSpan>& rows,
                        DiagnosticList& diagnostics) {
    std::vector<std::size_t> current(row_axes, 0);
    const SourceSpan at = matrix.end_span ? *matrix.end_span : matrix.span;
    while (true) {
        if (rows.count(current) == 0) {
            std::vector<std::pair<std::string, std::string>> pairs;
            std::string label;
            for (std::size_t i = 0; i < row_axes; ++i) {
                const auto& axis = matrix.axes[i];
                pairs.emplace_back(axis.name.name, axis.values[current[i]].name);
                label += (label.empty() ? "" : ", ") + axis.name.name + " " +
                         axis.values[current[i]].name;
            }
            diagnostics.report("E0501", at,
                               {matrix.name.name, combination(pairs),
                                "add the row `" + label + ": ...` before `end`"});
        }
        std::size_t axis = row_axes; // advance like an odometer, last axis fastest
        while (true) {
            if (axis == 0) {
                return;
            }
            --axis;
            if (++current[axis] < matrix.axes[axis].values.size()) {
                break;
            }
            current[axis] = 0;
        }
    }
}

/// Reports duplicate axes and values; returns whether there were none.
bool check_axes(const ast::Matrix& matrix, DiagnosticList& diagnostics) {
    const std::size_t errors = diagnostics.error_count();
    std::map<std::string, SourceSpan> axes;
    for (const auto& axis : matrix.axes) {
        if (auto [it, inserted] = axes.emplace(axis.name.name, axis.name.span); !inserted) {
            report_duplicate_of(diagnostics, "axis `" + axis.name.name + "`", axis.name.span,
                                it->second);
        }
        std::map<std::string, SourceSpan> values;
        for (const auto& value : axis.values) {
            if (auto [it, inserted] = values.emplace(value.name, value.span); !inserted) {
                report_duplicate_of(diagnostics,
                                    "value `" + value.name + "` of axis `" + axis.name.name + "`",
                                    value.span, it->second);
            }
        }
    }
    return diagnostics.error_count() == errors;
}

void check_matrix(const ProgramScope& program, const ast::Matrix& matrix,
                  DiagnosticList& diagnostics) {
    // With an axis or a value written twice, the combinations are ambiguous: the rows are
    // still checked, but no row is called missing.
    const bool axes_unique = check_axes(matrix, diagnostics);
    if (matrix.axes.empty()) {
        return;
    }
    const bool single_axis = matrix.axes.size() == 1;
    const std::size_t row_axes = single_axis ? 1 : matrix.axes.size() - 1;
    std::vector<std::optional<std::size_t>> columns;
    if (single_axis) {
        if (!matrix.columns.empty()) {
            diagnostics.report("E0101", matrix.columns.front().span,
                               {"a row `" + matrix.axes[0].name.name + " VALUE: LEVEL`",
                                "a header row", "a matrix over one axis has no header row"});
        }
    } else {
        auto header = check_header(matrix, diagnostics);
        if (!header) {
            return;
        }
        columns = std::move(*header);
    }
    std::map<std::vector<std::size_t>, SourceSpan> rows;
    bool labels_right = true;
    for (const auto& row : matrix.rows) {
        const auto key = check_row_key(matrix, row, row_axes, diagnostics);
        if (!key) {
            labels_right = false;
        } else if (auto [it, inserted] = rows.emplace(*key, label_span(row)); !inserted) {
            report_duplicate_of(diagnostics, "row `" + row_label(row) + "`", label_span(row),
                                it->second);
        }
        check_cells(program, matrix, row, columns, diagnostics);
    }
    const bool axes_have_values =
        std::all_of(matrix.axes.begin(), matrix.axes.end(),
                    [](const auto& axis) { return !axis.values.empty(); });
    // After a syntax error, a row that looks missing may be the broken line.
    if (labels_right && axes_have_values && axes_unique && program.is_complete()) {
        check_missing_rows(matrix, row_axes, rows, diagnostics);
    }
}

} // namespace

void check_matrices(const ProgramScope& program, DiagnosticList& diagnostics) {
    check_levels_line(program, diagnostics);
    const auto& matrices = program.program().matrices;
    std::map<std::string, SourceSpan> names;
    for (const auto& matrix : matrices) {
        if (auto [it, inserted] = names.emplace(matrix.name.name, matrix.name.span); !inserted) {
            report_duplicate_of(diagnostics, "matrix `" + matrix.name.name + "`", matrix.name.span,
                                it->second);
        }
    }
    // Without levels, every cell would be unknown: say once what is missing, at the first
    // place that needs levels.
    if (!program.has_levels()) {
        std::optional<SourceSpan> first;
        auto consider = [&](SourceSpan span) {
            if (!first || span.begin < first->begin) {
                first = span;
            }
        };
        for (const auto& matrix : matrices) {
            consider(matrix.span);
        }
        for (const auto& sla : program.program().slas) {
            consider(sla.span);
        }
        for (const auto& workflow : program.program().workflows) {
            for (const auto& clause : workflow.priorities) {
                consider(clause.span);
            }
        }
        if (first) {
            diagnostics.report("E0507", *first);
        }
    }
    for (const auto& matrix : matrices) {
        check_matrix(program, matrix, diagnostics);
    }
}

} // namespace millwright::dsl::detail
