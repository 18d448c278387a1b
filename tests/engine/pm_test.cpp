// Preventive maintenance in the engine, on the virtual clock: which assets a rule covers, when
// each work order is created and due (fixed, floating, meter, period-or-meter and condition
// schedules), DST (New York, and Lord Howe's 30-minute gap; after 2037 too), month ends and
// leap days, seasons, lead times, the previous-open policy, deterministic ids, asset and
// reading lines (and that refused ones change nothing), the forecast, and what a tick and a
// reading look at (no other asset). Whole decision lines are compared where the line is the
// point.
#include "millwright/assets.hpp"
#include "millwright/engine.hpp"
#include "millwright/event.hpp"
#include "millwright/ruleset.hpp"

#include "pm.hpp"
#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using millwright::Decision;
using millwright::Engine;
using millwright::ForecastEntry;
using millwright::InMemoryAssets;
using millwright::Timestamp;

namespace {

const std::string workflow = R"(workflow job "Job"
  field asset : text, required
  field due   : time
  field notes : text
  states scheduled (initial), active, done (final), cancelled (final)
  on start:  scheduled -> active
  on finish: scheduled, active -> done
  on cancel: scheduled, active -> cancelled
end
)";

std::string json_of(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

/// `2026-01-05T08:00:00Z` as a Timestamp.
Timestamp at(const std::string& text) {
    const auto parsed = millwright::parse_timestamp(text);
    REQUIRE(parsed);
    return *parsed;
}

std::string text_of(Timestamp t) {
    return millwright::format_timestamp(t);
}

/// An engine on `rules` (the job workflow is added) with the assets of `assets` (JSON Lines),
/// keeping the lines it originates.
struct Plant {
    Engine engine;
    std::shared_ptr<InMemoryAssets> assets = std::make_shared<InMemoryAssets>();
    std::vector<std::string> lines; ///< engine lines, in order
    std::vector<std::string> problems;
    std::uint64_t line = 0;

    Plant(const std::string& rules, const std::string& asset_lines)
        : engine(millwright::test::load_rules_or_fail(workflow + rules, "pm.mw")) {
        REQUIRE(assets->load_text(asset_lines) == "");
        engine.on_engine_decision(
            [this](const Decision& decision) { lines.push_back(json_of(decision)); });
        problems = engine.set_assets(assets);
    }

    std::string handle(const std::string& json) {
        return json_of(engine.handle_line(json, ++line));
    }
    void tick(const std::string& when) { handle(R"({"at":")" + when + R"(","type":"tick"})"); }
    /// The ids of the work orders created (ok pm lines), in order.
    std::vector<std::string> created() const {
        std::vector<std::string> ids;
        for (const auto& text : lines) {
            const auto json = nlohmann::json::parse(text);
            if (json.contains("pm") && json["ok"] == true) {
                ids.push_back(json["wo"].get<std::string>() + " @" + json["at"].get<std::string>());
            }
        }
        return ids;
    }
    /// "wo due" of each forecast entry in [from, to).
    std::vector<std::string> forecast(const std::string& from, const std::string& to) const {
        std::vector<std::string> out;
        for (const ForecastEntry& entry : engine.forecast(at(from), at(to))) {
            out.push_back(entry.work_order + " " + text_of(entry.due));
        }
        return out;
    }
};

const std::string berlin_and_new_york =
    R"j({"id":"EXT-B","class":"extinguisher","time_zone":"Europe/Berlin"}
{"id":"EXT-N","class":"extinguisher","time_zone":"America/New_York"}
{"id":"TRK-1","class":"truck"}
)j";

/// A meter rule with a lead: its work order is created when the usage rate says the next
/// multiple is less than a week away.
const std::string oil_with_lead = R"(pm oil
  for assets where asset.class = "truck"
  every 10000 miles, lead 7 days
  create job with asset = asset.id, due = pm.due
end
)";

} // namespace

TEST_CASE("a monthly rule on the first monday creates each work order at 09:00 in the asset's "
          "zone",
          "[engine][pm]") {
    Plant plant(R"(pm extinguishers "Monthly inspection"
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00
  create job with asset = asset.id, due = pm.due
end
)",
                berlin_and_new_york);
    CHECK(plant.problems.empty());
    plant.tick("2026-01-01T00:00:00Z"); // the schedules start here
    plant.tick("2026-01-06T00:00:00Z");
    plant.tick("2026-02-03T00:00:00Z");
    REQUIRE(plant.lines.size() == 4);
    CHECK(
        plant.lines[0] ==
        R"j({"seq":2,"at":"2026-01-05T08:00:00Z","wo":"extinguishers/EXT-B/2026-01-05","event":"create","ok":true,"to":"scheduled","version":1,"pm":{"rule":"extinguishers","asset":"EXT-B","due":"2026-01-05T08:00:00Z"},"changes":{"asset":"EXT-B","due":"2026-01-05T08:00:00Z"},"effects":[],"origin":"pm"})j");
    CHECK(plant.created() ==
          std::vector<std::string>{"extinguishers/EXT-B/2026-01-05 @2026-01-05T08:00:00Z",
                                   "extinguishers/EXT-N/2026-01-05 @2026-01-05T14:00:00Z"});
    // February's first Monday: the previous work orders are still open, so they are left out.
    CHECK(
        plant.lines[2] ==
        R"j({"seq":5,"at":"2026-02-02T08:00:00Z","wo":"extinguishers/EXT-B/2026-02-02","event":"create","ok":false,"pm":{"rule":"extinguishers","asset":"EXT-B","due":"2026-02-02T08:00:00Z"},"error":"previous_open","reason":"the previous work order `extinguishers/EXT-B/2026-01-05` of pm rule `extinguishers` for asset `EXT-B` is still open (scheduled)","origin":"pm"})j");
    const auto snapshot = plant.engine.snapshot("extinguishers/EXT-N/2026-01-05");
    REQUIRE(snapshot);
    CHECK((*snapshot)["pm"].dump() ==
          R"j({"rule":"extinguishers","asset":"EXT-N","due":"2026-01-05T14:00:00Z"})j");
    CHECK((*snapshot)["requester"] == "engine");
    CHECK((*snapshot)["history"][0]["by"] == "engine");
    CHECK((*snapshot)["history"][0]["event"] == "create");
}

