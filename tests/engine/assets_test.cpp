// The asset directory: loading the JSON document and JSON Lines (every refusal with its exact
// JSON Pointer, or line, and reason), hostile nesting, hash look-ups and id order, each change
// kind and the rule that a refused load or change changes nothing, the read-only default, and
// the example file and the docs' examples.
#include "millwright/assets.hpp"

#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace {

using millwright::Asset;
using millwright::InMemoryAssets;
using millwright::Timestamp;
using nlohmann::json;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string time_text(Timestamp at) {
    return millwright::stdlib::format_time(at.time_since_epoch().count());
}

const json small = json::parse(R"({"assets":[
  {"id":"AHU-2","class":"AHU","site":"annex","criticality":"medium","time_zone":"America/New_York",
   "capacity_kw":42.5,"last_done":{"air_handlers":"2025-12-15T09:30:00-05:00"}},
  {"id":"AHU-1","class":"AHU","site":"hq","criticality":"high","time_zone":"Europe/Berlin",
   "make":"Trane","capacity_kw":85,"serves":["floor 1","floor 2"],
   "last_done":{"air_handlers":"2025-11-03","belts":"2025-06-30T12:00:00Z"}},
  {"id":"EXT-001","class":"extinguisher","site":"hq","agent":"CO2","size_kg":5,"sealed":true},
  {"id":"TRK-01","class":"truck","site":null,"criticality":null,"time_zone":null,
   "odometer_unit":"miles","warranty_until":null}
]})");

InMemoryAssets loaded(const json& document = small) {
    InMemoryAssets assets;
    REQUIRE(assets.load(document) == "");
    return assets;
}

std::vector<std::string> ids_in_order(const millwright::AssetDirectory& assets) {
    std::vector<std::string> out;
    assets.for_each([&](const Asset& asset) { out.push_back(asset.id); });
    return out;
}

// Everything a directory holds, in id order, as one JSON text: a refusal must leave it equal.
std::string dump(const millwright::AssetDirectory& assets) {
    json out = json::array();
    assets.for_each([&](const Asset& asset) {
        json last_done = json::array();
        for (const auto& [rule, at] : asset.last_done) {
            last_done.push_back({rule, time_text(at)});
        }
        out.push_back({{"id", asset.id},
                       {"class", asset.asset_class},
                       {"site", asset.site},
                       {"criticality", asset.criticality},
                       {"time_zone", asset.time_zone},
                       {"last_done", last_done},
                       {"fields", asset.fields}});
    });
    return out.dump();
}

// Loads `records` (a JSON array text) as a document and returns the refusal.
std::string refusal(const std::string& records) {
    InMemoryAssets assets;
    return assets.load(json::parse(R"({"assets":)" + records + "}"));
}

// Loads `text` as JSON Lines (or whatever load_text makes of it) and returns the refusal.
std::string text_refusal(const std::string& text) {
    InMemoryAssets assets;
    return assets.load_text(text);
}

std::string nested_array(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

} // namespace

TEST_CASE("a loaded asset directory finds assets by id and keeps every field", "[engine][assets]") {
    const auto assets = loaded();
    CHECK(assets.size() == 4);
    const Asset* ahu = assets.find("AHU-1");
    REQUIRE(ahu != nullptr);
    CHECK(ahu->asset_class == "AHU");
    CHECK(ahu->site == "hq");
    CHECK(ahu->criticality == "high");
    CHECK(ahu->time_zone == "Europe/Berlin");
    CHECK(ahu->fields.dump() ==
          R"({"capacity_kw":85,"class":"AHU","criticality":"high","id":"AHU-1",)"
          R"("last_done":{"air_handlers":"2025-11-03","belts":"2025-06-30T12:00:00Z"},)"
          R"("make":"Trane","serves":["floor 1","floor 2"],"site":"hq",)"
          R"("time_zone":"Europe/Berlin"})");
    CHECK(assets.find("AHU-2")->fields["capacity_kw"] == 42.5);
    CHECK(assets.find("EXT-001")->fields["sealed"] == true);
    CHECK(assets.find("EXT-001")->time_zone == "");
    CHECK(assets.find("AHU-9") == nullptr);
    CHECK(assets.find("") == nullptr);

    // Null means none for the named keys, and stays in the fields as given.
    const Asset* truck = assets.find("TRK-01");
    REQUIRE(truck != nullptr);
    CHECK(truck->site == "");
    CHECK(truck->criticality == "");
    CHECK(truck->time_zone == "");
    CHECK(truck->last_done.empty());
    CHECK(truck->fields.dump() ==
          R"({"class":"truck","criticality":null,"id":"TRK-01","odometer_unit":"miles",)"
          R"("site":null,"time_zone":null,"warranty_until":null})");
}

