// Preventive-maintenance benchmark: the engine end to end, through the public API, for a rule
// set of three pm rules that all cover the same generated pumps (a fixed calendar: monthly on
// the first Monday at 09:00; a floating one: every 3 months after the last completion, 7 days'
// lead; a period or a meter: every year or 5000 run-hours), spread over five time zones. It
// measures
//
//   a. the forecast of one year (Engine::forecast, 2027) for N assets x 3 rules on a fresh
//      engine, as `millwright forecast` runs it, and the time to give the engine its assets
//      (Engine::set_assets: every asset's record read by every rule's selector);
//   b. a `tick` line (Engine::handle_line) that moves the clock on one minute while nothing is
//      due, for N/100, N/10 and N enrolled assets: its cost must not grow with N (issue 5);
//   c. generation: the first Monday of February, when every asset's monthly inspection falls
//      due at once (with the few floating and yearly ones of that day): created work orders per
//      second and the heap they take (bytes in use after minus before, from mallinfo2);
//   d. a `reading` line (the period-or-meter rule's run_hours, no multiple passed) for the
//      same three sizes, of an asset picked at random among the N and (`hot reading`) among
//      the first 1,000 only: the engine's work for it must not grow with N either.
//
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DMILLWRIGHT_BUILD_TESTS=OFF
//   cmake --build build-bench --target pm_bench millwright
//   build-bench/bench/pm_bench [--assets N] [--runs R] [--only forecast|lines]
//   pm_bench --assets N --write DIR     # writes DIR/rules/pm_bench.mw and DIR/assets.jsonl
//
// `--only forecast` runs (a) alone, `--only lines` (b), (c) and (d). The second form writes the
// rules and the assets for timing the command itself:
//   millwright forecast --rules DIR/rules --assets DIR/assets.jsonl --from 2027-01-01
//     --to 2028-01-01 --format jsonl > /dev/null
//
// Every figure is the median of R runs, each on a fresh engine, timed in CPU time of the
// thread (the machine is shared, and wall time there mostly measures the neighbours); wall time
// is printed beside it. Decision lines the engine originates are counted and checked, not
// written, so (c) is the engine's work without the replay's output. The bench stops with an
// error when something is due in the tick window, or a line is refused, so a changed schedule
// cannot pass unnoticed as a faster one.
#include "millwright/assets.hpp"
#include "millwright/engine.hpp"
#include "millwright/event.hpp"
#include "millwright/forecast.hpp"
#include "millwright/ruleset.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

namespace {

using millwright::Decision;
using millwright::Engine;
using millwright::InMemoryAssets;
using millwright::Timestamp;

constexpr const char* rules_text =
    R"(# pm_bench: three pm rules over the same pumps (bench/pm_bench.cpp).
priorities standard

matrix pump_priority(criticality: high | medium | low)
  criticality high:   P2
  criticality medium: P3
  criticality low:    P4
end

workflow pump_job "Pump maintenance"
  field asset       : text, required
  field site        : text
  field criticality : high | medium | low = medium
  field due         : time
  field checklist   : list of text
  field notes       : text
  priority = pump_priority(criticality)
  states scheduled (initial), in_progress, done (final), cancelled (final)
  on start:  scheduled -> in_progress
  on finish: scheduled, in_progress -> done requires notes
  on cancel: scheduled, in_progress -> cancelled
  after 7 days in scheduled:
    notify role maintenance_planner "PM job {id} for {asset} is still not started"
end

pm inspection "Monthly pump inspection"
  for assets where asset.class = "pump"
  every month on the first monday at 09:00
  create pump_job with asset = asset.id, site = asset.site, criticality = asset.criticality,
    due = pm.due, checklist = ["vibration", "seals", "noise"]
end

pm service "Pump service"
  for assets where asset.class = "pump"
  every 3 months after last completion at 08:00, lead 7 days
  create pump_job with asset = asset.id, site = asset.site, criticality = asset.criticality,
    due = pm.due, checklist = ["bearings", "impeller", "coupling"], reserve "seal-kit" x 1
end

pm overhaul "Pump overhaul"
  for assets where asset.class = "pump"
  every 1 year or 5000 run_hours at 08:00
  create pump_job with asset = asset.id, site = asset.site, criticality = asset.criticality,
    due = pm.due, checklist = ["motor", "casing", "alignment"]
end
)";

