// One sandboxed VM and its single protected-call helper. State::call hands lua_pcall the message
// handler, starts the instruction budget and reopens the memory account; the handler (our
// version of lua.c's msghandler) records where in a definition chunk the error happened, and
// State::call turns the outcome into a Failure. The handler only records: the error value
// travels unchanged, and the State is as usable after a failure as before.
//
// The handler lives in stack slot 1 for the State's whole life (handler_slot), so the hot path
// hands lua_pcall that slot instead of fetching the handler from the registry and inserting it
// below the function (and removing it again) on every call. A call that does not run at the base
// of the stack (from inside a C function) or finds the slot gone falls back to the old way.
#include "lua/state.hpp"

#include "lua/alloc.hpp"
#include "lua/budget.hpp"
#include "lua/sandbox.hpp"

#include <lauxlib.h>
#include <lua.h>

#include <cassert>
#include <charconv>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

namespace millwright::lua {

static_assert(State::unmetered == InstructionBudget::unmetered);

namespace detail {

/// What the message handler needs, reached through its light-userdata upvalue.
struct CallContext {
    explicit CallContext(const MemoryAccount* memory) : budget(memory) {}

    InstructionBudget budget;
    lua_State* L = nullptr;
    int handler_ref = LUA_NOREF;
    int depth = 0;       ///< nesting of State::call
    bool caught = false; ///< whether the handler ran for the current failure
    Failure failure;     ///< what the handler recorded
    // Where the memory cap was hit. Lua raises memory errors without calling the message
    // handler, so the allocator reports the moment instead.
    bool allocation_site_known = false;
    Failure allocation_site;
};

} // namespace detail

struct State::Allocator : MemoryAccount {
    using MemoryAccount::MemoryAccount;
};

struct State::Runtime : detail::CallContext {
    using CallContext::CallContext;
};

namespace {

/// Chunks of definitions are named "<file>.mw.lua"; everything else (stdlib, engine) is
/// hidden from failures.
constexpr std::string_view definition_suffix = ".mw.lua";

/// Frames listed in a traceback at most, and stack levels searched at most (lua_getstack walks
/// the call chain from the top, so a search is quadratic in its depth).
constexpr int max_traceback_frames = 20;
constexpr int max_searched_levels = 200;

bool is_definition(std::string_view source) {
    return source.size() > definition_suffix.size() && source.front() == '@' &&
           source.ends_with(definition_suffix);
}

/// The error value at `index` as text, as lua.c's msghandler reads it.
std::string error_text(lua_State* L, int index) {
    switch (lua_type(L, index)) {
    case LUA_TSTRING: {
        std::size_t length = 0;
        const char* text = lua_tolstring(L, index, &length);
        return {text, length};
    }
    case LUA_TNUMBER: {
        lua_pushvalue(L, index);
        std::string text = lua_tostring(L, -1); // converts the copy only
        lua_pop(L, 1);
        return text;
    }
    case LUA_TNIL:
        return "nil";
    case LUA_TBOOLEAN:
        return lua_toboolean(L, index) ? "true" : "false";
    default:
        return std::string("(error object is a ") + luaL_typename(L, index) + " value)";
    }
}

/// Splits "chunk:line: message" into line and message; other texts are left whole.
void strip_location(std::string& message, int* line) {
    const std::size_t colon = message.find(':');
    const std::size_t newline = message.find('\n');
    if (colon == std::string::npos || colon == 0 || newline < colon) {
        return;
    }
    std::size_t end = colon + 1;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') {
        ++end;
    }
    if (end == colon + 1 || message.compare(end, 2, ": ") != 0) {
        return;
    }
    if (line != nullptr) {
        std::from_chars(message.data() + colon + 1, message.data() + end, *line);
    }
    message.erase(0, end + 2);
}

void append_frame(std::string& traceback, const lua_Debug& ar, std::string_view chunk) {
    if (!traceback.empty()) {
        traceback += '\n';
    }
    traceback.append(chunk);
    traceback += ':';
    traceback += std::to_string(ar.currentline);
    traceback += ": in ";
    if (std::string_view(ar.what) == "main") {
        traceback += "main chunk";
    } else if (ar.name != nullptr) {
        traceback += "function '";
        traceback += ar.name;
        traceback += '\'';
    } else {
        traceback += "function <";
        traceback.append(chunk);
        traceback += ':';
        traceback += std::to_string(ar.linedefined);
        traceback += '>';
    }
}

/// Fills chunk, line and traceback of `failure` from the definition frames on the stack,
/// innermost first. Reads the stack only: no VM allocation, no Lua error.
void locate(lua_State* L, Failure& failure) {
    int frames = 0;
    lua_Debug ar;
    for (int level = 0; level <= max_searched_levels && lua_getstack(L, level, &ar) != 0; ++level) {
        if (lua_getinfo(L, "Sln", &ar) == 0) {
            continue;
        }
        const std::string_view source(ar.source, ar.srclen);
        if (!is_definition(source)) {
            continue; // stdlib, engine and C frames
        }
        const std::string_view chunk = source.substr(1);
        if (failure.chunk.empty()) {
            failure.chunk = chunk;
            failure.line = ar.currentline > 0 ? ar.currentline : 0;
        }
        if (frames < max_traceback_frames) {
            append_frame(failure.traceback, ar, chunk);
        } else if (frames == max_traceback_frames) {
            failure.traceback += "\n...";
        }
        ++frames;
    }
}

/// The message handler: records the failure in the CallContext and returns the error value
/// unchanged. Runs inside Lua's error handling, so it must not raise, and it catches the C++
/// exceptions a std::string may throw.
int message_handler(lua_State* L) {
    auto& context = *static_cast<detail::CallContext*>(lua_touserdata(L, lua_upvalueindex(1)));
    try {
        Failure failure;
        failure.message = error_text(L, 1);
        strip_location(failure.message, nullptr);
        locate(L, failure);
        context.failure = std::move(failure);
        context.caught = true;
    } catch (const std::exception&) {
        context.caught = false;
    }
    lua_settop(L, 1);
    return 1;
}

/// The allocator's report that the memory cap was hit: remembers where.
void record_allocation_site(void* data) noexcept {
    auto& context = *static_cast<detail::CallContext*>(data);
    try {
        Failure site;
        locate(context.L, site);
        context.allocation_site = std::move(site);
        context.allocation_site_known = true;
    } catch (const std::exception&) {
        context.allocation_site_known = false;
    }
}

/// Opens the sandbox and creates the message handler; run with lua_pcall on a fresh state.
int initialize(lua_State* L) {
    auto* context = static_cast<detail::CallContext*>(lua_touserdata(L, 1));
    lua_pushcfunction(L, &open_sandbox);
    lua_call(L, 0, 0);
    InstructionBudget::prepare(L);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, &message_handler, 1);
    context->handler_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/// The stack slot the constructor leaves the message handler in.
constexpr int handler_slot = 1;

/// An error outside any protected call is a bug in the engine (everything goes through
/// State::call or a lua_pcall); throw rather than let Lua abort the process.
int panic(lua_State* L) {
    throw std::logic_error("unprotected Lua error: " + error_text(L, -1));
}

std::string memory_message(std::size_t limit) {
    return "memory limit exceeded (" + std::to_string(limit) + " bytes)";
}

} // namespace

