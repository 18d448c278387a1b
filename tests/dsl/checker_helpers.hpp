// Helpers for the back-end tests (checker and codegen): compile a definition given as text and
// look at its diagnostics by code, position and rendered text.
#pragma once

#include "millwright/dsl/compile.hpp"

#include <memory>
#include <string>
#include <vector>

namespace millwright::dsl::testing {

/// One compilation of one source text; keeps the SourceSet alive for rendering.
struct Compiled {
    SourceSet sources;
    SourceId id = 0;
    DiagnosticList diagnostics;
    ProgramModel program;                 ///< the whole program (levels, matrices, workflows)
    std::vector<WorkflowModel> workflows; ///< the same workflows, as compile() returns them

    /// `line:col` of a span's start.
    std::string where(SourceSpan span) const {
        const LineColumn at = sources.get(span.source).locate(span.begin);
        return std::to_string(at.line) + ":" + std::to_string(at.column);
    }
    /// The diagnostics with `code`, in order.
    std::vector<Diagnostic> with_code(const std::string& code) const {
        std::vector<Diagnostic> found;
        for (const auto& diagnostic : diagnostics.items()) {
            if (diagnostic.code == code) {
                found.push_back(diagnostic);
            }
        }
        return found;
    }
    /// Every code reported, in order, e.g. {"E0201", "W0101"}.
    std::vector<std::string> codes() const {
        std::vector<std::string> found;
        for (const auto& diagnostic : diagnostics.items()) {
            found.push_back(diagnostic.code);
        }
        return found;
    }
    std::string rendered() const { return render_all(diagnostics, sources); }
    /// `code line:col` of each diagnostic, in order.
    std::vector<std::string> positions() const {
        std::vector<std::string> found;
        for (const auto& diagnostic : diagnostics.items()) {
            found.push_back(diagnostic.code + " " + where(diagnostic.span));
        }
        return found;
    }
};

inline std::unique_ptr<Compiled> compile_text(const std::string& text,
                                              const std::string& name = "test.mw") {
    auto result = std::make_unique<Compiled>();
    result->id = result->sources.add(name, text);
    result->program = compile_program(result->sources, result->id, result->diagnostics);
    result->workflows = result->program.workflows;
    return result;
}

/// A workflow around `body`: `workflow w`, the body lines, `end`.
inline std::string workflow(const std::string& body) {
    return "workflow w\n" + body + "end\n";
}

} // namespace millwright::dsl::testing
