// RRULE text: every rule part into the model, names and values in any case, the RRULE: prefix,
// RFC 7529's SKIP and RSCALE; each refusal with its byte offset, length and message; and
// format_rrule's canonical text, which parses back to the same model.
#include "rrule_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace millwright::dsl;

namespace {

RecurrenceModel parsed(std::string_view text) {
    const RruleParse result = parse_rrule(text);
    INFO(text << ": " << result.message);
    REQUIRE(result.ok());
    return *result.model;
}

/// "offset+length: message" of a refusal, or "accepted".
std::string refusal(std::string_view text) {
    const RruleParse result = parse_rrule(text);
    if (result.ok()) {
        return "accepted";
    }
    return std::to_string(result.offset) + "+" + std::to_string(result.length) + ": " +
           result.message;
}

} // namespace

TEST_CASE("FREQ, INTERVAL, COUNT and WKST fill the model, the rest keeps its defaults",
          "[dsl][rrule]") {
    const RecurrenceModel monthly = parsed("FREQ=MONTHLY;INTERVAL=3;COUNT=12;WKST=SU");
    CHECK(monthly.frequency == RecurrenceFrequency::monthly);
    CHECK(monthly.interval == 3);
    CHECK(monthly.count == 12);
    CHECK(monthly.week_start == 0);
    CHECK_FALSE(monthly.until);
    CHECK(monthly.by_day.empty());
    CHECK(monthly.missing_day == RecurrenceSkip::omit);
    CHECK(monthly.dst_gap == RecurrenceSkip::forward);
    CHECK(monthly.start_local_seconds == 0);

    const RecurrenceModel daily = parsed("FREQ=DAILY");
    CHECK(daily.interval == 1);
    CHECK(daily.week_start == 1);
    CHECK_FALSE(daily.count);
    const char* names[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                           "WEEKLY",   "MONTHLY",  "YEARLY"};
    for (int i = 0; i < 7; ++i) {
        CHECK(parsed(std::string("FREQ=") + names[i]).frequency ==
              static_cast<RecurrenceFrequency>(i));
    }
}

TEST_CASE("every BY part is read as a list in the order written", "[dsl][rrule]") {
    const RecurrenceModel yearly =
        parsed("FREQ=YEARLY;BYMONTH=3,1;BYYEARDAY=1,-366,+100;BYMONTHDAY=-1,31;"
               "BYDAY=MO,-1FR,+2TU,53SU;BYHOUR=7,0;BYMINUTE=0,59;BYSECOND=60,0;BYSETPOS=-1,366");
    CHECK(yearly.by_month == std::vector<int>{3, 1});
    CHECK(yearly.by_year_day == std::vector<int>{1, -366, 100});
    CHECK(yearly.by_month_day == std::vector<int>{-1, 31});
    CHECK(yearly.by_day == std::vector<RecurrenceWeekdayModel>{{1, 0}, {5, -1}, {2, 2}, {0, 53}});
    CHECK(yearly.by_hour == std::vector<int>{7, 0});
    CHECK(yearly.by_minute == std::vector<int>{0, 59});
    CHECK(yearly.by_second == std::vector<int>{60, 0});
    CHECK(yearly.by_set_pos == std::vector<int>{-1, 366});
    const RecurrenceModel weeks = parsed("FREQ=YEARLY;BYWEEKNO=20,-1;BYDAY=MO");
    CHECK(weeks.by_week_no == std::vector<int>{20, -1});
    CHECK(weeks.by_day == std::vector<RecurrenceWeekdayModel>{{1, 0}});
}

TEST_CASE("UNTIL is a local date, a local date-time or a UTC date-time", "[dsl][rrule]") {
    // 2027-06-30 is day 20999 since 1970-01-01.
    const RecurrenceModel date = parsed("FREQ=DAILY;UNTIL=20270630");
    REQUIRE(date.until);
    CHECK_FALSE(date.until->utc);
    CHECK(date.until->seconds == 20999LL * 86400 + 23 * 3600 + 59 * 60 + 59);
    const RecurrenceModel local = parsed("FREQ=DAILY;UNTIL=20270630T090000");
    CHECK(local.until == RecurrenceUntilModel{false, 20999LL * 86400 + 9 * 3600});
    const RecurrenceModel utc = parsed("FREQ=DAILY;UNTIL=20270630T090000Z");
    CHECK(utc.until == RecurrenceUntilModel{true, 20999LL * 86400 + 9 * 3600});
    CHECK(parsed("FREQ=DAILY;UNTIL=19700101T000000z").until == RecurrenceUntilModel{true, 0});
    CHECK(parsed("FREQ=DAILY;UNTIL=20240229").until->seconds == 19782LL * 86400 + 86399);
}

