// Business calendars against a brute-force oracle. The oracle walks the time line minute by
// minute, converts each minute to local time with the zone's offset at that minute (from
// zone_rules.hpp: date/tz, continued past 2037 by the TZif footer's rule, which
// zone_rules_test.cpp checks against zdump), and asks the raw CalendarSpec whether
// that local minute is open (holiday rules evaluated from the day of the month, not with the
// implementation's date arithmetic). is_open, next_open, business_between and add_business must
// agree with it exactly on seeded random calendars, instants and durations in zones with
// unusual rules: 30-minute and 2-hour DST shifts, transitions at midnight, negative DST (Dublin),
// offsets of +05:45 and +12:45, a skipped calendar day (Apia, 2011-12-30) and no DST at all.
// Half of the instants are drawn within three days of a DST transition. The years drawn
// (2005-2060) reach past 2037, the last year the tz files list, into those the footer's rule
// covers. All zones in use have whole-minute offsets over those years, so minutes are exact.

// The oracle reads offsets through the stdlib's internal ZoneRules (tests/CMakeLists.txt gives
// the stdlib tests stdlib/src and date/tz).
#include "millwright/stdlib/calendar.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <date/tz.h>

#include "millwright/stdlib/format.hpp"
#include "zone_rules.hpp"

using namespace millwright::stdlib;
using millwright::stdlib::detail::ZoneRules;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t minute_ms = 60 * 1000;
constexpr std::int64_t day_ms = 24 * 60 * minute_ms;

/// The local calendar date and minute of one instant.
struct LocalMinute {
    int year;
    unsigned month;
    unsigned day;
    unsigned weekday; ///< 0 = Sunday
    unsigned last_day_of_month;
    std::int64_t minute_of_day;
};

/// Holiday rules read literally, from the day of the month (independent of the implementation).
bool matches(const YearlyHoliday& rule, const LocalMinute& local) {
    if (const auto* fixed = std::get_if<std::chrono::month_day>(&rule)) {
        return static_cast<unsigned>(fixed->month()) == local.month &&
               static_cast<unsigned>(fixed->day()) == local.day;
    }
    if (const auto* nth = std::get_if<std::chrono::month_weekday>(&rule)) {
        return static_cast<unsigned>(nth->month()) == local.month &&
               nth->weekday_indexed().weekday().c_encoding() == local.weekday &&
               (local.day - 1) / 7 + 1 == nth->weekday_indexed().index();
    }
    const auto& last = std::get<std::chrono::month_weekday_last>(rule);
    return static_cast<unsigned>(last.month()) == local.month &&
           last.weekday_last().weekday().c_encoding() == local.weekday &&
           local.day + 7 > local.last_day_of_month;
}

bool same_date(std::chrono::year_month_day date, const LocalMinute& local) {
    return static_cast<int>(date.year()) == local.year &&
           static_cast<unsigned>(date.month()) == local.month &&
           static_cast<unsigned>(date.day()) == local.day;
}

/// Minute-stepping oracle for one spec. Caches the zone's current sys_info only to save
/// lookups; every minute is still converted to local time on its own.
class Oracle {
public:
    explicit Oracle(const CalendarSpec& spec)
        : spec_(spec), zone_(ZoneRules::locate(spec.time_zone)) {}

    bool is_open_minute(std::int64_t t) {
        const LocalMinute local = local_minute(t);
        for (const auto& holiday : spec_.holidays) {
            if (same_date(holiday, local)) {
                return false;
            }
        }
        for (const auto& rule : spec_.yearly_holidays) {
            if (matches(rule, local)) {
                return false;
            }
        }
        for (const auto& closure : spec_.closures) {
            if (same_date(closure.date, local) && local.minute_of_day >= closure.from.count() &&
                local.minute_of_day < closure.to.count()) {
                return false;
            }
        }
        for (const Shift& shift : spec_.weekly[local.weekday]) {
            if (local.minute_of_day >= shift.open.count() &&
                local.minute_of_day < shift.close.count()) {
                return true;
            }
        }
        return false;
    }

