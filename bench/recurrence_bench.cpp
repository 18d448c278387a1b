// Recurrence benchmark: occurrences per second that Recurrence::for_each_between produces for
// four typical preventive-maintenance rules in Europe/Berlin (daily at 07:00, monthly on the
// first Monday, quarterly on the last Friday, yearly in March), over one year and over ten;
// first_at_or_after calls per second (the engine's "when is this asset next due"); and a PM
// forecast of one year for 100,000 assets with those first three rules each (each asset its
// own DTSTART in 2025, so every rule instance is created, then expanded over 2026).
//
//   recurrence_bench [--runs R] [--assets N]
//
// Each figure is the median of R runs over the same inputs, timed in CPU time of the thread
// (the machine is shared, and wall time there mostly measures the neighbours). A checksum of the
// results is printed so the work cannot be optimised away and a changed result is visible.
#include "millwright/stdlib/recurrence.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <time.h>

using namespace millwright::stdlib;

namespace {

struct Args {
    int runs = 5;
    int assets = 100000;
};

Args parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--runs") {
            args.runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--assets") {
            args.assets = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    return args;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

Instant instant_of(int year, unsigned month, unsigned day) {
    return Instant{std::chrono::sys_days{std::chrono::year{year} / month / day}};
}

std::chrono::local_seconds local_of(int year, unsigned month, unsigned day, int hour) {
    return std::chrono::local_days{std::chrono::year{year} / month / day} +
           std::chrono::hours{hour};
}

struct Rule {
    const char* name;
    RecurrenceSpec spec;
};

std::vector<Rule> typical_rules(std::chrono::local_seconds start) {
    using std::chrono::Friday;
    using std::chrono::Monday;
    RecurrenceSpec daily;
    daily.frequency = RecurrenceFrequency::daily;
    daily.start = start;
    RecurrenceSpec first_monday;
    first_monday.frequency = RecurrenceFrequency::monthly;
    first_monday.by_day = {{Monday, 1}};
    first_monday.start = start;
    RecurrenceSpec last_friday;
    last_friday.frequency = RecurrenceFrequency::monthly;
    last_friday.interval = 3;
    last_friday.by_day = {{Friday, -1}};
    last_friday.start = start;
    RecurrenceSpec march;
    march.frequency = RecurrenceFrequency::yearly;
    march.by_month = {3};
    march.start = start;
    return {{"daily 07:00 (FREQ=DAILY)", daily},
            {"monthly, first Monday (BYDAY=1MO)", first_monday},
            {"quarterly, last Friday (INTERVAL=3;BYDAY=-1FR)", last_friday},
            {"yearly in March (BYMONTH=3)", march}};
}

Recurrence build(const RecurrenceSpec& spec) {
    RecurrenceResult result = Recurrence::create(spec, "Europe/Berlin");
    if (!result.ok()) {
        std::fprintf(stderr, "recurrence_bench: %s\n", result.error.c_str());
        std::exit(1);
    }
    return *result.recurrence;
}

double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

template <class Body>
double median_seconds(int runs, Body&& body) {
    std::vector<double> seconds;
    for (int run = 0; run < runs; ++run) {
        const double begin = thread_cpu_seconds();
        body();
        seconds.push_back(thread_cpu_seconds() - begin);
    }
    return median(seconds);
}

/// Occurrences per second of for_each_between over [from, to), repeated `calls` times a run.
void report_expansion(const Rule& rule, Instant from, Instant to, int years, int runs) {
    const Recurrence recurrence = build(rule.spec);
    std::int64_t per_call = 0;
    recurrence.for_each_between(from, to, [&](Instant) { ++per_call; });
    const int calls =
        static_cast<int>(std::max<std::int64_t>(1, 2000000 / std::max<std::int64_t>(per_call, 1)));
    std::int64_t checksum = 0;
    const double seconds = median_seconds(runs, [&] {
        checksum = 0;
        for (int call = 0; call < calls; ++call) {
            recurrence.for_each_between(
                from, to, [&](Instant t) { checksum += t.time_since_epoch().count() % 1000003; });
        }
    });
    std::printf("%-48s %2d year%s %6lld occurrences  %12.0f occurrences/s  %10.0f calls/s  "
                "(checksum %lld)\n",
                rule.name, years, years == 1 ? " " : "s", static_cast<long long>(per_call),
                static_cast<double>(per_call) * calls / seconds, calls / seconds,
                static_cast<long long>(checksum));
}

/// first_at_or_after from instants spread over 2026 (millisecond resolution).
void report_next(const Rule& rule, int runs) {
    const Recurrence recurrence = build(rule.spec);
    std::mt19937_64 engine(20261202);
    const std::int64_t from = instant_of(2026, 1, 1).time_since_epoch().count();
    std::vector<Instant> questions;
    for (int i = 0; i < 200000; ++i) {
        questions.push_back(Instant{std::chrono::milliseconds{
            from + static_cast<std::int64_t>(engine() % (365LL * 24 * 3600 * 1000))}});
    }
    std::int64_t checksum = 0;
    const double seconds = median_seconds(runs, [&] {
        checksum = 0;
        for (const Instant t : questions) {
            checksum += recurrence.first_at_or_after(t)->time_since_epoch().count() % 1000003;
        }
    });
    std::printf("%-48s first_at_or_after %12.0f calls/s  (checksum %lld)\n", rule.name,
                static_cast<double>(questions.size()) / seconds, static_cast<long long>(checksum));
}

/// One year of PM work orders for `assets` assets with three rules each.
void report_forecast(int assets, int runs) {
    std::mt19937_64 engine(20261202);
    std::vector<std::chrono::local_seconds> starts;
    for (int i = 0; i < assets; ++i) {
        starts.push_back(local_of(2025, 1, 1, 7) +
                         std::chrono::days{static_cast<int>(engine() % 365)});
    }
    const Instant from = instant_of(2026, 1, 1);
    const Instant to = instant_of(2027, 1, 1);
    std::int64_t occurrences = 0;
    const double seconds = median_seconds(runs, [&] {
        occurrences = 0;
        for (const auto start : starts) {
            const std::vector<Rule> rules = typical_rules(start);
            for (int r = 0; r < 3; ++r) {
                build(rules[static_cast<std::size_t>(r)].spec)
                    .for_each_between(from, to, [&](Instant) { ++occurrences; });
            }
        }
    });
    std::printf("forecast 2026: %d assets x 3 rules (daily, first Monday, quarterly last Friday): "
                "%lld occurrences in %.2f s CPU (%.0f rule instances/s, %.0f occurrences/s)\n",
                assets, static_cast<long long>(occurrences), seconds, 3.0 * assets / seconds,
                static_cast<double>(occurrences) / seconds);
}

} // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    std::printf("command: %s --runs %d --assets %d\n", argv[0], args.runs, args.assets);
    std::printf("median of %d runs, thread CPU time; Europe/Berlin; DTSTART 2026-01-01T07:00 "
                "local\n",
                args.runs);
    const std::vector<Rule> rules = typical_rules(local_of(2026, 1, 1, 7));
    for (const Rule& rule : rules) {
        report_expansion(rule, instant_of(2026, 1, 1), instant_of(2027, 1, 1), 1, args.runs);
        report_expansion(rule, instant_of(2026, 1, 1), instant_of(2036, 1, 1), 10, args.runs);
    }
    for (const Rule& rule : rules) {
        report_next(rule, args.runs);
    }
    report_forecast(args.assets, args.runs);
    return 0;
}
