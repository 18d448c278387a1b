// The VM's allocator: counts the bytes Lua holds and refuses growth past a limit, which Lua
// turns into a memory error after one emergency collection. Shrinking and freeing are never
// refused (Lua requires that). Once a request is refused even after that collection, the cap
// is "hit" and the account stays closed for growth until reopened, so code that catches the
// memory error (a C function's lua_pcall) cannot go on allocating.
//
// Small blocks (most of them: strings, closures, small tables) come from per-size free lists
// carved out of larger slabs, as malloc costs several times more than popping a list. The
// account counts the sizes Lua asks for either way, so the cap means what it meant; a freed
// small block stays in its free list for the VM's next allocation of that size instead of
// going back to the system, which the cap bounds too.
//
// Under AddressSanitizer the pools are off and every block comes from malloc and goes back to
// free: a block recycled by a free list looks alive to the sanitizer, so a use after free there
// would go unseen. Internal to the engine.
#pragma once

#include <array>
#include <cstddef>

namespace millwright::lua {

class MemoryAccount {
public:
    /// Called once when the cap is hit, from inside the allocation that failed: it may read
    /// the Lua stack (lua_getstack, lua_getinfo without 'f' or 'L') but must not allocate in
    /// the VM or raise.
    using ExhaustedCallback = void (*)(void* context) noexcept;

    explicit MemoryAccount(std::size_t limit) : limit_(limit) {}
    ~MemoryAccount();
    MemoryAccount(const MemoryAccount&) = delete;
    MemoryAccount& operator=(const MemoryAccount&) = delete;

    void on_exhausted(ExhaustedCallback callback, void* context) {
        on_exhausted_ = callback;
        on_exhausted_context_ = context;
    }

    /// The lua_Alloc function; `ud` is the MemoryAccount.
    static void* allocate(void* ud, void* block, std::size_t old_size,
                          std::size_t new_size) noexcept;

    /// Bytes currently held by the VM.
    std::size_t in_use() const { return in_use_; }
    std::size_t limit() const { return limit_; }

    /// Whether a request was refused even after Lua's emergency collection (a memory error).
    bool is_exhausted() const { return exhausted_; }
    /// Whether any request was refused since the last reopen.
    bool has_refused() const { return refused_; }

    /// Forgets refusals and accepts growth again (up to the limit); called between calls.
    void reopen();

private:
    /// Blocks of up to `small_limit` bytes are pooled, in classes `granule` bytes apart. The
    /// granule keeps every block aligned as malloc's are (Lua needs max_align_t alignment).
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t small_limit = 256;
    static constexpr std::size_t slab_bytes = 64 * 1024;
#if defined(__SANITIZE_ADDRESS__)
    static constexpr bool pooled = false; // GCC's -fsanitize=address
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) // clang's
    static constexpr bool pooled = false;
#else
    static constexpr bool pooled = true;
#endif
#else
    static constexpr bool pooled = true;
#endif
    static_assert(granule % alignof(std::max_align_t) == 0);

    static std::size_t size_class(std::size_t size) {
        return (size - 1) / granule;
    }
    /// A block of `size` bytes, pooled or from malloc; null when the system is out of memory.
    void* obtain(std::size_t size) noexcept;
    /// Gives back a block Lua says holds `size` bytes.
    void release(void* block, std::size_t size) noexcept;
    /// Carves a block of class `index` from the current slab, taking a new slab when needed.
    void* carve(std::size_t index) noexcept;

    struct FreeBlock {
        FreeBlock* next;
    };
    std::array<FreeBlock*, small_limit / granule> free_{};
    void* slabs_ = nullptr;     ///< every slab, linked through its first word
    char* slab_next_ = nullptr; ///< the unused rest of the newest slab
    char* slab_end_ = nullptr;

    std::size_t limit_;
    std::size_t in_use_ = 0;
    bool refused_ = false;
    bool exhausted_ = false;
    // The last refused request: Lua retries the very same request after a full collection,
    // so a second refusal of it means the memory error is certain.
    const void* refused_block_ = nullptr;
    std::size_t refused_old_size_ = 0;
    std::size_t refused_new_size_ = 0;
    ExhaustedCallback on_exhausted_ = nullptr;
    void* on_exhausted_context_ = nullptr;
};

} // namespace millwright::lua
