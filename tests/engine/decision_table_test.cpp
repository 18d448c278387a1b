// Decision tables through the engine: `classify with TABLE` sets the output fields from the
// row that matches (first hit), or lists from every row that matches (collect), and the
// decision line shows the changes like any `set`.
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <string>

using millwright::Decision;
using millwright::Engine;

namespace {

constexpr const char* rules_text =
    R"(table routing(category: plumbing | electrical | general, impact: high | low)
      -> team, calendar  hit first
  category electrical, impact high: electricians_on_call, always
  category electrical, impact -:    electricians,         office_hours
  category -,          impact -:    "general maintenance", office_hours
end

table trades(category: plumbing | electrical | general, urgent: bool) -> trade  hit collect
  category electrical | general, urgent -:    electrician
  category plumbing | general,   urgent -:    plumber
  category -,                    urgent true: supervisor
end

workflow job "Job"
  field category : plumbing | electrical | general = general
  field impact   : high | low = low
  field urgent   : bool = false
  field team     : text
  field calendar : always | office_hours
  field trade    : list of text
  states new (initial), triaged
  on triage: new -> triaged, classify with routing
    classify with trades
end
)";

std::shared_ptr<const millwright::Ruleset> rules() {
    static const auto loaded = millwright::test::load_rules_or_fail(rules_text, "job.mw");
    return loaded;
}

std::string handle(Engine& engine, const std::string& json, std::uint64_t line) {
    std::string text;
    engine.handle_line(json, line).append_json(text);
    return text;
}

} // namespace

TEST_CASE("classify with a first-hit table sets the outputs of the first matching row",
          "[engine][tables]") {
    Engine engine{rules()};
    handle(
        engine,
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"category":"electrical","impact":"high","urgent":true}})",
        1);
    CHECK(
        handle(engine, R"({"at":"2026-03-02T08:01:00Z","type":"triage","wo":"J-1","by":"dan"})",
               2) ==
        R"({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-1","event":"triage","ok":true,"from":"new","to":"triaged","version":2,"changes":{"team":"electricians_on_call","calendar":"always","trade":["electrician","supervisor"]},"effects":[]})");
}

TEST_CASE("the catch-all row answers what no other row covers, and collect may find nothing",
          "[engine][tables]") {
    Engine engine{rules()};
    handle(
        engine,
        R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-2","by":"rita","data":{"category":"plumbing"}})",
        1);
    CHECK(
        handle(engine, R"({"at":"2026-03-02T08:01:00Z","type":"triage","wo":"J-2","by":"dan"})",
               2) ==
        R"({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-2","event":"triage","ok":true,"from":"new","to":"triaged","version":2,"changes":{"team":"general maintenance","calendar":"office_hours","trade":["plumber"]},"effects":[]})");
}
