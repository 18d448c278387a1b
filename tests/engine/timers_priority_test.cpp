// Priorities derived from a matrix with overrides, and `after` timers on the engine's virtual
// clock: what the decision lines say, when timers fire, and that leaving a state cancels them.
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

using millwright::Decision;
using millwright::Engine;

namespace {

constexpr const char* rules_text = R"(priorities P1 "Critical", P2 "High", P3 "Medium", P4 "Low"

matrix facility_priority(impact: high | medium | low, urgency: high | medium | low)
                 urgency: high  medium  low
  impact high:            P1    P2      P3
  impact medium:          P2    P3      P4
  impact low:             P3    P4      P4
end

workflow job "Job"
  field asset     : text, required
  field category  : plumbing | electrical | general = general
  field impact    : high | medium | low = medium
  field urgency   : high | medium | low = medium
  field remark    : text
  field reminders : number = 0
  priority = facility_priority(impact, urgency)
    but P1 when category = electrical and impact = high

  states new (initial), triaged, escalated, done (final)
  on triage:     new -> triaged
  on reclassify: new, triaged -> triaged
  on finish:     triaged, escalated -> done

  after 4h in new: set reminders = reminders + 1, notify role dispatch "Job {id} is not triaged"
  after 2 days in triaged: -> escalated
end
)";

std::shared_ptr<const millwright::Ruleset> rules() {
    static const auto loaded = millwright::test::load_rules_or_fail(rules_text, "job.mw");
    return loaded;
}

std::string json_of(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

// An engine that keeps the lines of fired timers.
struct Harness {
    Engine engine{rules()};
    std::vector<std::string> engine_lines;
    std::uint64_t line = 0;

    Harness() {
        engine.on_engine_decision(
            [this](const Decision& decision) { engine_lines.push_back(json_of(decision)); });
    }
    std::string handle(const std::string& json) {
        return json_of(engine.handle_line(json, ++line));
    }
};

} // namespace

TEST_CASE("the priority comes from the matrix or an override and shows why", "[engine][priority]") {
    Harness h;
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"AHU-1"}})") ==
        R"({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-1","event":"submit","ok":true,"to":"new","version":1,"priority":{"level":"P3","why":"matrix facility_priority[medium][medium]"},"changes":{"asset":"AHU-1","category":"general","impact":"medium","urgency":"medium","reminders":0},"effects":[]})");
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:01:00Z","type":"submit","workflow":"job","wo":"J-2","by":"rita","data":{"asset":"Panel 3","category":"electrical","impact":"high","urgency":"low"}})") ==
        R"({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-2","event":"submit","ok":true,"to":"new","version":1,"priority":{"level":"P1","why":"but P1 when category = electrical and impact = high"},"changes":{"asset":"Panel 3","category":"electrical","impact":"high","urgency":"low","reminders":0},"effects":[]})");
    // A change of an input recomputes it; the line shows the new level.
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:02:00Z","type":"reclassify","wo":"J-1","by":"dan","data":{"urgency":"high"}})") ==
        R"({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-1","event":"reclassify","ok":true,"from":"new","to":"triaged","version":2,"priority":{"level":"P2","why":"matrix facility_priority[medium][high]"},"changes":{"urgency":"high"},"effects":[]})");
    // An event that changes no input, or changes one without changing the level or its
    // reason, says nothing.
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:03:00Z","type":"reclassify","wo":"J-1","by":"dan","data":{"remark":"checked"}})") ==
        R"({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-1","event":"reclassify","ok":true,"from":"triaged","to":"triaged","version":3,"changes":{"remark":"checked"},"effects":[]})");
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:04:00Z","type":"reclassify","wo":"J-2","by":"dan","data":{"urgency":"high"}})") ==
        R"({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-2","event":"reclassify","ok":true,"from":"new","to":"triaged","version":2,"changes":{"urgency":"high"},"effects":[]})");
    // A rejected event leaves the priority as it was.
    CHECK(
        h.handle(
             R"({"at":"2026-03-02T08:05:00Z","type":"triage","wo":"J-1","by":"dan","data":{"impact":"low"}})")
            .find(R"("error":"transition_not_allowed")") != std::string::npos);
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:06:00Z","type":"reclassify","wo":"J-1","by":"dan","data":{"impact":"low"}})") ==
        R"({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-1","event":"reclassify","ok":true,"from":"triaged","to":"triaged","version":4,"priority":{"level":"P3","why":"matrix facility_priority[low][high]"},"changes":{"impact":"low"},"effects":[]})");
    // Another cell with the same level: the line shows the new reason.
    CHECK(
        h.handle(
            R"({"at":"2026-03-02T08:07:00Z","type":"reclassify","wo":"J-1","by":"dan","data":{"impact":"high","urgency":"low"}})") ==
        R"({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-1","event":"reclassify","ok":true,"from":"triaged","to":"triaged","version":5,"priority":{"level":"P3","why":"matrix facility_priority[high][low]"},"changes":{"impact":"high","urgency":"low"},"effects":[]})");
    CHECK(h.engine.backlog()[1].priority_why == "matrix facility_priority[high][low]");
    CHECK(h.engine_lines.empty());
}

