// State-machine checks: initial states, final states, `any except`, unreachable states and
// alternatives that can never be taken.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

using millwright::dsl::testing::compile_text;
using millwright::dsl::testing::workflow;

TEST_CASE("a workflow without an initial state is an error at its name", "[dsl][check]") {
    auto result = compile_text(workflow("  states new, done (final)\n"
                                        "  on finish: new -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0401"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "1:10");
    CHECK(result->diagnostics.items()[0].message == "workflow `w` has no initial state");
}

TEST_CASE("several initial states are one error with every further one labelled", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), other (initial), done (final)\n"
                                        "  on finish: new, other -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0402"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "2:15");
    CHECK(diagnostic.message == "workflow `w` has several initial states");
    REQUIRE(diagnostic.labels.size() == 1);
    CHECK(result->where(diagnostic.labels[0].span) == "2:32");
    CHECK(diagnostic.labels[0].text == "also initial");
}

TEST_CASE("a transition may not leave a final state", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), done (final)\n"
                                        "  on finish: new -> done\n"
                                        "  on reopen: done -> new\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0403"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "4:14");
    CHECK(diagnostic.message == "transition out of final state `done`");
    CHECK(diagnostic.labels.at(0).text == "declared final here");
}

TEST_CASE("any never includes final states, so any -> x is fine", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), open, done (final), gone (final)\n"
                                        "  on open: new -> open\n"
                                        "  on finish: open -> done\n"
                                        "  on cancel: any -> gone\n"));
    CHECK(result->rendered() == "");
    REQUIRE(result->workflows.size() == 1);
    const auto& cancel = result->workflows[0].events.at(2).alternatives.at(0);
    CHECK(cancel.from == std::vector<std::size_t>{0, 1});
}

TEST_CASE("any except that excludes every non-final state is an error", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), open, done (final)\n"
                                        "  on open: new -> open\n"
                                        "  on finish: open -> done\n"
                                        "  on cancel: any except new, open -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0405"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "5:14");
}

TEST_CASE("an unreachable state is a warning, and warnings do not stop compilation",
          "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), lost, done (final)\n"
                                        "  on finish: new -> done\n"
                                        "  on found: lost -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"W0101"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(diagnostic.severity == millwright::dsl::Severity::warning);
    CHECK(result->where(diagnostic.span) == "2:25");
    CHECK(diagnostic.message == "state `lost` is unreachable from the initial state `new`");
    CHECK(result->workflows.size() == 1);
}

TEST_CASE("reachability follows guarded transitions and any", "[dsl][check]") {
    auto result = compile_text(workflow("  field ok : bool\n"
                                        "  states new (initial), a, b, done (final)\n"
                                        "  on go: new -> a when ok\n"
                                        "  on jump: any except b -> b\n"
                                        "  on finish: b -> done\n"));
    CHECK(result->rendered() == "");
}

TEST_CASE("an alternative after an unguarded one with the same sources is never taken",
          "[dsl][check]") {
    auto result = compile_text(workflow("  field cost : money\n"
                                        "  states new (initial), open, done (final)\n"
                                        "  on open: new -> open\n"
                                        "  on finish: new, open -> done\n"
                                        "             open -> done when cost > 5\n"
                                        "             new -> open when cost > 9\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"W0102", "W0102"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "6:14");
    CHECK(diagnostic.message == "alternative of `finish` can never be taken");
    REQUIRE(diagnostic.labels.size() == 1);
    CHECK(result->where(diagnostic.labels[0].span) == "5:14");
}

TEST_CASE("an alternative with a source the unguarded one lacks can still be taken",
          "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), open, done (final)\n"
                                        "  on open: new -> open\n"
                                        "  on finish: new -> done\n"
                                        "             new, open -> done\n"));
    CHECK(result->rendered() == "");
}

TEST_CASE("machine checks skip unknown states instead of blaming them again", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), done (final)\n"
                                        "  on finish: new -> done\n"
                                        "  on cancel: any except nope -> dne\n"));
    CHECK(result->codes() == std::vector<std::string>{"E0202", "E0202"});
}

TEST_CASE("after a syntax error, unknown names and missing structure are not blamed again",
          "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial) done (final)\n"
                                        "  on finish: new -> done\n"));
    CHECK(result->codes() == std::vector<std::string>{"E0101"});
    auto unreachable = compile_text(workflow("  field cost  money\n"
                                             "  states new (initial), lost, done (final)\n"
                                             "  on finish: new -> done\n"));
    CHECK(unreachable->codes() == std::vector<std::string>{"E0101"});
    auto unknown = compile_text(workflow("  field cost  money\n"
                                         "  states new (initial), done (final)\n"
                                         "  on finish: new -> done when cost > 5 and ok(cost)\n"));
    CHECK(unknown->codes() == std::vector<std::string>{"E0101", "E0208"});
}