    std::int64_t between(std::int64_t a, std::int64_t b) {
        std::int64_t open_minutes = 0;
        for (std::int64_t t = a; t < b; t += minute_ms) {
            open_minutes += is_open_minute(t) ? 1 : 0;
        }
        return open_minutes * minute_ms;
    }

    /// add_business by counting open minutes; no value when `limit` minutes did not suffice.
    std::optional<std::int64_t> add(std::int64_t t, std::int64_t d, std::int64_t limit) {
        std::int64_t left = d / minute_ms;
        for (std::int64_t step = 0; step < limit; ++step, t += minute_ms) {
            if (!is_open_minute(t)) {
                continue;
            }
            if (left == 0) {
                return t;
            }
            if (--left == 0) {
                return t + minute_ms;
            }
        }
        return std::nullopt;
    }

private:
    LocalMinute local_minute(std::int64_t t) {
        const date::sys_seconds instant{std::chrono::seconds{t / 1000}};
        if (!(instant >= info_.begin && instant < info_.end)) {
            info_ = zone_->get_info(instant);
        }
        const date::local_seconds local{instant.time_since_epoch() + info_.offset};
        const auto local_day = date::floor<date::days>(local);
        const date::year_month_day date{local_day};
        const date::year_month_day_last month_end{date.year() / date.month() / date::last};
        return {static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()),
                date::weekday{local_day}.c_encoding(),
                static_cast<unsigned>(month_end.day()),
                std::chrono::duration_cast<std::chrono::minutes>(local - local_day).count()};
    }

    const CalendarSpec& spec_;
    const ZoneRules* zone_;
    date::sys_info info_{};
};

/// Deterministic draws (plain modulo, so the sequence is the same with every standard library).
class Draw {
public:
    explicit Draw(std::uint64_t seed) : engine_(seed) {}
    std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(engine_() % n); }
    bool chance(int percent) { return below(100) < percent; }

private:
    std::mt19937_64 engine_;
};

/// An instant on a minute boundary in 2005-2060, half of them within three days of a
/// transition of `zone` (when it has one in the year drawn).
std::int64_t draw_instant(Draw& draw, const ZoneRules* zone) {
    const int year = 2005 + static_cast<int>(draw.below(56));
    const date::sys_days year_start{date::year{year} / 1 / 1};
    const std::int64_t start_ms = year_start.time_since_epoch().count() * day_ms;
    if (draw.chance(50)) {
        std::vector<std::int64_t> transitions;
        date::sys_info info = zone->get_info(year_start);
        while (info.end < date::sys_days{date::year{year + 1} / 1 / 1}) {
            transitions.push_back(info.end.time_since_epoch().count() * 1000);
            info = zone->get_info(info.end);
        }
        if (!transitions.empty()) {
            const std::int64_t near =
                transitions[static_cast<std::size_t>(draw.below(std::ssize(transitions)))];
            return near - 3 * day_ms + draw.below(6 * 24 * 60) * minute_ms;
        }
    }
    return start_ms + draw.below(365 * 24 * 60) * minute_ms;
}

std::vector<Shift> draw_day(Draw& draw) {
    if (draw.chance(20)) {
        return {};
    }
    if (draw.chance(15)) {
        return {{0h, 24h}};
    }
    // Distinct quarter-hour boundaries, paired in order: shifts that neither touch nor overlap.
    const int count = 1 + static_cast<int>(draw.below(3));
    std::vector<std::int64_t> marks;
    while (std::ssize(marks) < 2 * count) {
        const std::int64_t mark = draw.below(97) * 15;
        if (std::find(marks.begin(), marks.end(), mark) == marks.end()) {
            marks.push_back(mark);
        }
    }
    std::sort(marks.begin(), marks.end());
    std::vector<Shift> shifts;
    for (int i = 0; i < count; ++i) {
        shifts.push_back(
            {std::chrono::minutes{marks[2 * i]}, std::chrono::minutes{marks[2 * i + 1]}});
    }
    return shifts;
}

std::chrono::year_month_day local_date(const ZoneRules* zone, std::int64_t t) {
    const date::sys_seconds instant{std::chrono::seconds{t / 1000}};
    const date::local_seconds local{instant.time_since_epoch() + zone->get_info(instant).offset};
    return std::chrono::year_month_day{std::chrono::sys_days{
        std::chrono::days{date::floor<date::days>(local).time_since_epoch().count()}}};
}

