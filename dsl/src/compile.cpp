// The dsl's entry points that chain the stages: check() runs every pass on what parsed, and
// compile() is parse + check + generate. parse() lives in parse.cpp, generate() in
// codegen_lua.cpp.
#include "millwright/dsl/compile.hpp"

#include "check.hpp"

namespace millwright::dsl {

bool check(const ast::Program& program, const SourceSet& sources, DiagnosticList& diagnostics) {
    const std::size_t errors_before = diagnostics.error_count();
    // After a syntax error a declaration may be missing, so "unknown", "no initial state" and
    // "unreachable" would only blame the broken line again; every other check still runs.
    const bool complete = errors_before == 0;
    const detail::ProgramScope shared(program, complete);
    detail::check_workflow_names(program, diagnostics);
    detail::check_matrices(shared, diagnostics);
    detail::check_calendars(shared, diagnostics);
    detail::check_slas(shared, diagnostics);
    detail::check_tables(shared, diagnostics);
    detail::check_approvals(shared, diagnostics);
    detail::check_pm_rules(shared, sources, diagnostics);
    for (const auto& workflow : program.workflows) {
        const detail::Scope scope(workflow, complete);
        detail::check_names(scope, diagnostics);
        detail::ExprTyper typer(scope, diagnostics, &sources);
        detail::check_types(scope, typer, diagnostics);
        detail::check_priority(scope, shared, diagnostics);
        detail::check_timers(scope, shared, diagnostics);
        detail::check_sla_use(scope, shared, diagnostics);
        detail::check_classify(scope, shared, diagnostics);
        detail::check_approval_use(scope, shared, diagnostics);
        detail::check_machine(scope, diagnostics, &shared);
    }
    return diagnostics.error_count() == errors_before;
}

ProgramModel compile_program(const SourceSet& sources, SourceId id, DiagnosticList& diagnostics,
                             const CompileLimits& limits) {
    const ast::Program program = parse(sources, id, diagnostics, limits);
    const bool checked = check(program, sources, diagnostics);
    if (!checked || diagnostics.has_errors()) {
        return {};
    }
    return generate_program(program, sources);
}

std::vector<WorkflowModel> compile(const SourceSet& sources, SourceId id,
                                   DiagnosticList& diagnostics, const CompileLimits& limits) {
    return compile_program(sources, id, diagnostics, limits).workflows;
}

} // namespace millwright::dsl
