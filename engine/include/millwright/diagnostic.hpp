// A problem found in a definition, as the public API reports it: located in its file, with a
// stable code, a message, a hint, and the text the command line prints.
#pragma once

#include <string>
#include <vector>

namespace millwright {

/// How serious a diagnostic is. Only errors stop a ruleset from loading.
enum class Severity { error, warning, note };

/// One compile-time problem in a definition file.
///
/// Lines and columns are 1-based; columns count bytes. `rendered` is the exact text
/// `millwright check` prints: `file:line:col: error: message`, the source line, a caret under
/// the span and `hint: ...`.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code; ///< stable, e.g. "E0202"; each is documented in docs/diagnostics.md
    std::string file;
    unsigned line = 0;
    unsigned column = 0;
    unsigned end_line = 0;
    unsigned end_column = 0;
    std::string message;
    std::string hint;            ///< empty when there is no remedy to suggest
    std::string rendered;        ///< without colour
    std::string rendered_colour; ///< the same with ANSI colours, for terminals
    std::string json;            ///< one JSON object, as `millwright check --format json` prints it
};

} // namespace millwright
