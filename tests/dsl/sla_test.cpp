// SLAs, front to back: the `sla` block parses into targets per level and clock rules; it is
// checked on its own (E0801-E0803, E0505, E0603) and where a workflow names it (E0804-E0806);
// the model holds targets per level in level order, and each workflow its state indexes.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

const std::string shared = R"(priorities standard

calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

sla standard_targets "Standard targets"
  P2 response 4 business hours on office, resolution 2 business days on office
  P1 response 1h, resolution 4h
  P3 response 1 business day on office, resolution 5 business days on office
  P4 response 2 business days on office,
     resolution 10 business days on office
  response stops at assigned
  resolution starts at triaged
  resolution stops at completed, cancelled
  pause while on_hold, waiting
  warn at 75%
end
)"; // 18 lines

const std::string corrective = R"(workflow corrective
  field impact  : high | medium | low = medium
  field urgency : high | medium | low = medium
  priority = standard_priority(impact, urgency)
  sla standard_targets
  states new (initial), triaged, assigned, on_hold, waiting, completed (final),
         cancelled (final)
  on triage: new -> triaged
  on assign: triaged -> assigned
  on hold:   assigned -> on_hold
  on wait:   assigned -> waiting
  on resume: on_hold, waiting -> assigned
  on done:   assigned -> completed
  on cancel: any -> cancelled
end
)";

} // namespace

TEST_CASE("an SLA compiles to targets per level and clock states", "[dsl][sla]") {
    auto result = compile_text(shared + corrective);
    CHECK(result->rendered() == "");
    REQUIRE(result->program.slas.size() == 1);
    const auto& sla = result->program.slas[0];
    CHECK(sla.name == "standard_targets");
    CHECK(sla.title == "Standard targets");
    CHECK(sla.warn_percent == 75);
    REQUIRE(sla.levels.size() == 4);
    // In level order, whatever the order of the lines.
    CHECK(sla.levels[0].level == 0);
    CHECK(sla.levels[0].response.duration_ms == 3600 * 1000);
    CHECK_FALSE(sla.levels[0].response.business);
    CHECK(sla.levels[0].resolution.duration_ms == 4 * 3600 * 1000);
    CHECK(sla.levels[1].level == 1);
    CHECK(sla.levels[1].response.duration_ms == 4 * 3600 * 1000);
    CHECK(sla.levels[1].response.business);
    CHECK(sla.levels[1].response.calendar == "office");
    CHECK(sla.levels[1].resolution.duration_ms == 2LL * 24 * 3600 * 1000);
    CHECK(sla.levels[3].resolution.duration_ms == 10LL * 24 * 3600 * 1000);
    CHECK(result->where(sla.levels[3].span) == "11:3");
    CHECK(sla.response_starts.empty());
    CHECK(sla.response_stops == std::vector<std::string>{"assigned"});
    CHECK(sla.resolution_starts == std::vector<std::string>{"triaged"});
    CHECK(sla.resolution_stops == std::vector<std::string>{"completed", "cancelled"});
    CHECK(sla.paused == std::vector<std::string>{"on_hold", "waiting"});

    REQUIRE(result->workflows.size() == 1);
    const auto& use = result->workflows[0].sla;
    REQUIRE(use);
    CHECK(use->sla == 0);
    CHECK(use->name == "standard_targets");
    CHECK(use->response_stops == std::vector<std::size_t>{2});
    CHECK(use->resolution_starts == std::vector<std::size_t>{1});
    CHECK(use->resolution_stops == std::vector<std::size_t>{5, 6});
    CHECK(use->paused == std::vector<std::size_t>{3, 4});
    CHECK(result->where(use->span) == "23:7");
}

TEST_CASE("SLA errors on their own", "[dsl][sla]") {
    auto result = compile_text("priorities P1, P2, P3\n"
                               "calendar office in \"UTC\"\n"
                               "  every day 08:00-17:00\n"
                               "end\n"
                               "sla bad\n"
                               "  P1 response 0h, resolution 4h business on offce\n"
                               "  P1 response 1h, resolution 4h\n"
                               "  P7 response 1h, resolution 4h\n"
                               "  warn at 0%\n"
                               "  warn at 50%\n"
                               "end\n"
                               "sla bad\n"
                               "  P1 response 1h, resolution 2h\n"
                               "  P2 response 1h, resolution 2h\n"
                               "  P3 response 1h, resolution 2h\n"
                               "end\n"
                               "workflow w\n  states s (initial)\nend\n");
    CHECK(result->positions() == std::vector<std::string>{"E0802 6:15", "E0603 6:45", "E0506 7:3",
                                                          "E0505 8:3", "E0801 5:5", "E0803 9:11",
                                                          "E0506 10:3", "E0506 12:5"});
    CHECK(result->diagnostics.items()[1].hint == "did you mean `office`?");
    CHECK(result->diagnostics.items()[4].message == "sla `bad` has no targets for `P2` or `P3`");
}

TEST_CASE("SLA errors where a workflow names it", "[dsl][sla]") {
    auto result = compile_text(shared + "workflow w\n"
                                        "  sla standard_target\n"
                                        "  states new (initial)\n"
                                        "end\n"
                                        "workflow v\n"
                                        "  sla standard_targets\n"
                                        "  states new (initial)\n"
                                        "end\n");
    std::vector<std::string> expected{"E0804 20:7", "E0805 24:7"};
    for (int i = 0; i < 6; ++i) {
        expected.push_back("E0806 24:7"); // every state the SLA names
    }
    CHECK(result->positions() == expected);
    CHECK(result->diagnostics.items()[0].hint == "did you mean `standard_targets`?");
    const auto& missing = result->diagnostics.items()[2];
    CHECK(missing.message ==
          "sla `standard_targets` names state `assigned`, which workflow `v` does not have");
    REQUIRE(missing.labels.size() == 1);
    CHECK(result->where(missing.labels[0].span) == "13:21");
}

TEST_CASE("SLA syntax errors say what was expected", "[dsl][sla]") {
    SECTION("a level without its resolution") {
        auto result = compile_text("priorities P1\nsla s\n  P1 response 1h\nend\n");
        CHECK(result->positions() == std::vector<std::string>{"E0101 3:17"});
        CHECK(result->diagnostics.items()[0].message ==
              "expected `,` and the resolution target, found end of line");
    }
    SECTION("a clock rule without at") {
        auto result = compile_text("priorities P1\nsla s\n  response stops assigned\nend\n");
        CHECK(result->positions() == std::vector<std::string>{"E0101 3:18"});
        CHECK(result->diagnostics.items()[0].message == "expected `at`, found `assigned`");
    }
    SECTION("sla stays a state name") {
        auto result = compile_text("workflow w\n"
                                   "  states sla (initial), done (final)\n"
                                   "  on go: sla -> done\n"
                                   "end\n");
        CHECK(result->rendered() == "");
    }
}