constexpr std::array<const char*, 5> zones{"Europe/Berlin", "America/New_York", "Asia/Kolkata",
                                           "Australia/Sydney", "America/Los_Angeles"};
constexpr std::array<const char*, 3> criticalities{"high", "medium", "low"};

struct Args {
    int assets = 100000;
    int runs = 5;
    std::string only; ///< "forecast" (a) or "lines" (b, c, d); both when empty
    std::string write;
};

bool parse_args(int argc, char** argv, Args& args) {
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            return false;
        }
        if (flag == "--assets") {
            args.assets = std::max(100, std::atoi(argv[i + 1]));
        } else if (flag == "--runs") {
            args.runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--only" && (std::string(argv[i + 1]) == "forecast" ||
                                        std::string(argv[i + 1]) == "lines")) {
            args.only = argv[i + 1];
        } else if (flag == "--write") {
            args.write = argv[i + 1];
        } else {
            return false;
        }
    }
    return true;
}

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "pm_bench: %s\n", why.c_str());
    std::exit(1);
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// CPU and wall seconds of one call of `body`.
struct Timing {
    double cpu = 0;
    double wall = 0;
};

template <class Body>
Timing timed(Body&& body) {
    const double cpu = thread_cpu_seconds();
    const double wall = wall_seconds();
    body();
    return {thread_cpu_seconds() - cpu, wall_seconds() - wall};
}

/// Bytes the allocator has handed out and not yet taken back.
std::size_t heap_in_use() {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// `2027-01-05T00:01:00Z` for milliseconds since the epoch.
std::string rfc3339(std::int64_t ms) {
    return millwright::format_timestamp(millwright::Timestamp{std::chrono::milliseconds{ms}});
}

std::int64_t ms_of(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
    const auto days = std::chrono::sys_days{std::chrono::year{year} / month / day};
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               days.time_since_epoch() + std::chrono::hours{hour} + std::chrono::minutes{minute})
        .count();
}

std::string local_date(std::int64_t days_since_epoch) {
    const std::chrono::year_month_day date{
        std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string asset_id(int i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "P-%06d", i);
    return buffer;
}

/// N pump records as JSON Lines. The last service was done between 2026-11-01 and 2026-12-31
/// (so the next falls due from 2027-02-01, created a week ahead, from 2027-01-25); the last
/// overhaul between 2026-02-01 and 2026-11-27 (due from 2027-02-01).
std::string asset_lines(int count) {
    const std::int64_t service_from =
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}.time_since_epoch().count();
    const std::int64_t overhaul_from =
        std::chrono::sys_days{std::chrono::year{2026} / 2 / 1}.time_since_epoch().count();
    std::string text;
    text.reserve(static_cast<std::size_t>(count) * 220);
    for (int i = 0; i < count; ++i) {
        const auto u = static_cast<std::uint64_t>(i);
        text += R"({"id":")" + asset_id(i) + R"(","class":"pump","site":"site-)" +
                std::to_string(i % 40) + R"(","criticality":")" + criticalities[u % 3] +
                R"(","time_zone":")" + zones[u % zones.size()] + R"(","make":"Grundfos",)" +
                R"("last_done":{"service":")" +
                local_date(service_from + static_cast<std::int64_t>((u * 7919) % 61)) +
                R"(","overhaul":")" +
                local_date(overhaul_from + static_cast<std::int64_t>((u * 104729) % 300)) +
                "\"}}\n";
    }
    return text;
}

std::shared_ptr<const millwright::Ruleset> load_rules() {
    millwright::LoadResult loaded = millwright::load_string(rules_text, "pm_bench.mw");
    if (!loaded.ruleset) {
        std::string why = "the bench's rules do not compile:\n";
        for (const auto& diagnostic : loaded.diagnostics) {
            why += diagnostic.rendered;
        }
        fail(why);
    }
    return loaded.ruleset;
}

std::shared_ptr<InMemoryAssets> load_assets(const std::string& lines) {
    auto assets = std::make_shared<InMemoryAssets>();
    if (const std::string problem = assets->load_text(lines); !problem.empty()) {
        fail("the generated assets do not load: " + problem);
    }
    return assets;
}

/// An engine with its assets, counting the lines it originates.
struct Plant {
    std::unique_ptr<Engine> engine;
    std::uint64_t engine_lines = 0;
    std::uint64_t refused = 0;
    std::uint64_t line = 0;
    Timing enrollment;

