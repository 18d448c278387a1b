// Codegen of decision tables: the table as a local array of rows above the first function that
// classifies with it (once per chunk), and the lookup loop in the action function, for a
// first-hit and a collect table; the table's local never collides with a parameter.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using millwright::dsl::testing::compile_text;

namespace {

constexpr const char* routing =
    R"(table routing(category: plumbing | electrical | hvac, impact: high | low)
      -> team, calendar  hit first
  category electrical,      impact high:    electricians_on_call, always
  category plumbing | hvac, impact not low: "mechanical",         office_hours
  category -,               impact -:       general,              office_hours
end
)";

} // namespace

TEST_CASE("a first-hit table becomes a local array and a loop that stops at the first match",
          "[dsl][codegen][table]") {
    auto result = compile_text(std::string(routing) + R"(
workflow w
  field category : plumbing | electrical | hvac = hvac
  field impact   : high | low = low
  field team     : text
  field calendar : always | office_hours
  states new (initial), triaged
  on triage: new -> triaged, classify with routing
  on enter triaged: classify with routing
end
)");
    INFO(result->rendered());
    REQUIRE(result->workflows.size() == 1);
    const std::string& lua = result->workflows[0].lua;
    INFO(lua);
    const std::string table =
        "-- test.mw:1:1  table routing(category: plumbing | electrical | hvac, impact: high | "
        "low)\n"
        "local routing = {\n"
        "  { category = { electrical = true }, impact = { high = true }, team = "
        "\"electricians_on_call\", calendar = \"always\" },\n"
        "  { category = { plumbing = true, hvac = true }, impact = { high = true }, team = "
        "\"mechanical\", calendar = \"office_hours\" },\n"
        "  { team = \"general\", calendar = \"office_hours\" },\n"
        "}\n";
    CHECK(lua.find(table) != std::string::npos);
    CHECK(lua.find("local routing =") == lua.rfind("local routing =")); // written once
    const std::string function =
        "local function triage_new_to_triaged_actions(category, impact)\n"
        "  local team\n"
        "  local calendar\n"
        "  for i = 1, #routing do\n"
        "    local row = routing[i]\n"
        "    if (row.category == nil or row.category[category]) and (row.impact == nil or "
        "row.impact[impact]) then\n"
        "      team = row.team\n"
        "      calendar = row.calendar\n"
        "      break\n"
        "    end\n"
        "  end\n"
        "  rt.set(\"team\", team)\n"
        "  rt.set(\"calendar\", calendar)\n"
        "end\n";
    CHECK(lua.find(function) != std::string::npos);
    CHECK(lua.find("local function enter_triaged_actions(category, impact)\n") !=
          std::string::npos);
    // The rows of the table map back to their own lines.
    const auto& model = result->workflows[0];
    const std::size_t row_line = static_cast<std::size_t>(std::count(
                                     lua.begin(), lua.begin() + lua.find("  { team"), '\n')) +
                                 1;
    CHECK(result->where(*model.line_map.lookup(static_cast<std::uint32_t>(row_line))) == "5:3");
}

TEST_CASE("a collect table appends every matching row's outputs to lists",
          "[dsl][codegen][table]") {
    auto result = compile_text(
        R"(table trades(category: plumbing | electrical, urgent: bool) -> trade hit collect
  category electrical, urgent -:    electrician
  category -,          urgent true: supervisor
end
workflow w
  field category : plumbing | electrical = plumbing
  field urgent   : bool = false
  field trade    : list of text
  field trades   : text
  states new (initial), triaged
  on triage: new -> triaged, set trade = ["x"], classify with trades, note "{trades}"
end
)");
    INFO(result->rendered());
    REQUIRE(result->workflows.size() == 1);
    const std::string& lua = result->workflows[0].lua;
    INFO(lua);
    // A field is called `trades`, so the table's local is `trades_2`.
    CHECK(lua.find("local trades_2 = {\n"
                   "  { category = { electrical = true }, trade = \"electrician\" },\n"
                   "  { urgent = { [true] = true }, trade = \"supervisor\" },\n"
                   "}\n") != std::string::npos);
    CHECK(lua.find("local function triage_new_to_triaged_actions(category, urgent, trades)\n"
                   "  local trade = {\"x\"}\n"
                   "  rt.set(\"trade\", trade)\n"
                   "  trade = {}\n"
                   "  for i = 1, #trades_2 do\n"
                   "    local row = trades_2[i]\n"
                   "    if (row.category == nil or row.category[category]) and (row.urgent == "
                   "nil or row.urgent[urgent]) then\n"
                   "      trade[#trade + 1] = row.trade\n"
                   "    end\n"
                   "  end\n"
                   "  rt.set(\"trade\", trade)\n"
                   "  rt.note(trades)\n"
                   "end\n") != std::string::npos);
}
