// Loading definitions (engine/src/ruleset.cpp): whatever the text, load_string returns a
// LoadResult and never throws; encodings, sizes and diagnostic floods are bounded. (issue 13)
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

const std::string small = "workflow w\n"
                          "  field notes : text\n"
                          "  states a (initial), b (final)\n"
                          "  on go: a -> b\n"
                          "end\n";

} // namespace

TEST_CASE("a byte order mark before the definitions is accepted", "[engine][ruleset]") {
    const auto result = millwright::load_string("\xEF\xBB\xBF" + small, "bom.mw");
    CHECK(result.ok());
    CHECK(result.diagnostics.empty());
    // Positions count from after the mark.
    const auto broken = millwright::load_string("\xEF\xBB\xBFworkflw w\n", "bom.mw");
    REQUIRE_FALSE(broken.diagnostics.empty());
    CHECK(broken.diagnostics.front().line == 1);
    CHECK(broken.diagnostics.front().column == 1);
}

TEST_CASE("invalid UTF-8 is E0110 at its byte, never an exception", "[engine][ruleset]") {
    // In a string literal it used to pass check and reach decision lines; on a line with an
    // error, load_string threw nlohmann's type_error.316.
    for (const std::string& text :
         {std::string(
              "workflow w\n  field notes : text = \"caf\xE9\"\n  states a (initial)\nend\n"),
          std::string("workflow w\n  statez \xFF\xFE\nend\n"),
          std::string("workflow w\n  field n : text = \"\xED\xA0\x80\"\nend\n")}) {
        millwright::LoadResult result;
        REQUIRE_NOTHROW(result = millwright::load_string(text, "bad.mw"));
        CHECK_FALSE(result.ok());
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics.front().code == "E0110");
        CHECK(result.diagnostics.front().line == 2);
        CHECK_NOTHROW(nlohmann::json::parse(result.diagnostics.front().json));
    }
}

TEST_CASE("thousands of diagnostics: the first 100 of a file and a note with the count",
          "[engine][ruleset]") {
    std::string states;
    for (int i = 0; i < 5000; ++i) {
        states += ", s" + std::to_string(i);
    }
    const std::string text =
        "workflow w\n  states a (initial)" + states + ", z (final)\n  on go: a -> z\nend\n";
    const auto started = std::chrono::steady_clock::now();
    const auto result = millwright::load_string(text, "states.mw");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(result.ok()); // warnings only
    CHECK(result.warning_count() == 5000);
    CHECK(result.omitted_warnings == 4900);
    REQUIRE(result.diagnostics.size() == 101);
    const auto& note = result.diagnostics.back();
    CHECK(note.severity == millwright::Severity::note);
    CHECK(note.rendered == "states.mw: note: 4900 more diagnostics of this file left out (0 "
                           "errors, 4900 warnings)\nhint: fix the first ones: they often cause "
                           "the rest\n");
    // Each shown diagnostic's excerpt is a window of the 50 KB line, not the line.
    for (std::size_t i = 0; i + 1 < result.diagnostics.size(); ++i) {
        CHECK(result.diagnostics[i].rendered.size() < 500);
    }
    CHECK(seconds < 10); // 3.2 s and 597 MB for this file before
}

TEST_CASE("100,000 fields check in linear time", "[engine][ruleset]") {
    std::string fields;
    for (int i = 0; i < 100'000; ++i) {
        fields += "  field f" + std::to_string(i) + " : text\n";
    }
    const auto started = std::chrono::steady_clock::now();
    const auto result = millwright::load_string(
        "workflow w\n" + fields + "  states a (initial), b (final)\n  on go: a -> b\nend\n",
        "fields.mw");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(result.ok());
    // Name look-ups were linear scans: 50,000 fields took 28 s, so 100,000 would take minutes.
    CHECK(seconds < 20);
}

TEST_CASE("a definition file larger than the limit is refused without being read",
          "[engine][ruleset]") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("mw_too_large_" + std::to_string(::getpid()) + ".mw");
    {
        std::ofstream out(path, std::ios::binary);
        out << std::string(4 * 1024 * 1024 + 1, '#');
    }
    const auto result = millwright::load_path(path);
    std::filesystem::remove(path);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics.front().code == "E0104");
    CHECK(result.diagnostics.front().message ==
          "source is 4194305 bytes, more than the limit of 4194304");
    CHECK(result.diagnostics.front().file == path.string());
}
