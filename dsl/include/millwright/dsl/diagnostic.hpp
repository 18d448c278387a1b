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

/// Diagnostics in the order they were found. At most max_kept_per_source of one source are
/// kept; the rest are only counted (dropped()), so a file that makes thousands of them (5,000
/// states on one line, each unreachable) costs linear time and bounded memory, and the reader
/// sees the first ones, which usually cause the others.
class DiagnosticList {
public:
    static constexpr std::size_t max_kept_per_source = 100;

    /// What was left out of one source after the first max_kept_per_source.
    struct Dropped {
        std::size_t errors = 0;
        std::size_t warnings = 0;
    };

    void add(Diagnostic diagnostic);
    /// Adds a diagnostic whose message and hint come from the message table for `code`;
    /// `args` fill the `{0}`, `{1}`... placeholders of both texts. Once its source has
    /// max_kept_per_source, the diagnostic is counted and the reference is to a scratch copy.
    Diagnostic& report(const std::string& code, SourceSpan span,
                       const std::vector<std::string>& args = {});
    bool has_errors() const;
    /// Errors found, kept or dropped.
    std::size_t error_count() const;
    /// Diagnostics found, kept or dropped: grows with every add and report.
    std::size_t count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic>& items() { return items_; }
    bool empty() const { return items_.empty(); }
    /// What was dropped from `source` (zeros when nothing was).
    Dropped dropped(SourceId source) const;

private:
    /// Whether a diagnostic of `source` is kept, counting it when it is not.
    bool keeps(SourceId source, Severity severity);

    std::vector<Diagnostic> items_;
    std::vector<std::size_t> kept_; ///< by source id
    std::vector<Dropped> dropped_;  ///< by source id
    Diagnostic scratch_;            ///< what report() hands back for a dropped diagnostic
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
