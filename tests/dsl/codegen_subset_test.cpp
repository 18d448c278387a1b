// The Lua subset generated code keeps to, checked token by token over every shipped workflow and
// definitions that exercise every construct and size limit. Debian's Lua is 5.4.4, and several
// of the bugs fixed in 5.4.5 to 5.4.8 are reachable from plain Lua text (docs/reliability.md):
// this test shows generated code never writes the constructs that reach them. No `goto`, no
// `while` or `repeat`, no loop but over a decision table's rows or a list; no `%`, `//` or bitwise
// operator (a stale line in an error, wrong code with 256 constants: 5.4.5); no `<const>` or
// `<close>` (CVE-2022-28805; a `break` that skips a close: 5.4.5); no index that is a comparison
// (wrong code for `up[a < b]`: 5.4.8); and no chain of more than a few `.name` or `[...]` suffixes
// (Lua's error messages walk a chain recursively, and 100,000 links crash 5.4.4: 5.4.7).
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The tokens of a Lua chunk: names, numbers, strings (as one `"` token) and operators, with
/// comments dropped. Enough of Lua's lexer for generated code, which never uses long strings.
std::vector<std::string> tokens_of(const std::string& lua) {
    static const std::vector<std::string> long_operators{
        "...", "..", "==", "~=", "<=", ">=", "//", "<<", ">>", "::"};
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < lua.size();) {
        const char c = lua[i];
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            ++i;
        } else if (lua.compare(i, 4, "--[[") == 0) {
            i = lua.find("]]", i);
            i = i == std::string::npos ? lua.size() : i + 2;
        } else if (lua.compare(i, 2, "--") == 0) {
            i = lua.find('\n', i);
            i = i == std::string::npos ? lua.size() : i;
        } else if (c == '"') {
            for (++i; i < lua.size() && lua[i] != '"'; ++i) {
                i += lua[i] == '\\' ? 1 : 0;
            }
            ++i;
            tokens.emplace_back("\"");
        } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
            const std::size_t begin = i;
            while (i < lua.size() &&
                   (std::isalnum(static_cast<unsigned char>(lua[i])) != 0 || lua[i] == '_' ||
                    (lua[i] == '.' && std::isdigit(static_cast<unsigned char>(lua[begin])) != 0))) {
                ++i;
            }
            tokens.push_back(lua.substr(begin, i - begin));
        } else {
            std::string token(1, c);
            for (const auto& op : long_operators) {
                if (lua.compare(i, op.size(), op) == 0) {
                    token = op;
                    break;
                }
            }
            i += token.size();
            tokens.push_back(token);
        }
    }
    return tokens;
}

bool is_name(const std::string& token) {
    return !token.empty() &&
           (std::isalpha(static_cast<unsigned char>(token[0])) != 0 || token[0] == '_');
}

/// Every way `lua` steps outside the subset, one line per finding.
std::vector<std::string> outside_subset(const std::string& lua) {
    static const std::set<std::string> forbidden{"goto", "while", "repeat", "until", "%", "//", "&",
                                                 "|",    "<<",    ">>",     "::",    "~", "..."};
    static const std::set<std::string> comparisons{"<", ">", "<=", ">=", "==", "~="};
    constexpr int longest_chain = 6;
    const auto tokens = tokens_of(lua);
    std::vector<std::string> found;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        // The chunk's first line unpacks its arguments with `...`; a function with surplus
        // arguments takes them as `...` and keeps them in `local extra = {...}`.
        if (token == "..." && i >= 2 &&
            ((tokens[i - 1] == "=" && tokens[i - 2] == "_ENV") ||
             (tokens[i - 1] == "{" && tokens[i - 2] == "=") || tokens[i - 1] == "," ||
             tokens[i - 1] == "(")) {
            continue;
        }
        if (forbidden.count(token) != 0) {
            found.push_back("`" + token + "` at token " + std::to_string(i));
        }
        if (token == "<" && i + 2 < tokens.size() &&
            (tokens[i + 1] == "const" || tokens[i + 1] == "close") && tokens[i + 2] == ">") {
            found.push_back("an attribute `<" + tokens[i + 1] + ">`");
        }
        // Loops walk a decision table's rows (`for i = 1, #rows do`) or a list (`for _, x in
        // ipairs(list) do`): bounded by what they walk, and metered when they take input.
        const auto at = [&](std::size_t k) { return k < tokens.size() ? tokens[k] : ""; };
        const bool over_rows = at(i + 2) == "=" && at(i + 3) == "1" && at(i + 4) == "," &&
                               at(i + 5) == "#" && at(i + 7) == "do";
        const bool over_list = at(i + 4) == "in" && at(i + 5) == "ipairs";
        if (token == "for" && !over_rows && !over_list) {
            found.push_back("a loop other than over a table's rows or a list");
        }
        if (token == "[" && i > 0 && (is_name(tokens[i - 1]) || tokens[i - 1] == "]")) {
            // An index: no comparison at its own level before the matching `]`.
            int depth = 0;
            for (std::size_t k = i + 1; k < tokens.size(); ++k) {
                if (tokens[k] == "[" || tokens[k] == "(" || tokens[k] == "{") {
                    ++depth;
                } else if (tokens[k] == "]" || tokens[k] == ")" || tokens[k] == "}") {
                    if (depth-- == 0) {
                        break;
                    }
                } else if (depth == 0 && comparisons.count(tokens[k]) != 0) {
                    found.push_back("an index that is a comparison at token " + std::to_string(i));
                }
            }
        }
        if (is_name(token)) {
            // The chain of suffixes after a name: `.name` counts one, `[...]` counts one.
            int chain = 0;
            for (std::size_t k = i + 1; k < tokens.size();) {
                if (tokens[k] == "." && k + 1 < tokens.size() && is_name(tokens[k + 1])) {
                    k += 2;
                } else if (tokens[k] == "[") {
                    int depth = 0;
                    for (++k; k < tokens.size() && !(tokens[k] == "]" && depth == 0); ++k) {
                        depth += tokens[k] == "[" ? 1 : tokens[k] == "]" ? -1 : 0;
                    }
                    ++k;
                } else {
                    break;
                }
                ++chain;
            }
            if (chain > longest_chain) {
                found.push_back("a chain of " + std::to_string(chain) + " suffixes after `" +
                                token + "`");
            }
        }
    }
    return found;
}

