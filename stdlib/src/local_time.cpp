// Local-day arithmetic on the zone's rules (zone_rules.hpp: date/tz, continued past its last
// transition by the TZif file's closing rule; see local_time.hpp). The gap policy is the
// one recurrence expansion applies (ZonePlacement), so a floating schedule and a fixed one place
// the same local time at the same instant.
#include "millwright/stdlib/local_time.hpp"

#include <chrono>

#include <date/date.h>

#include "zone_placement.hpp"
#include "zone_rules.hpp"

namespace millwright::stdlib {

namespace {

constexpr std::int64_t seconds_per_day = 24 * 60 * 60;
constexpr std::int64_t ms_per_second = 1000;

date::year_month_day civil(std::int64_t day) {
    return date::year_month_day{date::sys_days{date::days{day}}};
}

std::int64_t day_number(date::year_month_day date) {
    return date::sys_days{date}.time_since_epoch().count();
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return quotient - ((value % divisor != 0 && (value < 0) != (divisor < 0)) ? 1 : 0);
}

} // namespace

std::optional<LocalZone> LocalZone::locate(const std::string& name) {
    if (const detail::ZoneRules* zone = detail::ZoneRules::locate(name)) {
        return LocalZone(zone, name);
    }
    return std::nullopt;
}

std::int64_t LocalZone::local_day(Instant t) const {
    const date::sys_seconds utc{std::chrono::floor<std::chrono::seconds>(t.time_since_epoch())};
    const std::int64_t local = (utc.time_since_epoch() + zone_->get_info(utc).offset).count();
    return floor_div(local, seconds_per_day);
}

std::optional<Instant> LocalZone::at(std::int64_t day, int minutes, RecurrenceSkip gap) const {
    const date::year_month_day date = civil(day);
    if (date.year() < date::year{1} || date.year() > date::year{9999}) {
        return std::nullopt;
    }
    detail::ZonePlacement placement(*zone_);
    const auto placed = placement.place(day * seconds_per_day + minutes * 60, gap);
    if (!placed) {
        return std::nullopt;
    }
    return Instant{std::chrono::milliseconds{*placed * ms_per_second}};
}

int LocalZone::month_of(std::int64_t day) {
    return static_cast<int>(static_cast<unsigned>(civil(day).month()));
}

std::int64_t LocalZone::add(std::int64_t day, RecurrenceFrequency unit, std::int64_t n,
                            RecurrenceSkip missing_day) {
    switch (unit) {
    case RecurrenceFrequency::weekly:
        return day + 7 * n;
    case RecurrenceFrequency::monthly:
    case RecurrenceFrequency::yearly: {
        const date::year_month_day from = civil(day);
        const date::months months{unit == RecurrenceFrequency::yearly ? 12 * n : n};
        const date::year_month target = date::year_month{from.year(), from.month()} + months;
        const date::year_month_day wanted{target.year(), target.month(), from.day()};
        if (wanted.ok()) {
            return day_number(wanted);
        }
        const date::year_month_day last{target.year() / target.month() / date::last};
        return day_number(last) + (missing_day == RecurrenceSkip::forward ? 1 : 0);
    }
    default:
        return day + n;
    }
}

bool LocalZone::in_season(int month, int first, int last) {
    return first <= last ? (month >= first && month <= last) : (month >= first || month <= last);
}

std::int64_t LocalZone::into_season(std::int64_t day, int first, int last) {
    const date::year_month_day date = civil(day);
    const int month = static_cast<int>(static_cast<unsigned>(date.month()));
    if (in_season(month, first, last)) {
        return day;
    }
    // The season's next start: `first` of this year when it is still ahead, else of next year.
    const date::year year = month < first ? date.year() : date.year() + date::years{1};
    return day_number(year / date::month{static_cast<unsigned>(first)} / date::day{1});
}

} // namespace millwright::stdlib