TEST_CASE("last_done holds instants by rule name, a date as the asset's local midnight",
          "[engine][assets]") {
    const auto assets = loaded();
    const Asset& ahu = *assets.find("AHU-1");
    REQUIRE(ahu.last_done.size() == 2);
    CHECK(ahu.last_done[0].first == "air_handlers");
    // AHU-1 is in Europe/Berlin: 2025-11-03 begins at 23:00 UTC the day before.
    CHECK(time_text(ahu.last_done[0].second) == "2025-11-02T23:00:00Z");
    CHECK(ahu.last_done[1].first == "belts");
    CHECK(time_text(ahu.last_done[1].second) == "2025-06-30T12:00:00Z");
    REQUIRE(ahu.last_done_for("belts").has_value());
    CHECK(time_text(*ahu.last_done_for("belts")) == "2025-06-30T12:00:00Z");
    CHECK_FALSE(ahu.last_done_for("chillers").has_value());
    CHECK_FALSE(ahu.last_done_for("").has_value());
    // An offset is kept as the instant it names.
    CHECK(time_text(*assets.find("AHU-2")->last_done_for("air_handlers")) ==
          "2025-12-15T14:30:00Z");
    // Names come out in ascending order whatever the record's order.
    InMemoryAssets reordered;
    REQUIRE(reordered.load_text(R"({"id":"A","last_done":{"zeta":"2026-01-02","alpha":)"
                                R"("2026-01-01","mid":"2026-01-03"}})") == "");
    std::vector<std::string> names;
    for (const auto& [rule, at] : reordered.find("A")->last_done) {
        names.push_back(rule);
    }
    CHECK(names == std::vector<std::string>{"alpha", "mid", "zeta"});
    // Without a zone a date is its midnight UTC; an update of the zone moves it with it.
    CHECK(time_text(reordered.find("A")->last_done[0].second) == "2026-01-01T00:00:00Z");
    REQUIRE(reordered.apply(json::parse(
                R"({"change":"update","id":"A","time_zone":"America/New_York"})")) == "");
    CHECK(time_text(reordered.find("A")->last_done[0].second) == "2026-01-01T05:00:00Z");
}

TEST_CASE("for_each visits every asset once in ascending id order", "[engine][assets]") {
    const auto assets = loaded();
    CHECK(ids_in_order(assets) == std::vector<std::string>{"AHU-1", "AHU-2", "EXT-001", "TRK-01"});
    InMemoryAssets empty;
    CHECK(ids_in_order(empty).empty());
    CHECK(empty.size() == 0);
}

TEST_CASE("JSON Lines load the same assets as the document", "[engine][assets]") {
    std::string lines;
    for (const auto& record : small["assets"]) {
        lines += record.dump() + "\r\n\n   \n";
    }
    InMemoryAssets from_lines;
    REQUIRE(from_lines.load_text(lines) == "");
    CHECK(dump(from_lines) == dump(loaded()));

    // A document on one line or spread over many, and a last line without its newline.
    InMemoryAssets from_document;
    REQUIRE(from_document.load_text(small.dump()) == "");
    CHECK(dump(from_document) == dump(loaded()));
    REQUIRE(from_document.load_text(small.dump(2) + "\n") == "");
    CHECK(dump(from_document) == dump(loaded()));
    REQUIRE(from_document.load_text("\n\n" + small["assets"][2].dump()) == "");
    CHECK(ids_in_order(from_document) == std::vector<std::string>{"EXT-001"});
    // A first record with an id is a line even when it has a field called assets.
    REQUIRE(from_document.load_text(R"({"id":"A","assets":["B"]})") == "");
    CHECK(from_document.find("A")->fields["assets"] == json::array({"B"}));
}

