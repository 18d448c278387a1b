// A workflow's `priority =` line: the matrix and its fields (E0508-E0511), levels (E0505),
// overrides (guards are bool, E0302; they read fields only, E0512) and duplicates (E0506).
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

const std::string shared = "priorities P1, P2, P3, P4\n"
                           "matrix m(impact: high | medium | low, urgency: high | low)\n"
                           "  urgency: high low\n"
                           "  impact high:   P1 P2\n"
                           "  impact medium: P2 P3\n"
                           "  impact low:    P3 P4\n"
                           "end\n"; // 7 lines; the workflow starts on line 8

std::string with_workflow(const std::string& body) {
    return shared + "workflow w\n" + body + "  states s (initial)\nend\n";
}

const std::string fields = "  field impact   : high | medium | low = medium\n"
                           "  field urgency  : high | low, required\n"
                           "  field category : plumbing | electrical = plumbing\n"
                           "  field cost     : money = 0\n"; // lines 9-12

} // namespace

TEST_CASE("a matrix priority with overrides compiles", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = m(impact, urgency)\n"
                                                      "    but P1 when category = electrical\n"
                                                      "    but P2 when cost > 1000\n"));
    CHECK(result->rendered() == "");
}

TEST_CASE("an unknown matrix is E0508 with a suggestion", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = mm(impact, urgency)\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0508 13:14"});
    CHECK(result->diagnostics.items()[0].hint == "did you mean `m`?");
}

TEST_CASE("the number of fields must match the axes, E0509", "[dsl][check][priority]") {
    auto result =
        compile_text(with_workflow(fields + "  priority = m(impact, urgency, category)\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0509 13:14"});
    CHECK(result->diagnostics.items()[0].message == "matrix `m` has 2 axes, not 3");
    CHECK(result->diagnostics.items()[0].hint ==
          "give one enumeration field per axis: `m(impact, urgency)`");
}

TEST_CASE("axis fields must be enumerations on the axis, E0510", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = m(cost, category)\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0510 13:16", "E0510 13:22"});
    CHECK(result->diagnostics.items()[0].hint ==
          "an axis takes an enumeration field whose values are all on the axis; `cost` is "
          "money");
    CHECK(result->diagnostics.items()[1].hint ==
          "an axis takes an enumeration field whose values are all on the axis; its value "
          "`plumbing` is not on the axis");
}

TEST_CASE("a field with fewer values than its axis fits", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow("  field impact : high | low = low\n"
                                             "  field urgency : low | high = low\n"
                                             "  priority = m(impact, urgency)\n"));
    CHECK(result->rendered() == "");
}

TEST_CASE("an axis field that may be unset is E0511, and an unknown one E0201",
          "[dsl][check][priority]") {
    auto result = compile_text(with_workflow("  field impact : high | low\n"
                                             "  priority = m(impact, urgncy)\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0511 10:16", "E0201 10:24"});
}

TEST_CASE("levels of fixed priorities and overrides must exist, E0505", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = P5\n"
                                                      "    but Critical when cost > 0\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0505 13:14", "E0505 14:9"});
}

TEST_CASE("an override guard must be bool, E0302", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = P4\n"
                                                      "    but P1 when cost\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0302 14:17"});
}

TEST_CASE("overrides read fields only, E0512", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(
        fields + "  priority = P4\n"
                 "    but P1 when data.cost > 0 or actor = \"x\" or \"{now}\" = \"y\"\n"));
    CHECK(result->positions() ==
          std::vector<std::string>{"E0512 14:17", "E0512 14:34", "E0512 14:49"});
    CHECK(result->diagnostics.items()[1].message ==
          "`actor` cannot be read in a priority override");
}

TEST_CASE("a second priority line is E0506", "[dsl][check][priority]") {
    auto result = compile_text(with_workflow(fields + "  priority = P4\n"
                                                      "  priority = P3\n"));
    CHECK(result->positions() == std::vector<std::string>{"E0506 14:3"});
    CHECK(result->diagnostics.items()[0].message == "duplicate `priority` line");
}
