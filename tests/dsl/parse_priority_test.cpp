// The parser on priorities, matrices and workflow priority lines: AST shapes and spans, the
// block structure of `matrix ... end`, and recovery (a forgotten `end`, an orphan `but`, words
// that stay usable as names).
#include "millwright/dsl/compile.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace millwright::dsl;

namespace {

struct Parsed {
    SourceSet sources;
    DiagnosticList diagnostics;
    ast::Program program;

    explicit Parsed(std::string text) {
        const SourceId id = sources.add("test.mw", std::move(text));
        program = parse(sources, id, diagnostics);
    }

    std::string_view text(SourceSpan span) const { return sources.text_of(span); }

    std::vector<std::string> positions() const {
        std::vector<std::string> out;
        for (const auto& d : diagnostics.items()) {
            const LineColumn at = sources.get(d.span.source).locate(d.span.begin);
            out.push_back(d.code + " " + std::to_string(at.line) + ":" + std::to_string(at.column));
        }
        return out;
    }
};

const char* const program_text = R"(priorities P1 "Critical", P2 "High",
           P3, P4 "Low"

matrix facility_priority(impact: high | medium | low, urgency: high | low)
                 urgency: high  low
  impact high:            P1    P2     # a comment
  impact medium:          P2    P3
  impact low:             P3    P4
end

workflow w
  field impact  : high | medium | low = medium
  field urgency : high | low = low
  field category : plumbing | electrical = plumbing
  priority = facility_priority(impact, urgency)
    but P1 when category = electrical and impact = high   # always critical
    but P2 when urgency = high
  states new (initial)
end
)";

} // namespace

TEST_CASE("priorities list levels in order with optional titles", "[dsl][parse]") {
    const Parsed p(program_text);
    REQUIRE(p.diagnostics.empty());
    REQUIRE(p.program.priority_levels.size() == 1);
    const auto& levels = p.program.priority_levels[0].levels;
    REQUIRE(levels.size() == 4);
    CHECK(levels[0].name.name == "P1");
    CHECK(levels[0].title == "Critical");
    CHECK(levels[2].name.name == "P3");
    CHECK(levels[2].title.empty());
    CHECK(levels[3].title == "Low");
    CHECK(p.text(levels[3].span) == "P4 \"Low\"");
}

TEST_CASE("a matrix keeps its axes, header row and rows with spans", "[dsl][parse]") {
    const Parsed p(program_text);
    REQUIRE(p.program.matrices.size() == 1);
    const ast::Matrix& m = p.program.matrices[0];
    CHECK(m.name.name == "facility_priority");
    REQUIRE(m.axes.size() == 2);
    CHECK(m.axes[0].name.name == "impact");
    REQUIRE(m.axes[0].values.size() == 3);
    CHECK(m.axes[0].values[2].name == "low");
    CHECK(m.axes[1].values.size() == 2);
    REQUIRE(m.columns.size() == 1);
    CHECK(m.columns[0].axis.name == "urgency");
    CHECK(m.columns[0].values.size() == 2);
    REQUIRE(m.rows.size() == 3);
    CHECK(m.rows[0].key.size() == 1);
    CHECK(m.rows[0].key[0].axis.name == "impact");
    CHECK(m.rows[0].key[0].value.name == "high");
    REQUIRE(m.rows[0].cells.size() == 2);
    CHECK(m.rows[0].cells[1].name == "P2");
    CHECK(p.text(m.rows[0].span) == "impact high:            P1    P2");
    REQUIRE(m.end_span);
    CHECK(p.text(*m.end_span) == "end");
    CHECK(p.program.workflows.size() == 1);
}

TEST_CASE("a workflow's priority line takes the overrides below it", "[dsl][parse]") {
    const Parsed p(program_text);
    const ast::Workflow& w = p.program.workflows.at(0);
    REQUIRE(w.priorities.size() == 1);
    const ast::PriorityClause& clause = w.priorities[0];
    CHECK(clause.from_matrix);
    CHECK(clause.matrix.name == "facility_priority");
    REQUIRE(clause.arguments.size() == 2);
    CHECK(clause.arguments[1].name == "urgency");
    CHECK(p.text(clause.span) == "priority = facility_priority(impact, urgency)");
    REQUIRE(clause.overrides.size() == 2);
    CHECK(clause.overrides[0].level.name == "P1");
    CHECK(p.text(clause.overrides[0].span) ==
          "but P1 when category = electrical and impact = high");
    CHECK(p.text(clause.overrides[0].guard.span) == "category = electrical and impact = high");
    CHECK(clause.overrides[1].level.name == "P2");
}