TEST_CASE("names and values are case-insensitive and RRULE: may lead", "[dsl][rrule]") {
    const RecurrenceModel lower = parsed("rrule:freq=monthly;interval=3;byday=-1fr;byhour=7");
    const RecurrenceModel upper = parsed("RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=7");
    const RecurrenceModel bare = parsed("Freq=Monthly;Interval=3;ByDay=-1Fr;ByHour=7");
    CHECK(lower == upper);
    CHECK(bare == upper);
    CHECK(upper.by_day == std::vector<RecurrenceWeekdayModel>{{5, -1}});
    CHECK(parsed("FREQ=WEEKLY;WKST=sa").week_start == 6);
}

TEST_CASE("SKIP sets the missing-day policy, with or without RSCALE=GREGORIAN", "[dsl][rrule]") {
    CHECK(parsed("FREQ=MONTHLY;SKIP=BACKWARD").missing_day == RecurrenceSkip::backward);
    CHECK(parsed("RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=forward").missing_day ==
          RecurrenceSkip::forward);
    CHECK(parsed("FREQ=YEARLY;RSCALE=gregorian;SKIP=OMIT").missing_day == RecurrenceSkip::omit);
    CHECK(parsed("FREQ=YEARLY;RSCALE=GREGORIAN").missing_day == RecurrenceSkip::omit);
}