TEST_CASE("a daily 02:30 job in New York across the DST changes follows the gap policy",
          "[engine][pm][dst]") {
    const std::string asset = R"j({"id":"P-1","time_zone":"America/New_York"})j";
    const auto rule = [](const std::string& policy) {
        return "pm rounds\n  every day at 02:30\n  if previous open: create anyway\n" + policy +
               "  create job with asset = asset.id\nend\n";
    };
    SECTION("later (the default, RFC 5545): 02:30 on the spring-forward day is 03:30 EDT") {
        Plant plant(rule(""), asset);
        CHECK(plant.forecast("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-03-07 2026-03-07T07:30:00Z",
                                       "rounds/P-1/2026-03-08 2026-03-08T07:30:00Z",
                                       "rounds/P-1/2026-03-09 2026-03-09T06:30:00Z"});
    }
    SECTION("earlier: 01:30 EST") {
        Plant plant(rule("  on dst gap: earlier\n"), asset);
        CHECK(plant.forecast("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-03-08 2026-03-08T06:30:00Z"});
    }
    SECTION("skip: no job that day") {
        Plant plant(rule("  on dst gap: skip\n"), asset);
        CHECK(plant.forecast("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-03-07 2026-03-07T07:30:00Z",
                                       "rounds/P-1/2026-03-09 2026-03-09T06:30:00Z"});
    }
    SECTION("fall-back: 02:30 occurs once, and 01:30 means its first occurrence (EDT)") {
        Plant plant(rule(""), asset);
        CHECK(plant.forecast("2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-10-31 2026-10-31T06:30:00Z",
                                       "rounds/P-1/2026-11-01 2026-11-01T07:30:00Z",
                                       "rounds/P-1/2026-11-02 2026-11-02T07:30:00Z"});
        Plant early(R"(pm rounds
  every day at 01:30
  create job with asset = asset.id
end
)",
                    asset);
        CHECK(early.forecast("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-11-01 2026-11-01T05:30:00Z"});
    }
    SECTION("on the replay clock too: the spring-forward job is created at 07:30 UTC") {
        Plant plant(rule(""), asset);
        plant.tick("2026-03-07T12:00:00Z");
        plant.tick("2026-03-09T00:00:00Z");
        CHECK(plant.created() ==
              std::vector<std::string>{"rounds/P-1/2026-03-08 @2026-03-08T07:30:00Z"});
    }
}

TEST_CASE("a 30-minute gap in Lord Howe moves a job by 30 minutes, before and after 2037",
          "[engine][pm][dst]") {
    // 2026-10-04 and 2040-10-07 (a change from the TZif file's closing rule): 02:00 +10:30
    // becomes 02:30 +11:00, so 02:15 does not exist that night.
    const std::string asset = R"j({"id":"P-1","time_zone":"Australia/Lord_Howe"})j";
    const auto rule = [](const std::string& policy) {
        return "pm rounds\n  every day at 02:15\n  if previous open: create anyway\n" + policy +
               "  create job with asset = asset.id\nend\n";
    };
    SECTION("later (the default): 02:45 +11:00") {
        Plant plant(rule(""), asset);
        CHECK(plant.forecast("2026-10-03T00:00:00Z", "2026-10-04T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-10-04 2026-10-03T15:45:00Z"});
        CHECK(plant.forecast("2040-10-06T00:00:00Z", "2040-10-07T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2040-10-07 2040-10-06T15:45:00Z"});
    }
    SECTION("earlier: 01:45 +10:30") {
        Plant plant(rule("  on dst gap: earlier\n"), asset);
        CHECK(plant.forecast("2026-10-03T00:00:00Z", "2026-10-04T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2026-10-04 2026-10-03T15:15:00Z"});
        CHECK(plant.forecast("2040-10-06T00:00:00Z", "2040-10-07T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2040-10-07 2040-10-06T15:15:00Z"});
    }
    SECTION("skip: no job that day") {
        Plant plant(rule("  on dst gap: skip\n"), asset);
        CHECK(plant.forecast("2040-10-04T00:00:00Z", "2040-10-08T00:00:00Z") ==
              std::vector<std::string>{"rounds/P-1/2040-10-05 2040-10-04T15:45:00Z",
                                       "rounds/P-1/2040-10-06 2040-10-05T15:45:00Z",
                                       "rounds/P-1/2040-10-08 2040-10-07T15:15:00Z"});
    }
}

TEST_CASE("after 2037 a monthly rule keeps 09:00 in summer time", "[engine][pm][dst]") {
    Plant plant(R"(pm extinguishers "Monthly inspection"
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00
  create job with asset = asset.id, due = pm.due
end
)",
                berlin_and_new_york);
    CHECK(plant.forecast("2040-06-01T00:00:00Z", "2040-08-01T00:00:00Z") ==
          std::vector<std::string>{"extinguishers/EXT-B/2040-06-04 2040-06-04T07:00:00Z",
                                   "extinguishers/EXT-N/2040-06-04 2040-06-04T13:00:00Z",
                                   "extinguishers/EXT-B/2040-07-02 2040-07-02T07:00:00Z",
                                   "extinguishers/EXT-N/2040-07-02 2040-07-02T13:00:00Z"});
}

