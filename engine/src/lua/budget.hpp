// The instruction budget of one State::call, enforced with a count hook. The hook runs every
// `step` VM instructions (fewer near the end, so the budget is exact) and raises
// "instruction budget exceeded" once it is used up. Exhaustion is sticky: the hook then runs
// before every instruction and raises again, so a C function that catches the error with
// lua_pcall and returns into a loop still stops. The same hook ends a call whose memory cap
// was hit. C functions run no VM instructions and are bounded by their own caps instead.
// Internal to the engine.
#pragma once

#include <cstdint>

struct lua_State;
struct lua_Debug;

namespace millwright::lua {

class MemoryAccount;

class InstructionBudget {
public:
    /// Instructions between two runs of the hook.
    static constexpr std::uint64_t step = 1000;

    /// `memory` (may be null) is checked by the hook: once its cap is hit, the call stops.
    explicit InstructionBudget(const MemoryAccount* memory) : memory_(memory) {}

    /// Registers this budget as the one of `L` (in the state's extra space).
    void attach(lua_State* L);

    /// Interns the messages the hook raises (anchored in the registry), so raising them needs
    /// no allocation once the memory cap is hit. A lua_CFunction-style step: it allocates, so
    /// run it in protected mode when the state is created.
    static void prepare(lua_State* L);

    /// A limit that sets no hook at all, for code that cannot loop.
    static constexpr std::uint64_t unmetered = ~std::uint64_t{0};

    /// Starts a budget of `limit` instructions on `L`; 0 allows none; `unmetered` sets no hook.
    void start(lua_State* L, std::uint64_t limit);
    /// Removes the hook; nothing runs under a budget until the next start.
    void stop(lua_State* L);

    bool is_exhausted() const { return exhausted_; }
    std::uint64_t limit() const { return limit_; }

private:
    static void hook(lua_State* L, lua_Debug* ar);
    [[noreturn]] void fail(lua_State* L, const char* message);

    const MemoryAccount* memory_;
    std::uint64_t limit_ = 0;
    std::uint64_t remaining_ = 0; ///< instructions left after the current stretch
    int stretch_ = 0;             ///< instructions until the hook runs next
    bool exhausted_ = false;
};

} // namespace millwright::lua
