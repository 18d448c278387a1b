// How DSL text and values become Lua text (see lua_text.cpp): the only way codegen writes
// anything taken from a definition into a chunk.
#pragma once

#include "millwright/dsl/model.hpp"

#include <string>
#include <string_view>

namespace millwright::dsl::detail {

/// A double-quoted Lua string with Lua escapes (never a long bracket): `"`, `\\`, line breaks
/// and every other control character are escaped.
std::string lua_string(std::string_view text);
/// Text safe inside a `--` line comment: no control character can end the comment early.
std::string comment_text(std::string_view text);
/// The line text with runs of blanks outside string literals collapsed, for comments.
std::string collapse_blanks(std::string_view text);
std::string trim(std::string_view text);
/// A Lua identifier made from a DSL name: other characters become `_`, and a name Lua or the
/// chunk reserves (keywords, `rt`, `lib`, `_ENV`) gets a `_` appended.
std::string lua_identifier(std::string_view name);
/// A key of a generated Lua table: the bare name when Lua allows it, else `["..."]`.
std::string lua_key(const std::string& name);
/// Indexing a table by a DSL name: `.name`, or `["name"]` when it is no plain Lua name.
std::string lua_index(const std::string& name);
/// The file name without its directories.
std::string basename_of(const std::string& path);
/// A number literal's digits as written (`12.5`), rebuilt from digits and one dot.
std::string number_text(const std::string& written);
/// A constant expression (a default) in the Lua value convention of model.hpp.
Constant constant_of(const ast::Expr& expr, const ValueType& type);

} // namespace millwright::dsl::detail