TEST_CASE("the 31st in short months and 29 February follow the missing-day policy",
          "[engine][pm]") {
    const std::string asset = R"j({"id":"A","time_zone":"UTC"})j";
    const auto month_end = [&](const std::string& policy) {
        return Plant("pm month_end\n  every month on the 31st\n  " + policy +
                         "\n  create job with asset = asset.id\nend\n",
                     asset);
    };
    CHECK(month_end("on missing day: skip")
              .forecast("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z") ==
          std::vector<std::string>{"month_end/A/2026-01-31 2026-01-31T00:00:00Z",
                                   "month_end/A/2026-03-31 2026-03-31T00:00:00Z",
                                   "month_end/A/2026-05-31 2026-05-31T00:00:00Z"});
    CHECK(month_end("on missing day: earlier")
              .forecast("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z") ==
          std::vector<std::string>{"month_end/A/2026-01-31 2026-01-31T00:00:00Z",
                                   "month_end/A/2026-02-28 2026-02-28T00:00:00Z",
                                   "month_end/A/2026-03-31 2026-03-31T00:00:00Z",
                                   "month_end/A/2026-04-30 2026-04-30T00:00:00Z"});
    CHECK(month_end("on missing day: later")
              .forecast("2026-02-01T00:00:00Z", "2026-05-02T00:00:00Z") ==
          std::vector<std::string>{"month_end/A/2026-03-01 2026-03-01T00:00:00Z",
                                   "month_end/A/2026-03-31 2026-03-31T00:00:00Z",
                                   "month_end/A/2026-05-01 2026-05-01T00:00:00Z"});
    const auto leap = [&](const std::string& policy) {
        return Plant("pm leap\n  every year in february on the 29th\n  " + policy +
                         "\n  create job with asset = asset.id\nend\n",
                     asset);
    };
    CHECK(leap("on missing day: skip").forecast("2026-01-01T00:00:00Z", "2033-01-01T00:00:00Z") ==
          std::vector<std::string>{"leap/A/2028-02-29 2028-02-29T00:00:00Z",
                                   "leap/A/2032-02-29 2032-02-29T00:00:00Z"});
    CHECK(
        leap("on missing day: earlier").forecast("2027-01-01T00:00:00Z", "2029-01-01T00:00:00Z") ==
        std::vector<std::string>{"leap/A/2027-02-28 2027-02-28T00:00:00Z",
                                 "leap/A/2028-02-29 2028-02-29T00:00:00Z"});
    CHECK(leap("on missing day: later").forecast("2027-01-01T00:00:00Z", "2029-01-01T00:00:00Z") ==
          std::vector<std::string>{"leap/A/2027-03-01 2027-03-01T00:00:00Z",
                                   "leap/A/2028-02-29 2028-02-29T00:00:00Z"});
}

TEST_CASE("a floating schedule counts from each completion, so late work drifts it",
          "[engine][pm]") {
    Plant plant(R"(pm service
  every 3 months after last completion at 08:00, lead 7 days
  create job with asset = asset.id, due = pm.due
end
)",
                R"j({"id":"AHU-1","time_zone":"Europe/Berlin","last_done":{"service":"2025-11-30"}}
{"id":"AHU-2","time_zone":"Europe/Berlin"}
)j");
    // AHU-2 has no completion on record: due at once, when the clock starts.
    plant.tick("2026-01-05T00:00:00Z");
    // Its job is done three weeks late: the next is due 3 months after that.
    plant.handle(
        R"j({"at":"2026-01-26T15:00:00Z","type":"finish","wo":"service/AHU-2/2026-01-05","by":"t"})j");
    // AHU-1: 30 November + 3 months is 28 February (February has no 30th), 08:00 in Berlin,
    // created a week ahead.
    plant.tick("2026-02-21T07:00:00Z");
    CHECK(plant.created() ==
          std::vector<std::string>{"service/AHU-2/2026-01-05 @2026-01-05T00:00:00Z",
                                   "service/AHU-1/2026-02-28 @2026-02-21T07:00:00Z"});
    // 26 January + 3 months, 08:00 summer time in Berlin.
    plant.tick("2026-04-19T07:00:00Z");
    CHECK(plant.created().back() == "service/AHU-2/2026-04-26 @2026-04-19T06:00:00Z");
    // The open ones are taken to be done when due (AHU-1's, due 28 February, is still open);
    // work orders already created are not foreseen again.
    CHECK(plant.forecast("2026-04-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          std::vector<std::string>{"service/AHU-1/2026-05-28 2026-05-28T06:00:00Z",
                                   "service/AHU-2/2026-07-26 2026-07-26T06:00:00Z",
                                   "service/AHU-1/2026-08-28 2026-08-28T06:00:00Z",
                                   "service/AHU-2/2026-10-26 2026-10-26T07:00:00Z",
                                   "service/AHU-1/2026-11-28 2026-11-28T07:00:00Z"});
}

TEST_CASE("a meter counts multiples: several passed at once make one work order",
          "[engine][pm][meter]") {
    Plant plant(R"(pm oil
  for assets where asset.class = "truck"
  every 10000 miles
  create job with asset = asset.id, due = pm.due
end
)",
                berlin_and_new_york);
    CHECK(
        plant.handle(
            R"j({"at":"2026-01-05T07:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":47000}})j") ==
        R"j({"seq":1,"at":"2026-01-05T07:00:00Z","line":1,"asset":"TRK-1","event":"reading","ok":true,"changes":{"miles":47000},"effects":[]})j");
    plant.handle(
        R"j({"at":"2026-01-06T07:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":49999.5}})j");
    CHECK(plant.lines.empty());
    // From 49999.5 to 71500 passes 50000, 60000 and 70000: one work order, for 70000.
    plant.handle(
        R"j({"at":"2026-01-07T07:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":71500}})j");
    REQUIRE(plant.lines.size() == 1);
    CHECK(
        plant.lines[0] ==
        R"j({"seq":3,"at":"2026-01-07T07:00:00Z","wo":"oil/TRK-1/miles-70000","event":"create","ok":true,"to":"scheduled","version":1,"pm":{"rule":"oil","asset":"TRK-1","due":"2026-01-07T07:00:00Z"},"changes":{"asset":"TRK-1","due":"2026-01-07T07:00:00Z"},"effects":[],"origin":"pm"})j");
    // Its reading's own line comes right after the line it caused.
    CHECK(
        plant
            .handle(
                R"j({"at":"2026-01-08T07:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":79999}})j")
            .find(R"("seq":5)") != std::string::npos);
    plant.handle(
        R"j({"at":"2026-01-09T07:00:00Z","type":"finish","wo":"oil/TRK-1/miles-70000","by":"t"})j");
    plant.handle(
        R"j({"at":"2026-01-10T07:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":80000}})j");
    CHECK(plant.created().back() == "oil/TRK-1/miles-80000 @2026-01-10T07:00:00Z");
}