    Plant(std::shared_ptr<const millwright::Ruleset> rules, std::shared_ptr<InMemoryAssets> assets)
        : engine(std::make_unique<Engine>(std::move(rules))) {
        engine->on_engine_decision([this](const Decision& decision) {
            ++engine_lines;
            refused += decision.ok ? 0 : 1;
        });
        std::vector<std::string> problems;
        enrollment = timed([&] { problems = engine->set_assets(std::move(assets)); });
        if (!problems.empty()) {
            fail("a rule cannot read an asset: " + problems.front());
        }
    }

    void handle(const std::string& text) {
        const Decision& decision = engine->handle_line(text, ++line);
        if (!decision.ok) {
            fail("line refused: " + text + ": " + decision.reason);
        }
    }
};

std::string tick_line(std::int64_t ms) {
    return R"({"at":")" + rfc3339(ms) + R"(","type":"tick"})";
}

/// What one run measures for one number of assets.
struct Sample {
    Timing enrollment;
    Timing start; ///< the first line: every enrollment's first due computed and armed
    double tick_cpu = 0, tick_wall = 0;       ///< per tick line, seconds
    double reading_cpu = 0, reading_wall = 0; ///< per reading line, seconds
    double hot_reading_cpu = 0;               ///< per reading of one of the first 1,000 assets
    Timing generation;
    std::uint64_t generated = 0;
    double heap_per_work_order = 0; ///< bytes
};

constexpr int ticks_per_run = 20000; // one minute each: 2027-01-05 00:00 to 2027-01-18 21:20
constexpr int readings_per_run = 200000;

Sample run_size(const std::shared_ptr<const millwright::Ruleset>& rules, const std::string& lines,
                int count) {
    Sample sample;
    Plant plant(rules, load_assets(lines));
    sample.enrollment = plant.enrollment;

    // The clock starts on 2027-01-05 (a Tuesday): January's first Monday has passed, the next
    // inspection is on 1 February, no service is created before 25 January, no overhaul is due
    // before 1 February. Nothing falls due in the window the ticks cover.
    const std::int64_t start = ms_of(2027, 1, 5);
    sample.start = timed([&] { plant.handle(tick_line(start)); });
    std::vector<std::string> ticks;
    ticks.reserve(ticks_per_run);
    for (int i = 1; i <= ticks_per_run; ++i) {
        ticks.push_back(tick_line(start + std::int64_t{i} * 60 * 1000));
    }
    const std::uint64_t lines_before = plant.engine_lines;
    const Timing tick_time = timed([&] {
        for (const std::string& tick : ticks) {
            plant.handle(tick);
        }
    });
    if (plant.engine_lines != lines_before) {
        fail("something fell due in the tick window (" +
             std::to_string(plant.engine_lines - lines_before) + " engine lines)");
    }
    sample.tick_cpu = tick_time.cpu / ticks_per_run;
    sample.tick_wall = tick_time.wall / ticks_per_run;

    // Readings at the end of the window: a first one per asset (untimed), then readings of
    // assets picked at random, each higher than the last, none reaching the next multiple.
    const std::string reading_at = rfc3339(start + std::int64_t{ticks_per_run} * 60 * 1000);
    const auto reading_line = [&](int asset, double value) {
        char number[32];
        std::snprintf(number, sizeof number, "%.3f", value);
        return R"({"at":")" + reading_at + R"(","type":"reading","data":{"asset":")" +
               asset_id(asset) + R"(","run_hours":)" + number + "}}";
    };
    for (int i = 0; i < count; ++i) {
        plant.handle(reading_line(i, 1000));
    }
    // Then as many readings of the first 1,000 assets only: the same work on data that stays
    // in the cache, so a cost that grows with N in the first column but not in this one is the
    // memory hierarchy's (random look-ups among N assets), not work the engine does per asset.
    std::vector<std::string> readings;
    std::vector<std::string> hot;
    readings.reserve(readings_per_run);
    hot.reserve(readings_per_run);
    std::uint64_t state = 20261202;
    for (int i = 0; i < readings_per_run; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        hot.push_back(reading_line(
            static_cast<int>((state >> 33) % static_cast<unsigned>(std::min(count, 1000))),
            1000.001 + 0.01 * (readings_per_run + i)));
        readings.push_back(reading_line(
            static_cast<int>((state >> 33) % static_cast<unsigned>(count)), 1000.001 + 0.01 * i));
    }
    const Timing reading_time = timed([&] {
        for (const std::string& reading : readings) {
            plant.handle(reading);
        }
    });
    const Timing hot_time = timed([&] {
        for (const std::string& reading : hot) {
            plant.handle(reading);
        }
    });
    if (plant.engine_lines != lines_before) {
        fail("a reading brought a work order due");
    }
    sample.reading_cpu = reading_time.cpu / readings_per_run;
    sample.reading_wall = reading_time.wall / readings_per_run;
    sample.hot_reading_cpu = hot_time.cpu / readings_per_run;
    hot.clear();
    hot.shrink_to_fit();
    ticks.clear();
    ticks.shrink_to_fit();
    readings.clear();
    readings.shrink_to_fit();

    // Up to the day before the first Monday of February (the services created a week ahead
    // from 25 January), then over that Monday in every zone: each asset's inspection, plus the
    // services and overhauls of the day.
    plant.handle(tick_line(ms_of(2027, 1, 31, 6)));
    const std::uint64_t created_before = plant.engine->pm_report().created;
    const std::size_t heap_before = heap_in_use();
    const std::string monday = tick_line(ms_of(2027, 2, 1, 23, 59));
    sample.generation = timed([&] { plant.handle(monday); });
    const std::size_t heap_after = heap_in_use();
    const millwright::PmReport report = plant.engine->pm_report();
    if (plant.refused != 0 || report.failed != 0 || report.skipped != 0) {
        fail("pm lines were refused: " + std::to_string(plant.refused));
    }
    sample.generated = report.created - created_before;
    if (sample.generated < static_cast<std::uint64_t>(count)) {
        fail("the first Monday created " + std::to_string(sample.generated) + " work orders for " +
             std::to_string(count) + " assets");
    }
    sample.heap_per_work_order =
        static_cast<double>(heap_after - std::min(heap_after, heap_before)) /
        static_cast<double>(sample.generated);
    return sample;
}

