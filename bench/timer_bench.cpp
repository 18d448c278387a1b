// timer_bench: the engine's timer queue with 1,000,000 pending timers. Reports timers scheduled
// per second (filling the queue) and fired per second (advancing a virtual clock through it
// while each fired timer schedules a successor, so the queue stays at its size), median of
// several runs.
//
//   timer_bench [--pending N] [--runs N]
#include "timer_queue.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    std::size_t pending = 1'000'000;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--pending") == 0) {
            pending = std::strtoull(argv[i + 1], nullptr, 10);
        } else if (std::strcmp(argv[i], "--runs") == 0) {
            runs = std::atoi(argv[i + 1]);
        }
    }
    std::vector<double> schedule_rates;
    std::vector<double> fire_rates;
    for (int run = 0; run < runs; ++run) {
        std::mt19937_64 random(run + 1);
        // Due times spread over 30 days, in milliseconds, as SLA and escalation timers are.
        std::uniform_int_distribution<std::int64_t> offset(1, 30LL * 24 * 3600 * 1000);
        millwright::detail::TimerQueue queue;
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < pending; ++i) {
            queue.schedule(offset(random), static_cast<std::uint32_t>(i), 0, 0);
        }
        schedule_rates.push_back(static_cast<double>(pending) / seconds_since(start));

        std::int64_t now = 0;
        std::size_t fired = 0;
        start = std::chrono::steady_clock::now();
        while (fired < pending) {
            now += 60'000; // the clock moves a minute at a time
            while (const auto entry = queue.pop_due(now)) {
                ++fired;
                queue.schedule(now + offset(random), entry->work_order, 0, 0);
            }
        }
        fire_rates.push_back(static_cast<double>(fired) / seconds_since(start));
        if (queue.size() != pending) {
            std::fprintf(stderr, "queue size drifted: %zu\n", queue.size());
            return 1;
        }
    }
    std::printf("pending timers    %zu\n", pending);
    std::printf("schedule          %.0f timers/s (median of %d runs)\n", median(schedule_rates),
                runs);
    std::printf("fire + reschedule %.0f timers/s (median of %d runs)\n", median(fire_rates), runs);
    return 0;
}
