// The escape corpus: every file of tests/engine/hostile/ is a hostile Lua chunk with its
// expectation in comments (the format is in tests/engine/hostile/README.md). One test runs each
// file in a section of its own, named after the file, in a fresh State as one definition chunk
// gets it (its own sandbox environment), and checks how it ends, how soon, and that the State
// still serves; `-c FILE` runs one. A second test runs the whole corpus through a single State,
// reused after every failure as the engine reuses its VM, and reports the slowest chunk.
//
// Sections rather than a test case per file: CTest runs each test case in a process of its
// own, and 160 more processes would cost more than the chunks themselves; a failure still
// names the file.
#include "lua/state.hpp"

#include <catch2/catch.hpp>

#include <lauxlib.h>
#include <lua.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

namespace {

using millwright::lua::Failure;
using millwright::lua::FailureKind;
using millwright::lua::Limits;
using millwright::lua::State;
namespace fs = std::filesystem;

/// The longest a chunk may take from load to its end: generous, so that sanitizer and debug
/// builds pass too; a release build stops every chunk in a small fraction of it.
constexpr double time_bound_seconds = 2.0;

const fs::path corpus_dir = fs::path(MILLWRIGHT_TESTS_DIR) / "engine" / "hostile";

/// How a chunk must end, as its `-- expect:` line says.
enum class Ending { ok, runtime, syntax, budget, memory, any };

/// One file of the corpus.
struct HostileChunk {
    std::string file;    ///< e.g. "withheld_load.lua"
    std::string code;    ///< the whole file, header comments included
    std::string attacks; ///< what the chunk attacks (`-- attacks:`)
    Ending ending = Ending::any;
    std::string expected;         ///< the message, or the rendered result for `ok`
    bool expected_prefix = false; ///< the message only has to start with `expected`
    std::optional<int> line;      ///< the line the failure must name; 0 for `-- line: none`
    Limits limits;                ///< the default, or what `-- limits:` says
    std::string pending;          ///< why the case is skipped (`-- pending:`); empty when not
    std::string header_problem;   ///< what is wrong with the header; empty when nothing
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// Reads `"message"` or `"message"...` (a prefix) from `text`.
bool parse_message(std::string_view text, HostileChunk& chunk) {
    const std::size_t open = text.find('"');
    const std::size_t close = text.rfind('"');
    if (open != 0 || close == open) {
        return false;
    }
    chunk.expected = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    chunk.expected_prefix = rest == "...";
    return rest.empty() || chunk.expected_prefix;
}

bool parse_expect(std::string_view text, HostileChunk& chunk) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    const std::string_view rest = space == std::string_view::npos ? "" : text.substr(space + 1);
    if (word == "ok") {
        chunk.ending = Ending::ok;
        chunk.expected = std::string(rest);
        return !rest.empty();
    }
    if (word == "runtime" || word == "syntax") {
        chunk.ending = word == "runtime" ? Ending::runtime : Ending::syntax;
        return parse_message(rest, chunk);
    }
    const std::map<std::string_view, Ending> bare{
        {"budget", Ending::budget}, {"memory", Ending::memory}, {"any", Ending::any}};
    const auto found = bare.find(word);
    if (found == bare.end() || !rest.empty()) {
        return false;
    }
    chunk.ending = found->second;
    return true;
}

/// Reads `instructions=N memory=N` into the chunk's limits.
bool parse_limits(std::string_view text, HostileChunk& chunk) {
    std::istringstream words{std::string(text)};
    std::string word;
    while (words >> word) {
        const std::size_t equals = word.find('=');
        if (equals == std::string::npos) {
            return false;
        }
        const std::string key = word.substr(0, equals);
        const std::uint64_t value = std::strtoull(word.c_str() + equals + 1, nullptr, 10);
        if (key == "instructions" && value > 0) {
            chunk.limits.instructions_per_call = value;
        } else if (key == "memory" && value > 0) {
            chunk.limits.memory_bytes = value;
        } else {
            return false;
        }
    }
    return true;
}

/// Parses the `-- key: value` lines of a file; they may stand anywhere (a chunk that must start
/// with particular bytes keeps its header below them).
HostileChunk parse_chunk(const fs::path& path) {
    HostileChunk chunk;
    chunk.file = path.filename().string();
    chunk.code = read_file(path);
    bool has_expect = false;
    std::istringstream lines(chunk.code);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with("-- ")) {
            continue;
        }
        const std::size_t colon = line.find(": ");
        if (colon == std::string::npos) {
            continue;
        }
        const std::string key = line.substr(3, colon - 3);
        const std::string value = line.substr(colon + 2);
        bool fine = true;
        if (key == "attacks") {
            chunk.attacks = value;
        } else if (key == "expect") {
            fine = !has_expect && parse_expect(value, chunk);
            has_expect = true;
        } else if (key == "line") {
            chunk.line = value == "none" ? 0 : std::atoi(value.c_str());
            fine = *chunk.line > 0 || value == "none";
        } else if (key == "limits") {
            fine = parse_limits(value, chunk);
        } else if (key == "pending") {
            chunk.pending = value;
            fine = !value.empty();
        }
        if (!fine && chunk.header_problem.empty()) {
            chunk.header_problem = "cannot read the header line `" + line + "`";
        }
    }
    if (chunk.header_problem.empty() && chunk.attacks.empty()) {
        chunk.header_problem = "no `-- attacks:` line saying what the chunk attacks";
    }
    if (chunk.header_problem.empty() && !has_expect) {
        chunk.header_problem = "no `-- expect:` line";
    }
    return chunk;
}

