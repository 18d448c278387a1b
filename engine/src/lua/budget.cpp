// The instruction budget (see budget.hpp).
#include "lua/budget.hpp"

#include "lua/alloc.hpp"

#include <lua.h>

#include <algorithm>
#include <cstring>

namespace millwright::lua {

namespace {

constexpr const char* budget_message = "instruction budget exceeded";
constexpr const char* memory_message = "memory limit exceeded";

InstructionBudget* budget_of(lua_State* L) {
    InstructionBudget* budget = nullptr;
    std::memcpy(&budget, lua_getextraspace(L), sizeof budget);
    return budget;
}

} // namespace

void InstructionBudget::attach(lua_State* L) {
    InstructionBudget* self = this;
    static_assert(LUA_EXTRASPACE >= sizeof self);
    std::memcpy(lua_getextraspace(L), &self, sizeof self);
}

void InstructionBudget::prepare(lua_State* L) {
    lua_pushstring(L, budget_message);
    lua_setfield(L, LUA_REGISTRYINDEX, "millwright.budget.message");
    lua_pushstring(L, memory_message);
    lua_setfield(L, LUA_REGISTRYINDEX, "millwright.memory.message");
}

void InstructionBudget::start(lua_State* L, std::uint64_t limit) {
    limit_ = limit;
    exhausted_ = false;
    if (limit == unmetered) {
        return; // loop-free code (see State::unmetered): no hook, no per-instruction stop
    }
    // Lua runs the hook before the instruction that brings its count to zero, so a stretch of
    // n lets n - 1 instructions run; one instruction of slack per call is of no consequence.
    const std::uint64_t first = std::max<std::uint64_t>(1, std::min(step, limit));
    stretch_ = static_cast<int>(first);
    remaining_ = limit > first ? limit - first : 0;
    lua_sethook(L, &InstructionBudget::hook, LUA_MASKCOUNT, stretch_);
}

void InstructionBudget::stop(lua_State* L) {
    lua_sethook(L, nullptr, 0, 0);
}

void InstructionBudget::hook(lua_State* L, lua_Debug* /*ar*/) {
    InstructionBudget& self = *budget_of(L);
    if (self.memory_ != nullptr && self.memory_->is_exhausted()) {
        self.fail(L, memory_message);
    }
    if (self.exhausted_ || self.remaining_ == 0) {
        self.exhausted_ = true;
        self.fail(L, budget_message);
    }
    const std::uint64_t next = std::min(step, self.remaining_);
    self.remaining_ -= next;
    self.stretch_ = static_cast<int>(next);
    lua_sethook(L, &InstructionBudget::hook, LUA_MASKCOUNT, self.stretch_);
}

void InstructionBudget::fail(lua_State* L, const char* message) {
    // From now on, before every instruction: the call must end, whoever catches this error.
    lua_sethook(L, &InstructionBudget::hook, LUA_MASKCOUNT, 1);
    // Interned by prepare(), so pushing it allocates nothing even with the memory cap hit.
    // State::call adds the limit to the message.
    lua_pushstring(L, message);
    lua_error(L);
    __builtin_unreachable();
}

} // namespace millwright::lua
