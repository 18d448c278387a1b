// Decision-table checks: the shape of every row, gaps (an error for `first` and `unique`, a
// warning for `collect`), overlaps of `unique` rows and rows a `first` table never chooses,
// each with an example input; the size bound; and `classify with` against a workflow's fields.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

const std::string header =
    "table routing(category: plumbing | electrical | hvac, impact: high | low) -> team hit ";

/// A workflow that classifies with `routing`, with the given field lines.
std::string workflow_using(const std::string& fields) {
    return "workflow w\n" + fields + "  states new (initial), triaged\n" +
           "  on triage: new -> triaged, classify with routing\nend\n";
}

const std::string good_fields = "  field category : plumbing | electrical | hvac = hvac\n"
                                "  field impact : high | low = low\n"
                                "  field team : text\n";

} // namespace

TEST_CASE("a total first-hit table and its use compile", "[dsl][check][table]") {
    auto result = compile_text(header + "first\n" +
                               "  category electrical, impact high: electricians_on_call\n"
                               "  category not electrical, impact -: mechanical\n"
                               "  category -, impact -: electricians\n"
                               "end\n" +
                               workflow_using(good_fields));
    CHECK(result->rendered() == "");
    REQUIRE(result->workflows.size() == 1);
}

TEST_CASE("a gap in a first-hit table is E0905 at `end` with an example and a count",
          "[dsl][check][table]") {
    auto result = compile_text(header + "first\n" +
                               "  category electrical, impact -: electricians\n"
                               "  category plumbing, impact high: plumbers\n"
                               "end\n");
    CHECK(result->rendered() ==
          "test.mw:4:1: error: no row of table `routing` covers category = plumbing, impact = "
          "low\n"
          "    4 | end\n"
          "      | ^^^\n"
          "hint: 3 inputs are not covered: add rows for them, or end with a row `category -, "
          "impact -: ...` that catches the rest\n");
}

TEST_CASE("a gap in a collect table is only a warning", "[dsl][check][table]") {
    auto result = compile_text(
        "table trades(category: plumbing | electrical | hvac, urgent: bool) -> trade hit "
        "collect\n"
        "  category electrical, urgent -: electrician\n"
        "  category -, urgent true: supervisor\n"
        "end\n");
    CHECK(result->positions() == std::vector<std::string>{"W0901 4:1"});
    CHECK(result->diagnostics.items()[0].message ==
          "no row of collect table `trades` covers category = plumbing, urgent = false");
    CHECK(result->diagnostics.items()[0].hint ==
          "its outputs are then empty lists (2 inputs in all); add a row if that is not meant");
}

TEST_CASE("overlapping rows of a unique table are E0906, one per pair, with an example",
          "[dsl][check][table]") {
    auto result = compile_text(header + "unique\n" +
                               "  category electrical, impact -: electricians\n"
                               "  category -, impact high: supervisors\n"
                               "  category not electrical, impact low: mechanical\n"
                               "  category hvac | electrical, impact low: hvac_team\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0906 3:3", "E0906 5:3", "E0906 5:3"});
    const auto overlaps = result->with_code("E0906");
    CHECK(overlaps[0].message ==
          "rows of unique table `routing` overlap on category = electrical, impact = high");
    CHECK(result->where(overlaps[0].labels.at(0).span) == "2:3");
    CHECK(overlaps[1].message ==
          "rows of unique table `routing` overlap on category = electrical, impact = low");
    CHECK(result->where(overlaps[1].labels.at(0).span) == "2:3");
    CHECK(overlaps[2].message ==
          "rows of unique table `routing` overlap on category = hvac, impact = low");
    CHECK(result->where(overlaps[2].labels.at(0).span) == "4:3");
}

TEST_CASE("a row a first-hit table never chooses is W0902 with the row chosen instead",
          "[dsl][check][table]") {
    auto result = compile_text(header + "first\n" +
                               "  category -, impact high: supervisors\n"
                               "  category -, impact low: mechanical\n"
                               "  category electrical, impact high: electricians\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"W0902 4:3"});
    CHECK(result->where(result->diagnostics.items()[0].labels.at(0).span) == "2:3");
}

TEST_CASE("row shape errors are reported per row and silence the gap analysis",
          "[dsl][check][table]") {
    auto result = compile_text(header + "first\n" +
                               "  category electrcal, impact -: electricians\n"
                               "  category plumbing: plumbers\n"
                               "  impact high, category hvac: hvac_team\n"
                               "  category hvac, impact true: hvac_team, extra\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0901 2:12", "E0902 3:3", "E0903 4:3",
                                                          "E0901 5:25", "E0904 5:42"});
    CHECK(result->diagnostics.items()[0].hint == "did you mean `electrical`?");
    CHECK(result->diagnostics.items()[1].message ==
          "row has 1 condition, but table `routing` has 2 inputs");
    CHECK(result->diagnostics.items()[3].hint == "the values of `impact` are `high` or `low`");
    CHECK(result->diagnostics.items()[4].message ==
          "row has 2 outputs, but table `routing` has 1 output");
}