std::vector<fs::path> corpus_files() {
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(corpus_dir, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".lua") {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The first result rendered as text, as the `ok` expectations write it.
std::string render(lua_State* L, int index) {
    switch (lua_type(L, index)) {
    case LUA_TSTRING:
        return "\"" + std::string(lua_tostring(L, index)) + "\"";
    case LUA_TNUMBER:
    case LUA_TBOOLEAN:
    case LUA_TNIL: {
        std::string text = luaL_tolstring(L, index, nullptr);
        lua_pop(L, 1);
        return text;
    }
    default:
        return luaL_typename(L, index);
    }
}

/// How one run of a chunk ended.
struct Run {
    std::optional<Failure> failure;
    std::string result;
    double seconds = 0;
};

/// Loads `code` as definition chunk `chunk_name`, gives it a fresh sandbox environment (as the
/// engine gives each workflow its own) and calls it with the State's limits.
Run run_chunk(State& state, const std::string& code, const std::string& chunk_name) {
    lua_State* L = state.get();
    const int top = lua_gettop(L);
    Run run;
    const auto start = std::chrono::steady_clock::now();
    run.failure = state.load(code, chunk_name);
    if (!run.failure) {
        state.push_sandbox_env();
        // A main chunk's one upvalue is its _ENV.
        REQUIRE(lua_setupvalue(L, -2, 1) != nullptr);
        run.failure = state.call(0, 1);
        if (!run.failure) {
            run.result = render(L, -1);
            lua_pop(L, 1);
        }
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(lua_gettop(L) == top); // balanced after success and failure alike
    return run;
}

std::string kind_name(FailureKind kind) {
    switch (kind) {
    case FailureKind::runtime:
        return "runtime";
    case FailureKind::budget:
        return "budget";
    case FailureKind::memory:
        return "memory";
    case FailureKind::syntax:
        return "syntax";
    }
    return "?";
}

/// The State serves a fresh chunk correctly: the allowed globals are there, untouched by
/// whatever ran before, and a loop runs to its end.
void require_still_serving(State& state) {
    const Run run = run_chunk(state,
                              "local n = 0\n"
                              "for i, v in ipairs({10, 20, 30}) do n = n + i * v end\n"
                              "return type(n) .. n\n",
                              "serving.mw.lua");
    if (run.failure) {
        FAIL("the State no longer serves: " << run.failure->message);
    }
    CHECK(run.result == "\"number140\"");
}

/// Runs one corpus chunk in `state` and checks its ending, its time and the State afterwards.
/// Returns the time it took.
double check_chunk(State& state, const HostileChunk& chunk) {
    INFO("hostile chunk " << chunk.file << " (" << chunk.attacks << ")");
    REQUIRE(chunk.header_problem.empty());
    const std::string chunk_name = fs::path(chunk.file).stem().string() + ".mw.lua";
    const Run run = run_chunk(state, chunk.code, chunk_name);
    INFO("it ended with " << (run.failure
                                  ? kind_name(run.failure->kind) + " \"" + run.failure->message +
                                        "\" at line " + std::to_string(run.failure->line)
                                  : "ok " + run.result)
                          << " after " << run.seconds << " s");
    CHECK(run.seconds < time_bound_seconds);

    const Limits& limits = state.limits();
    switch (chunk.ending) {
    case Ending::ok:
        CHECK_FALSE(run.failure);
        CHECK(run.result == chunk.expected);
        break;
    case Ending::runtime:
    case Ending::syntax: {
        REQUIRE(run.failure);
        CHECK(run.failure->kind ==
              (chunk.ending == Ending::runtime ? FailureKind::runtime : FailureKind::syntax));
        if (chunk.expected_prefix) {
            CHECK(run.failure->message.starts_with(chunk.expected));
        } else {
            CHECK(run.failure->message == chunk.expected);
        }
        break;
    }
    case Ending::budget:
        REQUIRE(run.failure);
        CHECK(run.failure->kind == FailureKind::budget);
        CHECK(run.failure->message == "instruction budget exceeded (" +
                                          std::to_string(limits.instructions_per_call) +
                                          " instructions)");
        break;
    case Ending::memory:
        REQUIRE(run.failure);
        CHECK(run.failure->kind == FailureKind::memory);
        CHECK(run.failure->message ==
              "memory limit exceeded (" + std::to_string(limits.memory_bytes) + " bytes)");
        // The garbage is collected and the cap reopened.
        CHECK(state.memory_in_use() < limits.memory_bytes / 2);
        break;
    case Ending::any:
        break;
    }
    if (run.failure) {
        // Every failure names the chunk, and a line in it unless the case says it has none.
        CHECK(run.failure->chunk == chunk_name);
        if (chunk.line) {
            CHECK(run.failure->line == *chunk.line);
        } else {
            CHECK(run.failure->line > 0);
        }
    }
    require_still_serving(state);
    return run.seconds;
}

/// Pending cases stay in the corpus but are skipped, with a warning, until the bug they found
/// is fixed; MILLWRIGHT_RUN_PENDING=1 runs them anyway.
bool runs_pending() {
    const char* run_pending = std::getenv("MILLWRIGHT_RUN_PENDING");
    return run_pending != nullptr && std::string_view(run_pending) == "1";
}

bool skipped_as_pending(const HostileChunk& chunk) {
    if (chunk.pending.empty() || runs_pending()) {
        return false;
    }
    WARN("pending, skipped: " << chunk.file << ": " << chunk.pending);
    return true;
}

} // namespace

TEST_CASE("every hostile chunk ends as its header says, in time, and the State serves on",
          "[engine][sandbox][hostile]") {
    for (const fs::path& path : corpus_files()) {
        DYNAMIC_SECTION(path.filename().string()) {
            const HostileChunk chunk = parse_chunk(path);
            if (!skipped_as_pending(chunk)) {
                State state(chunk.limits);
                check_chunk(state, chunk);
            }
        }
    }
}

TEST_CASE("the escape corpus has at least 80 chunks, each saying what it attacks",
          "[engine][sandbox][hostile]") {
    const auto files = corpus_files();
    CHECK(files.size() >= 80);
    for (const fs::path& path : files) {
        const HostileChunk chunk = parse_chunk(path);
        INFO(chunk.file);
        CHECK(chunk.header_problem == "");
    }
}

TEST_CASE("one State survives the whole escape corpus, each chunk stopped in time",
          "[engine][sandbox][hostile]") {
    // One State per set of limits, each reused for every chunk that asks for those limits.
    std::map<std::tuple<std::size_t, std::uint64_t>, std::unique_ptr<State>> states;
    std::string slowest;
    double slowest_seconds = 0;
    double total_seconds = 0;
    for (const fs::path& path : corpus_files()) {
        const HostileChunk chunk = parse_chunk(path);
        if (!chunk.header_problem.empty() || (!chunk.pending.empty() && !runs_pending())) {
            continue; // the other tests report broken headers and pending cases
        }
        auto& state = states[{chunk.limits.memory_bytes, chunk.limits.instructions_per_call}];
        if (!state) {
            state = std::make_unique<State>(chunk.limits);
        }
        const double seconds = check_chunk(*state, chunk);
        total_seconds += seconds;
        if (seconds >= slowest_seconds) {
            slowest_seconds = seconds;
            slowest = chunk.file;
        }
    }
    WARN("escape corpus: " << total_seconds << " s in all; slowest " << slowest << " at "
                           << slowest_seconds << " s (bound " << time_bound_seconds << " s)");
}
