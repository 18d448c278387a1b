// Business-calendar benchmark: add_business and business_between calls per second on a typical
// office calendar (Europe/Berlin, Mon-Fri 08:00-12:00 and 13:00-17:00, German public holidays
// that fall on fixed dates, a one-off closure), from random starts in 2026-2027 with random
// business durations of 1 hour to 10 business days; plus the same on a 24x7 calendar (the
// shortcut) and with a year of business time (the week skipping).
//
//   calendar_bench [--calls N] [--runs R]
//
// Each figure is the median of R runs of N calls over the same pre-drawn inputs (seeded, so
// every invocation measures the same work). A checksum of the results is printed so the calls
// cannot be optimised away and a changed result is visible.
#include "millwright/stdlib/calendar.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace millwright::stdlib;
using namespace std::chrono_literals;

namespace {

struct Args {
    int calls = 200000;
    int runs = 5;
};

Args parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--calls") {
            args.calls = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--runs") {
            args.runs = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    return args;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

BusinessCalendar berlin_office() {
    using namespace std::chrono;
    CalendarSpec spec;
    spec.time_zone = "Europe/Berlin";
    spec.set_hours(Monday, Friday, {{8h, 12h}, {13h, 17h}});
    spec.yearly_holidays = {January / 1, May / 1, October / 3, December / 25, December / 26};
    spec.holidays = {2026y / April / 3, 2026y / April / 6, 2027y / March / 26, 2027y / March / 29};
    spec.closures = {{2026y / December / 24, 12h, 24h}};
    return *BusinessCalendar::create(spec).calendar;
}

BusinessCalendar around_the_clock() {
    CalendarSpec spec;
    spec.time_zone = "Europe/Berlin";
    spec.set_hours(std::chrono::Sunday, std::chrono::Saturday, {{0h, 24h}});
    return *BusinessCalendar::create(spec).calendar;
}

struct Call {
    Instant start;
    Duration amount; ///< business time to add
    Instant end;     ///< the other end for business_between
};

/// Starts anywhere in 2026-2027 (millisecond resolution), amounts of 1 h to 10 business days
/// (80 h) or exactly `fixed` when given, ends 1 h to 14 days after the start.
std::vector<Call> draw_calls(int count, Duration fixed) {
    std::mt19937_64 engine(20261122);
    const std::int64_t from =
        Instant{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}}.time_since_epoch().count();
    const std::int64_t span = 2 * 365 * 24 * 3600 * 1000LL;
    std::vector<Call> calls;
    for (int i = 0; i < count; ++i) {
        const Instant start{
            std::chrono::milliseconds{from + static_cast<std::int64_t>(engine() % span)}};
        const Duration amount =
            fixed.count()
                ? fixed
                : Duration{1h} +
                      Duration{static_cast<std::int64_t>(engine() % (79 * 3600 * 1000LL))};
        const Duration length =
            Duration{1h} +
            Duration{static_cast<std::int64_t>(engine() % (14 * 24 * 3600 * 1000LL))};
        calls.push_back({start, amount, start + length});
    }
    return calls;
}

template <class Body>
double calls_per_second(const std::vector<Call>& calls, int runs, std::int64_t& checksum,
                        Body&& body) {
    std::vector<double> rates;
    for (int run = 0; run < runs; ++run) {
        std::int64_t sum = 0;
        const auto begin = std::chrono::steady_clock::now();
        for (const Call& call : calls) {
            sum += body(call);
        }
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - begin;
        rates.push_back(static_cast<double>(calls.size()) / seconds.count());
        checksum = sum;
    }
    return median(rates);
}

void report(const char* what, const BusinessCalendar& calendar, const std::vector<Call>& calls,
            int runs) {
    std::int64_t add_sum = 0;
    std::int64_t between_sum = 0;
    const double adds = calls_per_second(calls, runs, add_sum, [&](const Call& call) {
        const auto due = add_business(calendar, call.start, call.amount);
        return due ? due->time_since_epoch().count() % 1000003 : -1;
    });
    const double betweens = calls_per_second(calls, runs, between_sum, [&](const Call& call) {
        return business_between(calendar, call.start, call.end).count() % 1000003;
    });
    std::printf(
        "%-44s add_business %12.0f /s   business_between %12.0f /s   (checksums %lld %lld)\n", what,
        adds, betweens, static_cast<long long>(add_sum), static_cast<long long>(between_sum));
}

} // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    std::printf("command: %s --calls %d --runs %d\n", argv[0], args.calls, args.runs);
    std::printf("median of %d runs of %d calls each\n", args.runs, args.calls);

    const BusinessCalendar office = berlin_office();
    const BusinessCalendar always = around_the_clock();
    const std::vector<Call> typical = draw_calls(args.calls, Duration{0});
    report("office, 1 h to 10 business days", office, typical, args.runs);
    report("24x7 (shortcut), same inputs", always, typical, args.runs);

    const std::vector<Call> long_ones = draw_calls(std::max(1, args.calls / 10), Duration{2000h});
    report("office, one year of business time (2000 h)", office, long_ones, args.runs);
    return 0;
}