TEST_CASE("a meter with a lead creates the work order when the usage rate says it is near",
          "[engine][pm][meter]") {
    Plant plant(oil_with_lead, berlin_and_new_york);
    plant.handle(
        R"j({"at":"2026-01-01T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":40000}})j");
    // 4000 miles in 20 days is 200 a day: 50000 is 30 days away, beyond the lead.
    plant.handle(
        R"j({"at":"2026-01-21T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":44000}})j");
    CHECK(plant.lines.empty());
    CHECK(plant.forecast("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z") ==
          std::vector<std::string>{"oil/TRK-1/miles-50000 2026-02-20T00:00:00Z",
                                   "oil/TRK-1/miles-60000 2026-04-11T00:00:00Z"});
    // 50000 is now 1200 miles away, less than 7 days at the current rate: created now.
    plant.handle(
        R"j({"at":"2026-02-15T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":48800}})j");
    REQUIRE(plant.lines.size() == 1);
    const auto line = nlohmann::json::parse(plant.lines[0]);
    CHECK(line["wo"] == "oil/TRK-1/miles-50000");
    CHECK(line["at"] == "2026-02-15T00:00:00Z");
    // The rate is from the oldest reading kept, at most 30 days older than the latest: from
    // 2026-01-21 (44000), 4800 miles in 25 days, 192 a day: 1200 miles take 6.25 days.
    CHECK(line["pm"]["due"] == "2026-02-21T06:00:00Z");
    // The multiple it covers does not fall due again when it is passed.
    plant.handle(
        R"j({"at":"2026-02-22T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":50100}})j");
    CHECK(plant.lines.size() == 1);
}

TEST_CASE("a meter's usage rate counts from the oldest reading within 30 days of the latest",
          "[engine][pm][meter]") {
    Plant plant(oil_with_lead, berlin_and_new_york);
    const auto read = [&](const std::string& day, int miles) {
        plant.handle(R"({"at":")" + day +
                     R"(T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":)" +
                     std::to_string(miles) + "}}");
    };
    // Weekly readings: 2000 miles a week, then a slower one. Until 2026-01-29 50000 is more
    // than 7 days away at the rate since 2026-01-01 (28 days).
    read("2026-01-01", 40000);
    read("2026-01-08", 42000);
    read("2026-01-15", 44000);
    read("2026-01-22", 46000);
    read("2026-01-29", 47800);
    CHECK(plant.lines.empty());
    // On 2026-02-05 the first reading is 35 days old; the oldest within 30 days is 2026-01-08's:
    // 6500 miles in 28 days, 232 a day, so the 1500 miles left take 6.46 days, within the
    // lead. (Not the rate of the last week alone, 100 a day, which would put it 15 days away.)
    read("2026-02-05", 48500);
    REQUIRE(plant.lines.size() == 1);
    const auto line = nlohmann::json::parse(plant.lines[0]);
    CHECK(line["wo"] == "oil/TRK-1/miles-50000");
    CHECK(line["at"] == "2026-02-05T00:00:00Z");
    CHECK(line["pm"]["due"] == "2026-02-11T11:05:00Z");
    // A reading after more than 30 days without one has no rate to project with: 60000 is
    // 700 miles away, but nothing is created before it is passed.
    read("2026-03-10", 59300);
    CHECK(plant.lines.size() == 1);
    read("2026-03-11", 60100);
    REQUIRE(plant.lines.size() == 2);
    CHECK(nlohmann::json::parse(plant.lines[1])["pm"]["due"] == "2026-03-11T00:00:00Z");
}

TEST_CASE("a condition held long enough triggers once, and again only after it cleared",
          "[engine][pm][condition]") {
    Plant plant(R"(pm overheat
  when temperature > 90 for 30 minutes
  clears when temperature < 80
  if previous open: create anyway
  create job with asset = asset.id, due = pm.due
end
)",
                R"j({"id":"BLR-1"})j");
    const auto read = [&](const std::string& when, int value) {
        return plant.handle(R"({"at":")" + when +
                            R"(","type":"reading","data":{"asset":"BLR-1","temperature":)" +
                            std::to_string(value) + "}}");
    };
    read("2026-02-02T07:00:00Z", 95);
    read("2026-02-02T07:10:00Z", 85); // back within the limit: the 30 minutes start again
    read("2026-02-02T07:15:00Z", 95);
    read("2026-02-02T07:30:00Z", 96);
    CHECK(plant.lines.empty());
    read("2026-02-02T07:50:00Z", 94); // passes 07:45, when it had held 30 minutes
    REQUIRE(plant.lines.size() == 1);
    CHECK(
        plant.lines[0] ==
        R"j({"seq":5,"at":"2026-02-02T07:45:00Z","wo":"overheat/BLR-1/2026-02-02T07:45:00Z","event":"create","ok":true,"to":"scheduled","version":1,"pm":{"rule":"overheat","asset":"BLR-1","due":"2026-02-02T07:45:00Z"},"changes":{"asset":"BLR-1","due":"2026-02-02T07:45:00Z"},"effects":[],"origin":"trigger"})j");
    // 85 is within the limit but not below 80: not cleared, so 95 for an hour triggers nothing.
    read("2026-02-02T08:00:00Z", 85);
    read("2026-02-02T08:10:00Z", 95);
    read("2026-02-02T09:10:00Z", 95);
    CHECK(plant.lines.size() == 1);
    read("2026-02-02T09:20:00Z", 79); // cleared
    read("2026-02-02T09:30:00Z", 91);
    plant.tick("2026-02-02T10:00:00Z");
    CHECK(plant.created().back() == "overheat/BLR-1/2026-02-02T10:00:00Z @2026-02-02T10:00:00Z");
    CHECK(plant.forecast("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z").empty());
}