TEST_CASE("loading refuses a bad document with a JSON Pointer and a reason", "[engine][assets]") {
    InMemoryAssets assets;
    CHECK(assets.load_text("{\"assets\": [") ==
          "invalid JSON: parse error at line 1, column 13: syntax error while parsing value - "
          "unexpected end of input; expected '[', '{', or a literal");
    CHECK(assets.load_text("") ==
          "invalid JSON: parse error at line 1, column 1: syntax error while parsing value - "
          "unexpected end of input; expected '[', '{', or a literal");
    CHECK(assets.load_text("{\"assets\": [{\"id\":\"a\",\"kw\":1e400}]}") ==
          "invalid JSON: number overflow parsing '1e400'");
    // One line that does not parse is read as a document: no line number.
    CHECK(assets.load_text("{\"id\":\"a\",\"kw\":-1e400}") ==
          "invalid JSON: number overflow parsing '-1e400'");
    CHECK(assets.load(json::array()) == "expected an object with \"assets\", got array");
    CHECK(assets.load(json::object()) == "missing assets");
    CHECK(assets.load({{"assets", json::array()}, {"groups", 1}}) ==
          "/groups: unknown key (expected assets)");
    CHECK(assets.load({{"assets", 3}}) == "/assets: expected an array, got number");
    CHECK(refusal(R"([7])") == "/assets/0: expected an object, got number");
    CHECK(refusal(R"([{"class":"AHU"}])") == "/assets/0: missing id");
    CHECK(refusal(R"([{"id":""}])") == "/assets/0/id: expected a non-empty string");
    CHECK(refusal(R"([{"id":5}])") == "/assets/0/id: expected a string, got number");
    CHECK(refusal(R"([{"id":"AHU-1"},{"id":"AHU-2"},{"id":"AHU-1"}])") ==
          "/assets/2/id: duplicate asset \"AHU-1\" (also /assets/0)");
    CHECK(refusal(R"([{"id":"a","class":3}])") ==
          "/assets/0/class: expected a string or null, got number");
    CHECK(refusal(R"([{"id":"a","site":["hq"]}])") ==
          "/assets/0/site: expected a string or null, got array");
    CHECK(refusal(R"([{"id":"a","criticality":true}])") ==
          "/assets/0/criticality: expected a string or null, got boolean");
    CHECK(refusal(R"([{"id":"a"},{"id":"b","time_zone":"Europe/Berln"}])") ==
          "/assets/1/time_zone: unknown time zone \"Europe/Berln\"");
    CHECK(refusal(R"([{"id":"a","time_zone":""}])") ==
          "/assets/0/time_zone: unknown time zone \"\"");
    CHECK(refusal(R"([{"id":"a","time_zone":1}])") ==
          "/assets/0/time_zone: expected a string or null, got number");
    CHECK(refusal(R"([{"id":"a","last_done":"2025-11-03"}])") ==
          "/assets/0/last_done: expected an object from PM rule names to times, got string");
    CHECK(refusal(R"([{"id":"a","last_done":{"air_handlers":"2025-13-01"}}])") ==
          "/assets/0/last_done/air_handlers: expected an RFC 3339 time or a YYYY-MM-DD date, "
          "got \"2025-13-01\"");
    CHECK(refusal(R"([{"id":"a","last_done":{"air_handlers":"2025-11-03 10:00"}}])") ==
          "/assets/0/last_done/air_handlers: expected an RFC 3339 time or a YYYY-MM-DD date, "
          "got \"2025-11-03 10:00\"");
    CHECK(refusal(R"([{"id":"a","last_done":{"air_handlers":20251103}}])") ==
          "/assets/0/last_done/air_handlers: expected an RFC 3339 time or a YYYY-MM-DD date, "
          "got number");
    CHECK(refusal(R"([{"id":"a","last_done":{"air_handlers":null}}])") ==
          "/assets/0/last_done/air_handlers: expected an RFC 3339 time or a YYYY-MM-DD date, "
          "got null");
    CHECK(refusal(R"([{"id":"a","last_done":{"":"2025-11-03"}}])") ==
          "/assets/0/last_done/: a PM rule's name cannot be empty");
    CHECK(refusal(R"([{"id":"a","specs":{"voltage":400}}])") ==
          "/assets/0/specs: an asset's values are text, numbers, true/false or lists of them");
    CHECK(refusal(R"([{"id":"a","serves":["floor 1",["floor 2"]]}])") ==
          "/assets/0/serves/1: an asset's lists hold text, numbers, true/false or null, not "
          "lists or objects");
    CHECK(refusal(R"([{"id":"a","serves":[{"floor":2}]}])") ==
          "/assets/0/serves/0: an asset's lists hold text, numbers, true/false or null, not "
          "lists or objects");
    // Any key may name a field, so a pointer escapes "/" and "~" (RFC 6901).
    CHECK(refusal(R"([{"id":"a","in/out~":{}}])") ==
          "/assets/0/in~1out~0: an asset's values are text, numbers, true/false or lists of "
          "them");
}