TEST_CASE("a timer fires once, at its due instant, before the event that passes it",
          "[engine][timers]") {
    Harness h;
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"AHU-1"}})");
    CHECK(
        h.handle(R"({"at":"2026-03-02T11:59:59.999Z","type":"tick"})") ==
        R"({"seq":2,"at":"2026-03-02T11:59:59.999Z","line":2,"event":"tick","ok":true,"changes":{},"effects":[]})");
    CHECK(h.engine_lines.empty());
    // The tick at 12:00 passes the due time: the timer's line comes first, with the due time.
    h.handle(R"({"at":"2026-03-02T12:00:00Z","type":"tick"})");
    REQUIRE(h.engine_lines.size() == 1);
    CHECK(
        h.engine_lines[0] ==
        R"({"seq":3,"at":"2026-03-02T12:00:00Z","wo":"J-1","event":"after 4h in new","ok":true,"from":"new","to":"new","version":2,"changes":{"reminders":1},"effects":[{"type":"notify","role":"dispatch","message":"Job J-1 is not triaged"}],"origin":"timer"})");
    // Staying on in the state does not fire it again.
    h.engine.advance_to(millwright::Timestamp(std::chrono::milliseconds(1772841600000))); // +5 days
    CHECK(h.engine_lines.size() == 1);
    const auto snapshot = *h.engine.snapshot("J-1");
    CHECK(snapshot["fields"]["reminders"] == 1);
    CHECK(snapshot["history"][1]["event"] == "after 4h in new");
    CHECK(snapshot["history"][1]["by"] == "engine");
}

TEST_CASE("leaving a state cancels its timer, and entering the next arms that state's",
          "[engine][timers]") {
    Harness h;
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"AHU-1"}})");
    h.handle(R"({"at":"2026-03-02T09:00:00Z","type":"triage","wo":"J-1","by":"dan"})");
    h.handle(R"({"at":"2026-03-03T20:00:00Z","type":"tick"})");
    CHECK(h.engine_lines.empty()); // the 4h timer of `new` was cancelled at 09:00
    // Two days in triaged: escalated at 09:00 on 4 March, even though the next line is later.
    h.handle(R"({"at":"2026-03-05T10:00:00Z","type":"finish","wo":"J-1","by":"tom"})");
    REQUIRE(h.engine_lines.size() == 1);
    CHECK(
        h.engine_lines[0] ==
        R"({"seq":4,"at":"2026-03-04T09:00:00Z","wo":"J-1","event":"after 2 days in triaged","ok":true,"from":"triaged","to":"escalated","version":3,"changes":{},"effects":[],"origin":"timer"})");
    CHECK((*h.engine.snapshot("J-1"))["state"] == "done");
}

TEST_CASE("a state re-entered re-arms its timer from zero", "[engine][timers]") {
    Harness h;
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"AHU-1"}})");
    h.handle(R"({"at":"2026-03-02T09:00:00Z","type":"triage","wo":"J-1","by":"dan"})");
    // A self-transition (triaged -> triaged) is not a new stay: the timer keeps its due time.
    h.handle(R"({"at":"2026-03-03T09:00:00Z","type":"reclassify","wo":"J-1","by":"dan"})");
    h.handle(R"({"at":"2026-03-04T09:00:00Z","type":"tick"})");
    REQUIRE(h.engine_lines.size() == 1);
    CHECK(h.engine_lines[0].find(R"("at":"2026-03-04T09:00:00Z")") != std::string::npos);
}

