// The bad-input corpus (tests/engine/broken_inputs/, read by support/broken_inputs.hpp): each
// case is one request line the engine must refuse. One test runs every case in a section of its
// own, named FILE:LINE NAME (`-c` runs one), on a fresh engine on the corpus's ruleset after a
// work order was created, and checks the refusal's code and reason, that nothing changed (the
// work order's snapshot, the number of work orders, the clock), that the answer came in time
// and repeats no huge part of the line, and that the next, valid line is served exactly as it
// would have been without the broken one. Then the whole corpus goes through replay as one
// stream, where every line must still get its own decision with the same refusal.
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include "support/broken_inputs.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using millwright::Decision;
using millwright::Engine;
using millwright::test::BrokenInput;
using nlohmann::json;

/// The longest one line may take to be refused: generous, for sanitizer and debug builds.
constexpr double time_bound_seconds = 1.0;

/// The most bytes a refusal may take as JSON: a refusal names what was wrong, it does not
/// repeat a megabyte of the line back.
constexpr std::size_t max_decision_bytes = 2048;

/// The decision the known-good line gets as the third line of a fresh engine, after the setup
/// line and a refused one: the bump applies as if the refused line had never come.
const std::string good_decision =
    R"({"seq":3,"at":"2026-03-02T08:00:00Z","line":3,"wo":"J-1","event":"bump","ok":true,)"
    R"("from":"open","to":"open","version":2,"changes":{"cost":10.00},"effects":[]})";

std::shared_ptr<const millwright::Ruleset> corpus_rules() {
    static const auto rules = [] {
        auto loaded = millwright::load_path(millwright::test::broken_inputs_rules());
        for (const auto& diagnostic : loaded.diagnostics) {
            UNSCOPED_INFO(diagnostic.rendered);
        }
        return loaded.ruleset;
    }();
    REQUIRE(rules != nullptr);
    return rules;
}

std::string decision_text(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

/// Checks the refusal of `input` as the line numbered `line`.
void check_refusal(const BrokenInput& input, const Decision& decision, std::uint64_t line) {
    const std::string text = decision_text(decision);
    INFO("decision: " << text.substr(0, 600) << (text.size() > 600 ? "..." : ""));
    CHECK_FALSE(decision.ok);
    CHECK(decision.error == input.error);
    CHECK(input.reason_matches(decision.reason, line));
    REQUIRE(decision.line);
    CHECK(*decision.line == line);
    CHECK(text.size() <= max_decision_bytes);
}

bool skipped_as_pending(const BrokenInput& input) {
    if (input.pending.empty()) {
        return false;
    }
    const char* run_pending = std::getenv("MILLWRIGHT_RUN_PENDING");
    if (run_pending != nullptr && std::string_view(run_pending) == "1") {
        return false;
    }
    WARN("pending, skipped: " << input.where() << ": " << input.pending);
    return true;
}

/// Runs one case as line 2 of a fresh engine, after the setup line, and serves the good line.
void check_case(const BrokenInput& input) {
    INFO(input.where() << " (" << input.attacks << ")");
    REQUIRE(input.problem == "");
    if (skipped_as_pending(input)) {
        return;
    }
    Engine engine(corpus_rules());
    const Decision& setup = engine.handle_line(millwright::test::broken_inputs_setup, 1);
    REQUIRE(setup.ok);
    const auto before = engine.snapshot("J-1");
    REQUIRE(before);
    const std::size_t count = engine.work_order_count();
    const auto now = engine.now();

    const auto start = std::chrono::steady_clock::now();
    const Decision& refused = engine.handle_line(input.input, 2);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    check_refusal(input, refused, 2);
    CHECK(seconds < time_bound_seconds);
    // Nothing changed: the work order, the set of work orders, the clock.
    CHECK(engine.snapshot("J-1") == before);
    CHECK(engine.work_order_count() == count);
    CHECK(engine.now() == now);

    const Decision& next = engine.handle_line(millwright::test::broken_inputs_good_line, 3);
    CHECK(decision_text(next) == good_decision);
}

} // namespace

TEST_CASE("every broken input is refused as its case says, changes nothing, and the next line is "
          "served",
          "[engine][intake][broken_inputs]") {
    static const auto cases = millwright::test::read_broken_inputs(); // read once, not per section
    for (const BrokenInput& input : cases) {
        DYNAMIC_SECTION(input.where()) {
            check_case(input);
        }
    }
}

TEST_CASE("the bad-input corpus has at least 80 cases, each well written and named once",
          "[engine][intake][broken_inputs]") {
    const auto cases = millwright::test::read_broken_inputs();
    CHECK(cases.size() >= 80);
    std::set<std::string> names;
    for (const BrokenInput& input : cases) {
        INFO(input.where());
        CHECK(input.problem == "");
        CHECK(names.insert(input.file + " " + input.name).second);
    }
}

TEST_CASE("the bad-input corpus replayed as one stream: one decision per line, each refusal "
          "as the case says, and the last line served",
          "[engine][intake][broken_inputs][replay]") {
    const auto cases = millwright::test::read_broken_inputs();
    std::vector<const BrokenInput*> lines;
    const std::string stream = millwright::test::broken_inputs_stream(cases, lines);
    Engine engine(corpus_rules());

    std::FILE* in = std::tmpfile();
    std::FILE* out = std::tmpfile();
    REQUIRE(in != nullptr);
    REQUIRE(out != nullptr);
    REQUIRE(std::fwrite(stream.data(), 1, stream.size(), in) == stream.size());
    std::rewind(in);
    const auto start = std::chrono::steady_clock::now();
    const millwright::ReplaySummary summary = millwright::replay(engine, in, out);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fclose(in);
    std::rewind(out);
    std::string output;
    char buffer[65536];
    for (std::size_t got = 0; (got = std::fread(buffer, 1, sizeof buffer, out)) > 0;) {
        output.append(buffer, got);
    }
    std::fclose(out);

    CHECK(summary.lines == lines.size());
    CHECK(summary.events == lines.size());
    CHECK(summary.accepted == 2);
    CHECK(summary.rejected + summary.malformed == lines.size() - 2);
    std::istringstream decisions(output);
    std::string text;
    std::string last;
    std::uint64_t number = 0;
    while (std::getline(decisions, text)) {
        ++number;
        last = text;
        REQUIRE(number <= lines.size());
        const json decision = json::parse(text);
        INFO("stream line " << number << ": " << text.substr(0, 600));
        CHECK(decision["seq"] == number);
        CHECK(decision["line"] == number);
        const BrokenInput* input = lines[number - 1];
        if (input == nullptr) {
            CHECK(decision["ok"] == true);
            continue;
        }
        INFO(input->where());
        CHECK(decision["ok"] == false);
        CHECK(decision["error"] == input->error);
        CHECK(input->reason_matches(decision.value("reason", ""), number));
    }
    CHECK(number == lines.size());
    // The last line's decision is the good one, at its place in the stream.
    CHECK(last == R"({"seq":)" + std::to_string(number) +
                      R"(,"at":"2026-03-02T08:00:00Z","line":)" + std::to_string(number) +
                      R"(,"wo":"J-1","event":"bump","ok":true,"from":"open","to":"open",)"
                      R"("version":2,"changes":{"cost":10.00},"effects":[]})");
    CHECK(seconds < 5.0);
    WARN("bad-input corpus: " << lines.size() << " lines (" << stream.size()
                              << " bytes) replayed in " << seconds << " s");
}
