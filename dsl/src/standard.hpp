// The standard definitions: DSL text the compiler always knows, included into a file by the
// line `priorities standard`. A file cannot import another file (each compiles on its own), so
// what we ship for everyone to share lives here rather than in workflows/.
#pragma once

#include "millwright/dsl/ast.hpp"

#include <string>

namespace millwright::dsl::detail {

/// The DSL text of the standard definitions (also shown in docs/language.md).
const std::string& standard_text();

/// When the file's first `priorities` line is `priorities standard`, replaces it with the
/// standard levels and adds the standard matrices and calendars (after the file's own, marked
/// `standard`, so none becomes the file's default calendar). Every span of what is included is the
/// `priorities standard` line's, so diagnostics, comments and the line map point there.
void include_standard(ast::Program& program);

} // namespace millwright::dsl::detail