TEST_CASE("timers due at the same instant fire in the order they were armed", "[engine][timers]") {
    Harness h;
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"B","by":"rita","data":{"asset":"x"}})");
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"A","by":"rita","data":{"asset":"y"}})");
    h.handle(R"({"at":"2026-03-02T13:00:00Z","type":"tick"})");
    REQUIRE(h.engine_lines.size() == 2);
    CHECK(h.engine_lines[0].find(R"("seq":3,"at":"2026-03-02T12:00:00Z","wo":"B")") == 1);
    CHECK(h.engine_lines[1].find(R"("seq":4,"at":"2026-03-02T12:00:00Z","wo":"A")") == 1);
}

TEST_CASE("replay writes fired timers' lines in stream order and counts them", "[engine][timers]") {
    const std::string stream =
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"AHU-1"}})"
        "\n"
        R"({"at":"2026-03-02T13:00:00Z","type":"tick"})"
        "\n";
    std::FILE* in = fmemopen(const_cast<char*>(stream.data()), stream.size(), "r");
    char* out_buffer = nullptr;
    std::size_t out_size = 0;
    std::FILE* out = open_memstream(&out_buffer, &out_size);
    Engine engine(rules());
    const auto summary = millwright::replay(engine, in, out, {});
    std::fclose(in);
    std::fclose(out);
    const std::string written(out_buffer, out_size);
    std::free(out_buffer);
    CHECK(summary.lines == 2);
    CHECK(summary.events == 2);
    CHECK(summary.timers_fired == 1);
    CHECK(summary.timers_failed == 0);
    const auto first_newline = written.find('\n');
    const auto second_newline = written.find('\n', first_newline + 1);
    CHECK(written.substr(first_newline + 1, second_newline - first_newline - 1)
              .find(R"("origin":"timer")") != std::string::npos);
    CHECK(
        written.substr(second_newline + 1) ==
        R"({"seq":3,"at":"2026-03-02T13:00:00Z","line":2,"event":"tick","ok":true,"changes":{},"effects":[]})"
        "\n");
}

TEST_CASE("a business timer counts on the file's calendar, across the weekend",
          "[engine][timers][calendar]") {
    const auto office_rules =
        millwright::test::load_rules_or_fail(R"(calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

workflow job "Job"
  field asset : text, required
  states new (initial), late, done (final)
  on finish: new, late -> done
  after 2 business hours in new: -> late
end
)",
                                             "office.mw");
    Engine engine(office_rules);
    std::vector<std::string> fired;
    engine.on_engine_decision(
        [&](const Decision& decision) { fired.push_back(json_of(decision)); });
    // Friday 16:00 UTC is 17:00 in Berlin: closing time. Two business hours end on Monday at
    // 10:00 in Berlin, 09:00 UTC.
    engine.handle_line(
        R"({"at":"2026-03-06T16:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"A"}})",
        1);
    engine.handle_line(R"({"at":"2026-03-09T08:59:59Z","type":"tick"})", 2);
    CHECK(fired.empty());
    engine.handle_line(R"({"at":"2026-03-09T09:00:00Z","type":"tick"})", 3);
    REQUIRE(fired.size() == 1);
    CHECK(
        fired[0] ==
        R"({"seq":3,"at":"2026-03-09T09:00:00Z","wo":"J-1","event":"after 2 business hours in new","ok":true,"from":"new","to":"late","version":2,"changes":{},"effects":[],"origin":"timer"})");
}