TEST_CASE("a season leaves fixed dues out and moves floating ones to its start", "[engine][pm]") {
    const std::string asset = R"j({"id":"A","time_zone":"UTC"})j";
    Plant fixed(R"(pm mowing
  every month on the 15th, season april-september
  create job with asset = asset.id
end
)",
                asset);
    const auto dues = fixed.forecast("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    REQUIRE(dues.size() == 6);
    CHECK(dues.front() == "mowing/A/2026-04-15 2026-04-15T00:00:00Z");
    CHECK(dues.back() == "mowing/A/2026-09-15 2026-09-15T00:00:00Z");
    Plant floating(R"(pm gutters
  every 2 months after last completion, season november-february
  create job with asset = asset.id
end
)",
                   R"j({"id":"A","time_zone":"UTC","last_done":{"gutters":"2026-01-10"}})j");
    CHECK(floating.forecast("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z") ==
          std::vector<std::string>{"gutters/A/2026-11-01 2026-11-01T00:00:00Z"});
}

TEST_CASE("the previous-open policy and deterministic ids", "[engine][pm]") {
    const std::string weekly = R"(pm weekly
  every week on monday at 06:00
  create job with asset = asset.id
end
)";
    SECTION("an id a host already used is not created again") {
        Plant plant(weekly, R"j({"id":"A"})j");
        plant.handle(
            R"j({"at":"2026-01-04T00:00:00Z","type":"submit","workflow":"job","wo":"weekly/A/2026-01-05","by":"host","data":{"asset":"A"}})j");
        plant.tick("2026-01-05T12:00:00Z");
        REQUIRE(plant.lines.size() == 1);
        CHECK(
            plant.lines[0] ==
            R"j({"seq":2,"at":"2026-01-05T06:00:00Z","wo":"weekly/A/2026-01-05","event":"create","ok":false,"pm":{"rule":"weekly","asset":"A","due":"2026-01-05T06:00:00Z"},"error":"duplicate_work_order","reason":"work order `weekly/A/2026-01-05` already exists","origin":"pm"})j");
        CHECK(plant.engine.pm_report().failed == 1);
    }
    SECTION("create anyway, and the same stream twice gives the same lines") {
        const auto run = [&] {
            Plant plant(weekly + R"(pm weekly_too
  every week on monday at 06:00
  if previous open: create anyway
  create job with asset = asset.id
end
)",
                        R"j({"id":"A"})j");
            for (const char* day : {"01", "06", "13", "20"}) { // a tick between occurrences
                plant.tick(std::string("2026-01-") + day + "T00:00:00Z");
            }
            return plant.lines;
        };
        const auto first = run();
        CHECK(first == run());
        REQUIRE(first.size() == 6);
        std::vector<std::string> outcomes;
        for (const auto& text : first) {
            const auto line = nlohmann::json::parse(text);
            outcomes.push_back(line["wo"].get<std::string>() + " " +
                               (line["ok"] == true ? "created" : line["error"].get<std::string>()));
        }
        CHECK(outcomes ==
              std::vector<std::string>{
                  "weekly/A/2026-01-05 created", "weekly_too/A/2026-01-05 created",
                  "weekly/A/2026-01-12 previous_open", "weekly_too/A/2026-01-12 created",
                  "weekly/A/2026-01-19 previous_open", "weekly_too/A/2026-01-19 created"});
    }
}

TEST_CASE("a period or a meter, whichever first, and the other counts again", "[engine][pm]") {
    Plant plant(R"(pm brakes
  for assets where asset.class = "truck"
  every 6 months or 20000 miles
  if previous open: create anyway
  create job with asset = asset.id
end
)",
                berlin_and_new_york);
    plant.handle(
        R"j({"at":"2026-01-01T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":5000}})j");
    // The truck was new: due at once (no completion on record); the period counts from then.
    CHECK(plant.created() ==
          std::vector<std::string>{"brakes/TRK-1/2026-01-01 @2026-01-01T00:00:00Z"});
    // 20000 miles after the reading at that work order: 25000, before July.
    plant.handle(
        R"j({"at":"2026-03-01T00:00:00Z","type":"reading","data":{"asset":"TRK-1","miles":25500}})j");
    CHECK(plant.created().back() == "brakes/TRK-1/miles-25000 @2026-03-01T00:00:00Z");
    // The period now counts from 1 March: September, not July.
    plant.tick("2026-08-31T00:00:00Z");
    CHECK(plant.created().size() == 2);
    plant.tick("2026-09-01T00:00:00Z");
    CHECK(plant.created().back() == "brakes/TRK-1/2026-09-01 @2026-09-01T00:00:00Z");
}

