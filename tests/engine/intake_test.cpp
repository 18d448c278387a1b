// The caps every input meets before the rules see it (engine/src/intake.cpp and the checks in
// Engine::Impl::decide): ids, texts and lists within EngineOptions, a line within its length,
// the clock moved at most so far by one event, and at most so many engine lines per input. Each
// refusal names its code, says what was too large, and changes nothing (snapshots before and
// after), and the engine serves the next input as if nothing had happened. (issue 13)
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using millwright::Decision;
using millwright::Engine;
using millwright::EngineOptions;
using nlohmann::json;

const std::string job_rules = R"(workflow job
  field asset : text, required
  field notes : text
  field parts : list of text
  states open (initial), done (final)
  on note:   open -> open, set notes = data.notes
  on finish: open -> done
  after 1 hour in open: notify role supervisor "job {id} is waiting"
end
)";

std::string submit(const std::string& wo, const std::string& at = "2026-03-02T08:00:00Z") {
    return R"({"at":")" + at + R"(","type":"submit","workflow":"job","wo":")" + wo +
           R"(","by":"rita","data":{"asset":"A"}})";
}

std::string note(const std::string& wo, const std::string& notes,
                 const std::string& at = "2026-03-02T08:01:00Z") {
    return R"({"at":")" + at + R"(","type":"note","wo":")" + wo +
           R"(","by":"tom","data":{"notes":)" + json(notes).dump() + "}}";
}

std::string tick(const std::string& at) {
    return R"({"at":")" + at + R"(","type":"tick"})";
}

/// An engine on the job workflow that keeps the lines it originates.
struct Desk {
    explicit Desk(const EngineOptions& options = {})
        : engine(millwright::test::load_rules_or_fail(job_rules, "job.mw"), options) {
        engine.on_engine_decision([this](const Decision& d) { lines.push_back(d.to_json()); });
    }
    Decision handle(const std::string& line) { return engine.handle_line(line, ++number); }

    Engine engine;
    std::vector<json> lines;
    std::uint64_t number = 0;
};

} // namespace

TEST_CASE("an id longer than the cap is refused, not echoed, and changes nothing",
          "[engine][intake]") {
    Desk desk;
    REQUIRE(desk.handle(submit("J-1")).ok);
    const auto before = desk.engine.snapshot("J-1");
    const std::string long_id(257, 'w');
    const Decision refused = desk.handle(submit(long_id));
    CHECK(refused.error == "value_too_long");
    CHECK(refused.reason == "`wo` is 257 bytes long; at most 256 are accepted");
    CHECK(refused.wo.empty()); // a line that refuses a huge id must not repeat it
    CHECK(refused.line == 2);
    CHECK(desk.engine.work_order_count() == 1);
    // `by` too, and exactly at the cap is fine.
    std::string by_line = note("J-1", "x");
    by_line.replace(by_line.find("\"tom\""), 5, json(std::string(300, 'b')).dump());
    CHECK(desk.handle(by_line).reason == "`by` is 300 bytes long; at most 256 are accepted");
    CHECK(desk.engine.snapshot("J-1") == before);
    CHECK(desk.handle(submit(std::string(256, 'w'))).ok);
}

TEST_CASE("texts and lists in data are capped, each named by its JSON Pointer",
          "[engine][intake]") {
    EngineOptions options;
    options.max_text_bytes = 10;
    options.max_list_items = 3;
    Desk desk(options);
    REQUIRE(desk.handle(submit("J-1")).ok);
    const auto before = desk.engine.snapshot("J-1");
    const Decision text = desk.handle(note("J-1", "eleven byte"));
    CHECK(text.error == "value_too_long");
    CHECK(text.reason == "/data/notes is 11 bytes long; at most 10 are accepted");
    CHECK(text.wo == "J-1");
    CHECK(text.event == "note");
    const Decision items = desk.handle(
        R"({"at":"2026-03-02T08:02:00Z","type":"note","wo":"J-1","data":{"parts":["a","b","c","d"]}})");
    CHECK(items.reason == "/data/parts has 4 items; at most 3 are accepted");
    const Decision item = desk.handle(
        R"({"at":"2026-03-02T08:02:00Z","type":"note","wo":"J-1","data":{"a/b":["ok","far too long"]}})");
    CHECK(item.reason == "/data/a~1b/1 is 12 bytes long; at most 10 are accepted");
    CHECK(desk.engine.snapshot("J-1") == before);
    const Decision fits = desk.handle(note("J-1", "ten bytes!", "2026-03-02T08:03:00Z"));
    CHECK(fits.ok);
}

TEST_CASE("the default caps: 64 KiB of text, 1000 list items", "[engine][intake]") {
    Desk desk;
    REQUIRE(desk.handle(submit("J-1")).ok);
    CHECK(desk.handle(note("J-1", std::string(64 * 1024, 'n'))).ok);
    CHECK(desk.handle(note("J-1", std::string(64 * 1024 + 1, 'n'))).reason ==
          "/data/notes is 65537 bytes long; at most 65536 are accepted");
    json parts = json::array();
    for (int i = 0; i < 1001; ++i) {
        parts.push_back("p");
    }
    const std::string line =
        R"({"at":"2026-03-02T08:02:00Z","type":"note","wo":"J-1","data":{"parts":)" + parts.dump() +
        "}}";
    CHECK(desk.handle(line).reason == "/data/parts has 1001 items; at most 1000 are accepted");
}

