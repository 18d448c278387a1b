// Replay of the bundled example streams through the shipped workflows and the example directory
// (corrective.jsonl, the generated day; approvals.jsonl, the spend approval chain rule by rule;
// preventive.jsonl, a generated year of pm rules with the example assets):
// each whole output is compared with its checked-in golden file, two runs are byte-identical,
// and there is exactly one decision per input line. MILLWRIGHT_UPDATE_GOLDEN=1 rewrites the
// golden files (review the diff before committing it).
#include "millwright/assets.hpp"
#include "millwright/directory.hpp"
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include "support/json_schema.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace {

const std::string source_dir = MILLWRIGHT_SOURCE_DIR;
const std::string example_events = source_dir + "/examples/requests/corrective.jsonl";
const std::string example_golden = source_dir + "/examples/requests/corrective.decisions.jsonl";
const std::string approval_events = source_dir + "/examples/requests/approvals.jsonl";
const std::string approval_golden = source_dir + "/examples/requests/approvals.decisions.jsonl";
const std::string preventive_events = source_dir + "/examples/requests/preventive.jsonl";
const std::string preventive_golden = source_dir + "/examples/requests/preventive.decisions.jsonl";
const std::string example_directory = source_dir + "/examples/directory.json";
const std::string example_assets = source_dir + "/examples/assets.json";
const std::vector<std::string> all_events = {example_events, approval_events, preventive_events};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

struct Run {
    std::string output;
    millwright::ReplaySummary summary;
};

// The preventive example is replayed with the example assets (`--assets`), the others without,
// as their documented commands do.
bool needs_assets(const std::string& events) {
    return events == preventive_events;
}

// Replays `events` through `rules`, with a fresh copy of the example directory and, for the
// preventive example, of the example assets.
Run replay_file(const std::string& rules, const std::string& events) {
    auto loaded = millwright::load_path(rules);
    for (const auto& diagnostic : loaded.diagnostics) {
        UNSCOPED_INFO(diagnostic.rendered);
    }
    REQUIRE(loaded.ok());
    millwright::Engine engine(loaded.ruleset);
    auto directory = std::make_shared<millwright::InMemoryDirectory>();
    REQUIRE(directory->load_text(read_text(example_directory)) == "");
    engine.set_directory(directory);
    if (needs_assets(events)) {
        auto assets = std::make_shared<millwright::InMemoryAssets>();
        REQUIRE(assets->load_text(read_text(example_assets)) == "");
        REQUIRE(engine.set_assets(assets).empty());
    }
    std::FILE* in = std::fopen(events.c_str(), "rb");
    REQUIRE(in != nullptr);
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    Run run;
    run.summary = millwright::replay(engine, in, out);
    std::fclose(in);
    std::rewind(out);
    char buffer[65536];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, out)) > 0) {
        run.output.append(buffer, got);
    }
    std::fclose(out);
    return run;
}

// Decision lines the engine originates: fired timers, SLA warnings and breaches, approval
// timeouts and the lines of pm rules.
std::uint64_t engine_lines(const millwright::ReplaySummary& summary) {
    return summary.timers_fired + summary.sla_warnings + summary.sla_breaches +
           summary.approval_timeouts + summary.pm_lines;
}

std::size_t count_lines(const std::string& text) {
    std::size_t lines = 0;
    for (const char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    if (!text.empty() && text.back() != '\n') {
        ++lines;
    }
    return lines;
}

// Replays `events` through the shipped workflows and compares the whole output with `golden`
// (or rewrites it under MILLWRIGHT_UPDATE_GOLDEN=1).
Run replay_against_golden(const std::string& events, const std::string& golden_path) {
    Run run = replay_file(source_dir + "/workflows", events);
    const char* update = std::getenv("MILLWRIGHT_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(golden_path, std::ios::binary) << run.output;
        WARN("rewrote " << golden_path);
    }
    const std::string golden = read_text(golden_path);
    REQUIRE_FALSE(golden.empty());
    CHECK(run.output == golden);
    // One line per input line, plus one per fired timer, SLA warning or breach, approval
    // timeout and pm line.
    CHECK(count_lines(run.output) == count_lines(read_text(events)) + engine_lines(run.summary));
    CHECK(run.summary.events == run.summary.lines);
    CHECK(run.summary.accepted + run.summary.rejected + run.summary.malformed ==
          run.summary.events);
    return run;
}

} // namespace

