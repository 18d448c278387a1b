// The counting allocator of the VM (see alloc.hpp).
#include "lua/alloc.hpp"

#include <cstdlib>

namespace millwright::lua {

void* MemoryAccount::allocate(void* ud, void* block, std::size_t old_size,
                              std::size_t new_size) noexcept {
    auto& self = *static_cast<MemoryAccount*>(ud);
    // For a new block Lua passes the kind of object in old_size, not a size.
    const std::size_t held = block != nullptr ? old_size : 0;
    if (new_size == 0) {
        std::free(block);
        self.in_use_ -= held;
        return nullptr;
    }
    if (new_size > held) {
        const std::size_t growth = new_size - held;
        const bool over_limit = self.in_use_ > self.limit_ || growth > self.limit_ - self.in_use_;
        if (self.exhausted_ || over_limit) {
            const bool retry = self.refused_ && block == self.refused_block_ &&
                               old_size == self.refused_old_size_ &&
                               new_size == self.refused_new_size_;
            if (retry && !self.exhausted_) {
                self.exhausted_ = true;
                if (self.on_exhausted_ != nullptr) {
                    self.on_exhausted_(self.on_exhausted_context_);
                }
            }
            self.refused_ = true;
            self.refused_block_ = block;
            self.refused_old_size_ = old_size;
            self.refused_new_size_ = new_size;
            return nullptr;
        }
    }
    void* result = std::realloc(block, new_size);
    if (result == nullptr) {
        // The system is out of memory. A failed shrink keeps the old, larger block valid.
        if (new_size <= held) {
            self.in_use_ = self.in_use_ - held + new_size;
            return block;
        }
        return nullptr;
    }
    self.in_use_ = self.in_use_ - held + new_size;
    self.refused_block_ = nullptr; // a success between two refusals: not a retry
    return result;
}

void MemoryAccount::reopen() {
    refused_ = false;
    exhausted_ = false;
    refused_block_ = nullptr;
    refused_old_size_ = 0;
    refused_new_size_ = 0;
}

} // namespace millwright::lua