TEST_CASE("the standard 24x7 calendar counts where named, never as the file's default",
          "[engine][timers][calendar]") {
    // `around_the_clock` (from `priorities standard`) sorts before `office`; business time
    // without `on` must still count on the file's own calendar.
    const auto office_rules = millwright::test::load_rules_or_fail(R"(priorities standard

calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

workflow job "Job"
  field asset : text, required
  states new (initial), late, done (final)
  on finish: new, late -> done
  after 2 business hours in new: -> late
  after 2 business hours on around_the_clock in new: note "two hours on the clock"
end
)",
                                                                   "office.mw");
    Engine engine(office_rules);
    std::vector<std::string> fired;
    engine.on_engine_decision(
        [&](const Decision& decision) { fired.push_back(json_of(decision)); });
    // Friday 16:00 UTC: the 24x7 timer is due at 18:00 UTC the same day; the office one, as
    // above, on Monday at 10:00 in Berlin, 09:00 UTC.
    engine.handle_line(
        R"({"at":"2026-03-06T16:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"A"}})",
        1);
    engine.handle_line(R"({"at":"2026-03-09T09:00:00Z","type":"tick"})", 2);
    REQUIRE(fired.size() == 2);
    CHECK(
        fired[0] ==
        R"({"seq":2,"at":"2026-03-06T18:00:00Z","wo":"J-1","event":"after 2 business hours on around_the_clock in new","ok":true,"from":"new","to":"new","version":2,"changes":{},"effects":[{"type":"note","text":"two hours on the clock"}],"origin":"timer"})");
    CHECK(
        fired[1] ==
        R"({"seq":3,"at":"2026-03-09T09:00:00Z","wo":"J-1","event":"after 2 business hours in new","ok":true,"from":"new","to":"late","version":3,"changes":{},"effects":[],"origin":"timer"})");
}

TEST_CASE("a business day is the calendar's opening day, so days skip weekends and holidays",
          "[engine][timers][calendar]") {
    // Monday to Friday 08:00-12:00 and 13:00-17:00: a business day is 8 business hours. Good
    // Friday (3 April 2026) is a holiday; 1w is five such days.
    const auto office_rules =
        millwright::test::load_rules_or_fail(R"(calendar office in "Europe/Berlin"
  mon-fri 08:00-12:00, 13:00-17:00
  closed 2026-04-03
end

workflow job "Job"
  field asset : text, required
  states new (initial), late, later, done (final)
  on finish: new, late, later -> done
  after 3 business days in new: -> late
  after 1w business in late: -> later
end
)",
                                             "office.mw");
    Engine engine(office_rules);
    std::vector<std::string> fired;
    engine.on_engine_decision(
        [&](const Decision& decision) { fired.push_back(decision.at + " " + decision.event); });
    // Friday 27 March 15:00 in Berlin (UTC+1): 2 h that day, 8 h Monday, 8 h Tuesday, and the
    // last 6 h end on Wednesday 1 April at 15:00, now summer time (UTC+2): 13:00 UTC. Then five
    // business days skip Good Friday and end on Thursday 9 April at 15:00 Berlin.
    engine.handle_line(
        R"({"at":"2026-03-27T14:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"A"}})",
        1);
    engine.handle_line(R"({"at":"2026-04-30T00:00:00Z","type":"tick"})", 2);
    CHECK(fired == std::vector<std::string>{"2026-04-01T13:00:00Z after 3 business days in new",
                                            "2026-04-09T13:00:00Z after 1w business in late"});
}

TEST_CASE("an unknown time zone is refused when the rules load", "[engine][calendar]") {
    auto loaded = millwright::load_string(R"(calendar office in "Europe/Berln"
  mon-fri 08:00-17:00
end
workflow job
  states new (initial)
end
)",
                                          "office.mw");
    CHECK_FALSE(loaded.ok());
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].rendered.find(
              "office.mw:1:20: error: `Europe/Berln` is not a time zone name") == 0);
    CHECK(loaded.diagnostics[0].rendered.find("did you mean `Europe/Berlin`?") !=
          std::string::npos);
}

TEST_CASE("the backlog lists open work orders by priority, then age", "[engine][priority]") {
    Harness h;
    h.handle(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"low-old","by":"rita","data":{"asset":"a","impact":"low","urgency":"low"}})");
    h.handle(
        R"({"at":"2026-03-02T08:01:00Z","type":"submit","workflow":"job","wo":"mid","by":"rita","data":{"asset":"b"}})");
    h.handle(
        R"({"at":"2026-03-02T08:02:00Z","type":"submit","workflow":"job","wo":"critical","by":"rita","data":{"asset":"c","category":"electrical","impact":"high"}})");
    h.handle(
        R"({"at":"2026-03-02T08:03:00Z","type":"submit","workflow":"job","wo":"mid-newer","by":"rita","data":{"asset":"d"}})");
    h.handle(
        R"({"at":"2026-03-02T08:04:00Z","type":"submit","workflow":"job","wo":"done","by":"rita","data":{"asset":"e","impact":"high","urgency":"high"}})");
    h.handle(R"({"at":"2026-03-02T08:05:00Z","type":"triage","wo":"done","by":"dan"})");
    h.handle(R"({"at":"2026-03-02T08:06:00Z","type":"finish","wo":"done","by":"dan"})");
    const auto backlog = h.engine.backlog();
    std::vector<std::string> order;
    for (const auto& entry : backlog) {
        order.push_back(entry.id + " " + entry.priority + " " + entry.created_text);
    }
    CHECK(order == std::vector<std::string>{
                       "critical P1 2026-03-02T08:02:00Z", "mid P3 2026-03-02T08:01:00Z",
                       "mid-newer P3 2026-03-02T08:03:00Z", "low-old P4 2026-03-02T08:00:00Z"});
    REQUIRE(!backlog.empty());
    CHECK(backlog[0].state == "new");
    CHECK(backlog[0].workflow == "job");
    CHECK(backlog[0].priority_why == "but P1 when category = electrical and impact = high");
}