TEST_CASE("JSON Lines refusals name the line", "[engine][assets]") {
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n\n{\"id\":\"AHU-2\",\"class\":7}\n") ==
          "line 3: /class: expected a string or null, got number");
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n{\"id\":\"AHU-2\"}\n\n{\"id\":\"AHU-1\"}") ==
          "line 4: /id: duplicate asset \"AHU-1\" (also line 1)");
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n{\"id\":\"AHU-2\",") ==
          "line 2: invalid JSON: parse error at column 15: syntax error while parsing object "
          "key - unexpected end of input; expected string literal");
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n[1, 2]\n") == "line 2: expected an object, got array");
    CHECK(text_refusal("{\"class\":\"AHU\"}\n") == "line 1: missing id");
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n{\"id\":\"AHU-2\",\"time_zone\":\"Mars/Olympus\"}") ==
          "line 2: /time_zone: unknown time zone \"Mars/Olympus\"");
    // A number no double holds is invalid JSON too, not an exception (issue 13).
    CHECK(text_refusal("{\"id\":\"AHU-1\"}\n{\"id\":\"AHU-2\",\"kw\":1e400}\n") ==
          "line 2: invalid JSON: number overflow parsing '1e400'");
    // A first line that is not a record on its own makes the text a document.
    CHECK(text_refusal("[{\"id\":\"AHU-1\"}]\n") ==
          "expected an object with \"assets\", got array");
}

TEST_CASE("a refused asset load keeps the assets as they were", "[engine][assets]") {
    auto assets = loaded();
    const auto before = dump(assets);
    CHECK(assets.load(json::parse(R"({"assets":[{"id":"a"},{"id":"b","class":1}]})")) ==
          "/assets/1/class: expected a string or null, got number");
    CHECK(dump(assets) == before);
    CHECK(assets.load_text("{\"id\":\"a\"}\n{\"id\":\"a\"}\n") ==
          "line 2: /id: duplicate asset \"a\" (also line 1)");
    CHECK(dump(assets) == before);
    CHECK(assets.load_text("{\"assets\":") ==
          "invalid JSON: parse error at line 1, column 11: syntax error while parsing value - "
          "unexpected end of input; expected '[', '{', or a literal");
    CHECK(dump(assets) == before);
    // A load that succeeds replaces everything.
    REQUIRE(assets.load_text("{\"id\":\"new\"}") == "");
    CHECK(ids_in_order(assets) == std::vector<std::string>{"new"});
}

