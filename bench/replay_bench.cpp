// Replay benchmark: end-to-end throughput of the real replay path (read, parse, rules, write)
// over a generated stream, per-event latency percentiles, and peak memory.
//
//   replay_bench --rules workflows --events stream.jsonl [--directory FILE] [--runs 5]
//
// Throughput is the median of --runs replays, each on a fresh engine, writing to /dev/null.
// Latency is measured separately, per event, through Engine::handle_line on the same stream
// held in memory (timing each event costs ~20 ns, so it is kept out of the throughput runs).
// With --directory, each engine gets its own copy of the directory, loaded before its clock
// starts (`directory` lines of the stream change it, so runs must not share one).
#include "millwright/directory.hpp"
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace {

struct Args {
    std::string rules = "workflows";
    std::string events;
    std::string directory;
    int runs = 5;
};

bool parse_args(int argc, char** argv, Args& args) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--rules") {
            args.rules = argv[i + 1];
        } else if (flag == "--events") {
            args.events = argv[i + 1];
        } else if (flag == "--directory") {
            args.directory = argv[i + 1];
        } else if (flag == "--runs") {
            args.runs = std::max(1, std::atoi(argv[i + 1]));
        } else {
            return false;
        }
    }
    return !args.events.empty();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// A fresh engine on `rules`, with its own directory loaded from `directory_text` when given.
std::unique_ptr<millwright::Engine> new_engine(std::shared_ptr<const millwright::Ruleset> rules,
                                               const std::string& directory_text) {
    auto engine = std::make_unique<millwright::Engine>(std::move(rules));
    if (!directory_text.empty()) {
        auto directory = std::make_shared<millwright::InMemoryDirectory>();
        directory->load_text(directory_text); // checked once in main()
        engine->set_directory(std::move(directory));
    }
    return engine;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse_args(argc, argv, args)) {
        std::fprintf(stderr, "usage: replay_bench --rules PATH --events FILE [--directory FILE] "
                             "[--runs N]\n");
        return 2;
    }
    std::string directory_text;
    if (!args.directory.empty()) {
        std::ifstream file(args.directory, std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        directory_text = text.str();
        millwright::InMemoryDirectory check;
        if (const auto problem = check.load_text(directory_text); !file || !problem.empty()) {
            std::fprintf(stderr, "replay_bench: cannot load directory %s: %s\n",
                         args.directory.c_str(), file ? problem.c_str() : "cannot open it");
            return 1;
        }
    }
    const auto loaded = millwright::load_path(args.rules);
    if (!loaded.ok()) {
        for (const auto& diagnostic : loaded.diagnostics) {
            std::fputs(diagnostic.rendered.c_str(), stderr);
        }
        return 1;
    }
    const long rss_before = peak_rss_kib();
    std::vector<double> rates;
    millwright::ReplaySummary summary;
    std::size_t work_orders = 0;
    for (int run = 0; run < args.runs; ++run) {
        std::FILE* in = std::fopen(args.events.c_str(), "rb");
        std::FILE* out = std::fopen("/dev/null", "wb");
        if (in == nullptr || out == nullptr) {
            std::fprintf(stderr, "replay_bench: cannot open %s\n", args.events.c_str());
            return 1;
        }
        const auto engine = new_engine(loaded.ruleset, directory_text);
        const auto started = std::chrono::steady_clock::now();
        summary = millwright::replay(*engine, in, out);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        rates.push_back(static_cast<double>(summary.events) / seconds);
        work_orders = engine->work_order_count();
        std::fclose(in);
        std::fclose(out);
    }
    const long rss_after_replay = peak_rss_kib();

    // Per-event latency on the in-memory stream.
    std::ifstream in(args.events, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(std::move(line));
    }
    const auto engine = new_engine(loaded.ruleset, directory_text);
    std::vector<double> latencies;
    latencies.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto started = std::chrono::steady_clock::now();
        const auto& decision = engine->handle_line(lines[i], i + 1);
        const auto ended = std::chrono::steady_clock::now();
        (void)decision;
        latencies.push_back(std::chrono::duration<double, std::micro>(ended - started).count());
    }
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies[std::min(
            latencies.size() - 1,
            static_cast<std::size_t>(p * static_cast<double>(latencies.size())))];
    };

    std::printf("events            %llu (accepted %llu, rejected %llu, malformed %llu)\n",
                static_cast<unsigned long long>(summary.events),
                static_cast<unsigned long long>(summary.accepted),
                static_cast<unsigned long long>(summary.rejected),
                static_cast<unsigned long long>(summary.malformed));
    std::printf("work orders       %zu\n", work_orders);
    std::printf("throughput        %.0f events/s (median of %d runs; min %.0f, max %.0f)\n",
                median(rates), args.runs, *std::min_element(rates.begin(), rates.end()),
                *std::max_element(rates.begin(), rates.end()));
    std::printf(
        "latency           p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f us\n",
        percentile(0.50), percentile(0.90), percentile(0.99), percentile(0.999), latencies.back());
    std::printf("peak memory       %.1f MiB (%.1f MiB before replay; includes one engine's "
                "work orders with full history)\n",
                static_cast<double>(rss_after_replay) / 1024.0,
                static_cast<double>(rss_before) / 1024.0);
    std::printf("bytes/work order  %.0f (peak growth over the replay / work orders)\n",
                work_orders == 0 ? 0.0
                                 : static_cast<double>(rss_after_replay - rss_before) * 1024.0 /
                                       static_cast<double>(work_orders));
    return 0;
}