TEST_CASE("each refusal names the part and where it is", "[dsl][rrule]") {
    CHECK(refusal("") == "0+0: FREQ is required");
    CHECK(refusal("RRULE:") == "0+6: FREQ is required");
    CHECK(refusal("BYDAY=MO") == "0+8: FREQ is required");
    CHECK(refusal("FREQ=DAILY;BYDAYS=MO") == "11+6: unknown rule part \"BYDAYS\"");
    CHECK(refusal("FREQ=DAILY;X-NAME=1") == "11+6: unknown rule part \"X-NAME\"");
    CHECK(refusal("FREQ=DAILY;;COUNT=2") == "11+0: empty rule part");
    CHECK(refusal("FREQ=DAILY;") == "11+0: empty rule part");
    CHECK(refusal("FREQ=DAILY;=3") == "11+2: rule part \"=3\" has no name");
    CHECK(refusal("FREQ=DAILY;COUNT") == "11+5: rule part \"COUNT\" has no value");
    CHECK(refusal("FREQ=DAILY;COUNT=") == "11+6: rule part \"COUNT\" has no value");
    CHECK(refusal("FREQ=DAILY;COUNT=2;count=3") == "19+5: rule part \"count\" is given twice");
    CHECK(refusal("FREQ=FORTNIGHTLY") ==
          "5+11: FREQ value \"FORTNIGHTLY\" is not one of SECONDLY, MINUTELY, HOURLY, DAILY, "
          "WEEKLY, MONTHLY, YEARLY");
    CHECK(refusal("FREQ=DAILY;INTERVAL=0") == "20+1: INTERVAL value 0 must be at least 1");
    CHECK(refusal("FREQ=DAILY;COUNT=ten") == "17+3: COUNT value \"ten\" is not a number");
    CHECK(refusal("FREQ=DAILY;COUNT=-2") == "17+2: COUNT value \"-2\" is not a number");
    CHECK(refusal("FREQ=DAILY;COUNT=99999999999999999999") ==
          "17+20: COUNT value \"99999999999999999999\" is too large");
    CHECK(refusal("FREQ=MONTHLY;BYMONTHDAY=1,32") ==
          "26+2: BYMONTHDAY value 32 is out of range -31 to 31");
    CHECK(refusal("FREQ=MONTHLY;BYMONTHDAY=0") ==
          "24+1: BYMONTHDAY value 0 is out of range -31 to -1 or 1 to 31");
    CHECK(refusal("FREQ=MONTHLY;BYMONTHDAY=1,,2") == "26+0: BYMONTHDAY has an empty value");
    CHECK(refusal("FREQ=MONTHLY;BYMONTHDAY=last") ==
          "24+4: BYMONTHDAY value \"last\" is not a number");
    CHECK(refusal("FREQ=DAILY;BYHOUR=24") == "18+2: BYHOUR value 24 is out of range 0 to 23");
    CHECK(refusal("FREQ=DAILY;BYHOUR=-1") == "18+2: BYHOUR value -1 is out of range 0 to 23");
    CHECK(refusal("FREQ=DAILY;BYMINUTE=60") == "20+2: BYMINUTE value 60 is out of range 0 to 59");
    CHECK(refusal("FREQ=DAILY;BYSECOND=61") == "20+2: BYSECOND value 61 is out of range 0 to 60");
    CHECK(refusal("FREQ=YEARLY;BYMONTH=13") == "20+2: BYMONTH value 13 is out of range 1 to 12");
    CHECK(refusal("FREQ=YEARLY;BYYEARDAY=367") ==
          "22+3: BYYEARDAY value 367 is out of range -366 to 366");
    CHECK(refusal("FREQ=YEARLY;BYWEEKNO=54") ==
          "21+2: BYWEEKNO value 54 is out of range -53 to 53");
    CHECK(refusal("FREQ=YEARLY;BYDAY=MO;BYSETPOS=-367") ==
          "30+4: BYSETPOS value -367 is out of range -366 to 366");
    CHECK(refusal("FREQ=WEEKLY;BYDAY=MO,XX") ==
          "21+2: BYDAY value \"XX\" is not a weekday (SU, MO, TU, WE, TH, FR, SA), optionally "
          "after an ordinal such as 2 or -1");
    CHECK(refusal("FREQ=MONTHLY;BYDAY=-MO") ==
          "19+3: BYDAY value \"-MO\" is not a weekday (SU, MO, TU, WE, TH, FR, SA), optionally "
          "after an ordinal such as 2 or -1");
    CHECK(refusal("FREQ=MONTHLY;BYDAY=0MO") ==
          "19+3: BYDAY ordinal 0 is out of range -53 to -1 or 1 to 53");
    CHECK(refusal("FREQ=YEARLY;BYDAY=54MO") == "18+4: BYDAY ordinal 54 is out of range -53 to 53");
    CHECK(refusal("FREQ=WEEKLY;WKST=XX") ==
          "17+2: WKST value \"XX\" is not a weekday (SU, MO, TU, WE, TH, FR, SA)");
    CHECK(refusal("FREQ=MONTHLY;SKIP=LATER") ==
          "18+5: SKIP value \"LATER\" is not OMIT, BACKWARD or FORWARD");
    CHECK(refusal("RSCALE=HEBREW;FREQ=YEARLY") ==
          "7+6: RSCALE value \"HEBREW\" is not supported (only GREGORIAN)");
    CHECK(refusal("FREQ=DAILY;UNTIL=2027-06-30") ==
          "17+10: UNTIL value \"2027-06-30\" is not a date (YYYYMMDD) or date-time "
          "(YYYYMMDDTHHMMSS, with Z for UTC)");
    CHECK(refusal("FREQ=DAILY;UNTIL=20270630T0900") ==
          "17+13: UNTIL value \"20270630T0900\" is not a date (YYYYMMDD) or date-time "
          "(YYYYMMDDTHHMMSS, with Z for UTC)");
    CHECK(refusal("FREQ=DAILY;UNTIL=20270230") ==
          "17+8: UNTIL value \"20270230\" is not a valid date");
    CHECK(refusal("FREQ=DAILY;UNTIL=20270630T240000Z") ==
          "17+16: UNTIL value \"20270630T240000Z\" is not a valid time");
    // An error inside the RRULE: prefix's text is placed in the whole text.
    CHECK(refusal("RRULE:FREQ=DAILY;BYHOUR=25") == "24+2: BYHOUR value 25 is out of range 0 to 23");
}