State::State(const Limits& limits) : limits_(limits) {
    allocator_ = new Allocator(limits_.memory_bytes);
    runtime_ = new Runtime(allocator_);
    L_ = lua_newstate(&MemoryAccount::allocate, allocator_);
    if (L_ == nullptr) {
        destroy();
        throw std::bad_alloc();
    }
    lua_atpanic(L_, &panic);
    runtime_->L = L_;
    runtime_->budget.attach(L_);
    allocator_->on_exhausted(&record_allocation_site, static_cast<detail::CallContext*>(runtime_));
    lua_pushcfunction(L_, &initialize);
    lua_pushlightuserdata(L_, static_cast<detail::CallContext*>(runtime_));
    if (lua_pcall(L_, 1, 0, 0) != LUA_OK) {
        const std::string reason = error_text(L_, -1);
        destroy();
        throw std::runtime_error("cannot open the Lua sandbox: " + reason);
    }
    // The permanent copy of the handler that State::call uses (see handler_slot).
    lua_rawgeti(L_, LUA_REGISTRYINDEX, runtime_->handler_ref);
    assert(lua_gettop(L_) == handler_slot);
    // The live heap is small (about 50 KB with the shipped workflows) and almost everything a
    // call allocates (argument strings, message texts) is garbage when it returns. The
    // generational collector frees that young garbage in minor collections soon after, so
    // the VM keeps reusing a few hot blocks; the incremental one (at pause 1000, tuned for
    // fewest instructions) let ten times the live heap of dead strings spread through memory
    // before each cycle, and every push of a string walked a string table full of them, out
    // of cache. Generational costs 2% more instructions and saved 12 to 16% of replay's time.
    // The memory cap still bounds the heap: Lua collects in full before the cap refuses.
    lua_gc(L_, LUA_GCGEN, 0, 0);
    allocator_->reopen();
}

State::~State() {
    destroy();
}

void State::destroy() noexcept {
    if (L_ != nullptr) {
        lua_close(L_);
        L_ = nullptr;
    }
    delete runtime_;
    runtime_ = nullptr;
    delete allocator_;
    allocator_ = nullptr;
}

