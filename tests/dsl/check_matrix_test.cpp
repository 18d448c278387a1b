// Matrix and priority-level checks: every hole, extra cell, stray value, wrong axis, unknown
// level and duplicate is reported once, at its own position, with a hint; a complete matrix
// over one, two or three axes is accepted.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

const std::string levels = "priorities P1, P2, P3, P4\n";

/// A 2x2 matrix with the given rows (header `urgency: high low`).
std::string matrix(const std::string& rows, const std::string& header = "urgency: high low") {
    return levels + "matrix m(impact: high | low, urgency: high | low)\n  " + header + "\n" + rows +
           "end\n";
}

} // namespace

TEST_CASE("a complete matrix compiles", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1 P2\n  impact low: P3 P4\n"));
    CHECK(result->rendered() == "");
    REQUIRE(result->program.matrices.size() == 1);
}

TEST_CASE("a short row is E0501 at the end of the row", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1 P2\n  impact low: P3\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0501 5:17"});
    CHECK(result->rendered() ==
          "test.mw:5:17: error: matrix `m` has no cell for impact = low, urgency = low\n"
          "    5 |   impact low: P3\n"
          "      |                 ^\n"
          "hint: write one level per column of the header row (2)\n");
}

TEST_CASE("a missing row is E0501 at end, naming the row to add", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1 P2\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0501 5:1"});
    const auto& d = result->diagnostics.items().at(0);
    CHECK(d.message == "matrix `m` has no cell for impact = low");
    CHECK(d.hint == "add the row `impact low: ...` before `end`");
}

TEST_CASE("a missing header column is E0501 at the end of the header", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1\n  impact low: P3\n", "urgency: high"));
    CHECK(result->positions() == std::vector<std::string>{"E0501 3:16"});
    const auto& d = result->diagnostics.items().at(0);
    CHECK(d.message == "matrix `m` has no cell for urgency = low");
    CHECK(d.hint == "add `low` to the header row, and a level for it in every row");
}

TEST_CASE("an extra cell is E0502 at the first one too many", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1 P2 P3 P4\n  impact low: P3 P4\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0502 4:22"});
    CHECK(result->diagnostics.items()[0].hint ==
          "the header has 2 columns: remove the level, or add its column to the header");
}

TEST_CASE("values outside their axis are E0503 with a suggestion", "[dsl][check][matrix]") {
    auto result = compile_text(
        matrix("  impact high: P1 P2\n  impact lwo: P3 P4\n", "urgency: high low severe"));
    // The stray row label silences the missing-row check: `low` is that row.
    CHECK(result->positions() ==
          std::vector<std::string>{"E0503 3:21", "E0501 4:21", "E0503 5:10", "E0501 5:20"});
    CHECK(result->diagnostics.items()[0].hint == "the values of `urgency` are `high` or `low`");
    CHECK(result->diagnostics.items()[1].message ==
          "matrix `m` has no cell for impact = high, urgency = severe");
    CHECK(result->diagnostics.items()[2].hint == "did you mean `low`?");
}

TEST_CASE("a row or header naming the wrong axis is E0504", "[dsl][check][matrix]") {
    auto result =
        compile_text(matrix("  urgency high: P1 P2\n  impact low: P3 P4\n", "impact: high low"));
    CHECK(result->positions() == std::vector<std::string>{"E0504 3:3", "E0504 4:3"});
    CHECK(result->diagnostics.items()[0].message == "expected axis `urgency`, found `impact`");
    CHECK(result->diagnostics.items()[0].hint ==
          "the header row lists the values of the last axis: `urgency: high low`");
}

TEST_CASE("an unknown level is E0505 with a suggestion", "[dsl][check][matrix]") {
    auto result = compile_text(levels + "matrix m(impact: high | low)\n"
                                        "  impact high: Critical\n"
                                        "  impact low: P5\n"
                                        "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0505 3:16", "E0505 4:15"});
    CHECK(result->diagnostics.items()[0].hint == "the levels are `P1`, `P2`, `P3` or `P4`");
}

TEST_CASE("duplicates are E0506 with a label at the first", "[dsl][check][matrix]") {
    auto result = compile_text("priorities P1, P2, P1\n"
                               "priorities P1\n"
                               "matrix m(impact: high | high, impact: low)\n"
                               "  impact: low\n"
                               "  impact high: P1\n"
                               "  impact high: P2\n"
                               "end\n"
                               "matrix m(a: x)\n"
                               "  a x: P1\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0506 2:1", "E0506 1:20", "E0506 8:8",
                                                          "E0506 3:25", "E0506 3:31", "E0506 6:3"});
    std::vector<std::string> messages;
    for (const auto& d : result->diagnostics.items()) {
        messages.push_back(d.message);
        REQUIRE(d.labels.size() == 1);
        CHECK(d.labels[0].text == "first written here");
    }
    CHECK(messages == std::vector<std::string>{
                          "duplicate `priorities` line", "duplicate level `P1`",
                          "duplicate matrix `m`", "duplicate value `high` of axis `impact`",
                          "duplicate axis `impact`", "duplicate row `impact high`"});
    CHECK(result->where(result->diagnostics.items()[5].labels[0].span) == "5:3");
}