TEST_CASE("the combinations RFC 5545 forbids are refused at the part that breaks them",
          "[dsl][rrule]") {
    CHECK(refusal("FREQ=DAILY;COUNT=2;UNTIL=20261231") ==
          "19+14: COUNT and UNTIL cannot both be given");
    CHECK(refusal("FREQ=DAILY;UNTIL=20261231;COUNT=2") ==
          "26+7: COUNT and UNTIL cannot both be given");
    CHECK(refusal("FREQ=MONTHLY;BYWEEKNO=1") == "13+10: BYWEEKNO is only allowed with FREQ=YEARLY");
    CHECK(refusal("FREQ=MONTHLY;BYYEARDAY=1") ==
          "13+11: BYYEARDAY is not allowed with FREQ=MONTHLY");
    CHECK(refusal("FREQ=WEEKLY;BYYEARDAY=1") == "12+11: BYYEARDAY is not allowed with FREQ=WEEKLY");
    CHECK(refusal("FREQ=DAILY;BYYEARDAY=1") == "11+11: BYYEARDAY is not allowed with FREQ=DAILY");
    CHECK(refusal("FREQ=WEEKLY;BYMONTHDAY=1") ==
          "12+12: BYMONTHDAY is not allowed with FREQ=WEEKLY");
    CHECK(refusal("FREQ=WEEKLY;BYDAY=MO,2TU") ==
          "21+3: numbered BYDAY 2TU is only allowed with FREQ=MONTHLY or FREQ=YEARLY");
    CHECK(refusal("FREQ=YEARLY;BYWEEKNO=20;BYDAY=-1fr") ==
          "30+4: numbered BYDAY -1FR is not allowed with BYWEEKNO");
    CHECK(refusal("FREQ=MONTHLY;BYSETPOS=-1") == "13+11: BYSETPOS needs another BYxxx rule part");
    // What RFC 5545 allows is accepted.
    CHECK(refusal("FREQ=HOURLY;BYYEARDAY=1") == "accepted");
    CHECK(refusal("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO") == "accepted");
    CHECK(refusal("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1") == "accepted");
}

TEST_CASE("format_rrule writes canonical text that parses back to the same model", "[dsl][rrule]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"FREQ=DAILY", "FREQ=DAILY"},
        {"freq=monthly;byday=-1fr;interval=3;byhour=7",
         "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=7"},
        {"FREQ=WEEKLY;WKST=SU;BYDAY=TU,SU;INTERVAL=2;COUNT=4",
         "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"},
        {"FREQ=YEARLY;BYSETPOS=1;BYDAY=MO;BYMONTH=1,2;BYMINUTE=30;BYSECOND=15",
         "FREQ=YEARLY;BYMONTH=1,2;BYDAY=MO;BYMINUTE=30;BYSECOND=15;BYSETPOS=1"},
        {"FREQ=YEARLY;BYYEARDAY=+1,-1;BYWEEKNO=20", "FREQ=YEARLY;BYWEEKNO=20;BYYEARDAY=1,-1"},
        {"FREQ=MONTHLY;BYMONTHDAY=31;SKIP=BACKWARD",
         "RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31;SKIP=BACKWARD"},
        {"FREQ=YEARLY;SKIP=OMIT;RSCALE=GREGORIAN", "FREQ=YEARLY"},
        {"FREQ=DAILY;UNTIL=19971224T000000Z", "FREQ=DAILY;UNTIL=19971224T000000Z"},
        {"FREQ=DAILY;UNTIL=20270630", "FREQ=DAILY;UNTIL=20270630T235959"},
        {"FREQ=DAILY;UNTIL=19600101T120000", "FREQ=DAILY;UNTIL=19600101T120000"},
        {"FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10,11,12,13,14,15,16;COUNT=1000000",
         "FREQ=MINUTELY;INTERVAL=15;COUNT=1000000;BYHOUR=9,10,11,12,13,14,15,16"},
    };
    for (const auto& [text, canonical] : cases) {
        INFO(text);
        const RecurrenceModel model = parsed(text);
        CHECK(format_rrule(model) == canonical);
        CHECK(parsed(format_rrule(model)) == model);
    }
    // A model the DSL built (with DTSTART and a DST policy) writes only its rule.
    RecurrenceModel pm;
    pm.frequency = RecurrenceFrequency::monthly;
    pm.interval = 3;
    pm.by_day = {{5, -1}};
    pm.by_hour = {7};
    pm.start_local_seconds = 1767254400;
    pm.dst_gap = RecurrenceSkip::omit;
    CHECK(format_rrule(pm) == "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=7");
}
