// Preventive-maintenance rules, front to back: a `pm` block parses into its selector, schedule
// (parts and options) or condition, policies and `create` line; the readable schedules compile
// to the RecurrenceModel an RRULE would give; floating, meter, combined and condition rules
// keep their intervals and tests; the selector and the `create` items become functions of the
// target workflow's chunk that read `asset.KEY` and `pm.KEY`; and the checker's positions.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;
using namespace millwright::dsl;

namespace {

const std::string preventive = R"(workflow preventive
  field asset     : text, required
  field trade     : hvac | plumbing | general = general
  field checklist : list of text
  field due       : time
  field capacity  : number
  states scheduled (initial), done (final)
  on finish: scheduled -> done
end
)"; // 9 lines

const PmModel& only_rule(const testing::Compiled& compiled) {
    REQUIRE(compiled.program.pm_rules.size() == 1);
    return compiled.program.pm_rules.front();
}

const PmModel& rule_of(const std::string& body) {
    static std::unique_ptr<testing::Compiled> keep;
    keep = compile_text(preventive + body);
    INFO(keep->rendered());
    REQUIRE(keep->diagnostics.empty());
    return only_rule(*keep);
}

constexpr std::int64_t day_seconds = 24 * 60 * 60;

} // namespace

TEST_CASE("a pm rule compiles its selector and create items into the target's chunk", "[dsl][pm]") {
    auto result = compile_text(preventive + R"mw(
pm air_handlers "Service air handlers"
  for assets where asset.class = "AHU" and asset.capacity_kw > 50
  every 3 months after last completion, lead 7 days
  create preventive with asset = asset.id, trade = hvac, due = pm.due,
    checklist = ["filters", "belts"], reserve "filter-20x20" x 2,
    assign to role hvac, notify role hvac "Service {asset} ({rule_name})"
end
)mw");
    // `{rule_name}` names nothing: the typer reports it, so the rule is otherwise fine.
    CHECK(result->codes() == std::vector<std::string>{"E0203"});
    result = compile_text(preventive + R"(
pm air_handlers "Service air handlers"
  for assets where asset.class = "AHU" and asset.capacity_kw > 50
  every 3 months after last completion, lead 7 days
  create preventive with asset = asset.id, trade = hvac, due = pm.due,
    checklist = ["filters", "belts"], reserve "filter-20x20" x 2,
    assign to role hvac, notify role hvac "Service {asset}"
end
)");
    INFO(result->rendered());
    REQUIRE(result->diagnostics.empty());
    const PmModel& rule = only_rule(*result);
    CHECK(rule.name == "air_handlers");
    CHECK(rule.title == "Service air handlers");
    CHECK(rule.workflow == 0);
    CHECK(rule.trigger == PmTriggerKind::floating);
    CHECK(rule.interval_unit == RecurrenceFrequency::monthly);
    CHECK(rule.interval == 3);
    CHECK(rule.lead_ms == 7 * day_seconds * 1000);
    CHECK(rule.trigger_text == "every 3 months after last completion, lead 7 days");
    REQUIRE(rule.asset_keys.size() == 3);
    CHECK(rule.asset_keys[0].key == "capacity_kw");
    CHECK(rule.asset_keys[0].type.kind == ast::TypeKind::number);
    CHECK(rule.asset_keys[1].key == "class");
    CHECK(rule.asset_keys[1].type.kind == ast::TypeKind::text);
    CHECK(rule.asset_keys[2].key == "id");

    const WorkflowModel& workflow = result->program.workflows[0];
    REQUIRE(rule.selector);
    REQUIRE(rule.create);
    const FunctionModel& selector = workflow.functions[*rule.selector];
    CHECK(selector.name == "pm_air_handlers_assets_guard");
    CHECK(selector.kind == FunctionKind::guard);
    REQUIRE(selector.inputs.size() == 2);
    CHECK(selector.inputs[0].kind == InputKind::asset);
    CHECK(selector.inputs[0].name == "class");
    CHECK(selector.inputs[0].display == "asset.class");
    const FunctionModel& create = workflow.functions[*rule.create];
    CHECK(create.name == "pm_air_handlers_create_actions");
    REQUIRE(create.inputs.size() == 2);
    CHECK(create.inputs[0].kind == InputKind::asset);
    CHECK(create.inputs[1].kind == InputKind::pm);
    CHECK(create.inputs[1].name == "due");
    CHECK(create.inputs[1].type.kind == ast::TypeKind::time);
    CHECK(workflow.lua.find(
              R"(-- test.mw:12:3  for assets where asset.class = "AHU" and asset.capacity_kw > 50
local function pm_air_handlers_assets_guard(asset_class, asset_capacity_kw)
  return asset_class == "AHU" and asset_capacity_kw > 50
end)") != std::string::npos);
    CHECK(workflow.lua.find(R"(local function pm_air_handlers_create_actions(asset_id, pm_due)
  local asset = asset_id
  rt.set("asset", asset)
  local trade = "hvac"
  rt.set("trade", trade)
  local due = pm_due
  rt.set("due", due)
  local checklist = {"filters", "belts"}
  rt.set("checklist", checklist)
  rt.reserve("filter-20x20", 2)
  rt.assign_role("hvac")
  rt.notify_role("hvac", "Service " .. asset)
end)") != std::string::npos);
}

TEST_CASE("readable schedules compile to the RRULE they stand for", "[dsl][pm]") {
    SECTION("the first monday of every month at 09:00") {
        const PmModel& rule = rule_of(R"(pm p
  every month on the first monday at 09:00
  create preventive with asset = asset.id
end
)");
        CHECK(rule.trigger == PmTriggerKind::calendar);
        CHECK(rule.selector == std::nullopt);
        REQUIRE(rule.recurrence);
        const RecurrenceModel& r = *rule.recurrence;
        CHECK(r.frequency == RecurrenceFrequency::monthly);
        CHECK(r.interval == 1);
        CHECK(r.by_day == std::vector<RecurrenceWeekdayModel>{{1, 1}});
        CHECK(r.by_hour.empty()); // one time of day: DTSTART's
        CHECK(r.start_local_seconds == 9 * 60 * 60);
        CHECK(r.missing_day == RecurrenceSkip::omit);
        CHECK(r.dst_gap == RecurrenceSkip::forward);
        CHECK(rule.time_zone.empty());
    }
    SECTION("the last friday of every third month, from a date, with a lead") {
        const PmModel& rule = rule_of(R"(pm p
  every 3 months on the last friday at 07:00 in "America/New_York",
    starting 2026-01-30, lead 7 days, season april-september
  create preventive with asset = asset.id
end
)");
        const RecurrenceModel& r = *rule.recurrence;
        CHECK(r.frequency == RecurrenceFrequency::monthly);
        CHECK(r.interval == 3);
        CHECK(r.by_day == std::vector<RecurrenceWeekdayModel>{{5, -1}});
        CHECK(r.start_local_seconds == 20483 * day_seconds + 7 * 60 * 60); // 2026-01-30T07:00
        CHECK(rule.time_zone == "America/New_York");
        CHECK(rule.lead_ms == 7 * day_seconds * 1000);
        CHECK(rule.season == std::make_pair(4, 9));
    }
    SECTION("weekdays, several times, an end and the policies") {
        const PmModel& rule = rule_of(R"(pm p
  every 2 weeks on monday and thursday, sat-sun at 07:00 and 19:00, starting 2026-01-05,
    until 2026-12-31
  on dst gap: skip
  on missing day: later
  if previous open: create anyway
  create preventive with asset = asset.id
end
)");
        const RecurrenceModel& r = *rule.recurrence;
        CHECK(r.frequency == RecurrenceFrequency::weekly);
        CHECK(r.interval == 2);
        CHECK(r.by_day == std::vector<RecurrenceWeekdayModel>{{1, 0}, {4, 0}, {6, 0}, {0, 0}});
        CHECK(r.by_hour == std::vector<int>{7, 19});
        CHECK(r.by_minute == std::vector<int>{0});
        REQUIRE(r.until);
        CHECK_FALSE(r.until->utc);
        CHECK(r.until->seconds == (20818 + 1) * day_seconds - 1); // 2026-12-31T23:59:59
        CHECK(r.dst_gap == RecurrenceSkip::omit);
        CHECK(r.missing_day == RecurrenceSkip::forward);
        CHECK(rule.create_when_previous_open);
        CHECK_FALSE(rule.create_every_missed); // `if missed: create latest` is the default
    }
    SECTION("the catch-up policy") {
        CHECK(rule_of("pm p\n  every day\n  if missed: create all\n"
                      "  create preventive with asset = asset.id\nend\n")
                  .create_every_missed);
        CHECK_FALSE(rule_of("pm p\n  every day\n  if missed: create latest\n"
                            "  create preventive with asset = asset.id\nend\n")
                        .create_every_missed);
    }
    SECTION("days of the month, months, a count and the year's weekdays") {
        const PmModel& rule = rule_of(R"(pm p
  every year in march, september on the 1st and the 15th and the last day, starting 2026-01-01,
    repeat 12 times
  create preventive with asset = asset.id
end
)");
        const RecurrenceModel& r = *rule.recurrence;
        CHECK(r.frequency == RecurrenceFrequency::yearly);
        CHECK(r.by_month == std::vector<int>{3, 9});
        CHECK(r.by_month_day == std::vector<int>{1, 15, -1});
        CHECK(r.count == 12);
        const PmModel& second = rule_of(R"(pm p
  every year on the 2nd last sunday, the first monday
  create preventive with asset = asset.id
end
)");
        CHECK(second.recurrence->by_day == std::vector<RecurrenceWeekdayModel>{{0, -2}, {1, 1}});
        CHECK(second.recurrence->start_local_seconds == 0); // 1970-01-01 00:00
    }
}

TEST_CASE("meter, combined and condition rules keep their counts and tests", "[dsl][pm]") {
    SECTION("a meter") {
        const PmModel& rule = rule_of(R"(pm oil
  for assets where asset.class = "truck"
  every 10000 miles, lead 7 days
  create preventive with asset = asset.id
end
)");
        CHECK(rule.trigger == PmTriggerKind::meter);
        CHECK(rule.meter == "miles");
        CHECK(rule.meter_every == 10000);
        CHECK(rule.lead_ms == 7 * day_seconds * 1000);
        CHECK_FALSE(rule.recurrence);
    }
    SECTION("a period or a meter, written either way round") {
        const PmModel& rule = rule_of(R"(pm brakes
  every 6 months or 20000 miles at 08:00
  create preventive with asset = asset.id
end
)");
        CHECK(rule.trigger == PmTriggerKind::combined);
        CHECK(rule.interval_unit == RecurrenceFrequency::monthly);
        CHECK(rule.interval == 6);
        CHECK(rule.due_minutes == 8 * 60);
        CHECK(rule.meter == "miles");
        CHECK(rule.meter_every == 20000);
        const PmModel& reversed = rule_of(R"(pm brakes
  every 500 run_hours or 1 year
  create preventive with asset = asset.id
end
)");
        CHECK(reversed.trigger == PmTriggerKind::combined);
        CHECK(reversed.interval_unit == RecurrenceFrequency::yearly);
        CHECK(reversed.meter == "run_hours");
    }
    SECTION("a condition with a sustained time and a clearing test") {
        const PmModel& rule = rule_of(R"(pm boiler
  when temperature >= 90.5 for 30 minutes
  clears when temperature < -2
  create preventive with asset = asset.id
end
)");
        CHECK(rule.trigger == PmTriggerKind::condition);
        CHECK(rule.condition.reading == "temperature");
        CHECK(rule.condition.op == ReadingTestModel::Op::greater_equal);
        CHECK(rule.condition.limit == 90.5);
        CHECK(rule.sustained_ms == 30 * 60 * 1000);
        REQUIRE(rule.clears);
        CHECK(rule.clears->op == ReadingTestModel::Op::less);
        CHECK(rule.clears->limit == -2);
        CHECK(rule.condition.holds(90.5));
        CHECK_FALSE(rule.condition.holds(90.4));
        CHECK(rule.trigger_text == "when temperature >= 90.5 for 30 minutes");
    }
}

TEST_CASE("pm rule mistakes are reported where they are", "[dsl][pm]") {
    const auto result = compile_text(preventive + R"(
pm a
  for assets where asset.capacity > 3 and trade = hvac
  every week on the 15th, lead 2 days, lead 3 days
  create preventive with asset = asset.id, trade = "hvac", asset = asset.name, note actor
end

pm a
  every 2 days at 07:00
  create preventive
end

pm b
  every month
  clears when x < 3
  on dst gap: later
  create preventive with due = pm.due + 1h, capacity = asset.capacity
end
)");
    CHECK(result->positions() ==
          std::vector<std::string>{"E0506 13:40", "E1105 13:17", "E1104 13:9", "E0506 14:60",
                                   "E0303 14:52", "E1110 12:43", "E1110 14:85", "E0506 17:4",
                                   "E1104 18:9", "E1108 24:3"});
    CHECK(result->with_code("E1110")[0].message ==
          "`trade` cannot be read when assets are selected");
    CHECK(result->with_code("E1110")[1].message ==
          "`actor` cannot be read when a pm rule creates a work order");
}

TEST_CASE("an rrule more often than hourly is refused", "[dsl][pm]") {
    const auto result = compile_text(preventive + R"(pm flood
  rrule "FREQ=MINUTELY"
  create preventive with asset = asset.id
end
)");
    CHECK(result->positions() == std::vector<std::string>{"E1105 11:9"});
    CHECK(result->with_code("E1105")[0].message == "`\"FREQ=MINUTELY\"` does not fit a pm rule");
}

TEST_CASE("a lead of more than a year is refused", "[dsl][pm]") {
    const auto result = compile_text(preventive + R"(pm early
  every day, lead 400 days
  create preventive with asset = asset.id
end
)");
    CHECK(result->positions() == std::vector<std::string>{"E1105 11:14"});
    CHECK(result->with_code("E1105")[0].message == "`lead 400 days` does not fit a daily schedule");
}

TEST_CASE("`if missed:` fits a fixed schedule only, once, with latest or all", "[dsl][pm]") {
    const auto result = compile_text(preventive + R"(pm floating
  every 3 months after last completion
  if missed: create all
  create preventive with asset = asset.id
end

pm twice
  every month
  if missed: create all
  if missed: create latest
  create preventive with asset = asset.id
end

pm typo
  every month
  if missed: create some
  create preventive with asset = asset.id
end
)");
    CHECK(result->positions() ==
          std::vector<std::string>{"E0101 25:21", "E1105 12:3", "E0506 19:3"});
    CHECK(result->with_code("E1105")[0].message ==
          "`if missed: create all` does not fit a schedule counted from the last completion");
    CHECK(result->with_code("E1105")[0].hint ==
          "only a fixed schedule (`every month on ...`, `rrule`) can pass several occurrences at "
          "once");
    CHECK(result->with_code("E0101")[0].message == "expected `latest` or `all`, found `some`");
}