/// Definitions that use every construct: the shipped workflows, the test workflows, and one
/// built to pass each of Lua's limits with a naive translation.
std::vector<std::pair<std::string, std::string>> definitions() {
    std::vector<std::pair<std::string, std::string>> named;
    for (const auto& directory : {std::filesystem::path(MILLWRIGHT_SOURCE_DIR) / "workflows",
                                  std::filesystem::path(MILLWRIGHT_TESTS_DIR) / "engine" / "data",
                                  std::filesystem::path(MILLWRIGHT_TESTS_DIR) / "dsl" / "golden"}) {
        for (const auto& entry : std::filesystem::directory_iterator(directory)) {
            if (entry.path().extension() == ".mw") {
                named.emplace_back(entry.path().filename().string(), read_file(entry.path()));
            }
        }
    }
    // The language reference's examples that are whole programs (some are fragments).
    const std::string reference =
        read_file(std::filesystem::path(MILLWRIGHT_SOURCE_DIR) / "docs" / "language.md");
    for (std::size_t at = reference.find("```mw\n"); at != std::string::npos;
         at = reference.find("```mw\n", at + 1)) {
        const std::size_t begin = at + 6;
        const std::size_t end = reference.find("```", begin);
        named.emplace_back("language.md@" + std::to_string(begin),
                           reference.substr(begin, end - begin));
    }
    std::string fields;
    std::string note;
    std::string items;
    std::string events;
    for (int i = 0; i < 150; ++i) {
        fields += "  field f" + std::to_string(i) + " : text\n";
        note += "{f" + std::to_string(i) + "}";
        items += std::string(i == 0 ? "" : ", ") + "\"v" + std::to_string(i) + "\"";
        events += "  on e" + std::to_string(i) + ": a -> a when f0 in [" + items + "]\n";
    }
    named.emplace_back("limits.mw", "workflow limits\n" + fields +
                                        "  states a (initial), b (final)\n" + events +
                                        "  on go: a -> b\n    note \"" + note + "\"\n" +
                                        "    set f1 = f2 + f3\nend\n");
    return named;
}

} // namespace

TEST_CASE("generated code keeps to the Lua subset that avoids 5.4.4's known bugs",
          "[dsl][codegen][lua_fixes]") {
    const auto named = definitions();
    std::size_t programs = 0;
    for (const auto& [name, text] : named) {
        INFO(name);
        const auto compiled = compile_text(text, name);
        INFO(compiled->rendered());
        if (name.starts_with("language.md@") &&
            (compiled->diagnostics.has_errors() || compiled->workflows.empty())) {
            continue; // a fragment of the reference, not a program
        }
        REQUIRE_FALSE(compiled->workflows.empty());
        ++programs;
        for (const auto& workflow : compiled->workflows) {
            INFO(workflow.name);
            const auto found = outside_subset(workflow.lua);
            for (const auto& finding : found) {
                UNSCOPED_INFO(finding);
            }
            CHECK(found.empty());
        }
    }
    CHECK(programs >= 15);
}

TEST_CASE("the subset check finds what it looks for", "[dsl][codegen][lua_fixes]") {
    // The check itself must be able to fail: each construct alone is found.
    CHECK(outside_subset("local t = {}\nreturn t[a < b]").size() == 1);
    CHECK(outside_subset("local x <const> = 1").size() == 1);
    CHECK(outside_subset("return 7 % 2").size() == 1);
    CHECK(outside_subset("return 7 // 2").size() == 1);
    CHECK(outside_subset("return a & b").size() == 1);
    CHECK(outside_subset("while true do end").size() == 1);
    CHECK(outside_subset("for i = 1, 10 do end").size() == 1);
    CHECK(outside_subset("goto done").size() == 1);
    CHECK(outside_subset("return t.a.b.c.d.e.f.g").size() == 1);
    CHECK(outside_subset("for i, row in ipairs(rows) do end").empty());
    CHECK(outside_subset("for i = 1, #rows do end").empty());
    CHECK(outside_subset("for i = 1, n do end").size() == 1);
    CHECK(outside_subset("return lists[1][x] == true").empty());
    CHECK(outside_subset("local rt, lib, _ENV = ...\nlocal extra = {...}").empty());
}
