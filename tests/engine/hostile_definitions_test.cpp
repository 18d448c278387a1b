// Hostile definitions through the compiler: the DSL has no escape hatch into Lua, so attempts to
// reach Lua's libraries are refused at compile time, and text that looks like Lua stays text.
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>

namespace {

std::string workflow_with(const std::string& line) {
    return "workflow w\n"
           "  field notes : text\n"
           "  states a (initial), b (final)\n"
           "  on go: a -> b\n" +
           line + "\nend\n";
}

std::vector<std::string> codes(const millwright::LoadResult& result) {
    std::vector<std::string> found;
    for (const auto& diagnostic : result.diagnostics) {
        found.push_back(diagnostic.code);
    }
    return found;
}

} // namespace

TEST_CASE("definitions cannot name Lua libraries or functions", "[engine][sandbox][hostile]") {
    const std::vector<std::string> attempts{
        "    set notes = os.execute(\"rm -rf /\")",
        "    set notes = io.open(\"/etc/passwd\")",
        "    note load(\"return 1\")",
        "    note require(\"os\")",
        "    note string.rep(\"x\", 100000000)",
        "    note debug",
        "    note _G",
        "    note rt",
    };
    for (const auto& attempt : attempts) {
        INFO(attempt);
        const auto result = millwright::load_string(workflow_with(attempt), "hostile.mw");
        CHECK_FALSE(result.ok());
        CHECK_FALSE(codes(result).empty());
    }
}

TEST_CASE("text that looks like Lua stays text at run time", "[engine][sandbox][hostile]") {
    const auto result = millwright::load_string(
        workflow_with("    note \"]] os.exit(1) --[[\", set notes = \"\\\")os.exit(1)--\""),
        "hostile.mw");
    for (const auto& diagnostic : result.diagnostics) {
        INFO(diagnostic.rendered);
    }
    REQUIRE(result.ok());
    millwright::Engine engine(result.ruleset);
    const auto& created = engine.handle_line(
        R"({"at":"2026-01-05T08:00:00Z","type":"submit","wo":"W","workflow":"w","by":"x"})", 1);
    REQUIRE(created.ok);
    const auto& went =
        engine.handle_line(R"({"at":"2026-01-05T08:01:00Z","type":"go","wo":"W","by":"x"})", 2);
    REQUIRE(went.ok);
    REQUIRE(went.effects.size() == 1);
    CHECK(went.effects[0].text == "]] os.exit(1) --[[");
    REQUIRE(went.changes.size() == 1);
    CHECK(went.changes[0].value_json == R"("\")os.exit(1)--")");
}