TEST_CASE("the example stream replays to the golden decisions", "[replay][golden]") {
    const Run run = replay_against_golden(example_events, example_golden);
    // The stream's faults (examples/requests/README.md) as the replay counts them; the costly
    // jobs' votes (7 lines, each accepted) come from awaited approvers.
    CHECK(run.summary.events == 358);
    CHECK(run.summary.accepted == 342);
    CHECK(run.summary.rejected == 11);
    CHECK(run.summary.malformed == 5);
    CHECK(run.summary.approval_timeouts == 0);
    // The triage escalation of the four work orders still triaged 3 business days later.
    CHECK(run.summary.timers_fired == 4);
    CHECK(run.summary.timers_failed == 0);
    // The SLA lines: the three P1 jobs not assigned within the hour (two left in triage, so
    // their resolution breaches too) and four P3 jobs never assigned.
    CHECK(run.summary.sla_warnings == 13);
    CHECK(run.summary.sla_breaches == 13);
}

TEST_CASE("the approval example replays to its golden decisions", "[replay][golden][approval]") {
    const Run run = replay_against_golden(approval_events, approval_golden);
    // Every refused line is a vote the rules refuse (examples/requests/README.md): four by the
    // requester (self_approval), two by people not awaited, a reject without a reason, four on
    // a finished chain and one on a job without a chain.
    CHECK(run.summary.events == 86);
    CHECK(run.summary.accepted == 74);
    CHECK(run.summary.rejected == 12);
    CHECK(run.summary.malformed == 0);
    // Two escalations of WO-103 (2026-01-08 and 2026-01-13) and WO-106's blocked safety step
    // resolved again on 2026-01-12.
    CHECK(run.summary.approval_timeouts == 3);
    CHECK(run.summary.timers_fired == 0);
    // Jobs that waited days for approval miss their targets, as they would without a chain.
    CHECK(run.summary.sla_warnings == 8);
    CHECK(run.summary.sla_breaches == 5);
}

TEST_CASE("the preventive example replays to its golden decisions", "[replay][golden][pm]") {
    const Run run = replay_against_golden(preventive_events, preventive_golden);
    // The stream's deliberate faults (examples/requests/README.md): a start by someone other
    // than the assignee and a complete with too few items ticked (guard_rejected), an event on
    // an unknown work order, a reading of an unknown asset, a meter that goes back, a reading
    // that is no number, two refused asset changes; and one malformed line.
    CHECK(run.summary.events == 1363);
    CHECK(run.summary.accepted == 1354);
    CHECK(run.summary.rejected == 8);
    CHECK(run.summary.malformed == 1);
    // 112 work orders of time and meter rules and 4 occurrences left out while the previous
    // extinguisher inspection was open (origin pm), 3 boiler triggers (origin trigger).
    CHECK(run.summary.pm_lines == 119);
    // The planner's reminder for jobs nobody assigned within a week.
    CHECK(run.summary.timers_fired == 12);
    CHECK(run.summary.timers_failed == 0);
    CHECK(run.summary.sla_warnings == 0);
    CHECK(run.summary.approval_timeouts == 0);
}

TEST_CASE("two replays of the same stream are byte-identical", "[replay]") {
    for (const auto& events : all_events) {
        INFO(events);
        const Run first = replay_file(source_dir + "/workflows", events);
        // The corrective streams need only their workflow; the preventive one is replayed
        // through the whole folder again, in a fresh engine.
        const Run second = replay_file(
            source_dir + (needs_assets(events) ? "/workflows" : "/workflows/corrective.mw"),
            events);
        CHECK(first.output == second.output);
    }
}