template <class Field>
double median_of(const std::vector<Sample>& samples, Field field) {
    std::vector<double> values;
    for (const Sample& sample : samples) {
        values.push_back(field(sample));
    }
    return median(values);
}

void report_sizes(const std::shared_ptr<const millwright::Ruleset>& rules, int assets, int runs) {
    const std::array<int, 3> sizes{assets / 100, assets / 10, assets};
    std::array<std::vector<Sample>, 3> samples;
    std::array<std::string, 3> lines;
    for (std::size_t s = 0; s < sizes.size(); ++s) {
        lines[s] = asset_lines(sizes[s]);
    }
    for (int run = 0; run < runs; ++run) {
        for (std::size_t s = 0; s < sizes.size(); ++s) {
            samples[s].push_back(run_size(rules, lines[s], sizes[s]));
        }
    }
    std::printf("\nb, c, d: per line, median of %d runs (CPU time of the thread; wall in "
                "brackets)\n",
                runs);
    std::printf("%9s %13s %13s %18s %21s %12s %24s %10s\n", "assets", "set_assets s",
                "first line s", "tick ns (wall)", "reading ns (wall)", "hot reading",
                "generation WO/s (wall)", "heap B/WO");
    for (std::size_t s = 0; s < sizes.size(); ++s) {
        const auto& runs_of = samples[s];
        const double generated =
            median_of(runs_of, [](const Sample& x) { return static_cast<double>(x.generated); });
        std::printf("%9d %13.3f %13.3f %9.0f (%6.0f) %11.0f (%6.0f) %12.0f %13.0f (%8.0f) "
                    "%10.0f\n",
                    sizes[s], median_of(runs_of, [](const Sample& x) { return x.enrollment.cpu; }),
                    median_of(runs_of, [](const Sample& x) { return x.start.cpu; }),
                    1e9 * median_of(runs_of, [](const Sample& x) { return x.tick_cpu; }),
                    1e9 * median_of(runs_of, [](const Sample& x) { return x.tick_wall; }),
                    1e9 * median_of(runs_of, [](const Sample& x) { return x.reading_cpu; }),
                    1e9 * median_of(runs_of, [](const Sample& x) { return x.reading_wall; }),
                    1e9 * median_of(runs_of, [](const Sample& x) { return x.hot_reading_cpu; }),
                    median_of(runs_of,
                              [](const Sample& x) {
                                  return static_cast<double>(x.generated) / x.generation.cpu;
                              }),
                    median_of(runs_of,
                              [](const Sample& x) {
                                  return static_cast<double>(x.generated) / x.generation.wall;
                              }),
                    median_of(runs_of, [](const Sample& x) { return x.heap_per_work_order; }));
        std::printf("%9s %d work orders created over the first Monday of February\n", "",
                    static_cast<int>(generated));
    }
}

