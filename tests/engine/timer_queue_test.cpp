// The timer queue: due order, ties in scheduling order, nothing early, and agreement with a
// sorted reference on a large random schedule.
#include "timer_queue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

using millwright::detail::TimerEntry;
using millwright::detail::TimerQueue;

namespace {

std::vector<std::uint32_t> drain(TimerQueue& queue, std::int64_t now_ms) {
    std::vector<std::uint32_t> fired;
    while (const auto entry = queue.pop_due(now_ms)) {
        fired.push_back(entry->timer);
    }
    return fired;
}

} // namespace

TEST_CASE("timers fire by due time, ties in the order they were scheduled", "[engine][timers]") {
    TimerQueue queue;
    queue.schedule(300, 0, 1, 0);
    queue.schedule(100, 0, 2, 0);
    queue.schedule(200, 0, 3, 0);
    queue.schedule(100, 0, 4, 0);
    queue.schedule(100, 0, 5, 0);
    CHECK(queue.next_due() == 100);
    CHECK(drain(queue, 99).empty());
    CHECK(drain(queue, 100) == std::vector<std::uint32_t>{2, 4, 5});
    CHECK(queue.next_due() == 200);
    CHECK(drain(queue, 1000) == std::vector<std::uint32_t>{3, 1});
    CHECK(queue.empty());
    CHECK_FALSE(queue.next_due());
}

TEST_CASE("a popped timer carries its work order and stay", "[engine][timers]") {
    TimerQueue queue;
    const auto first = queue.schedule(50, 7, 2, 11);
    const auto second = queue.schedule(50, 8, 3, 12);
    CHECK(second == first + 1);
    const auto entry = queue.pop_due(50);
    REQUIRE(entry);
    CHECK(entry->due_ms == 50);
    CHECK(entry->order == first);
    CHECK(entry->work_order == 7);
    CHECK(entry->timer == 2);
    CHECK(entry->stay == 11);
    CHECK(queue.size() == 1);
}

TEST_CASE("the queue agrees with a sorted reference on 200,000 random timers", "[engine][timers]") {
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::int64_t> due(-1000, 1'000'000);
    TimerQueue queue;
    std::vector<std::tuple<std::int64_t, std::uint64_t, std::uint32_t>> reference;
    std::vector<std::uint32_t> fired;
    std::vector<std::uint32_t> expected;
    std::int64_t now = -2000;
    for (std::uint32_t i = 0; i < 200'000; ++i) {
        const std::int64_t when = now + due(random) % 50'000 + 1;
        const auto order = queue.schedule(when, 0, i, 0);
        reference.emplace_back(when, order, i);
        if (i % 7 == 0) { // advance the clock now and then, popping what is due
            now += 300;
            while (const auto entry = queue.pop_due(now)) {
                fired.push_back(entry->timer);
            }
            std::sort(reference.begin(), reference.end());
            auto first_later =
                std::find_if(reference.begin(), reference.end(),
                             [&](const auto& item) { return std::get<0>(item) > now; });
            for (auto it = reference.begin(); it != first_later; ++it) {
                expected.push_back(std::get<2>(*it));
            }
            reference.erase(reference.begin(), first_later);
        }
    }
    while (const auto entry = queue.pop_due(INT64_MAX)) {
        fired.push_back(entry->timer);
    }
    std::sort(reference.begin(), reference.end());
    for (const auto& item : reference) {
        expected.push_back(std::get<2>(item));
    }
    CHECK(fired.size() == 200'000);
    CHECK(fired == expected);
}
