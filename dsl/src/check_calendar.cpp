// Calendar checks: shifts that open before they close, in order within a line and without
// overlap on any weekday (lines for the same weekday add up, so `mon-fri 08:00-12:00` and
// `mon 11:00-13:00` overlap on Monday); closures likewise; yearly holidays that occur every
// year (`31 april` never does, a 5th weekday not every year). The time zone name is only
// checked for its shape: the dsl does not link the time zone database, so the engine
// resolves the name when it builds the calendar and reports an unknown zone then.
#include "check.hpp"
#include "suggest.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <map>

namespace millwright::dsl::detail {

namespace {

constexpr std::array<const char*, 7> weekday_names{"sunday",   "monday", "tuesday", "wednesday",
                                                   "thursday", "friday", "saturday"};
constexpr std::array<const char*, 12> month_names{"january",   "february", "march",    "april",
                                                  "may",       "june",     "july",     "august",
                                                  "september", "october",  "november", "december"};

std::string two_digits(int n) {
    return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

std::string clock_text(int minutes) {
    return two_digits(minutes / 60) + ":" + two_digits(minutes % 60);
}

std::string range_text(int from, int to) {
    return clock_text(from) + "-" + clock_text(to);
}

/// The weekdays of `first-last`, wrapping past Saturday.
std::vector<int> days_of(const ast::OpeningHours& hours) {
    std::vector<int> days;
    for (int day = hours.first_day;; day = (day + 1) % 7) {
        days.push_back(day);
        if (day == hours.last_day) {
            return days;
        }
    }
}

struct PlacedShift {
    int open = 0;
    int close = 0;
    SourceSpan span;
};

void check_hours(const ast::Calendar& calendar, DiagnosticList& diagnostics) {
    std::array<std::vector<PlacedShift>, 7> week;
    for (const auto& hours : calendar.hours) {
        std::optional<PlacedShift> previous;
        for (std::size_t i = 0; i < hours.shifts.size(); ++i) {
            const auto [open, close] = hours.shifts[i];
            const SourceSpan span = hours.shift_spans[i];
            if (open < 0 || close < 0) {
                continue; // E0107 already
            }
            if (close <= open) {
                diagnostics.report("E0701", span, {range_text(open, close)});
                continue;
            }
            if (previous && open < previous->open) {
                auto& diagnostic = diagnostics.report(
                    "E0703", span,
                    {range_text(open, close), range_text(previous->open, previous->close)});
                diagnostic.labels.push_back({previous->span, "listed first"});
            }
            previous = PlacedShift{open, close, span};
            for (int day : days_of(hours)) {
                week[static_cast<std::size_t>(day)].push_back({open, close, span});
            }
        }
    }
    // One report per pair of shifts, on the first weekday where they meet.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> reported;
    for (std::size_t day = 0; day < week.size(); ++day) {
        auto shifts = week[day];
        std::stable_sort(shifts.begin(), shifts.end(),
                         [](const auto& a, const auto& b) { return a.open < b.open; });
        for (std::size_t i = 1; i < shifts.size(); ++i) {
            const PlacedShift& earlier = shifts[i - 1];
            const PlacedShift& later = shifts[i];
            if (later.open >= earlier.close) {
                continue;
            }
            const bool later_written_after = later.span.begin > earlier.span.begin;
            const PlacedShift& blamed = later_written_after ? later : earlier;
            const PlacedShift& other = later_written_after ? earlier : later;
            const std::pair<std::uint32_t, std::uint32_t> key{blamed.span.begin, other.span.begin};
            if (std::find(reported.begin(), reported.end(), key) != reported.end()) {
                continue;
            }
            reported.push_back(key);
            auto& diagnostic =
                diagnostics.report("E0702", blamed.span,
                                   {range_text(blamed.open, blamed.close),
                                    range_text(other.open, other.close), weekday_names[day]});
            if (other.span != blamed.span) {
                diagnostic.labels.push_back({other.span, "overlaps this shift"});
            }
        }
    }
}

void check_closures(const ast::Calendar& calendar, DiagnosticList& diagnostics) {
    for (const auto& closure : calendar.closures) {
        if (closure.from >= 0 && closure.to >= 0 && closure.to <= closure.from) {
            diagnostics.report("E0701", closure.times_span, {range_text(closure.from, closure.to)});
        }
    }
}

int days_in_month(int month) {
    static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[static_cast<std::size_t>(month - 1)];
}

void check_yearly(const ast::Calendar& calendar, DiagnosticList& diagnostics) {
    for (const auto& holiday : calendar.yearly) {
        const std::string month = month_names[static_cast<std::size_t>(holiday.month - 1)];
        if (holiday.day != 0) {
            if (holiday.day < 1 || holiday.day > days_in_month(holiday.month)) {
                diagnostics.report(
                    "E0704", holiday.span,
                    {std::to_string(holiday.day) + " " + month,
                     month + " has " + std::to_string(days_in_month(holiday.month)) + " days"});
            }
            continue;
        }
        if (holiday.nth == 5) {
            const std::string day = weekday_names[static_cast<std::size_t>(holiday.weekday)];
            diagnostics.report(
                "E0704", holiday.span,
                {"the 5th " + day + " of " + month, "use `last " + day + " of " + month + "`"});
        }
    }
}

// The zone names of the time zone database the engine will use (the system's, where links
// such as US/Eastern are zones of their own), read once.
const std::vector<std::string>& known_zones() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list;
        try {
            const auto& database = date::get_tzdb();
            for (const auto& zone : database.zones) {
                list.push_back(zone.name());
            }
        } catch (const std::exception&) {
            // No database on this machine: every calendar is reported, which is right, since
            // the engine could not load any of them either.
        }
        std::sort(list.begin(), list.end());
        return list;
    }();
    return names;
}

} // namespace

void check_zone_name(const std::string& zone, SourceSpan span, DiagnosticList& diagnostics) {
    const auto& zones = known_zones();
    if (!std::binary_search(zones.begin(), zones.end(), zone)) {
        std::string hint = did_you_mean(zone, zones);
        if (hint.empty()) {
            hint = "write an IANA name from the time zone database, such as \"Europe/Berlin\" "
                   "or \"UTC\"";
        }
        diagnostics.report("E0705", span, {zone, hint});
    }
}

namespace {

void check_zone(const ast::Calendar& calendar, DiagnosticList& diagnostics) {
    check_zone_name(calendar.time_zone, calendar.zone_span, diagnostics);
}

} // namespace

void check_calendars(const ProgramScope& program, DiagnosticList& diagnostics) {
    std::map<std::string, SourceSpan> names;
    for (const auto& calendar : program.program().calendars) {
        if (auto [it, inserted] = names.emplace(calendar.name.name, calendar.name.span);
            !inserted) {
            report_duplicate_of(diagnostics, "calendar `" + calendar.name.name + "`",
                                calendar.name.span, it->second);
        }
        check_zone(calendar, diagnostics);
        check_hours(calendar, diagnostics);
        check_closures(calendar, diagnostics);
        check_yearly(calendar, diagnostics);
    }
}

} // namespace millwright::dsl::detail
