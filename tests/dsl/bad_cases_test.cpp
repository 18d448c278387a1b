// The bad-case runner: tests/dsl/bad/ holds one minimal broken program per diagnostic code.
// Each file's first line says what compiling it must report first:
//     # expect: E0202 5:12
// and an optional `# limit: max_expression_depth 3` / `# limit: max_source_bytes 64` /
// `# limit: max_list_items 3` line lowers a compile limit, so that the limit codes have small
// cases too. A case marked `# stage: engine` is reported when the engine loads the compiled
// rules (E0108), so tests/engine/trial_load_test.cpp runs it instead. A second test fails for
// every code of the message table without a case, so every message is seen at least once.
#include "millwright/dsl/compile.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace millwright::dsl;

namespace {

struct BadCase {
    std::filesystem::path path;
    std::string text;
    std::string code;     ///< expected code of the first diagnostic
    std::string position; ///< expected "line:col"
    CompileLimits limits;
    bool engine_stage = false; ///< reported by the engine's trial load, not by compile()
};

std::string read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

void apply_limits(BadCase& bad) {
    static const std::regex limit(R"(^# limit: (\w+) (\d+)\s*$)");
    std::istringstream lines(bad.text);
    std::string line;
    while (std::getline(lines, line) && line.starts_with("#")) {
        std::smatch match;
        if (!std::regex_match(line, match, limit)) {
            continue;
        }
        if (match[1] == "max_expression_depth") {
            bad.limits.max_expression_depth = static_cast<unsigned>(std::stoul(match[2]));
        } else if (match[1] == "max_source_bytes") {
            bad.limits.max_source_bytes = std::stoul(match[2]);
        } else if (match[1] == "max_list_items") {
            bad.limits.max_list_items = std::stoul(match[2]);
        }
    }
}

std::vector<BadCase> bad_cases() {
    static const std::regex expect(R"(^# expect: ([EW]\d{4}) (\d+:\d+)\s*$)");
    std::vector<BadCase> cases;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(MILLWRIGHT_TESTS_DIR) / "dsl" / "bad")) {
        if (entry.path().extension() != ".mw") {
            continue;
        }
        BadCase bad;
        bad.path = entry.path();
        bad.text = read(entry.path());
        const std::string first_line = bad.text.substr(0, bad.text.find('\n'));
        std::smatch match;
        if (std::regex_match(first_line, match, expect)) {
            bad.code = match[1];
            bad.position = match[2];
        }
        apply_limits(bad);
        bad.engine_stage = bad.text.find("\n# stage: engine\n") != std::string::npos;
        cases.push_back(std::move(bad));
    }
    std::sort(cases.begin(), cases.end(),
              [](const BadCase& a, const BadCase& b) { return a.path < b.path; });
    return cases;
}

} // namespace

TEST_CASE("every bad case reports its expected code first, at its position", "[dsl][bad]") {
    const std::vector<BadCase> cases = bad_cases();
    REQUIRE_FALSE(cases.empty());
    for (const BadCase& bad : cases) {
        INFO(bad.path.filename().string());
        REQUIRE_FALSE(bad.code.empty()); // the first line must be `# expect: CODE LINE:COL`
        if (bad.engine_stage) {
            continue; // compile() reports nothing: the engine's trial load does
        }
        SourceSet sources;
        const SourceId id = sources.add(bad.path.filename().string(), bad.text);
        DiagnosticList diagnostics;
        (void)compile(sources, id, diagnostics, bad.limits);
        INFO(render_all(diagnostics, sources));
        REQUIRE_FALSE(diagnostics.empty());
        const Diagnostic& first = diagnostics.items().front();
        const LineColumn at = sources.get(id).locate(first.span.begin);
        CHECK(first.code == bad.code);
        CHECK(std::to_string(at.line) + ":" + std::to_string(at.column) == bad.position);
    }
}

TEST_CASE("every diagnostic code has a bad case", "[dsl][bad]") {
    std::map<std::string, int> covered;
    for (const BadCase& bad : bad_cases()) {
        ++covered[bad.code];
    }
    for (const MessageTemplate& row : message_table()) {
        INFO("no tests/dsl/bad/*.mw expects " << row.code);
        CHECK(covered.count(row.code) == 1);
    }
}