TEST_CASE("replay decides each line as handle_line does, across blocks and odd line layouts",
          "[replay]") {
    // More than the reader's 1 MiB block, so lines straddle refills while the replay looks
    // ahead at the work orders of the next lines; and lines whose `wo` the look-ahead cannot
    // or need not find: spaces, an escape, none, a blank line, CRLF, a line longer than a
    // block, no line feed at the end.
    const std::string example = read_text(example_events);
    std::string stream;
    for (int copy = 0; stream.size() < (3u << 20) / 2; ++copy) {
        stream += example;
        stream += R"({"at":"2026-03-01T09:00:00Z", "type" : "triage" , "wo" :  "WO-1"})"
                  "\r\n";
        stream += R"({"at":"2026-03-01T09:00:01Z","type":"triage","wo":"W\u004f-2"})"
                  "\n\n";
        stream += R"({"at":"2026-03-01T09:00:02Z","type":"tick"})"
                  "\n";
        if (copy == 2) {
            stream +=
                R"({"at":"2026-03-01T09:00:03Z","type":"triage","wo":"WO-3","data":{"asset":")" +
                std::string(1536 * 1024, 'x') + "\"}}\n";
        }
    }
    stream += R"({"at":"2026-03-01T10:00:00Z","type":"cancel","wo":"WO-4"})";

    auto loaded = millwright::load_path(source_dir + "/workflows");
    REQUIRE(loaded.ok());
    std::string expected;
    millwright::Engine by_line(loaded.ruleset);
    by_line.on_engine_decision([&](const millwright::Decision& decision) {
        decision.append_json(expected);
        expected += '\n';
    });
    std::uint64_t number = 0;
    for (std::size_t start = 0; start < stream.size();) {
        std::size_t end = stream.find('\n', start);
        end = end == std::string::npos ? stream.size() : end;
        std::string_view line(stream.data() + start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        by_line.handle_line(line, ++number).append_json(expected);
        expected += '\n';
        start = end + 1;
    }

    millwright::Engine replayed(loaded.ruleset);
    std::FILE* in = std::tmpfile();
    REQUIRE(in != nullptr);
    std::fwrite(stream.data(), 1, stream.size(), in);
    std::rewind(in);
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    const auto summary = millwright::replay(replayed, in, out);
    std::fclose(in);
    std::rewind(out);
    std::string output;
    char buffer[65536];
    for (std::size_t got = 0; (got = std::fread(buffer, 1, sizeof buffer, out)) > 0;) {
        output.append(buffer, got);
    }
    std::fclose(out);
    CHECK(summary.lines == number);
    CHECK(output.size() == expected.size());
    CHECK(output == expected);
}

TEST_CASE("every decision line is a JSON object with seq in order, input lines in input order",
          "[replay]") {
    for (const auto& events : all_events) {
        INFO(events);
        const Run run = replay_file(source_dir + "/workflows", events);
        std::istringstream lines(run.output);
        std::string line;
        std::uint64_t seq = 1;
        std::uint64_t input_line = 1;
        while (std::getline(lines, line)) {
            const auto decision = nlohmann::json::parse(line);
            CHECK(decision["seq"] == seq);
            if (decision.contains("origin")) {
                // A line the engine originates (a fired timer, an SLA warning or breach, an
                // approval timeout, a pm rule's work order) answers no input line.
                CHECK((decision["origin"] == "timer" || decision["origin"] == "sla" ||
                       decision["origin"] == "approval" || decision["origin"] == "pm" ||
                       decision["origin"] == "trigger"));
                CHECK_FALSE(decision.contains("line"));
            } else {
                CHECK(decision["line"] == input_line);
                ++input_line;
            }
            CHECK(decision["ok"].is_boolean());
            if (!decision["ok"].get<bool>()) {
                CHECK(decision["error"].is_string());
                CHECK(decision["reason"].is_string());
            }
            ++seq;
        }
        CHECK(input_line - 1 == count_lines(read_text(events)));
        CHECK(seq - 1 == count_lines(read_text(events)) + engine_lines(run.summary));
    }
}

TEST_CASE("every golden decision line matches the documented JSON Schema", "[replay][schema]") {
    const auto schema = nlohmann::json::parse(read_text(source_dir + "/docs/decision.schema.json"));
    millwright::test::SchemaChecker checker;
    // The checker itself must be able to fail.
    CHECK_FALSE(
        checker.check(schema, nlohmann::json::parse(R"({"seq":0,"ok":"yes","x":1})")).empty());
    std::size_t checked = 0;
    std::size_t preventive_lines = 0;
    for (const auto& golden : {example_golden, approval_golden, preventive_golden}) {
        std::istringstream lines(read_text(golden));
        std::string line;
        while (std::getline(lines, line)) {
            const auto problems = checker.check(schema, nlohmann::json::parse(line));
            INFO(line);
            CHECK(problems.empty());
            ++checked;
            preventive_lines += golden == preventive_golden ? 1 : 0;
        }
    }
    CHECK(checked >= 480);
    CHECK(preventive_lines >= 1000);
}