TEST_CASE("a fixed priority level", "[dsl][parse]") {
    const Parsed p("workflow w\n  priority = P3\n  states a (initial)\nend\n");
    REQUIRE(p.diagnostics.empty());
    const auto& clause = p.program.workflows.at(0).priorities.at(0);
    CHECK_FALSE(clause.from_matrix);
    CHECK(clause.level.name == "P3");
}

TEST_CASE("priority, matrix and but stay usable as names", "[dsl][parse]") {
    const Parsed p("workflow w\n"
                   "  field priority : text\n"
                   "  field matrix : text\n"
                   "  states priority (initial), but, matrix\n"
                   "  on go: priority -> but\n"
                   "         but -> matrix\n"
                   "end\n");
    CHECK(p.positions().empty());
    const auto& w = p.program.workflows.at(0);
    CHECK(w.fields.size() == 2);
    CHECK(w.events.at(0).alternatives.size() == 2);
    CHECK(w.priorities.empty());
}

TEST_CASE("a matrix without end is E0106 and the next block still parses", "[dsl][parse]") {
    const Parsed p("priorities P1\n"
                   "matrix m(a: x | y)\n"
                   "  a x: P1\n"
                   "workflow w\n"
                   "  states s (initial)\n"
                   "end\n");
    CHECK(p.positions() == std::vector<std::string>{"E0106 2:1"});
    CHECK(p.diagnostics.items()[0].message == "matrix `m` has no `end`");
    CHECK(p.program.matrices.size() == 1);
    CHECK_FALSE(p.program.matrices[0].end_span);
    CHECK(p.program.workflows.size() == 1);
}

TEST_CASE("a matrix line inside a workflow closes the workflow", "[dsl][parse]") {
    const Parsed p("workflow w\n"
                   "  states s (initial)\n"
                   "matrix m(a: x | y)\n"
                   "  a x: P1\n"
                   "end\n");
    CHECK(p.positions() == std::vector<std::string>{"E0106 1:1"});
    CHECK(p.program.workflows.size() == 1);
    CHECK(p.program.matrices.size() == 1);
}

TEST_CASE("a but line without a priority line above is one E0101", "[dsl][parse]") {
    const Parsed p("workflow w\n"
                   "  states s (initial)\n"
                   "  but P1 when true\n"
                   "  but P2 when true\n"
                   "end\n");
    CHECK(p.positions() == std::vector<std::string>{"E0101 3:3"});
    CHECK(p.diagnostics.items()[0].message ==
          "expected `priority = ...` before `but`, found `but`");
}

TEST_CASE("matrix syntax errors say what was expected", "[dsl][parse]") {
    SECTION("a row without its colon") {
        const Parsed p("matrix m(a: x | y)\n  a x P1\nend\n");
        CHECK(p.positions() == std::vector<std::string>{"E0101 2:7"});
        CHECK(p.diagnostics.items()[0].message == "expected `:`, found `P1`");
    }
    SECTION("axes without values") {
        const Parsed p("matrix m(a, b)\nend\n");
        CHECK(p.positions() == std::vector<std::string>{"E0101 1:11"});
        CHECK(p.diagnostics.items()[0].message ==
              "expected `:` and the values of the axis, found `,`");
        CHECK(p.diagnostics.items()[0].hint ==
              "a matrix is written `matrix NAME(axis: a | b, axis: a | b)`");
    }
    SECTION("an override on the priority line") {
        const Parsed p("workflow w\n  priority = P1 but P2 when true\nend\n");
        CHECK(p.positions() == std::vector<std::string>{"E0101 2:17"});
        CHECK(p.diagnostics.items()[0].hint ==
              "write each override on a line of its own: `but LEVEL when CONDITION`");
    }
    SECTION("an override without when") {
        const Parsed p("workflow w\n  priority = P1\n  but P2 if true\nend\n");
        CHECK(p.positions() == std::vector<std::string>{"E0101 3:10"});
        CHECK(p.diagnostics.items()[0].message == "expected `when`, found `if`");
    }
}
