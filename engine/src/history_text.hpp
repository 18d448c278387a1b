// The texts of every work order's history, one after the other in large chunks the engine owns.
// Each history record's changes are a short JSON object (about 45 bytes) that is written once
// and never changed. Kept in a string per work order, they grew by doubling, so a work order
// cost five allocations and copies over its life and an event wrote into cold memory; appended
// here, an event writes where the previous one stopped. Internal to the engine.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace millwright::detail {

class HistoryText {
public:
    /// Appends `piece` to the open text (the one finish() closes next).
    void append(std::string_view piece) {
        if (piece.empty()) {
            return; // before the first chunk pos_ is null, and memcpy from null is undefined
        }
        if (piece.size() > static_cast<std::size_t>(end_ - pos_)) {
            move_to_new_chunk(piece.size());
        }
        std::memcpy(pos_, piece.data(), piece.size());
        pos_ += piece.size();
    }
    void append(char c) { append(std::string_view(&c, 1)); }

    /// Closes the open text and returns it. The view stays valid as long as this object.
    std::string_view finish() {
        const std::string_view text(open_, static_cast<std::size_t>(pos_ - open_));
        open_ = pos_;
        return text;
    }

private:
    /// The first chunk is small (an engine may see only a few events), later ones double up to
    /// the largest size: few enough allocations, little memory left unused at a chunk's end.
    static constexpr std::size_t first_chunk = 4 * 1024;
    static constexpr std::size_t largest_chunk = 1024 * 1024;

    // A new chunk with room for the open text and `more` bytes, and the open text moved there
    // (finished texts stay where they are: views of them remain valid).
    void move_to_new_chunk(std::size_t more) {
        const std::size_t open_size = static_cast<std::size_t>(pos_ - open_);
        next_size_ = std::max(next_size_, open_size + more);
        auto chunk = std::make_unique_for_overwrite<char[]>(next_size_);
        if (open_size > 0) {
            std::memcpy(chunk.get(), open_, open_size);
        }
        open_ = chunk.get();
        pos_ = open_ + open_size;
        end_ = open_ + next_size_;
        chunks_.push_back(std::move(chunk));
        next_size_ = std::min(next_size_ * 2, largest_chunk);
    }

    std::vector<std::unique_ptr<char[]>> chunks_;
    char* open_ = nullptr; ///< where the open text starts
    char* pos_ = nullptr;  ///< where the next byte goes
    char* end_ = nullptr;  ///< the end of the current chunk
    std::size_t next_size_ = first_chunk;
};

} // namespace millwright::detail