TEST_CASE("the decision examples in docs/replay.md are lines of the golden outputs",
          "[replay][docs]") {
    const std::string corrective = read_text(example_golden);
    const std::string preventive = read_text(preventive_golden);
    std::istringstream doc(read_text(source_dir + "/docs/replay.md"));
    std::string line;
    bool in_json = false;
    std::size_t examples = 0;
    std::size_t preventive_examples = 0;
    while (std::getline(doc, line)) {
        if (line.rfind("```", 0) == 0) {
            in_json = line == "```json";
            continue;
        }
        if (in_json) {
            INFO(line);
            const bool in_preventive = preventive.find(line + "\n") != std::string::npos;
            CHECK((in_preventive || corrective.find(line + "\n") != std::string::npos));
            ++examples;
            preventive_examples += in_preventive ? 1 : 0;
        }
    }
    CHECK(examples >= 4);
    // The pm lines, asset and reading lines and their error codes are shown from the
    // preventive example.
    CHECK(preventive_examples >= 8);
}

TEST_CASE("the examples of docs/maintenance.md are lines of the preventive example",
          "[replay][docs][pm]") {
    const std::string stream = read_text(preventive_events);
    const std::string decisions = read_text(preventive_golden);
    std::istringstream doc(read_text(source_dir + "/docs/maintenance.md"));
    std::string line;
    std::size_t input_lines = 0;
    std::size_t decision_lines = 0;
    while (std::getline(doc, line)) {
        INFO(line);
        if (line.rfind("{\"at\":", 0) == 0) {
            CHECK(stream.find(line + "\n") != std::string::npos);
            ++input_lines;
        } else if (line.rfind("{\"seq\":", 0) == 0) {
            CHECK(decisions.find(line + "\n") != std::string::npos);
            ++decision_lines;
        }
    }
    CHECK(input_lines >= 3);
    CHECK(decision_lines >= 5);
}

TEST_CASE("the decision lines of the README's tour are lines of the golden outputs",
          "[replay][docs]") {
    const std::string goldens = read_text(example_golden) + read_text(preventive_golden);
    std::istringstream readme(read_text(source_dir + "/README.md"));
    std::string line;
    std::size_t shown = 0;
    std::size_t pm_lines = 0;
    while (std::getline(readme, line)) {
        if (line.rfind("{\"seq\":", 0) == 0) {
            INFO(line);
            CHECK(goldens.find(line + "\n") != std::string::npos);
            ++shown;
            pm_lines += line.find("\"pm\":{") != std::string::npos ? 1 : 0;
        }
    }
    CHECK(shown >= 8);
    CHECK(pm_lines >= 3);
}

namespace {

/// Replays `stream` (text) through `engine` and returns what it wrote.
std::string replay_text(millwright::Engine& engine, const std::string& stream,
                        millwright::ReplaySummary& summary) {
    std::FILE* in = std::tmpfile();
    REQUIRE(in != nullptr);
    std::fwrite(stream.data(), 1, stream.size(), in);
    std::rewind(in);
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    summary = millwright::replay(engine, in, out);
    std::fclose(in);
    std::rewind(out);
    std::string output;
    char buffer[65536];
    for (std::size_t got = 0; (got = std::fread(buffer, 1, sizeof buffer, out)) > 0;) {
        output.append(buffer, got);
    }
    std::fclose(out);
    return output;
}

} // namespace

