// The engine's timer queue: what is due when, in one stable order. Timers fire by due time, and
// timers due at the same instant in the order they were scheduled, so a replay fires them in
// the same order on every machine.
//
// Cancelling is lazy. A timer belongs to one stay of a work order in a state (its `stay`
// number); when the work order leaves the state its stay number moves on, and the engine drops
// the timer when it surfaces instead of searching the heap for it. Scheduling and popping are
// O(log n); cancelling is O(1). Internal to the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace millwright::detail {

struct TimerEntry {
    std::int64_t due_ms = 0; ///< when it fires (milliseconds since the epoch)
    std::uint64_t order = 0; ///< scheduling order: ties on `due_ms` fire in this order
    std::uint32_t work_order = 0;
    std::uint32_t timer = 0; ///< what fires: an index the engine gives meaning to
    std::uint64_t stay = 0;  ///< the stay it belongs to; a timer of an older stay is stale
};

class TimerQueue {
public:
    /// Adds a timer; returns its scheduling order.
    std::uint64_t schedule(std::int64_t due_ms, std::uint32_t work_order, std::uint32_t timer,
                           std::uint64_t stay) {
        const std::uint64_t order = next_order_++;
        heap_.push_back({due_ms, order, work_order, timer, stay});
        sift_up(heap_.size() - 1);
        return order;
    }

    /// The earliest timer due at or before `now_ms`, removed from the queue; nothing when
    /// none is due.
    std::optional<TimerEntry> pop_due(std::int64_t now_ms) {
        if (heap_.empty() || heap_.front().due_ms > now_ms) {
            return std::nullopt;
        }
        return pop();
    }

    /// Removes and returns the earliest timer; the queue must not be empty.
    TimerEntry pop() {
        TimerEntry first = heap_.front();
        heap_.front() = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) {
            sift_down(0);
        }
        return first;
    }

    /// The earliest timer, if any is queued (stale or not); valid until the queue changes.
    const TimerEntry* front() const { return heap_.empty() ? nullptr : &heap_.front(); }

    /// When the earliest timer is due, if any is queued.
    std::optional<std::int64_t> next_due() const {
        if (heap_.empty()) {
            return std::nullopt;
        }
        return heap_.front().due_ms;
    }

    /// Timers queued, stale ones included until they surface.
    std::size_t size() const { return heap_.size(); }
    bool empty() const { return heap_.empty(); }

private:
    // A 4-ary heap: half the depth of a binary one, and the four children of a node share a
    // cache line or two, so a queue of a million timers pops with fewer misses.
    static constexpr std::size_t arity = 4;

    static bool before(const TimerEntry& a, const TimerEntry& b) {
        return a.due_ms != b.due_ms ? a.due_ms < b.due_ms : a.order < b.order;
    }

    void sift_up(std::size_t index) {
        TimerEntry moving = heap_[index];
        while (index > 0) {
            const std::size_t parent = (index - 1) / arity;
            if (!before(moving, heap_[parent])) {
                break;
            }
            heap_[index] = heap_[parent];
            index = parent;
        }
        heap_[index] = moving;
    }

    void sift_down(std::size_t index) {
        TimerEntry moving = heap_[index];
        const std::size_t size = heap_.size();
        while (true) {
            const std::size_t first_child = index * arity + 1;
            if (first_child >= size) {
                break;
            }
            const std::size_t last_child = first_child + arity < size ? first_child + arity : size;
            std::size_t earliest = first_child;
            for (std::size_t child = first_child + 1; child < last_child; ++child) {
                if (before(heap_[child], heap_[earliest])) {
                    earliest = child;
                }
            }
            if (!before(heap_[earliest], moving)) {
                break;
            }
            heap_[index] = heap_[earliest];
            index = earliest;
        }
        heap_[index] = moving;
    }

    std::vector<TimerEntry> heap_;
    std::uint64_t next_order_ = 0;
};

} // namespace millwright::detail
