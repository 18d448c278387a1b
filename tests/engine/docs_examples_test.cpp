// Every ```mw example in docs/language.md is a complete definition that compiles without
// errors, as nlohmann runs its documentation examples: a reference that drifts from the
// language fails here.
#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Example {
    std::size_t line = 0;
    std::string text;
};

std::vector<Example> mw_blocks(const std::string& path) {
    std::ifstream in(path);
    std::vector<Example> blocks;
    std::string line;
    std::size_t number = 0;
    bool inside = false;
    while (std::getline(in, line)) {
        ++number;
        if (!inside && line.rfind("```mw", 0) == 0) {
            inside = true;
            blocks.push_back({number + 1, ""});
        } else if (inside && line.rfind("```", 0) == 0) {
            inside = false;
        } else if (inside) {
            blocks.back().text += line + "\n";
        }
    }
    return blocks;
}

} // namespace

TEST_CASE("every mw example in the language reference compiles", "[docs]") {
    const auto blocks = mw_blocks(std::string(MILLWRIGHT_SOURCE_DIR) + "/docs/language.md");
    CHECK(blocks.size() >= 10);
    for (const auto& block : blocks) {
        const auto result = millwright::load_string(block.text, "language.md example");
        INFO("docs/language.md example starting at line " << block.line);
        for (const auto& diagnostic : result.diagnostics) {
            INFO(diagnostic.rendered);
        }
        CHECK(result.error_count() == 0);
    }
}