TEST_CASE("a line longer than the cap is skipped to its end and reported, and replay goes on",
          "[replay][intake]") {
    // Several blocks long, with and without a final line feed: the reader never holds more of
    // it than the cap, and the line numbers of the lines after it stay right. (issue 13)
    const auto loaded = millwright::load_string("workflow w\n  states a (initial), b (final)\n"
                                                "  on go: a -> b\nend\n",
                                                "w.mw");
    REQUIRE(loaded.ok());
    const std::string huge =
        R"({"at":"2026-01-05T08:00:00Z","type":")" + std::string(5 * 1024 * 1024, 'x') + "\"}";
    const std::string create =
        R"({"at":"2026-01-05T08:00:00Z","type":"submit","workflow":"w","wo":"W-1"})";
    const std::string go = R"({"at":"2026-01-05T08:01:00Z","type":"go","wo":"W-1"})";
    for (const bool terminated : {true, false}) {
        INFO("final line feed: " << terminated);
        millwright::Engine engine(loaded.ruleset);
        millwright::ReplaySummary summary;
        const std::string output = replay_text(
            engine, create + "\n" + huge + "\r\n" + go + "\n" + huge + (terminated ? "\n" : ""),
            summary);
        std::istringstream lines(output);
        std::vector<nlohmann::json> decisions;
        for (std::string line; std::getline(lines, line);) {
            decisions.push_back(nlohmann::json::parse(line));
        }
        REQUIRE(decisions.size() == 4);
        CHECK(decisions[0]["ok"] == true);
        CHECK(decisions[1]["line"] == 2);
        CHECK(decisions[1]["error"] == "malformed_line");
        CHECK(decisions[1]["reason"] ==
              "line 2 is not a valid event: it is longer than 1048576 bytes");
        CHECK(decisions[2]["line"] == 3);
        CHECK(decisions[2]["to"] == "b");
        CHECK(decisions[3]["line"] == 4);
        CHECK(decisions[3]["error"] == "malformed_line");
        CHECK(summary.lines == 4);
        CHECK(summary.malformed == 2);
    }
}

TEST_CASE("a line exactly at the cap is read", "[replay][intake]") {
    const auto loaded = millwright::load_string("workflow w\n  field notes : text\n"
                                                "  states a (initial), b (final)\n"
                                                "  on go: a -> b\nend\n",
                                                "w.mw");
    REQUIRE(loaded.ok());
    millwright::EngineOptions options;
    options.max_line_bytes = 200;
    const std::string head = R"({"at":"2026-01-05T08:00:00Z","type":"submit","workflow":"w",)"
                             R"("wo":"W-1","data":{"notes":")";
    const std::string line = head + std::string(200 - head.size() - 3, 'n') + "\"}}";
    REQUIRE(line.size() == 200);
    millwright::Engine engine(loaded.ruleset, options);
    millwright::ReplaySummary summary;
    const std::string output = replay_text(engine, line + "\n" + line + "x\n", summary);
    CHECK(summary.accepted == 1);
    CHECK(summary.malformed == 1);
    CHECK(output.substr(output.find('\n') + 1) ==
          R"({"seq":2,"line":2,"ok":false,"error":"malformed_line","reason":"line 2 is not a )"
          R"(valid event: it is longer than 200 bytes"})"
          "\n");
}

TEST_CASE("a far-future tick neither floods the output nor blocks the stream",
          "[replay][intake][pm]") {
    // The reproduction of issue 13: with the example assets, one tick at 9999-12-31 made
    // 677,812 pm lines and every later line `time_went_backwards`. Now it is refused on its
    // own, and a year's jump creates one work order per enrollment at most.
    auto loaded = millwright::load_path(source_dir + "/workflows");
    REQUIRE(loaded.ok());
    millwright::Engine engine(loaded.ruleset);
    auto assets = std::make_shared<millwright::InMemoryAssets>();
    REQUIRE(assets->load_text(read_text(example_assets)) == "");
    REQUIRE(engine.set_assets(assets).empty());
    millwright::ReplaySummary summary;
    const std::string output = replay_text(engine,
                                           R"({"at":"2026-01-05T00:00:00Z","type":"tick"})"
                                           "\n"
                                           R"({"at":"9999-12-31T23:59:59Z","type":"tick"})"
                                           "\n"
                                           R"({"at":"2027-01-05T00:00:00Z","type":"tick"})"
                                           "\n",
                                           summary);
    std::istringstream lines(output);
    std::vector<nlohmann::json> decisions;
    for (std::string line; std::getline(lines, line);) {
        decisions.push_back(nlohmann::json::parse(line));
    }
    std::size_t far = 0;
    while (far < decisions.size() && decisions[far].value("line", 0) != 2) {
        ++far;
    }
    REQUIRE(far < decisions.size());
    CHECK(decisions[far]["error"] == "clock_jump_too_large");
    CHECK(decisions.back()["line"] == 3);
    CHECK(decisions.back()["ok"] == true);
    CHECK(summary.pm_lines <= 2 * engine.pm_report().enrollments);
    CHECK(engine.pm_report().missed > 0);
    CHECK(decisions.size() < 40);
}