TEST_CASE("asset lines move assets into and out of rules, and refused ones change nothing",
          "[engine][pm][assets]") {
    Plant plant(R"(pm big_ones
  for assets where asset.capacity_kw > 50
  every day at 12:00
  create job with asset = asset.id
end
)",
                R"j({"id":"A","capacity_kw":80}
{"id":"B","capacity_kw":20}
)j");
    plant.tick("2026-01-01T00:00:00Z");
    CHECK(
        plant.handle(
            R"j({"at":"2026-01-01T01:00:00Z","type":"asset","data":{"change":"update","id":"B","capacity_kw":"big"}})j") ==
        R"j({"seq":2,"at":"2026-01-01T01:00:00Z","line":2,"asset":"B","event":"asset","ok":false,"error":"bad_asset_change","reason":"/data/capacity_kw: pm rule `big_ones` reads asset.capacity_kw as a number, got \"big\""})j");
    CHECK(plant.assets->find("B")->fields["capacity_kw"] == 20);
    CHECK(
        plant.handle(
            R"j({"at":"2026-01-01T02:00:00Z","type":"asset","data":{"change":"update","id":"B","capacity_kw":60}})j") ==
        R"j({"seq":3,"at":"2026-01-01T02:00:00Z","line":3,"asset":"B","event":"asset","ok":true,"changes":{},"effects":[]})j");
    plant.handle(
        R"j({"at":"2026-01-01T03:00:00Z","type":"asset","data":{"change":"retire","id":"A"}})j");
    plant.tick("2026-01-02T00:00:00Z");
    CHECK(plant.created() ==
          std::vector<std::string>{"big_ones/B/2026-01-01 @2026-01-01T12:00:00Z"});
    CHECK(
        plant
            .handle(
                R"j({"at":"2026-01-02T01:00:00Z","type":"asset","data":{"change":"update","id":"Z","capacity_kw":1}})j")
            .find(R"("error":"bad_asset_change","reason":"/data/id: unknown asset \"Z\"")") !=
        std::string::npos);
    const auto report = plant.engine.pm_report();
    CHECK(report.assets == 1);
    CHECK(report.enrollments == 1);
    CHECK(report.created == 1);
}

TEST_CASE("refused readings change nothing", "[engine][pm][meter]") {
    Plant plant(R"(pm oil
  for assets where asset.class = "truck"
  every 10000 miles
  create job with asset = asset.id
end
)",
                berlin_and_new_york);
    const auto reading = [&](const std::string& when, const std::string& data) {
        return nlohmann::json::parse(
            plant.handle(R"({"at":")" + when + R"(","type":"reading","data":)" + data + "}"));
    };
    reading("2026-01-01T00:00:00Z", R"j({"asset":"TRK-1","miles":9000})j");
    auto refused = reading("2026-01-02T00:00:00Z", R"j({"asset":"TRK-1","miles":8000})j");
    CHECK(refused["error"] == "meter_went_back");
    CHECK(refused["reason"] == "/data/miles: meter `miles` of asset `TRK-1` reads 8000, below its "
                               "last reading 9000; a meter only counts up");
    CHECK(reading("2026-01-02T00:00:00Z", R"j({"asset":"TRK-9","miles":1})j")["error"] ==
          "unknown_asset");
    CHECK(reading("2026-01-02T00:00:00Z", R"j({"asset":"TRK-1","miles":"lots"})j")["reason"] ==
          "/data/miles: a reading is a number, got \"lots\"");
    CHECK(reading("2026-01-02T00:00:00Z", R"j({"asset":"TRK-1"})j")["error"] == "missing_required");
    CHECK(reading("2026-01-02T00:00:00Z", R"j({"miles":1})j")["error"] == "missing_required");
    // 10000 is still the next multiple: the refused 8000 did not move the meter.
    reading("2026-01-03T00:00:00Z", R"j({"asset":"TRK-1","miles":10000})j");
    CHECK(plant.created() ==
          std::vector<std::string>{"oil/TRK-1/miles-10000 @2026-01-03T00:00:00Z"});
    Engine bare(millwright::test::load_rules_or_fail(workflow, "pm.mw"));
    CHECK(
        json_of(bare.handle_line(
            R"j({"at":"2026-01-01T00:00:00Z","type":"reading","data":{"asset":"A","x":1}})j", 1)) ==
        R"j({"seq":1,"at":"2026-01-01T00:00:00Z","line":1,"asset":"A","event":"reading","ok":false,"error":"no_assets","reason":"the engine has no assets to take readings of (replay: give them with --assets)"})j");
}

TEST_CASE("set_assets says which records a rule cannot read and leaves them out",
          "[engine][pm][assets]") {
    Plant plant(R"(pm big_ones
  for assets where asset.capacity_kw > 50
  every day at 12:00
  create job with asset = asset.id
end
)",
                R"j({"id":"A","capacity_kw":80}
{"id":"B","capacity_kw":"80 kW"}
)j");
    CHECK(plant.problems ==
          std::vector<std::string>{"asset \"B\": /capacity_kw: pm rule `big_ones` reads "
                                   "asset.capacity_kw as a number, got \"80 kW\""});
    CHECK(plant.engine.pm_report().enrollments == 1);
}

TEST_CASE("the forecast lists every covered asset's dues in order, with their ids",
          "[engine][pm][forecast]") {
    Plant plant(R"(pm extinguishers "Monthly inspection"
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00, lead 2 days
  create job with asset = asset.id
end
)",
                berlin_and_new_york);
    const auto entries =
        plant.engine.forecast(at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].rule == "extinguishers");
    CHECK(entries[0].title == "Monthly inspection");
    CHECK(entries[0].asset == "EXT-B");
    CHECK(entries[0].workflow == "job");
    CHECK(entries[0].work_order == "extinguishers/EXT-B/2026-01-05");
    CHECK(text_of(entries[0].due) == "2026-01-05T08:00:00Z");
    CHECK(text_of(entries[0].create_at) == "2026-01-03T08:00:00Z");
    CHECK(entries[0].time_zone == "Europe/Berlin");
    CHECK(entries[0].trigger == "calendar");
    CHECK(entries[1].asset == "EXT-N");
    CHECK(text_of(entries[1].due) == "2026-01-05T14:00:00Z");
    CHECK(entries[3].work_order == "extinguishers/EXT-N/2026-02-02");
    // Once the clock runs, what was created is no longer foreseen.
    plant.tick("2026-01-04T00:00:00Z");
    CHECK(plant.created().size() == 2);
    CHECK(plant.engine.forecast(at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z")).size() ==
          2);
}

