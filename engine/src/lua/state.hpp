// One sandboxed Lua 5.4 VM (the C++ build of Lua, so a Lua error unwinds our destructors).
// The VM gets only the libraries definitions need, opened one by one; every call into it goes
// through State::call, which applies the instruction budget, the memory cap and the message
// handler. Internal to the engine: never included from a public header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct lua_State;

namespace millwright::lua {

/// Resource limits of one VM.
struct Limits {
    /// Bytes the whole VM may hold; an allocation past it fails with a memory error.
    std::size_t memory_bytes = 64u * 1024u * 1024u;
    /// Lua VM instructions one State::call may execute before it is stopped.
    std::uint64_t instructions_per_call = 1'000'000;
};

/// Why a protected call (or a load) failed.
enum class FailureKind {
    runtime, ///< a Lua error raised by the code or by a builtin
    budget,  ///< the instruction budget ran out
    memory,  ///< the memory cap was reached
    syntax,  ///< the chunk did not compile (or was a binary chunk)
};

/// A failed load or call, with the innermost location inside a definition chunk.
struct Failure {
    FailureKind kind = FailureKind::runtime;
    std::string message;   ///< the error message without the "chunk:line:" prefix
    std::string chunk;     ///< e.g. "corrective.mw.lua", empty when no definition frame
    int line = 0;          ///< line in `chunk`, 0 when unknown
    std::string traceback; ///< frames of definition chunks only (stdlib/runtime frames removed)
};

class State {
public:
    explicit State(const Limits& limits = {});
    ~State();
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    /// The VM. Its stack is not empty: slot 1 holds the message handler State::call uses, so
    /// code working on the stack measures from lua_gettop and leaves that slot alone.
    lua_State* get() const { return L_; }
    const Limits& limits() const { return limits_; }

    /// Compiles `code` in text mode (binary chunks are refused) as chunk `@chunk_name` and
    /// pushes the function on success; on failure pushes nothing and returns the failure.
    std::optional<Failure> load(std::string_view code, const std::string& chunk_name);

    /// Protected call of the function below `nargs` arguments on the stack, as lua_pcall, under
    /// a fresh instruction budget and the memory cap. On success leaves `nresults` results; on
    /// failure pops function and arguments, leaves the stack as it was below them and returns
    /// the failure. Once the budget or memory cap is hit, every further instruction in this
    /// call fails too, so a loop inside a protected call cannot keep running.
    std::optional<Failure> call(int nargs, int nresults);

    /// The same with an explicit instruction budget, for the engine's own set-up work (running
    /// a chunk's main body) that must not be limited by the per-rule budget.
    std::optional<Failure> call(int nargs, int nresults, std::uint64_t instruction_budget);

    /// The budget for code that cannot loop: no count hook is set. With a count hook Lua
    /// stops before every instruction to decrement it, which made a guard cost a third more;
    /// code without loops is bounded by its own length, so the engine passes this for
    /// generated functions it knows to be loop-free (see CompiledWorkflow::metered).
    static constexpr std::uint64_t unmetered = ~std::uint64_t{0};

    /// Pushes a new environment table holding only the safe base functions (see sandbox.cpp).
    void push_sandbox_env();

    /// Bytes currently allocated by the VM.
    std::size_t memory_in_use() const;

private:
    struct Allocator;
    struct Runtime; // the instruction budget and what the message handler records
    void destroy() noexcept;
    Limits limits_;
    Allocator* allocator_ = nullptr;
    Runtime* runtime_ = nullptr;
    lua_State* L_ = nullptr;
};

/// Asserts, in debug builds, that a scope leaves the Lua stack as it found it.
class StackGuard {
public:
    explicit StackGuard(lua_State* L);
    ~StackGuard();
    StackGuard(const StackGuard&) = delete;
    StackGuard& operator=(const StackGuard&) = delete;

private:
    lua_State* L_;
    int top_;
};

} // namespace millwright::lua