TEST_CASE("a value nested 100,000 deep is refused without exhausting the stack",
          "[engine][assets]") {
    // Deep enough that copying or printing the value recursively would overflow the stack.
    const std::string deep = nested_array(100'000);
    CHECK(text_refusal(R"({"assets":[{"id":"a","x":)" + deep + "}]}") ==
          "/assets/0/x/0: an asset's lists hold text, numbers, true/false or null, not lists or "
          "objects");
    CHECK(text_refusal("{\"id\":\"a\"}\n{\"id\":\"b\",\"x\":" + deep + "}") ==
          "line 2: /x/0: an asset's lists hold text, numbers, true/false or null, not lists or "
          "objects");
    CHECK(text_refusal(R"({"assets":[{"id":"a","last_done":)" + deep + "}]}") ==
          "/assets/0/last_done: expected an object from PM rule names to times, got array");
    CHECK(text_refusal(R"({"assets":)" + deep + "}") == "/assets/0: expected an object, got array");
    std::string objects;
    for (int i = 0; i < 100'000; ++i) {
        objects += "{\"k\":";
    }
    objects += "1" + std::string(100'000, '}');
    CHECK(text_refusal(R"({"id":"a","x":)" + objects + "}") ==
          "line 1: /x: an asset's values are text, numbers, true/false or lists of them");

    auto assets = loaded();
    const auto before = dump(assets);
    const json change = json::parse(R"({"change":"update","id":"AHU-1","x":)" + deep + "}");
    CHECK(assets.apply(change) ==
          "/x/0: an asset's lists hold text, numbers, true/false or null, not lists or objects");
    CHECK(dump(assets) == before);
}

TEST_CASE("a look-up costs a hash probe among 100,000 assets", "[engine][assets]") {
    json document = {{"assets", json::array()}};
    json& records = document["assets"]; // filled in place: a copy would double the memory
    for (int i = 99999; i >= 0; --i) {
        char id[16];
        std::snprintf(id, sizeof id, "EXT-%06d", i);
        records.push_back({{"id", id},
                           {"class", "extinguisher"},
                           {"site", i % 2 == 0 ? "hq" : "annex"},
                           {"time_zone", i % 2 == 0 ? "Europe/Berlin" : "America/New_York"},
                           {"size_kg", 6}});
    }
    InMemoryAssets assets;
    REQUIRE(assets.load(document) == "");
    CHECK(assets.size() == 100000);
    REQUIRE(assets.find("EXT-077777") != nullptr);
    CHECK(assets.find("EXT-077777")->site == "annex");
    CHECK(assets.find("EXT-100000") == nullptr);
    std::size_t visited = 0;
    std::string previous;
    bool ascending = true;
    assets.for_each([&](const Asset& asset) {
        ascending = ascending && previous < asset.id;
        previous = asset.id;
        ++visited;
    });
    CHECK(visited == 100000);
    CHECK(ascending);
    CHECK(previous == "EXT-099999");
    CHECK(assets.apply({{"change", "retire"}, {"id", "EXT-000000"}}) == "");
    CHECK(assets.apply({{"change", "add"}, {"id", "AHU-1"}, {"class", "AHU"}}) == "");
    std::string first;
    assets.for_each([&](const Asset& asset) {
        if (first.empty()) {
            first = asset.id;
        }
    });
    CHECK(first == "AHU-1");
    CHECK(assets.size() == 100000);
}

TEST_CASE("each asset change kind updates the asset directory", "[engine][assets]") {
    auto assets = loaded();
    CHECK(assets.apply({{"change", "add"},
                        {"id", "AHU-9"},
                        {"class", "AHU"},
                        {"site", "hq"},
                        {"time_zone", "Europe/Berlin"},
                        {"capacity_kw", 40},
                        {"last_done", {{"air_handlers", "2026-01-05T08:00:00Z"}}}}) == "");
    const Asset* added = assets.find("AHU-9");
    REQUIRE(added != nullptr);
    CHECK(added->asset_class == "AHU");
    CHECK(added->fields.dump() ==
          R"({"capacity_kw":40,"class":"AHU","id":"AHU-9",)"
          R"("last_done":{"air_handlers":"2026-01-05T08:00:00Z"},"site":"hq",)"
          R"("time_zone":"Europe/Berlin"})");
    CHECK(ids_in_order(assets) ==
          std::vector<std::string>{"AHU-1", "AHU-2", "AHU-9", "EXT-001", "TRK-01"});

    // An update replaces the keys given, removes those given as null, keeps the others.
    CHECK(assets.apply({{"change", "update"},
                        {"id", "AHU-9"},
                        {"criticality", "high"},
                        {"capacity_kw", 45},
                        {"site", nullptr},
                        {"serves", {"floor 4"}},
                        {"last_done", {{"belts", "2026-01-02"}}}}) == "");
    const Asset* updated = assets.find("AHU-9");
    REQUIRE(updated == added); // updated in place: a pointer stays valid
    CHECK(updated->criticality == "high");
    CHECK(updated->site == "");
    CHECK(updated->time_zone == "Europe/Berlin");
    REQUIRE(updated->last_done.size() == 1);
    CHECK(updated->last_done[0].first == "belts");
    // A date is the asset's local midnight: 2026-01-02 in Berlin begins at 23:00 UTC.
    CHECK(time_text(updated->last_done[0].second) == "2026-01-01T23:00:00Z");
    CHECK(updated->fields.dump() ==
          R"({"capacity_kw":45,"class":"AHU","criticality":"high","id":"AHU-9",)"
          R"("last_done":{"belts":"2026-01-02"},"serves":["floor 4"],)"
          R"("time_zone":"Europe/Berlin"})");

    CHECK(assets.apply({{"change", "update"},
                        {"id", "AHU-9"},
                        {"time_zone", nullptr},
                        {"last_done", nullptr},
                        {"class", nullptr},
                        {"no_such_key", nullptr}}) == "");
    CHECK(assets.find("AHU-9")->time_zone == "");
    CHECK(assets.find("AHU-9")->asset_class == "");
    CHECK(assets.find("AHU-9")->last_done.empty());
    CHECK(assets.find("AHU-9")->fields.dump() ==
          R"({"capacity_kw":45,"criticality":"high","id":"AHU-9","serves":["floor 4"]})");
    CHECK(assets.apply({{"change", "update"}, {"id", "AHU-9"}}) == ""); // nothing to replace

    CHECK(assets.apply({{"change", "retire"}, {"id", "AHU-9"}}) == "");
    CHECK(assets.find("AHU-9") == nullptr);
    CHECK(assets.size() == 4);
    CHECK(ids_in_order(assets) == std::vector<std::string>{"AHU-1", "AHU-2", "EXT-001", "TRK-01"});
    // A retired id may be added again.
    CHECK(assets.apply({{"change", "add"}, {"id", "AHU-9"}}) == "");
    CHECK(assets.find("AHU-9")->fields.dump() == R"({"id":"AHU-9"})");
}

TEST_CASE("a refused asset change says why and changes nothing", "[engine][assets]") {
    auto assets = loaded();
    const auto before = dump(assets);
    const std::vector<std::pair<json, std::string>> cases = {
        {json::array(), "expected an object, got array"},
        {{{"id", "AHU-1"}}, "missing change"},
        {{{"change", 1}}, "/change: expected a string, got number"},
        {{{"change", "delete"}, {"id", "AHU-1"}},
         "/change: unknown change \"delete\"; expected add, update or retire"},
        {{{"change", "add"}, {"class", "AHU"}}, "missing id"},
        {{{"change", "add"}, {"id", ""}}, "/id: expected a non-empty string"},
        {{{"change", "add"}, {"id", "AHU-1"}}, "/id: asset \"AHU-1\" is already in the directory"},
        {{{"change", "add"}, {"id", "AHU-9"}, {"time_zone", "Europe/Berln"}},
         "/time_zone: unknown time zone \"Europe/Berln\""},
        {{{"change", "add"}, {"id", "AHU-9"}, {"specs", {{"voltage", 400}}}},
         "/specs: an asset's values are text, numbers, true/false or lists of them"},
        {{{"change", "add"}, {"id", "AHU-9"}, {"last_done", {{"air_handlers", "soon"}}}},
         "/last_done/air_handlers: expected an RFC 3339 time or a YYYY-MM-DD date, got "
         "\"soon\""},
        {{{"change", "update"}}, "missing id"},
        {{{"change", "update"}, {"id", 3}}, "/id: expected a string, got number"},
        {{{"change", "update"}, {"id", nullptr}}, "/id: expected a string, got null"},
        {{{"change", "update"}, {"id", "AHU-9"}, {"site", "hq"}}, "/id: unknown asset \"AHU-9\""},
        {{{"change", "update"}, {"id", "AHU-1"}, {"site", "annex"}, {"time_zone", "Europe/Berln"}},
         "/time_zone: unknown time zone \"Europe/Berln\""},
        {{{"change", "update"}, {"id", "AHU-1"}, {"class", 7}, {"site", "annex"}},
         "/class: expected a string or null, got number"},
        {{{"change", "update"},
          {"id", "AHU-1"},
          {"capacity_kw", 90},
          {"serves", json::array({json::object({{"a", 1}})})}},
         "/serves/0: an asset's lists hold text, numbers, true/false or null, not lists or "
         "objects"},
        {{{"change", "retire"}, {"id", "AHU-9"}}, "/id: unknown asset \"AHU-9\""},
        {{{"change", "retire"}}, "missing id"},
        {{{"change", "retire"}, {"id", "AHU-1"}, {"why", "scrapped"}},
         "/why: unknown key (expected id)"},
    };
    for (const auto& [change, reason] : cases) {
        INFO(change.dump());
        CHECK(assets.apply(change) == reason);
        CHECK(dump(assets) == before);
    }
}

TEST_CASE("a reason quotes a host's text that is not UTF-8 without throwing", "[engine][assets]") {
    // A host may build records in C++ with any bytes; a reason must still be text.
    json records = json::array({json::object({{"id", "\xff"}}), json::object({{"id", "\xff"}})});
    InMemoryAssets assets;
    CHECK(assets.load({{"assets", records}}) ==
          "/assets/1/id: duplicate asset \"\xEF\xBF\xBD\" (also /assets/0)");
    CHECK(assets.apply({{"change", "\xfe"}}) ==
          "/change: unknown change \"\xEF\xBF\xBD\"; expected add, update or retire");
}

TEST_CASE("a host asset directory that does not override apply is read-only", "[engine][assets]") {
    struct HostAssets : millwright::AssetDirectory {
        const Asset* find(std::string_view) const override { return nullptr; }
        void for_each(const std::function<void(const Asset&)>&) const override {}
        std::size_t size() const override { return 0; }
    } host;
    CHECK(host.apply({{"change", "retire"}, {"id", "AHU-1"}}) ==
          "this asset directory is read-only: its host keeps it current");
}

TEST_CASE("the example assets load", "[engine][assets]") {
    InMemoryAssets assets;
    REQUIRE(assets.load_text(
                read_text(std::string(MILLWRIGHT_SOURCE_DIR) + "/examples/assets.json")) == "");
    CHECK(assets.size() == 20);
    std::map<std::string, int> by_class;
    std::map<std::string, int> by_zone;
    assets.for_each([&](const Asset& asset) {
        ++by_class[asset.asset_class];
        ++by_zone[asset.time_zone];
    });
    CHECK(by_class == std::map<std::string, int>{{"AHU", 6},
                                                 {"boiler", 1},
                                                 {"chiller", 1},
                                                 {"extinguisher", 7},
                                                 {"generator", 1},
                                                 {"truck", 4}});
    CHECK(by_zone ==
          std::map<std::string, int>{{"", 4}, {"America/New_York", 8}, {"Europe/Berlin", 8}});
    const Asset& ahu = *assets.find("AHU-B2");
    CHECK(time_text(*ahu.last_done_for("air_handlers")) == "2025-12-15T08:30:00Z");
    CHECK(ahu.fields["capacity_kw"] == 42);
    CHECK(assets.find("TRK-01")->fields["odometer_unit"] == "miles");
    CHECK(assets.find("TRK-04")->fields["odometer_unit"] == "km");
}

TEST_CASE("the docs' example files load", "[engine][assets]") {
    // docs/assets.md's first ```json block is a document, its ```jsonl block the same records.
    const auto doc = read_text(std::string(MILLWRIGHT_SOURCE_DIR) + "/docs/assets.md");
    const auto block = [&](const std::string& fence) {
        const auto start = doc.find(fence);
        REQUIRE(start != std::string::npos);
        const auto end = doc.find("```", start + fence.size());
        return doc.substr(start + fence.size(), end - start - fence.size());
    };
    InMemoryAssets from_document;
    REQUIRE(from_document.load_text(block("```json\n")) == "");
    CHECK(ids_in_order(from_document) == std::vector<std::string>{"AHU-1", "EXT-001", "TRK-01"});
    InMemoryAssets from_lines;
    REQUIRE(from_lines.load_text(block("```jsonl\n")) == "");
    CHECK(dump(from_lines) == dump(from_document));
    CHECK(time_text(*from_lines.find("TRK-01")->last_done_for("truck_service")) ==
          "2026-01-12T19:00:00Z");
}

TEST_CASE("the docs' example changes apply in order", "[engine][assets]") {
    const auto doc = read_text(std::string(MILLWRIGHT_SOURCE_DIR) + "/docs/assets.md");
    const auto section = doc.find("## Changes");
    REQUIRE(section != std::string::npos);
    const auto start = doc.find("```json\n", section) + 8;
    const auto end = doc.find("```", start);
    std::istringstream lines(doc.substr(start, end - start));
    auto assets = loaded();
    std::vector<std::string> reasons;
    std::string line;
    while (std::getline(lines, line)) {
        reasons.push_back(assets.apply(json::parse(line)));
        if (reasons.size() == 2) {
            CHECK(assets.find("AHU-9")->fields.dump() ==
                  R"({"capacity_kw":45,"class":"AHU","criticality":"high","id":"AHU-9",)"
                  R"("time_zone":"Europe/Berlin"})");
        }
    }
    CHECK(reasons == std::vector<std::string>{"", "", ""});
    CHECK(assets.find("AHU-9") == nullptr);
}

TEST_CASE("an asset record's ids, texts and lists are capped", "[engine][assets][limits]") {
    // Rules read an asset's values, so a record is held to what an event may carry. (issue 13)
    const std::string long_id(257, 'A');
    CHECK(text_refusal("{\"id\":\"" + long_id + "\"}") ==
          "line 1: /id: a text of at most 256 bytes, got 257");
    CHECK(text_refusal("{\"id\":\"a\",\"class\":\"" + std::string(300, 'c') + "\"}") ==
          "line 1: /class: a text of at most 256 bytes, got 300");
    CHECK(text_refusal("{\"id\":\"a\",\"notes\":\"" + std::string(64 * 1024 + 1, 'n') + "\"}") ==
          "line 1: /notes: a text of at most 65536 bytes, got 65537");
    json many = json::array();
    for (int i = 0; i < 1001; ++i) {
        many.push_back(i);
    }
    CHECK(text_refusal(json{{"id", "a"}, {"serves", many}}.dump()) ==
          "line 1: /serves: a list of at most 1000 items, got 1001");
    CHECK(text_refusal(json{{"id", "a"}, {"serves", {"ok", std::string(70000, 'x')}}}.dump()) ==
          "line 1: /serves/1: a text of at most 65536 bytes, got 70000");
    CHECK(text_refusal(
              json{{"id", "a"}, {"last_done", {{std::string(300, 'r'), "2026-01-01"}}}}.dump()) ==
          "line 1: /last_done/: a PM rule's name of at most 256 bytes, got 300");
    // At the caps, a record is taken.
    InMemoryAssets assets;
    CHECK(assets.load_text(json{{"id", std::string(256, 'A')},
                                {"notes", std::string(64 * 1024, 'n')},
                                {"serves", json::array()}}
                               .dump()) == "");
}
