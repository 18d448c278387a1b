// Diagnostics: one type for compile-time and runtime problems, rendered by one renderer as
// `file:line:col: error: message`, the source line, a caret under the span and `hint: ...`.
// Message texts live in one table keyed by code (dsl/src/messages.cpp); checks pick a code and
// fill in arguments.
#pragma once

#include "millwright/dsl/source.hpp"

#include <string>
#include <vector>

namespace millwright::dsl {

enum class Severity { error, warning, note };

/// A secondary location with its own label ("first declared here").
struct Label {
    SourceSpan span;
    std::string text;
};

/// One problem found in a definition, with where it is and how to fix it.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;    ///< stable code, e.g. "E0201"; see docs/diagnostics.md
    std::string message; ///< lowercase, one sentence, no final period
    SourceSpan span;     ///< primary location
    std::vector<Label> labels;
    std::string hint; ///< the remedy, empty when there is none
};

/// Diagnostics in the order they were found.
class DiagnosticList {
public:
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
    /// Adds a diagnostic whose message and hint come from the message table for `code`;
    /// `args` fill the `{0}`, `{1}`... placeholders of both texts.
    Diagnostic& report(const std::string& code, SourceSpan span,
                       const std::vector<std::string>& args = {});
    bool has_errors() const;
    std::size_t error_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic>& items() { return items_; }
    bool empty() const { return items_.empty(); }

private:
    std::vector<Diagnostic> items_;
};

/// How a diagnostic is turned into text.
struct RenderOptions {
    bool colour = false; ///< ANSI colours; only on a terminal without NO_COLOR
};

/// Renders `file:line:col: error: message`, the source line, a caret or underline under the span
/// and `hint: ...`; labels follow as `file:line:col: note: label` with their own caret.
std::string render(const Diagnostic& diagnostic, const SourceSet& sources,
                   const RenderOptions& options = {});

/// Renders each diagnostic, in order, separated by newlines.
std::string render_all(const DiagnosticList& diagnostics, const SourceSet& sources,
                       const RenderOptions& options = {});

/// The diagnostic as a JSON object text (for `--format json`): code, severity, file, line,
/// column, end_line, end_column, message, hint, labels.
std::string to_json(const Diagnostic& diagnostic, const SourceSet& sources);

/// The message template and hint template registered for a code; empty strings for an
/// unknown code. Used by DiagnosticList::report and by the test that every code has a case.
struct MessageTemplate {
    std::string code;
    std::string message;
    std::string hint;
};
const std::vector<MessageTemplate>& message_table();

} // namespace millwright::dsl