TEST_CASE("without a priorities line, E0507 is reported once", "[dsl][check][matrix]") {
    auto result = compile_text("matrix m(a: x | y)\n"
                               "  a x: P1\n"
                               "  a y: P9\n"
                               "end\n"
                               "workflow w\n"
                               "  priority = P1\n"
                               "  states s (initial)\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0507 1:1"});
}

TEST_CASE("a matrix over two or more axes needs its header row", "[dsl][check][matrix]") {
    auto result = compile_text(levels + "matrix m(impact: high | low, urgency: high | low)\n"
                                        "  impact high: P1 P2\n"
                                        "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0101 3:3"});
    CHECK(result->diagnostics.items()[0].message ==
          "expected the header row `urgency: high low`, found a row");
}

TEST_CASE("a matrix over three axes names two values per row", "[dsl][check][matrix]") {
    const std::string head = levels + "matrix m(site: hq | depot, impact: high | low, "
                                      "urgency: high | low)\n"
                                      "  urgency: high low\n";
    auto complete = compile_text(head + "  site hq, impact high: P1 P2\n"
                                        "  site hq, impact low: P2 P3\n"
                                        "  site depot, impact high: P2 P3\n"
                                        "  site depot, impact low: P3 P4\n"
                                        "end\n");
    CHECK(complete->rendered() == "");
    REQUIRE(complete->program.matrices.size() == 1);
    const auto& model = complete->program.matrices[0];
    CHECK(model.cells == std::vector<std::size_t>{0, 1, 1, 2, 1, 2, 2, 3});
    CHECK(model.cell({1, 0, 1}) == 2);

    auto holes = compile_text(head + "  site hq, impact high: P1 P2\n"
                                     "  site depot: P2 P3\n"
                                     "end\n");
    CHECK(holes->positions() == std::vector<std::string>{"E0101 5:13"});
    CHECK(holes->diagnostics.items()[0].message ==
          "expected `,` and a value of `impact`, found `:`");
}

TEST_CASE("a matrix over one axis has one level per row and no header", "[dsl][check][matrix]") {
    auto good = compile_text(levels + "matrix by_impact(impact: high | low)\n"
                                      "  impact high: P1\n"
                                      "  impact low:  P3\n"
                                      "end\n");
    CHECK(good->rendered() == "");
    CHECK(good->program.matrices.at(0).cells == std::vector<std::size_t>{0, 2});

    auto bad = compile_text(levels + "matrix by_impact(impact: high | low)\n"
                                     "  impact: high low\n"
                                     "  impact high: P1 P2\n"
                                     "  impact low:\n"
                                     "end\n");
    CHECK(bad->positions() == std::vector<std::string>{"E0101 3:3", "E0502 4:19", "E0501 5:14"});
    CHECK(bad->diagnostics.items()[2].hint == "write the level after the `:`");
}

TEST_CASE("the program model carries levels and matrices", "[dsl][check][matrix]") {
    auto result = compile_text("priorities P1 \"Critical\", P2\n"
                               "matrix m(impact: high | low, urgency: high | low)\n"
                               "  urgency: low high\n" // columns in any order
                               "  impact low:  P2 P2\n"
                               "  impact high: P2 P1\n"
                               "end\n");
    CHECK(result->rendered() == "");
    const auto& program = result->program;
    REQUIRE(program.levels.size() == 2);
    CHECK(program.levels[0].name == "P1");
    CHECK(program.levels[0].title == "Critical");
    CHECK(program.levels[1].title.empty());
    const auto& m = program.matrices.at(0);
    CHECK(m.name == "m");
    REQUIRE(m.axes.size() == 2);
    CHECK(m.axes[1].values == std::vector<std::string>{"high", "low"});
    // Row-major over the declared value order: (high, high) (high, low) (low, high) (low, low).
    CHECK(m.cells == std::vector<std::size_t>{0, 1, 1, 1});
    CHECK(result->where(m.span) == "2:1");
}

TEST_CASE("a broken row is not reported again as missing", "[dsl][check][matrix]") {
    auto result = compile_text(matrix("  impact high: P1 P2\n  impact low P3 P4\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0101 5:14"});
}
