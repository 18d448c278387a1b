// The counting allocator of the VM (see alloc.hpp).
#include "lua/alloc.hpp"

#include <cstdlib>
#include <cstring>

namespace millwright::lua {

MemoryAccount::~MemoryAccount() {
    while (slabs_ != nullptr) {
        void* next = nullptr;
        std::memcpy(&next, slabs_, sizeof next);
        std::free(slabs_);
        slabs_ = next;
    }
}

void* MemoryAccount::carve(std::size_t index) noexcept {
    const std::size_t size = (index + 1) * granule;
    if (static_cast<std::size_t>(slab_end_ - slab_next_) < size) {
        // The rest of the old slab (less than one block of this size) stays unused.
        char* slab = static_cast<char*>(std::malloc(slab_bytes));
        if (slab == nullptr) {
            return nullptr;
        }
        std::memcpy(slab, &slabs_, sizeof slabs_);
        slabs_ = slab;
        slab_next_ = slab + granule; // the link, padded to keep blocks aligned
        slab_end_ = slab + slab_bytes;
    }
    void* block = slab_next_;
    slab_next_ += size;
    return block;
}

void* MemoryAccount::obtain(std::size_t size) noexcept {
    if (!pooled || size > small_limit) {
        return std::malloc(size);
    }
    const std::size_t index = size_class(size);
    if (FreeBlock* block = free_[index]) {
        free_[index] = block->next;
        return block;
    }
    return carve(index);
}

void MemoryAccount::release(void* block, std::size_t size) noexcept {
    if (!pooled || size > small_limit) {
        std::free(block);
        return;
    }
    auto* freed = static_cast<FreeBlock*>(block);
    const std::size_t index = size_class(size);
    freed->next = free_[index];
    free_[index] = freed;
}

void* MemoryAccount::allocate(void* ud, void* block, std::size_t old_size,
                              std::size_t new_size) noexcept {
    auto& self = *static_cast<MemoryAccount*>(ud);
    // For a new block Lua passes the kind of object in old_size, not a size.
    const std::size_t held = block != nullptr ? old_size : 0;
    if (new_size == 0) {
        if (block != nullptr) {
            self.release(block, old_size);
        }
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
    void* result = nullptr;
    if (!pooled || (held > small_limit && new_size > small_limit)) {
        result = std::realloc(block, new_size); // neither size is pooled
    } else if (held != 0 && size_class(held) == size_class(new_size)) {
        result = block; // the block already has room
    } else {
        result = self.obtain(new_size);
        if (result != nullptr && block != nullptr) {
            std::memcpy(result, block, held < new_size ? held : new_size);
            self.release(block, held);
        }
    }
    if (result == nullptr) {
        // The system is out of memory. A failed shrink keeps the old, larger block valid; Lua
        // then frees it as a block of new_size, which may file it in a free list (it is large
        // enough for that class, and only leaks at close if it came from malloc).
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
