// Open addressing for the engine's indexes by text (work-order ids, names, asset ids): a fast
// hash for short ids, and (hash, index) slots that a probe compares before it asks the caller
// to compare a key, so a lookup among 100,000 keys touches one cold slot and one cold key
// rather than a chain of nodes. Internal to the engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// A fast hash for the short names and ids events carry ("WO-1234", "emp-362", "due"). It
/// mixes whole 8-byte words (std::hash runs a general-purpose byte loop in a library call, a
/// good share of an event's lookups), and it is only ever used inside this process.
inline std::uint64_t name_hash(std::string_view name) {
    constexpr std::uint64_t multiplier = 0x9e3779b97f4a7c15ull;
    const auto mix = [](std::uint64_t hash, std::uint64_t word) {
        hash = (hash ^ word) * multiplier;
        return hash ^ (hash >> 32);
    };
    const char* data = name.data();
    std::size_t size = name.size();
    std::uint64_t hash = size * multiplier;
    for (; size >= 8; data += 8, size -= 8) {
        std::uint64_t word;
        std::memcpy(&word, data, sizeof word);
        hash = mix(hash, word);
    }
    if (size >= 4) { // two overlapping 4-byte loads cover a 4 to 7 byte tail
        std::uint32_t low;
        std::uint32_t high;
        std::memcpy(&low, data, sizeof low);
        std::memcpy(&high, data + size - 4, sizeof high);
        hash = mix(hash, low | (std::uint64_t{high} << 32));
    } else if (size > 0) { // first, middle and last byte cover a 1 to 3 byte tail
        const auto byte = [&](std::size_t i) { return std::uint64_t{std::uint8_t(data[i])}; };
        hash = mix(hash, byte(0) | (byte(size / 2) << 8) | (byte(size - 1) << 16));
    }
    // Callers take the low bits as a slot: the final mix (MurmurHash3's) spreads every input
    // byte over them, else ids differing only in their last digits would share slots.
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdull;
    hash ^= hash >> 33;
    return hash;
}

/// Open addressing over (hash, index) slots: the probing the engine's indexes share. A probe
/// touches one slot and compares the stored hash before it asks the caller to compare a key,
/// so a lookup rarely reads cold memory; std::unordered_map walked nodes instead.
class HashSlots {
public:
    /// The index whose slot holds `hash` and for which `matches(index)` holds, or nullopt.
    template <typename Matches>
    std::optional<std::uint32_t> find(std::uint64_t hash, const Matches& matches) const {
        if (slots_.empty()) {
            return std::nullopt;
        }
        for (std::size_t slot = hash & mask();; slot = (slot + 1) & mask()) {
            const Slot& entry = slots_[slot];
            if (entry.index == empty) {
                return std::nullopt;
            }
            if (entry.hash == hash && matches(entry.index)) {
                return entry.index;
            }
        }
    }

    /// The first index stored under `hash`, whatever its key: a guess that is right unless two
    /// keys share a hash. For cache hints only.
    std::optional<std::uint32_t> find_by_hash(std::uint64_t hash) const {
        return find(hash, [](std::uint32_t) { return true; });
    }

    /// Starts loading the slot where a lookup of `hash` begins (a cache hint only).
    void prefetch(std::uint64_t hash) const {
        if (!slots_.empty()) {
            __builtin_prefetch(&slots_[hash & mask()]);
        }
    }

    /// Adds `index` under `hash`; the caller makes sure its key is not present yet.
    void insert(std::uint64_t hash, std::uint32_t index) {
        // Up to three quarters full: with 16-byte slots a probe rarely leaves its cache line,
        // and 158,724 work orders take 4 MiB of slots instead of 8 (fewer TLB and cache misses).
        if ((count_ + 1) * 4 > slots_.size() * 3) {
            grow();
        }
        place(hash, index);
        ++count_;
    }

private:
    static constexpr std::uint32_t empty = 0xffffffffu;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = empty;
    };

    std::size_t mask() const { return slots_.size() - 1; }

    void place(std::uint64_t hash, std::uint32_t index) {
        std::size_t slot = hash & mask();
        while (slots_[slot].index != empty) {
            slot = (slot + 1) & mask();
        }
        slots_[slot] = {hash, index};
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        for (const Slot& entry : old) {
            if (entry.index != empty) {
                place(entry.hash, entry.index);
            }
        }
    }

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

} // namespace millwright::detail