void report_forecast(const std::shared_ptr<const millwright::Ruleset>& rules, int assets,
                     int runs) {
    const std::string lines = asset_lines(assets);
    const Timestamp from{std::chrono::milliseconds{ms_of(2027, 1, 1)}};
    const Timestamp to{std::chrono::milliseconds{ms_of(2028, 1, 1)}};
    std::vector<double> load_cpu, enroll_cpu, enroll_wall, forecast_cpu, forecast_wall;
    std::size_t occurrences = 0;
    std::array<std::size_t, 3> by_rule{};
    for (int run = 0; run < runs; ++run) {
        std::shared_ptr<InMemoryAssets> directory;
        load_cpu.push_back(timed([&] { directory = load_assets(lines); }).cpu);
        Plant plant(rules, std::move(directory));
        enroll_cpu.push_back(plant.enrollment.cpu);
        enroll_wall.push_back(plant.enrollment.wall);
        std::vector<millwright::ForecastEntry> entries;
        const Timing t = timed([&] { entries = plant.engine->forecast(from, to); });
        forecast_cpu.push_back(t.cpu);
        forecast_wall.push_back(t.wall);
        occurrences = entries.size();
        by_rule = {};
        for (const auto& entry : entries) {
            by_rule[entry.rule == "inspection" ? 0 : entry.rule == "service" ? 1 : 2] += 1;
        }
    }
    std::printf("\na: forecast of 2027 for %d assets x 3 rules, fresh engine, median of %d runs\n",
                assets, runs);
    std::printf("  InMemoryAssets::load_text: %.3f s CPU\n", median(load_cpu));
    std::printf("  Engine::set_assets (enrollment): %.3f s CPU (%.3f s wall), %.0f assets/s\n",
                median(enroll_cpu), median(enroll_wall), assets / median(enroll_cpu));
    std::printf("  Engine::forecast: %zu occurrences (inspection %zu, service %zu, overhaul %zu) "
                "in %.3f s CPU (%.3f s wall), %.0f occurrences/s\n",
                occurrences, by_rule[0], by_rule[1], by_rule[2], median(forecast_cpu),
                median(forecast_wall), static_cast<double>(occurrences) / median(forecast_cpu));
}

void write_files(const std::string& dir, int assets) {
    std::filesystem::create_directories(std::filesystem::path(dir) / "rules");
    std::ofstream(std::filesystem::path(dir) / "rules" / "pm_bench.mw", std::ios::binary)
        << rules_text;
    std::ofstream(std::filesystem::path(dir) / "assets.jsonl", std::ios::binary)
        << asset_lines(assets);
    std::printf("wrote %s/rules/pm_bench.mw and %s/assets.jsonl (%d assets)\n", dir.c_str(),
                dir.c_str(), assets);
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse_args(argc, argv, args)) {
        std::fprintf(stderr, "usage: pm_bench [--assets N] [--runs R] [--only forecast|lines] "
                             "[--write DIR]\n");
        return 2;
    }
    if (!args.write.empty()) {
        write_files(args.write, args.assets);
        return 0;
    }
    std::printf("command: %s --assets %d --runs %d\n", argv[0], args.assets, args.runs);
    std::printf("rules: inspection (every month on the first monday at 09:00), service (every 3 "
                "months after last completion at 08:00, lead 7 days), overhaul (every 1 year or "
                "5000 run_hours at 08:00); zones:");
    for (const char* zone : zones) {
        std::printf(" %s", zone);
    }
    std::printf("\n");
    const auto rules = load_rules();
    if (args.only != "lines") {
        report_forecast(rules, args.assets, args.runs);
    }
    if (args.only != "forecast") {
        report_sizes(rules, args.assets, args.runs);
    }
    std::printf("\npeak RSS %ld MiB\n", peak_rss_kib() / 1024);
    return 0;
}