/// A yearly rule of a random kind that falls on `date`: its month and day, its Nth weekday
/// (when it is among the first four), or its last weekday (when it is the last one).
YearlyHoliday yearly_rule_on(Draw& draw, std::chrono::year_month_day date) {
    using namespace std::chrono;
    const weekday day_of_week{sys_days{date}};
    const unsigned index = (static_cast<unsigned>(date.day()) - 1) / 7 + 1;
    const bool is_last =
        date.day() + days{7} > year_month_day_last{date.year() / date.month() / last}.day();
    const std::int64_t kind = draw.below(3);
    if (kind == 1 && index <= 4) {
        return date.month() / day_of_week[index];
    }
    if (kind == 2 && is_last) {
        return date.month() / day_of_week[last];
    }
    return date.month() / date.day();
}

/// A random calendar with holidays and closures placed among the instants under test, so
/// they are actually met.
CalendarSpec draw_calendar(Draw& draw, const std::string& zone_name,
                           const std::vector<std::int64_t>& instants) {
    using namespace std::chrono;
    CalendarSpec spec;
    spec.time_zone = zone_name;
    const ZoneRules* zone = ZoneRules::locate(zone_name);
    switch (draw.below(4)) {
    case 0: // an office with a lunch break
        spec.set_hours(Monday, Friday, {{8h, 12h}, {13h, 17h}});
        break;
    case 1: // night shifts straddling the usual transition hours
        spec.set_hours(Sunday, Saturday, {{0h, 3h + 30min}, {22h, 24h}});
        spec.hours(Wednesday) = {{1h + 30min, 2h + 45min}};
        break;
    case 2: // around the clock except Sunday
        spec.set_hours(Monday, Saturday, {{0h, 24h}});
        break;
    default:
        for (auto& day : spec.weekly) {
            day = draw_day(draw);
        }
    }
    spec.yearly_holidays = {December / 25, November / Thursday[4], May / Monday[last],
                            month{static_cast<unsigned>(1 + draw.below(12))} /
                                day{static_cast<unsigned>(1 + draw.below(28))},
                            month{static_cast<unsigned>(1 + draw.below(12))} /
                                weekday{static_cast<unsigned>(
                                    draw.below(7))}[static_cast<unsigned>(1 + draw.below(4))]};
    for (const std::int64_t t : instants) {
        if (draw.chance(30)) {
            spec.holidays.push_back(local_date(zone, t + draw.below(4) * day_ms));
        }
        if (draw.chance(40)) {
            spec.yearly_holidays.push_back(
                yearly_rule_on(draw, local_date(zone, t + draw.below(4) * day_ms)));
        }
        if (draw.chance(30)) {
            const minutes from{draw.below(96) * 15};
            const minutes to = from + minutes{15 + draw.below(8) * 15};
            spec.closures.push_back(
                {local_date(zone, t + draw.below(3) * day_ms), from, std::min<minutes>(to, 24h)});
        }
    }
    return spec;
}

std::string text(std::optional<std::int64_t> t) {
    return t ? format_time(*t) : "none";
}

std::optional<std::int64_t> milliseconds_of(std::optional<Instant> t) {
    return t ? std::optional{t->time_since_epoch().count()} : std::nullopt;
}

Instant instant(std::int64_t ms) {
    return Instant{std::chrono::milliseconds{ms}};
}

} // namespace

