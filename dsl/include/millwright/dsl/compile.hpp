// The dsl's entry points: text in; AST, diagnostics, and the compiled program (workflows with
// their Lua source and line map, and the shared levels, matrices, calendars and SLAs) out.
// Nothing here touches a Lua VM. compile() is the workflows-only view of compile_program().
#pragma once

#include "millwright/dsl/ast.hpp"
#include "millwright/dsl/diagnostic.hpp"
#include "millwright/dsl/model.hpp"
#include "millwright/dsl/source.hpp"

#include <vector>

namespace millwright::dsl {

/// Limits that keep hostile input from exhausting the stack or the memory.
struct CompileLimits {
    unsigned max_expression_depth = 64;             ///< deeper nesting is error E0103
    std::size_t max_source_bytes = 4 * 1024 * 1024; ///< larger files are error E0104
    std::size_t max_list_items = 10'000;            ///< longer list literals are error E0109
};

/// Parses one source. Syntax errors go to `diagnostics`; the parser recovers at the next line,
/// so the returned program holds everything that parsed.
ast::Program parse(const SourceSet& sources, SourceId id, DiagnosticList& diagnostics,
                   const CompileLimits& limits = {});

/// Runs every check on a parsed program (names, types, state machine) and reports into
/// `diagnostics`. Returns true when no error was found.
bool check(const ast::Program& program, const SourceSet& sources, DiagnosticList& diagnostics);

/// Generates the model and Lua chunk of each workflow. Precondition: check() returned true.
std::vector<WorkflowModel> generate(const ast::Program& program, const SourceSet& sources);

/// Generates the whole program: priority levels, matrices and workflows. Precondition:
/// check() returned true.
ProgramModel generate_program(const ast::Program& program, const SourceSet& sources);

/// parse + check + generate_program. Returns an empty ProgramModel when any error was
/// reported; warnings do not stop it.
ProgramModel compile_program(const SourceSet& sources, SourceId id, DiagnosticList& diagnostics,
                             const CompileLimits& limits = {});

/// parse + check + generate: the workflows of compile_program(). Returns no workflows when
/// any error was reported.
std::vector<WorkflowModel> compile(const SourceSet& sources, SourceId id,
                                   DiagnosticList& diagnostics, const CompileLimits& limits = {});

} // namespace millwright::dsl