TEST_CASE("a line longer than the cap is malformed without being read", "[engine][intake]") {
    EngineOptions options;
    options.max_line_bytes = 150;
    Desk desk(options);
    const Decision refused = desk.handle(note("J-1", std::string(200, 'x')));
    CHECK(refused.error == "malformed_line");
    CHECK(refused.reason == "line 1 is not a valid event: it is longer than 150 bytes");
    CHECK(desk.handle(submit("J-1")).ok);
}

TEST_CASE("one event may move the clock at most max_clock_jump", "[engine][intake]") {
    Desk desk;
    REQUIRE(desk.handle(submit("J-1")).ok);
    const auto before = desk.engine.snapshot("J-1");
    const Decision far = desk.handle(tick("9999-12-31T23:59:59Z"));
    CHECK(far.error == "clock_jump_too_large");
    CHECK(far.reason == "`at` 9999-12-31T23:59:59Z is more than 366d after the engine's clock "
                        "2026-03-02T08:00:00Z, the most one event may move it");
    CHECK(desk.lines.empty()); // the timer due in an hour did not fire
    CHECK(desk.engine.now() == millwright::Timestamp(std::chrono::milliseconds(1772438400000)));
    CHECK(desk.engine.snapshot("J-1") == before);
    // The stream is not blocked: the next line in its time goes on.
    CHECK(desk.handle(note("J-1", "fine")).ok);
    // Exactly at the cap is allowed.
    CHECK(desk.handle(tick("2027-03-03T08:01:00Z")).ok);
    CHECK(desk.lines.size() == 1);
}

TEST_CASE("a smaller clock jump can be configured", "[engine][intake]") {
    EngineOptions options;
    options.max_clock_jump = std::chrono::hours(2);
    Desk desk(options);
    REQUIRE(desk.handle(submit("J-1")).ok);
    CHECK(desk.handle(tick("2026-03-02T10:00:01Z")).reason ==
          "`at` 2026-03-02T10:00:01Z is more than 2h after the engine's clock "
          "2026-03-02T08:00:00Z, the most one event may move it");
    CHECK(desk.handle(tick("2026-03-02T10:00:00Z")).ok);
}

TEST_CASE("an event that brings more engine lines due than the cap is refused, and the rest "
          "fire with the next input",
          "[engine][intake]") {
    EngineOptions options;
    options.max_engine_lines_per_input = 2;
    Desk desk(options);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(desk.handle(submit("J-" + std::to_string(i))).ok);
    }
    // Five reminders are due at 09:00; the note at 09:30 brings them due.
    const auto before = desk.engine.snapshot("J-4");
    const Decision refused = desk.handle(note("J-4", "late", "2026-03-02T09:30:00Z"));
    CHECK(refused.error == "too_many_engine_lines");
    CHECK(refused.reason ==
          "this event brought due more than 2 lines of the engine's own; those up to "
          "2026-03-02T09:00:00Z ran, the rest run before the next event, and this one was not "
          "applied: send it again");
    CHECK(desk.lines.size() == 2);
    CHECK(desk.engine.snapshot("J-4") == before);
    CHECK(desk.engine.now() == millwright::Timestamp(std::chrono::milliseconds(1772442000000)));
    // Sent again: two more fire, refused again; then the last one, and the note is applied.
    CHECK(desk.handle(note("J-4", "late", "2026-03-02T09:30:00Z")).error ==
          "too_many_engine_lines");
    CHECK(desk.lines.size() == 4);
    const Decision applied = desk.handle(note("J-4", "late", "2026-03-02T09:30:00Z"));
    CHECK(applied.ok);
    REQUIRE(desk.lines.size() == 5);
    for (std::size_t i = 0; i < desk.lines.size(); ++i) {
        CHECK(desk.lines[i]["wo"] == "J-" + std::to_string(i));
        CHECK(desk.lines[i]["at"] == "2026-03-02T09:00:00Z");
    }
}

TEST_CASE("advance_to stops after the cap of engine lines and goes on when called again",
          "[engine][intake]") {
    EngineOptions options;
    options.max_engine_lines_per_input = 3;
    Desk desk(options);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(desk.handle(submit("J-" + std::to_string(i))).ok);
    }
    const auto later = millwright::Timestamp(std::chrono::milliseconds(1772445600000)); // 10:00
    CHECK_FALSE(desk.engine.advance_to(later));
    CHECK(desk.lines.size() == 3);
    CHECK(desk.engine.now() < later);
    CHECK(desk.engine.advance_to(later));
    CHECK(desk.lines.size() == 5);
    CHECK(desk.engine.now() == later);
}