TEST_CASE("regenerating never duplicates: the same assets again, or an asset retired and back",
          "[engine][pm][ids]") {
    Plant plant(R"(pm weekly
  every week on monday at 06:00, lead 2 days
  create job with asset = asset.id
end
)",
                R"j({"id":"A"}
)j");
    plant.tick("2026-01-01T00:00:00Z");
    plant.tick("2026-01-03T07:00:00Z");
    REQUIRE(plant.created() ==
            std::vector<std::string>{"weekly/A/2026-01-05 @2026-01-03T06:00:00Z"});

    // The host hands over the same assets again: nothing is created or said.
    CHECK(plant.engine.set_assets(plant.assets).empty());
    plant.tick("2026-01-03T08:00:00Z");
    // The asset leaves and comes back the same day: its schedule starts again, finds the
    // week's work order under its deterministic id, and neither creates nor refuses it again.
    plant.handle(
        R"j({"at":"2026-01-03T09:00:00Z","type":"asset","data":{"change":"retire","id":"A"}})j");
    plant.handle(
        R"j({"at":"2026-01-03T10:00:00Z","type":"asset","data":{"change":"add","id":"A"}})j");
    CHECK(plant.lines.size() == 1);
    // The schedule went on from it: once it is done, next week's is created.
    CHECK(
        plant
            .handle(
                R"j({"at":"2026-01-05T12:00:00Z","type":"finish","wo":"weekly/A/2026-01-05","by":"tech"})j")
            .find(R"("ok":true)") != std::string::npos);
    plant.tick("2026-01-10T07:00:00Z");
    CHECK(plant.created() == std::vector<std::string>{"weekly/A/2026-01-05 @2026-01-03T06:00:00Z",
                                                      "weekly/A/2026-01-12 @2026-01-10T06:00:00Z"});
    CHECK(plant.lines.size() == 2);
    CHECK(plant.engine.pm_report().created == 2);
    CHECK(plant.engine.pm_report().skipped == 0);
    CHECK(plant.engine.pm_report().failed == 0);
}

namespace {

/// The example directory, counting what the engine asks it.
class CountingAssets final : public millwright::AssetDirectory {
public:
    explicit CountingAssets(const std::string& lines) { REQUIRE(assets_.load_text(lines) == ""); }

    const millwright::Asset* find(std::string_view id) const override {
        ++finds;
        return assets_.find(id);
    }
    void for_each(const std::function<void(const millwright::Asset&)>& visit) const override {
        ++walks;
        assets_.for_each(visit);
    }
    std::size_t size() const override { return assets_.size(); }

    mutable std::uint64_t finds = 0;
    mutable std::uint64_t walks = 0;

private:
    InMemoryAssets assets_;
};

} // namespace

TEST_CASE("a clock advance with nothing due and a reading look at no other asset",
          "[engine][pm][cost]") {
    // Three rules over the same 2,000 pumps, as bench/pm_bench.cpp has them: nothing is due
    // between 5 and 25 January. The issue asks that an advance of the clock then costs the
    // same whatever the number of assets: the engine keeps one timer per enrollment and looks
    // at none of them, and at no asset, until one falls due.
    std::string lines;
    for (int i = 0; i < 2000; ++i) {
        char record[200];
        std::snprintf(record, sizeof record,
                      R"({"id":"P-%04d","class":"pump","time_zone":"%s","last_done":)"
                      R"({"service":"2026-11-%02d","overhaul":"2026-03-%02d"}})"
                      "\n",
                      i, i % 2 ? "Europe/Berlin" : "Asia/Kolkata", 1 + i % 28, 1 + i % 28);
        lines += record;
    }
    auto assets = std::make_shared<CountingAssets>(lines);
    Engine engine(millwright::test::load_rules_or_fail(workflow + R"(
pm inspection
  for assets where asset.class = "pump"
  every month on the first monday at 09:00
  create job with asset = asset.id, due = pm.due
end
pm service
  for assets where asset.class = "pump"
  every 3 months after last completion at 08:00, lead 7 days
  create job with asset = asset.id, due = pm.due
end
pm overhaul
  for assets where asset.class = "pump"
  every 1 year or 5000 run_hours at 08:00
  create job with asset = asset.id, due = pm.due
end
)",
                                                       "pm.mw"));
    std::uint64_t engine_lines = 0;
    engine.on_engine_decision([&](const Decision&) { ++engine_lines; });
    REQUIRE(engine.set_assets(assets).empty());
    CHECK(assets->walks == 1); // enrolling walks the directory once
    CHECK(engine.pm_report().enrollments == 6000);
    std::uint64_t line = 0;
    const auto handle = [&](const std::string& json) {
        const Decision& decision = engine.handle_line(json, ++line);
        INFO(json_of(decision));
        CHECK(decision.ok);
    };
    handle(R"({"at":"2027-01-05T00:00:00Z","type":"tick"})"); // the schedules start
    assets->finds = 0;
    assets->walks = 0;
    for (int minute = 1; minute <= 600; ++minute) {
        char tick[80];
        std::snprintf(tick, sizeof tick, R"({"at":"2027-01-05T%02d:%02d:00Z","type":"tick"})",
                      minute / 60, minute % 60);
        handle(tick);
    }
    CHECK(engine_lines == 0);
    CHECK(assets->finds == 0);
    CHECK(assets->walks == 0);
    // A reading asks the directory about its own asset, once, and creates nothing.
    handle(
        R"({"at":"2027-01-05T10:00:00Z","type":"reading","data":{"asset":"P-1234","run_hours":700}})");
    CHECK(assets->finds == 1);
    CHECK(assets->walks == 0);
    CHECK(engine_lines == 0);
    // The meter counts from that first reading: 5000 run-hours later the overhaul is due.
    handle(
        R"({"at":"2027-01-06T10:00:00Z","type":"reading","data":{"asset":"P-1234","run_hours":5700}})");
    CHECK(engine_lines == 1);
    CHECK(engine.snapshot("overhaul/P-1234/run_hours-5700"));
}

