// The standard definitions (see standard.hpp). They are parsed once from their own source and
// copied into each file that asks for them, with every span moved to the line that asked:
// spans index the file's own SourceSet, and the standard text is not part of it.
#include "standard.hpp"

#include "millwright/dsl/compile.hpp"

namespace millwright::dsl::detail {

namespace {

/// The standard program, parsed once. Its text is tested to compile without a diagnostic.
const ast::Program& standard_program() {
    static const ast::Program program = [] {
        SourceSet sources;
        const SourceId id = sources.add("standard.mw", standard_text());
        DiagnosticList diagnostics;
        return parse(sources, id, diagnostics);
    }();
    return program;
}

void move(ast::Identifier& identifier, SourceSpan to) {
    identifier.span = to;
}

ast::PriorityLevels moved(ast::PriorityLevels levels, SourceSpan to) {
    levels.span = to;
    for (auto& level : levels.levels) {
        level.span = to;
        move(level.name, to);
    }
    return levels;
}

ast::Matrix moved(ast::Matrix matrix, SourceSpan to) {
    matrix.span = to;
    matrix.end_span = to;
    move(matrix.name, to);
    for (auto& axis : matrix.axes) {
        axis.span = to;
        move(axis.name, to);
        for (auto& value : axis.values) {
            move(value, to);
        }
    }
    for (auto& columns : matrix.columns) {
        columns.span = to;
        move(columns.axis, to);
        for (auto& value : columns.values) {
            move(value, to);
        }
    }
    for (auto& row : matrix.rows) {
        row.span = to;
        for (auto& key : row.key) {
            move(key.axis, to);
            move(key.value, to);
        }
        for (auto& cell : row.cells) {
            move(cell, to);
        }
    }
    return matrix;
}

ast::Calendar moved(ast::Calendar calendar, SourceSpan to) {
    calendar.span = to;
    calendar.zone_span = to;
    move(calendar.name, to);
    for (auto& hours : calendar.hours) {
        hours.span = to;
        for (auto& shift : hours.shift_spans) {
            shift = to;
        }
    }
    for (auto& holiday : calendar.holidays) {
        holiday.second = to;
    }
    for (auto& rule : calendar.yearly) {
        rule.span = to;
    }
    for (auto& closure : calendar.closures) {
        closure.span = to;
        closure.times_span = to;
    }
    calendar.standard = true;
    return calendar;
}

bool asks_for_standard(const ast::PriorityLevels& line) {
    return line.levels.size() == 1 && line.levels[0].name.name == "standard" &&
           line.levels[0].title.empty();
}

} // namespace

const std::string& standard_text() {
    static const std::string text =
        R"(# The standard definitions, included by `priorities standard`.
priorities P1 "Critical", P2 "High", P3 "Medium", P4 "Low"

# Impact (how much is affected) by urgency (how soon it hurts).
matrix standard_priority(impact: high | medium | low, urgency: high | medium | low)
                 urgency: high  medium  low
  impact high:            P1    P2      P3
  impact medium:          P2    P3      P4
  impact low:             P3    P4      P4
end

# Open every hour of every day (24x7): business time on it is plain clock time.
calendar around_the_clock "24x7" in "UTC"
  every day 00:00-24:00
end
)";
    return text;
}

void include_standard(ast::Program& program) {
    if (program.priority_levels.empty() || !asks_for_standard(program.priority_levels.front())) {
        return;
    }
    const SourceSpan at = program.priority_levels.front().span;
    const ast::Program& standard = standard_program();
    program.priority_levels.front() = moved(standard.priority_levels.front(), at);
    for (const auto& matrix : standard.matrices) {
        program.matrices.push_back(moved(matrix, at));
    }
    for (const auto& calendar : standard.calendars) {
        program.calendars.push_back(moved(calendar, at));
    }
}

} // namespace millwright::dsl::detail
