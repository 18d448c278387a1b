// The VM's allocator: counts the bytes Lua holds and refuses growth past a limit, which Lua
// turns into a memory error after one emergency collection. Shrinking and freeing are never
// refused (Lua requires that). Once a request is refused even after that collection, the cap
// is "hit" and the account stays closed for growth until reopened, so code that catches the
// memory error (a C function's lua_pcall) cannot go on allocating. Internal to the engine.
#pragma once

#include <cstddef>

namespace millwright::lua {

class MemoryAccount {
public:
    /// Called once when the cap is hit, from inside the allocation that failed: it may read
    /// the Lua stack (lua_getstack, lua_getinfo without 'f' or 'L') but must not allocate in
    /// the VM or raise.
    using ExhaustedCallback = void (*)(void* context) noexcept;

    explicit MemoryAccount(std::size_t limit) : limit_(limit) {}

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