TEST_CASE("the pm runtime finds each asset by its id among many, and no other",
          "[engine][pm][cost]") {
    // The index is hashed (a reading looks its asset up); ids that share all but their last
    // digits, or are prefixes of one another, must still find their own slot.
    millwright::detail::PmRuntime runtime;
    std::vector<std::string> ids;
    for (int i = 0; i < 10000; ++i) {
        ids.push_back("P-" + std::to_string(i));
    }
    ids.insert(ids.end(), {"", "P", "P-", "P-00", "AHU-B1", "AHU-B1 "});
    for (std::size_t slot = 0; slot < ids.size(); ++slot) {
        REQUIRE(runtime.asset_slot(ids[slot]) == slot);
    }
    for (std::size_t slot = 0; slot < ids.size(); ++slot) {
        CHECK(runtime.find_asset(ids[slot]) == slot);
        CHECK(runtime.asset_id(static_cast<std::uint32_t>(slot)) == ids[slot]);
    }
    CHECK(runtime.asset_slot("P-77") == 77); // present already: the same slot
    CHECK(runtime.asset_count() == ids.size());
    CHECK_FALSE(runtime.find_asset("P-10000"));
    CHECK_FALSE(runtime.find_asset("P-01"));
    CHECK_FALSE(runtime.find_asset("AHU-B"));
    CHECK_FALSE(runtime.find_asset("p-1"));
}

TEST_CASE("a fixed schedule catching up creates only the latest occurrence by default",
          "[engine][pm][catch_up]") {
    // As a CMMS back from an outage would: January to June passed at once, so the June work
    // order is created and the five before it are counted as missed, with no line each.
    const std::string rule = R"(pm extinguishers
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00
  create job with asset = asset.id, due = pm.due
end
)";
    Plant plant(rule, berlin_and_new_york);
    plant.tick("2026-01-01T00:00:00Z");
    plant.tick("2026-06-10T00:00:00Z");
    REQUIRE(plant.lines.size() == 2);
    CHECK(
        plant.lines[0] ==
        R"j({"seq":2,"at":"2026-06-01T07:00:00Z","wo":"extinguishers/EXT-B/2026-06-01","event":"create","ok":true,"to":"scheduled","version":1,"pm":{"rule":"extinguishers","asset":"EXT-B","due":"2026-06-01T07:00:00Z","missed":5},"changes":{"asset":"EXT-B","due":"2026-06-01T07:00:00Z"},"effects":[],"origin":"pm"})j");
    CHECK(plant.created() ==
          std::vector<std::string>{"extinguishers/EXT-B/2026-06-01 @2026-06-01T07:00:00Z",
                                   "extinguishers/EXT-N/2026-06-01 @2026-06-01T13:00:00Z"});
    CHECK(plant.engine.pm_report().missed == 10);
    CHECK(plant.engine.pm_report().created == 2);
    // The schedule goes on from there: July's is left out while June's is open, one line.
    plant.tick("2026-07-07T00:00:00Z");
    REQUIRE(plant.lines.size() == 4);
    CHECK(plant.lines[2].find(R"("due":"2026-07-06T07:00:00Z"},"error":"previous_open")") !=
          std::string::npos);
    CHECK(plant.engine.pm_report().missed == 10);
}

TEST_CASE("`if missed: create all` goes through every occurrence passed",
          "[engine][pm][catch_up]") {
    Plant plant(R"(pm extinguishers
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00
  if missed: create all
  create job with asset = asset.id, due = pm.due
end
)",
                berlin_and_new_york);
    plant.tick("2026-01-01T00:00:00Z");
    plant.tick("2026-06-10T00:00:00Z");
    REQUIRE(plant.lines.size() == 12); // six occurrences for each of two assets
    CHECK(plant.created() ==
          std::vector<std::string>{"extinguishers/EXT-B/2026-01-05 @2026-01-05T08:00:00Z",
                                   "extinguishers/EXT-N/2026-01-05 @2026-01-05T14:00:00Z"});
    CHECK(plant.engine.pm_report().skipped == 10);
    CHECK(plant.engine.pm_report().missed == 0);
}

TEST_CASE("catching up with a lead creates the latest whose creation time has come",
          "[engine][pm][catch_up]") {
    // With a week's lead, the July occurrence's work order is due to be created on 29 June:
    // by 30 June it is the latest, though not yet due.
    Plant plant(R"(pm extinguishers
  for assets where asset.class = "extinguisher"
  every month on the first monday at 09:00, lead 7 days
  create job with asset = asset.id, due = pm.due
end
)",
                R"j({"id":"EXT-B","class":"extinguisher","time_zone":"Europe/Berlin"})j");
    plant.tick("2026-01-01T00:00:00Z"); // January's is created at once: its lead has begun
    plant.tick("2026-06-30T00:00:00Z");
    CHECK(plant.created() ==
          std::vector<std::string>{"extinguishers/EXT-B/2026-01-05 @2026-01-01T00:00:00Z"});
    REQUIRE(plant.lines.size() == 2);
    CHECK(
        plant.lines[1] ==
        R"j({"seq":3,"at":"2026-06-29T07:00:00Z","wo":"extinguishers/EXT-B/2026-07-06","event":"create","ok":false,"pm":{"rule":"extinguishers","asset":"EXT-B","due":"2026-07-06T07:00:00Z","missed":5},"error":"previous_open","reason":"the previous work order `extinguishers/EXT-B/2026-01-05` of pm rule `extinguishers` for asset `EXT-B` is still open (scheduled)","origin":"pm"})j");
}