TEST_CASE("a timer whose rule fails is reported and changes nothing", "[engine][timers]") {
    const auto failing = millwright::test::load_rules_or_fail(R"(workflow job
  field asset : text, required
  states new (initial), late, done (final)
  on finish: new, late -> done
  after 1h in new: -> late, notify assignee "late"
end
)",
                                                              "fail.mw");
    Engine engine(failing);
    std::vector<std::string> fired;
    engine.on_engine_decision(
        [&](const Decision& decision) { fired.push_back(json_of(decision)); });
    engine.handle_line(
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"A"}})",
        1);
    const auto before = *engine.snapshot("J-1");
    engine.handle_line(R"({"at":"2026-03-02T10:00:00Z","type":"tick"})", 2);
    REQUIRE(fired.size() == 1);
    CHECK(
        fired[0].find(
            R"("event":"after 1h in new","ok":false,"from":"new","version":1,"error":"rule_failed")") !=
        std::string::npos);
    CHECK(fired[0].find(R"("origin":"timer")") != std::string::npos);
    CHECK(*engine.snapshot("J-1") == before);
}

TEST_CASE("business-time builtins name a calendar of the file", "[engine][calendar]") {
    const auto visit_rules =
        millwright::test::load_rules_or_fail(R"(calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

workflow visit "Visit"
  field asset    : text, required
  field promised : time
  field open     : bool = false
  field waited   : duration
  states new (initial), booked, late (final)
  on book: new -> booked
    set promised = add_business_time(now, 4h, "office"), set open = is_open(now, "office")
  on chase: booked -> late
    set waited = business_time(promised, now, "office")
  on misbook: new -> booked
    set promised = next_open(now, data.site)
end
)",
                                             "visit.mw");
    Engine engine(visit_rules);
    const auto line = [&](const std::string& json) {
        static std::uint64_t number = 0;
        return json_of(engine.handle_line(json, ++number));
    };
    line(
        R"({"at":"2026-03-06T15:00:00Z","type":"submit","workflow":"visit","wo":"V-1","by":"rita","data":{"asset":"A"}})");
    // Friday 16:00 Berlin, open: four business hours end on Monday at 11:00 Berlin.
    CHECK(line(R"({"at":"2026-03-06T15:00:00Z","type":"book","wo":"V-1","by":"dan"})")
              .find(R"("changes":{"promised":"2026-03-09T10:00:00Z","open":true})") !=
          std::string::npos);
    // Chased on Tuesday 09:00 Berlin: 6 h on Monday after 11:00, and 1 h on Tuesday.
    CHECK(line(R"({"at":"2026-03-10T08:00:00Z","type":"chase","wo":"V-1","by":"dan"})")
              .find(R"("changes":{"waited":"7h"})") != std::string::npos);
    // A calendar named by data the file does not define (a literal name is checked when the
    // rules load): the rule fails at its line, and nothing changes.
    line(
        R"({"at":"2026-03-10T08:00:00Z","type":"submit","workflow":"visit","wo":"V-2","by":"rita","data":{"asset":"B"}})");
    const std::string failed = line(
        R"({"at":"2026-03-10T08:00:00Z","type":"misbook","wo":"V-2","by":"dan","data":{"site":"offce"}})");
    CHECK(failed.find(R"("error":"rule_failed")") != std::string::npos);
    CHECK(failed.find("visit.mw:16:") != std::string::npos);
    CHECK(failed.find("unknown calendar 'offce'; the calendars are office") != std::string::npos);
}
