// Name checks: unknown and duplicate fields, states, handlers and workflows, reserved names,
// unknown builtins, each reported once with its position, message and hint.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

using millwright::dsl::testing::compile_text;
using millwright::dsl::testing::workflow;

namespace {

const char* const two_states = "  states new (initial), done (final)\n";

} // namespace

TEST_CASE("unknown field in requires suggests the closest field", "[dsl][check]") {
    auto result = compile_text(workflow("  field notes : text\n" + std::string(two_states) +
                                        "  on finish: new -> done requires notez\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0201"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "4:35");
    CHECK(diagnostic.message == "unknown field `notez`");
    CHECK(diagnostic.hint == "did you mean `notes`?");
    CHECK(result->workflows.empty());
}

TEST_CASE("unknown field without a close name has no hint", "[dsl][check]") {
    auto result = compile_text(workflow("  field notes : text\n" + std::string(two_states) +
                                        "  on finish: new -> done, set technician = \"x\"\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0201"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "4:31");
    CHECK(result->diagnostics.items()[0].hint.empty());
}

TEST_CASE("unknown state in a transition suggests the closest state", "[dsl][check]") {
    auto result = compile_text(workflow("  states new (initial), in_progress, done (final)\n"
                                        "  on start: new -> in_progres\n"
                                        "  on finish: in_progress -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0202"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "3:20");
    CHECK(diagnostic.message == "unknown state `in_progres`");
    CHECK(diagnostic.hint == "did you mean `in_progress`?");
}

TEST_CASE("unknown states are reported in sources, except lists and hooks", "[dsl][check]") {
    auto result =
        compile_text(workflow(std::string(two_states) + "  on finish: nw -> done\n"
                                                        "  on cancel: any except dne -> done\n"
                                                        "  on enter dones: note \"x\"\n"));
    CHECK(result->codes() == std::vector<std::string>{"E0202", "E0202", "E0202"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "3:14");
    CHECK(result->where(result->diagnostics.items()[1].span) == "4:25");
    CHECK(result->where(result->diagnostics.items()[2].span) == "5:12");
    CHECK(result->diagnostics.items()[2].hint == "did you mean `done`?");
}

TEST_CASE("unknown name in an expression is blamed once, not as a type error too", "[dsl][check]") {
    auto result = compile_text(workflow("  field cost : money\n" + std::string(two_states) +
                                        "  on finish: new -> done when cots > 5 and cots < 10\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0203", "E0203"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "4:31");
    CHECK(diagnostic.message == "unknown name `cots`");
    CHECK(diagnostic.hint == "did you mean `cost`?");
}

TEST_CASE("unknown name inside a string interpolation points into the string", "[dsl][check]") {
    auto result = compile_text(workflow("  field asset : text\n" + std::string(two_states) +
                                        "  on finish: new -> done, note \"done: {aset}\"\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0203"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "4:40");
    CHECK(result->diagnostics.items()[0].hint == "did you mean `asset`?");
}

TEST_CASE("duplicate field points at the first declaration", "[dsl][check]") {
    auto result = compile_text(workflow("  field notes : text\n  field notes : number\n" +
                                        std::string(two_states) + "  on finish: new -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0204"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "3:9");
    CHECK(diagnostic.message == "duplicate field `notes`");
    REQUIRE(diagnostic.labels.size() == 1);
    CHECK(result->where(diagnostic.labels[0].span) == "2:9");
    CHECK(diagnostic.labels[0].text == "first declared here");
}

TEST_CASE("duplicate state, handler and workflow each get one error with a label", "[dsl][check]") {
    auto result = compile_text("workflow w\n"
                               "  states new (initial), done (final), new\n"
                               "  on finish: new -> done\n"
                               "  on finish: new -> done\n"
                               "end\n"
                               "workflow w\n"
                               "  states new (initial), done (final)\n"
                               "  on finish: new -> done\n"
                               "end\n");
    REQUIRE(result->codes() == std::vector<std::string>{"E0207", "E0205", "E0206"});
    const auto& items = result->diagnostics.items();
    CHECK(result->where(items[0].span) == "6:10");
    CHECK(result->where(items[0].labels.at(0).span) == "1:10");
    CHECK(items[0].message == "duplicate workflow `w`");
    CHECK(result->where(items[1].span) == "2:39");
    CHECK(result->where(items[1].labels.at(0).span) == "2:10");
    CHECK(items[1].message == "duplicate state `new`");
    CHECK(result->where(items[2].span) == "4:6");
    CHECK(result->where(items[2].labels.at(0).span) == "3:6");
    CHECK(items[2].message == "duplicate handler for event `finish`");
}

TEST_CASE("unknown builtin function suggests the closest builtin", "[dsl][check]") {
    auto result = compile_text(workflow("  field notes : text\n" + std::string(two_states) +
                                        "  on finish: new -> done when lowr(notes) = \"x\"\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0208"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == "4:31");
    CHECK(diagnostic.message == "unknown function `lowr`");
    CHECK(diagnostic.hint == "did you mean `lower`?");
}

TEST_CASE("a field may not take a builtin value's name", "[dsl][check]") {
    auto result = compile_text(workflow("  field actor : text\n  field now : time\n" +
                                        std::string(two_states) + "  on finish: new -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0209", "E0209"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "2:9");
    CHECK(result->diagnostics.items()[0].message == "field `actor` has the name of a builtin");
    CHECK(result->where(result->diagnostics.items()[1].span) == "3:9");
}

TEST_CASE("requires on a builtin value or a state is E0404, not an unknown field", "[dsl][check]") {
    auto result = compile_text(
        workflow(std::string(two_states) + "  on finish: new -> done requires actor, new\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0404", "E0404"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "3:35");
    CHECK(result->diagnostics.items()[0].message ==
          "`actor` is not a field and cannot be required");
    CHECK(result->where(result->diagnostics.items()[1].span) == "3:42");
}

TEST_CASE("every name error of a file is reported in one run", "[dsl][check]") {
    auto result = compile_text(workflow("  field notes : text\n  field notes : text\n" +
                                        std::string(two_states) +
                                        "  on finish: new -> don requires notez\n"
                                        "  on finish: new -> done, set nots = \"x\"\n"));
    CHECK(result->codes() == std::vector<std::string>{"E0204", "E0206", "E0202", "E0201", "E0201"});
}