TEST_CASE("business-time arithmetic agrees with a minute-stepping oracle in a dozen zones",
          "[stdlib][calendar][oracle]") {
    const std::vector<std::string> zones = {"Australia/Lord_Howe",
                                            "America/Sao_Paulo",
                                            "Africa/Cairo",
                                            "America/New_York",
                                            "Europe/Berlin",
                                            "Asia/Kolkata",
                                            "Asia/Kathmandu",
                                            "Pacific/Chatham",
                                            "Europe/Dublin",
                                            "America/St_Johns",
                                            "UTC",
                                            "Pacific/Apia",
                                            "Antarctica/Troll"};
    constexpr int calendars_per_zone = 4;
    constexpr int instants_per_calendar = 8;
    constexpr std::int64_t oracle_step_limit = 60 * 24 * 60; // 60 days of minutes

    Draw draw(20261122);
    std::vector<std::string> mismatches;
    int cases = 0;
    int minutes_compared = 0;
    int additions_compared = 0; // the oracle gives up after oracle_step_limit minutes
    auto report = [&](const std::string& what, const std::string& zone, std::int64_t t,
                      const std::string& expected, const std::string& actual) {
        if (expected != actual) {
            mismatches.push_back(zone + " " + what + " from " + format_time(t) + ": oracle " +
                                 expected + ", calendar " + actual);
        }
    };

    for (const std::string& zone_name : zones) {
        const ZoneRules* zone = ZoneRules::locate(zone_name);
        for (int c = 0; c < calendars_per_zone; ++c) {
            std::vector<std::int64_t> instants;
            for (int i = 0; i < instants_per_calendar; ++i) {
                instants.push_back(draw_instant(draw, zone));
            }
            const CalendarSpec spec = draw_calendar(draw, zone_name, instants);
            const CalendarResult built = BusinessCalendar::create(spec);
            REQUIRE(built.ok());
            const BusinessCalendar& calendar = *built.calendar;
            Oracle oracle(spec);
            const std::int64_t weekly = calendar.weekly_hours().count();

            for (const std::int64_t t : instants) {
                ++cases;
                // business_between over up to 5 days, with is_open at every minute on the way.
                const std::int64_t span = draw.below(5 * 24 * 60 + 1) * minute_ms;
                for (std::int64_t m = t; m < t + span; m += minute_ms) {
                    ++minutes_compared;
                    if (oracle.is_open_minute(m) != is_open(calendar, instant(m))) {
                        report("is_open", zone_name, m,
                               oracle.is_open_minute(m) ? "open" : "closed", "the opposite");
                    }
                }
                report("business_between +" + format_duration(span), zone_name, t,
                       format_duration(oracle.between(t, t + span)),
                       format_duration(
                           business_between(calendar, instant(t), instant(t + span)).count()));

                // add_business with up to 5 days (and at most two weeks' hours) of business time.
                const std::int64_t most = std::min<std::int64_t>(5 * day_ms, 2 * weekly);
                const std::int64_t d = draw.below(most / minute_ms + 1) * minute_ms;
                const auto expected = oracle.add(t, d, oracle_step_limit);
                if (expected) {
                    ++additions_compared;
                    report("add_business " + format_duration(d), zone_name, t, text(expected),
                           text(milliseconds_of(add_business(calendar, instant(t), Duration{d}))));
                }
                // Over spans too long for the oracle (where whole weeks are counted in one
                // step), business time must still add up and invert add_business exactly.
                const std::int64_t long_span = draw.below(90 * 24 * 60) * minute_ms;
                const std::int64_t split = t + draw.below(long_span / minute_ms + 1) * minute_ms;
                const auto whole = business_between(calendar, instant(t), instant(t + long_span));
                const auto parts =
                    business_between(calendar, instant(t), instant(split)) +
                    business_between(calendar, instant(split), instant(t + long_span));
                report("business_between split +" + format_duration(long_span), zone_name, t,
                       format_duration(whole.count()), format_duration(parts.count()));
                const auto due = add_business(calendar, instant(t), whole);
                const auto back = due ? business_between(calendar, instant(t), *due) : Duration{-1};
                report("business_between(add_business " + format_duration(whole.count()) + ")",
                       zone_name, t, format_duration(whole.count()), format_duration(back.count()));

                const auto opening = oracle.add(t, 0, oracle_step_limit);
                if (opening) {
                    ++additions_compared;
                    report("next_open", zone_name, t, text(opening),
                           text(milliseconds_of(next_open(calendar, instant(t)))));
                }
            }
        }
    }

    INFO(mismatches.size() << " mismatches; the first: "
                           << (mismatches.empty() ? std::string("none") : mismatches.front()));
    CHECK(mismatches.empty());
    CHECK(cases == std::ssize(zones) * calendars_per_zone * instants_per_calendar);
    CHECK(minutes_compared > 100000);
    CHECK(additions_compared > 2 * cases * 9 / 10);
}
