// The bridge from dsl::RecurrenceModel to stdlib::RecurrenceSpec: every field arrives, UNTIL
// keeps whether it is an instant or a local time, the policies map by name, and a weekday the
// compiler would never produce reaches Recurrence::create as an invalid one (refused) instead
// of wrapping around to Sunday.
#include "recurrence_bridge.hpp"

#include <catch2/catch.hpp>

using namespace millwright;

namespace {

dsl::RecurrenceModel full_model() {
    dsl::RecurrenceModel model;
    model.frequency = dsl::RecurrenceFrequency::yearly;
    model.interval = 2;
    model.count = 7;
    model.start_local_seconds = 1796200200; // 2026-12-02T08:30:00 local
    model.by_second = {0, 30};
    model.by_minute = {15};
    model.by_hour = {7, 19};
    model.by_day = {{1, 0}, {5, -1}};
    model.by_month_day = {-1, 15};
    model.by_year_day = {100};
    model.by_week_no = {20};
    model.by_month = {3, 9};
    model.by_set_pos = {1, -1};
    model.week_start = 0;
    model.missing_day = dsl::RecurrenceSkip::backward;
    model.dst_gap = dsl::RecurrenceSkip::omit;
    return model;
}

} // namespace

TEST_CASE("every field of a recurrence model reaches the stdlib spec", "[engine][recurrence]") {
    const stdlib::RecurrenceSpec spec = detail::to_recurrence_spec(full_model());
    CHECK(spec.frequency == stdlib::RecurrenceFrequency::yearly);
    CHECK(spec.interval == 2);
    CHECK(spec.count == 7);
    CHECK_FALSE(spec.until);
    CHECK(spec.start.time_since_epoch().count() == 1796200200);
    CHECK(spec.by_second == std::vector<int>{0, 30});
    CHECK(spec.by_minute == std::vector<int>{15});
    CHECK(spec.by_hour == std::vector<int>{7, 19});
    REQUIRE(spec.by_day.size() == 2);
    CHECK(spec.by_day[0].weekday == std::chrono::Monday);
    CHECK(spec.by_day[0].ordinal == 0);
    CHECK(spec.by_day[1].weekday == std::chrono::Friday);
    CHECK(spec.by_day[1].ordinal == -1);
    CHECK(spec.by_month_day == std::vector<int>{-1, 15});
    CHECK(spec.by_year_day == std::vector<int>{100});
    CHECK(spec.by_week_no == std::vector<int>{20});
    CHECK(spec.by_month == std::vector<int>{3, 9});
    CHECK(spec.by_set_pos == std::vector<int>{1, -1});
    CHECK(spec.week_start == std::chrono::Sunday);
    CHECK(spec.missing_day == stdlib::RecurrenceSkip::backward);
    CHECK(spec.dst_gap == stdlib::RecurrenceSkip::omit);
}

TEST_CASE("UNTIL stays an instant or a local date-time", "[engine][recurrence]") {
    dsl::RecurrenceModel model = full_model();
    model.count.reset();
    model.until = dsl::RecurrenceUntilModel{true, 1798761599};
    const stdlib::RecurrenceSpec utc = detail::to_recurrence_spec(model);
    REQUIRE(utc.until);
    REQUIRE(std::holds_alternative<stdlib::Instant>(*utc.until));
    CHECK(std::get<stdlib::Instant>(*utc.until).time_since_epoch().count() == 1798761599000);
    model.until = dsl::RecurrenceUntilModel{false, 1798761599};
    const stdlib::RecurrenceSpec local = detail::to_recurrence_spec(model);
    REQUIRE(std::holds_alternative<std::chrono::local_seconds>(*local.until));
    CHECK(std::get<std::chrono::local_seconds>(*local.until).time_since_epoch().count() ==
          1798761599);
}

TEST_CASE("a weekday outside 0-6 is refused by create, not read as Sunday",
          "[engine][recurrence]") {
    dsl::RecurrenceModel model;
    model.frequency = dsl::RecurrenceFrequency::weekly;
    model.by_day = {{7, 0}};
    auto refused = stdlib::Recurrence::create(detail::to_recurrence_spec(model), "UTC");
    CHECK(refused.error == "BYDAY weekday 8 does not exist");
    model.by_day = {{0, 0}};
    model.week_start = -1;
    refused = stdlib::Recurrence::create(detail::to_recurrence_spec(model), "UTC");
    CHECK(refused.error == "WKST weekday 8 does not exist");
}
