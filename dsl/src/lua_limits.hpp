// What keeps a generated chunk inside the limits Lua's compiler sets, so that a definition that
// checks always loads (issue 13). Lua 5.4 allows 200 local variables in one function (the
// parameters count), 255 registers, 255 upvalues, and about 200 nested C levels while it parses
// (a chain of `..` recurses once per operator, being right-associative). A workflow with many
// transitions, a rule reading many fields, or a note interpolating many values would pass one
// of them. Codegen therefore
// - names at most max_named_parameters parameters and max_named_locals locals in a function;
//   the rest live in the table `extra` (`local extra = {...}` catches the surplus arguments);
// - concatenates many pieces as a tree of parenthesised groups of concat_group pieces, so
//   neither parser depth nor registers grow with the count;
// - writes at most max_chunk_locals functions and tables as locals of one `do ... end` block,
//   exporting them through the table `exports`, when a workflow has more;
// - looks a constant list up in a table of the chunk-level `lists`, one upvalue for all.
// Whatever still passes a limit (sixty decision tables used by one rule, say) is caught when the
// ruleset is loaded in a throwaway VM, and reported as E0108 at the line it came from.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace millwright::dsl::detail {

inline constexpr std::size_t max_named_parameters = 100;
inline constexpr std::size_t max_named_locals = 60;
inline constexpr std::size_t concat_group = 16;
inline constexpr std::size_t max_chunk_locals = 150;

/// `parts` (Lua expressions of concat precedence or tighter) joined with `..`: flat when there
/// are at most concat_group of them, else as nested parenthesised groups of that many.
std::string concat_tree(const std::vector<std::string>& parts);

} // namespace millwright::dsl::detail