TEST_CASE("duplicate inputs, values, outputs and tables are E0506", "[dsl][check][table]") {
    auto result = compile_text("table t(a: x | x, a: y | z) -> a, o, o hit collect\n"
                               "  a x, a y: one, two, three\n"
                               "end\n"
                               "table t(a: x) -> o hit first\n"
                               "  a x: one\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0506 4:7", "E0506 1:16", "E0506 1:19",
                                                          "E0506 1:32", "E0506 1:38"});
    CHECK(result->diagnostics.items()[3].message == "duplicate name `a` in table `t`");
}

TEST_CASE("a table with more than 100000 combinations is E0907", "[dsl][check][table]") {
    std::string inputs;
    std::string row;
    for (char c = 'a'; c <= 'q'; ++c) {
        inputs += std::string(inputs.empty() ? "" : ", ") + c + ": bool";
        row += std::string(row.empty() ? "" : ", ") + c + " -";
    }
    auto result =
        compile_text("table big(" + inputs + ") -> out hit first\n  " + row + ": one\nend\n");
    CHECK(result->positions() == std::vector<std::string>{"E0907 1:7"});
    CHECK(result->diagnostics.items()[0].message ==
          "table `big` has 131072 input combinations, more than the 100000 that can be checked");
    // 16 bools (65536 combinations) are checked exactly.
    auto fits =
        compile_text("table big(" + inputs.substr(0, inputs.rfind(',')) + ") -> out hit first\n  " +
                     row.substr(0, row.rfind(',')) + ": one\nend\n");
    CHECK(fits->rendered() == "");
}

TEST_CASE("classify with checks the fields of the inputs and outputs", "[dsl][check][table]") {
    const std::string table = header + "first\n  category -, impact -: electricians\nend\n";
    SECTION("an unknown table") {
        auto result = compile_text(table + "workflow w\n  states new (initial)\n"
                                           "  on enter new: classify with routin\nend\n");
        CHECK(result->positions() == std::vector<std::string>{"E0908 6:31"});
        CHECK(result->diagnostics.items()[0].hint == "did you mean `routing`?");
    }
    SECTION("missing fields") {
        auto result = compile_text(
            table + workflow_using("  field category : plumbing | electrical | hvac = hvac\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0909 7:44", "E0909 7:44"});
        CHECK(result->diagnostics.items()[0].message ==
              "table `routing` needs a field `impact` for its input");
        CHECK(result->diagnostics.items()[1].message ==
              "table `routing` needs a field `team` for its output");
    }
    SECTION("fields of the wrong type") {
        auto result = compile_text(table + workflow_using("  field category : text = \"x\"\n"
                                                          "  field impact : high | low = low\n"
                                                          "  field team : number\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0910 9:44", "E0910 9:44"});
        CHECK(result->diagnostics.items()[0].hint ==
              "an input takes an enumeration field, and `category` is text");
        CHECK(result->diagnostics.items()[1].hint ==
              "an output is text or an enumeration, and `team` is number");
        CHECK(result->where(result->diagnostics.items()[1].labels.at(0).span) == "7:9");
    }
    SECTION("an enumeration output must hold every value of its column") {
        auto result = compile_text(
            table + workflow_using("  field category : plumbing | electrical | hvac = hvac\n"
                                   "  field impact : high | low = low\n"
                                   "  field team : plumbers | hvac_team\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0910 9:44"});
        CHECK(result->diagnostics.items()[0].hint ==
              "the table gives `electricians`, which is not one of its values");
    }
    SECTION("an input field must always have a value") {
        auto result = compile_text(
            table + workflow_using("  field category : plumbing | electrical | hvac = hvac\n"
                                   "  field impact : high | low\n"
                                   "  field team : text\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0911 9:44"});
    }
    SECTION("a collect table sets list fields") {
        auto result = compile_text(
            "table routing(category: hvac | plumbing) -> team hit collect\n"
            "  category -: mechanical\nend\n" +
            workflow_using("  field category : hvac | plumbing = hvac\n  field team : text\n"));
        CHECK(result->positions() == std::vector<std::string>{"E0910 8:44"});
        CHECK(result->diagnostics.items()[0].hint ==
              "a collect table gives a list per output: declare `team` as `list of text` or a "
              "list of an enumeration");
    }
}

TEST_CASE("`table` and `classify` stay usable as names", "[dsl][parse][table]") {
    auto result = compile_text("workflow w\n"
                               "  field classify : text\n"
                               "  states table (initial), done (final)\n"
                               "  on finish: table -> done, set classify = \"x\"\n"
                               "end\n");
    CHECK(result->rendered() == "");
}
