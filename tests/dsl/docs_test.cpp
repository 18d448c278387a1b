// Documentation examples are tests. Every ```mw example in docs/language.md compiles without a
// diagnostic. docs/diagnostics.md has a section per code of the message table; its example is
// the code's case from tests/dsl/bad/ (without the `# expect:` line), reports that code first,
// and the ```text block below it is exactly what the renderer prints.
// MILLWRIGHT_UPDATE_GOLDEN=1 rewrites those output blocks (review the diff).
#include "millwright/dsl/compile.hpp"
#include "standard.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace millwright::dsl;

namespace {

const std::string docs_dir = MILLWRIGHT_SOURCE_DIR "/docs/";

std::string read(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

/// A fenced block: its language and where its content sits in the document.
struct Block {
    std::string language;
    std::size_t begin = 0; ///< first byte of the content
    std::size_t end = 0;   ///< one past the content (the closing fence's line start)
};

std::vector<Block> fenced_blocks(const std::string& doc, std::size_t from, std::size_t to) {
    std::vector<Block> blocks;
    std::size_t pos = from;
    while (true) {
        const std::size_t open = doc.find("\n```", pos);
        if (open == std::string::npos || open >= to) {
            return blocks;
        }
        const std::size_t language_end = doc.find('\n', open + 1);
        Block block;
        block.language = doc.substr(open + 4, language_end - open - 4);
        block.begin = language_end + 1;
        block.end = doc.find("```", block.begin);
        blocks.push_back(block);
        pos = block.end + 3;
    }
}

std::string content(const std::string& doc, const Block& block) {
    return doc.substr(block.begin, block.end - block.begin);
}

CompileLimits limits_of(const std::string& example) {
    static const std::regex limit(R"(# limit: (\w+) (\d+))");
    CompileLimits limits;
    for (auto it = std::sregex_iterator(example.begin(), example.end(), limit);
         it != std::sregex_iterator(); ++it) {
        if ((*it)[1] == "max_expression_depth") {
            limits.max_expression_depth = static_cast<unsigned>(std::stoul((*it)[2]));
        } else if ((*it)[1] == "max_source_bytes") {
            limits.max_source_bytes = std::stoul((*it)[2]);
        } else if ((*it)[1] == "max_list_items") {
            limits.max_list_items = std::stoul((*it)[2]);
        }
    }
    return limits;
}

/// `text` with every byte that is not well-formed UTF-8 replaced by U+FFFD.
std::string displayable(std::string_view text) {
    std::string out;
    while (const auto bad = invalid_utf8(text)) {
        out.append(text.substr(0, *bad)).append("\xEF\xBF\xBD");
        text.remove_prefix(*bad + 1);
    }
    return out.append(text);
}

/// Whether an example is reported by the engine (`# stage: engine`), not by the dsl alone:
/// tests/engine/trial_load_test.cpp checks its output then.
bool is_engine_stage(const std::string& example) {
    return example.find("# stage: engine\n") != std::string::npos;
}

/// One `## CODE ...` section of diagnostics.md.
struct Section {
    std::string code;
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::vector<Section> sections(const std::string& doc) {
    static const std::regex heading(R"(\n## ([EW]\d{4})\b)");
    std::vector<Section> out;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading);
         it != std::sregex_iterator(); ++it) {
        if (!out.empty()) {
            out.back().end = static_cast<std::size_t>(it->position());
        }
        out.push_back({(*it)[1], static_cast<std::size_t>(it->position()), doc.size()});
    }
    return out;
}

} // namespace

TEST_CASE("every example in the language reference compiles cleanly", "[dsl][docs]") {
    const std::string doc = read(docs_dir + "language.md");
    REQUIRE_FALSE(doc.empty());
    int examples = 0;
    for (const Block& block : fenced_blocks(doc, 0, doc.size())) {
        if (block.language != "mw") {
            continue;
        }
        ++examples;
        SourceSet sources;
        const SourceId id = sources.add("example.mw", content(doc, block));
        DiagnosticList diagnostics;
        const auto workflows = compile(sources, id, diagnostics);
        INFO(content(doc, block));
        INFO(render_all(diagnostics, sources));
        CHECK(diagnostics.empty());
        CHECK_FALSE(workflows.empty());
    }
    CHECK(examples >= 10);
}

TEST_CASE("the language reference shows the standard definitions as compiled", "[dsl][docs]") {
    const std::string doc = read(docs_dir + "language.md");
    const std::string& standard = millwright::dsl::detail::standard_text();
    CHECK(doc.find("```\n" + standard + "```\n") != std::string::npos);
}

TEST_CASE("every diagnostic code is documented with its bad case and output", "[dsl][docs]") {
    const std::string path = docs_dir + "diagnostics.md";
    std::string doc = read(path);
    REQUIRE_FALSE(doc.empty());
    const bool update = std::getenv("MILLWRIGHT_UPDATE_GOLDEN") != nullptr;
    const std::vector<Section> found = sections(doc);
    for (const MessageTemplate& row : message_table()) {
        INFO("docs/diagnostics.md has no section `## " << row.code << "`");
        CHECK(std::count_if(found.begin(), found.end(),
                            [&](const Section& s) { return s.code == row.code; }) == 1);
    }
    // From the last section up, so rewriting an output block keeps earlier offsets valid.
    for (auto section = found.rbegin(); section != found.rend(); ++section) {
        INFO(section->code);
        const auto blocks = fenced_blocks(doc, section->begin, section->end);
        REQUIRE(blocks.size() == 2);
        REQUIRE(blocks[0].language == "mw");
        REQUIRE(blocks[1].language == "text");
        const std::string example = content(doc, blocks[0]);

        const std::string bad = read(MILLWRIGHT_TESTS_DIR "/dsl/bad/" + section->code + ".mw");
        const std::string case_text = bad.substr(bad.find('\n') + 1);
        // The docs show a byte that is not UTF-8 (E0110's case has one) as U+FFFD.
        CHECK(example == displayable(case_text));
        if (is_engine_stage(example)) {
            continue;
        }

        SourceSet sources;
        const SourceId id = sources.add(section->code + ".mw", case_text);
        DiagnosticList diagnostics;
        (void)compile(sources, id, diagnostics, limits_of(example));
        REQUIRE_FALSE(diagnostics.empty());
        CHECK(diagnostics.items().front().code == section->code);
        const std::string output = render(diagnostics.items().front(), sources);
        if (update) {
            doc.replace(blocks[1].begin, blocks[1].end - blocks[1].begin, output);
        } else {
            CHECK(content(doc, blocks[1]) == output);
        }
    }
    if (update) {
        std::ofstream(path, std::ios::binary) << doc;
    }
}