std::optional<Failure> State::load(std::string_view code, const std::string& chunk_name) {
    const std::string name = "@" + chunk_name;
    // Inside a call (a callback loading code) the call's memory state must stay as it is.
    const bool outermost = runtime_->depth == 0;
    if (outermost) {
        allocator_->reopen();
    }
    const int status = luaL_loadbufferx(L_, code.data(), code.size(), name.c_str(), "t");
    if (status == LUA_OK) {
        return std::nullopt;
    }
    Failure failure;
    failure.chunk = chunk_name;
    if (status == LUA_ERRMEM) {
        failure.kind = FailureKind::memory;
        failure.message = allocator_->has_refused() ? memory_message(limits_.memory_bytes)
                                                    : std::string("not enough memory");
    } else {
        failure.kind = FailureKind::syntax;
        failure.message = error_text(L_, -1);
        strip_location(failure.message, &failure.line);
    }
    lua_pop(L_, 1);
    if (outermost) {
        if (failure.kind == FailureKind::memory) {
            lua_gc(L_, LUA_GCCOLLECT);
        }
        allocator_->reopen();
    }
    return failure;
}

std::optional<Failure> State::call(int nargs, int nresults) {
    return call(nargs, nresults, limits_.instructions_per_call);
}

std::optional<Failure> State::call(int nargs, int nresults, std::uint64_t instruction_budget) {
    Runtime& runtime = *runtime_;
    int function = lua_gettop(L_) - nargs;
    assert(function >= 1 && "State::call needs a function below its arguments");
    const bool outermost = runtime.depth == 0;
    // At the base of the stack the handler waits in its slot. Otherwise (a C function calling
    // back into Lua, whose stack indices start at its own arguments, or a caller that cleared
    // the stack) a copy goes below the function and is removed after the call.
    const bool handler_in_slot = outermost && function > handler_slot &&
                                 lua_tocfunction(L_, handler_slot) == &message_handler;
    int handler = handler_slot;
    if (!handler_in_slot) {
        if (lua_checkstack(L_, 1) == 0) {
            lua_settop(L_, function - 1); // no room even for the handler: the call never starts
            Failure failure;
            failure.kind = FailureKind::memory;
            failure.message = "not enough memory";
            return failure;
        }
        lua_rawgeti(L_, LUA_REGISTRYINDEX, runtime.handler_ref);
        lua_insert(L_, function);
        handler = function++;
    }
    if (outermost) {
        allocator_->reopen();
        runtime.allocation_site_known = false;
        runtime.budget.start(L_, instruction_budget);
    }
    runtime.caught = false;
    ++runtime.depth;
    const int status = lua_pcall(L_, nargs, nresults, handler);
    --runtime.depth;

    if (status == LUA_OK) {
        runtime.caught = false;
        if (!handler_in_slot) {
            lua_remove(L_, handler);
        }
        if (outermost) {
            runtime.budget.stop(L_);
            allocator_->reopen();
        }
        return std::nullopt;
    }

    Failure failure;
    if (runtime.caught) {
        failure = std::move(runtime.failure);
    }
    if (status == LUA_ERRMEM || allocator_->is_exhausted()) {
        if (!runtime.caught && runtime.allocation_site_known) {
            failure = runtime.allocation_site;
        }
        failure.kind = FailureKind::memory;
        failure.message = allocator_->has_refused() ? memory_message(limits_.memory_bytes)
                                                    : std::string("not enough memory");
    } else if (runtime.budget.is_exhausted()) {
        failure.kind = FailureKind::budget;
        failure.message =
            "instruction budget exceeded (" + std::to_string(instruction_budget) + " instructions)";
    } else {
        failure.kind = FailureKind::runtime;
        if (!runtime.caught) {
            // No handler ran: an error in the handler itself, or a C++ exception that
            // escaped a builtin (Lua's C++ build catches it with status -1).
            failure.message = status == LUA_ERRERR ? std::string("error in error handling")
                              : status == LUA_ERRRUN
                                  ? error_text(L_, -1)
                                  : std::string("a builtin threw a C++ exception");
            strip_location(failure.message, nullptr);
        }
    }
    // Drops the error value, and the handler's copy when it was inserted.
    lua_settop(L_, handler_in_slot ? function - 1 : handler - 1);
    runtime.caught = false;

    if (outermost) {
        runtime.budget.stop(L_);
        allocator_->reopen();
        if (failure.kind == FailureKind::memory) {
            lua_gc(L_, LUA_GCCOLLECT); // start the next call with the garbage gone
        }
    }
    return failure;
}

void State::push_sandbox_env() {
    lua_pushcfunction(L_, &new_sandbox_env);
    if (lua_pcall(L_, 0, 1, 0) != LUA_OK) {
        const std::string reason = error_text(L_, -1);
        lua_pop(L_, 1);
        throw std::runtime_error("cannot create a sandbox environment: " + reason);
    }
}

std::size_t State::memory_in_use() const {
    return allocator_->in_use();
}

StackGuard::StackGuard(lua_State* L) : L_(L), top_(lua_gettop(L)) {}

StackGuard::~StackGuard() {
    assert(lua_gettop(L_) == top_ && "a scope left the Lua stack unbalanced");
}

} // namespace millwright::lua
