// The history records of every work order, appended to one engine-wide log in fixed-size
// chunks; a work order keeps only the index of its latest record, and each record the index of
// the one before it. A vector of records per work order cost an allocation at creation (room
// for nine records), a write into that cold block on every accepted event and a free at the
// end; appended here, an event writes next to the previous event's record. The price is that a
// work order's history is read by walking back from its latest record, which only snapshots
// and reports do. Internal to the engine.
#pragma once

#include "chunked_vector.hpp"
#include "history_text.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// An accepted event, as kept in a work order's history.
struct HistoryRecord {
    std::uint64_t seq = 0;
    std::int64_t at_ms = 0;
    const char* texts = nullptr;
    std::size_t changes_size = 0;
    std::uint32_t event = 0; ///< interned event name
    std::uint32_t from = 0;  ///< state index; `no_state` for a creation
    std::uint32_t to = 0;
    /// The record's texts in the engine's HistoryText: the changes, then the actor. The actor
    /// is kept as text, not interned: looking it up in the interner's table cost two cache
    /// misses per event, appending it where the changes end costs none. (An actor comes from
    /// one input line, so its size fits 32 bits.)
    std::uint32_t actor_size = 0;
    /// The work order's record before this one in the HistoryLog; `no_record` for the first.
    std::uint32_t previous = 0;

    /// The changes of this event as a JSON object: the text its decision line showed.
    std::string_view changes_json() const { return {texts, changes_size}; }
    /// Who sent the event.
    std::string_view actor() const { return {texts + changes_size, actor_size}; }
    /// Appends `actor` to the open text of `history_text` (the changes) and keeps the whole.
    void keep_texts(HistoryText& history_text, std::string_view actor_text) {
        history_text.append(actor_text);
        const std::string_view whole = history_text.finish();
        texts = whole.data();
        changes_size = whole.size() - actor_text.size();
        actor_size = static_cast<std::uint32_t>(actor_text.size());
    }
    // Effects are not kept: they are outputs (in the decision line), not state, and copying
    // their texts into every history entry cost a tenth of replay time.
};

/// A record index that names no record: what a work order's first record points back to.
inline constexpr std::uint32_t no_record = 0xffffffffu;

class HistoryLog {
public:
    /// Appends `record` and returns its index. Records never move: the log grows by chunks.
    /// 2^32 - 1 records would take some 200 GiB, far past what an engine holds in memory.
    std::uint32_t append(const HistoryRecord& record) {
        records_.push_back(record);
        return static_cast<std::uint32_t>(records_.size() - 1);
    }

    const HistoryRecord& operator[](std::uint32_t index) const { return records_[index]; }

    /// A work order's first record (its creation), from the index of its latest.
    const HistoryRecord& first(std::uint32_t latest) const {
        const HistoryRecord* record = &(*this)[latest];
        while (record->previous != no_record) {
            record = &(*this)[record->previous];
        }
        return *record;
    }

    /// The indexes of a work order's records, oldest first, from the index of its latest.
    std::vector<std::uint32_t> chain(std::uint32_t latest) const {
        std::vector<std::uint32_t> indexes;
        for (std::uint32_t index = latest; index != no_record; index = (*this)[index].previous) {
            indexes.push_back(index);
        }
        return {indexes.rbegin(), indexes.rend()};
    }

private:
    /// 4096 records (224 KiB) a chunk: few allocations, and an engine that sees only a few
    /// events holds one chunk.
    ChunkedVector<HistoryRecord, 4096> records_;
};

} // namespace millwright::detail
