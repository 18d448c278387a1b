// State-machine checks: exactly one initial state, no way out of a final state, `any except`
// that leaves something, and two lints: states no transition can reach (W0101) and
// alternatives an earlier unguarded one always wins over (W0102). Guards are treated as
// possibly true, so W0101 only fires for states no transition leads to at all; a timer's
// `-> STATE` counts as a transition (its own checks are in check_timer.cpp). Unknown states
// were reported by check_names and are skipped here.
#include "check.hpp"

#include <algorithm>
#include <deque>

namespace millwright::dsl::detail {

namespace {

SourceSpan initial_marker_span(const ast::StateDecl& state) {
    return state.initial_span ? *state.initial_span : state.name.span;
}

void check_initial_states(const Scope& scope, DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    std::vector<const ast::StateDecl*> initial;
    for (const auto& state : workflow.states) {
        if (state.initial) {
            initial.push_back(&state);
        }
    }
    if (initial.empty()) {
        if (scope.is_complete()) {
            diagnostics.report("E0401", workflow.name.span, {workflow.name.name});
        }
        return;
    }
    if (initial.size() == 1) {
        return;
    }
    // One error at the first, with every further one labelled: the fix is a single choice.
    auto& diagnostic =
        diagnostics.report("E0402", initial_marker_span(*initial[0]), {workflow.name.name});
    for (std::size_t i = 1; i < initial.size(); ++i) {
        diagnostic.labels.push_back({initial_marker_span(*initial[i]), "also initial"});
    }
}

void check_sources(const Scope& scope, const ast::Alternative& alternative,
                   DiagnosticList& diagnostics) {
    const auto& from = alternative.from;
    if (from.any) {
        const bool names_known =
            std::all_of(from.states.begin(), from.states.end(),
                        [&](const auto& s) { return scope.state_index(s.name); });
        if (names_known && scope.expand_sources(from).empty()) {
            diagnostics.report("E0405", from.span);
        }
        return;
    }
    for (const auto& state : from.states) {
        const ast::StateDecl* decl = scope.find_state(state.name);
        if (decl != nullptr && decl->final) {
            auto& diagnostic = diagnostics.report("E0403", state.span, {state.name});
            diagnostic.labels.push_back(
                {decl->final_span ? *decl->final_span : decl->name.span, "declared final here"});
        }
    }
}

/// Every state reachable from an initial state, following every transition whose target is
/// known (guards may hold, so they are ignored). A transition that starts an approval chain
/// also leads on to the chain's outcome states.
std::vector<bool> reachable_states(const Scope& scope, const ProgramScope* program) {
    const auto& workflow = scope.workflow();
    std::vector<bool> reached(workflow.states.size(), false);
    std::deque<std::size_t> pending;
    for (std::size_t i = 0; i < workflow.states.size(); ++i) {
        if (workflow.states[i].initial && scope.state_index(workflow.states[i].name.name) == i) {
            reached[i] = true;
            pending.push_back(i);
        }
    }
    while (!pending.empty()) {
        const std::size_t current = pending.front();
        pending.pop_front();
        for (const auto& handler : workflow.events) {
            for (const auto& alternative : handler.alternatives) {
                const auto sources = scope.expand_sources(alternative.from);
                const auto target = scope.state_index(alternative.to.name);
                const bool leaves_current =
                    std::find(sources.begin(), sources.end(), current) != sources.end();
                if (leaves_current && target && !reached[*target]) {
                    reached[*target] = true;
                    pending.push_back(*target);
                }
                const ast::Approval* approval =
                    program == nullptr || !leaves_current || alternative.starts.empty()
                        ? nullptr
                        : program->find_approval(alternative.starts.front().name);
                for (const auto& outcome :
                     approval ? approval->outcomes : std::vector<ast::ApprovalOutcome>{}) {
                    const auto next = scope.state_index(outcome.state.name);
                    if (next && !reached[*next]) {
                        reached[*next] = true;
                        pending.push_back(*next);
                    }
                }
            }
        }
        for (const auto& timer : workflow.timers) { // a timer's `-> STATE` is a transition too
            if (scope.state_index(timer.state.name) != current) {
                continue;
            }
            for (const auto& name : timer.targets) {
                const auto target = scope.state_index(name.name);
                if (target && !reached[*target]) {
                    reached[*target] = true;
                    pending.push_back(*target);
                }
            }
        }
    }
    return reached;
}

/// Whether some transition names a state that does not exist (already E0202): the graph is
/// then incomplete, and an "unreachable" state would only be the same typo blamed again.
bool names_unknown_state(const Scope& scope) {
    for (const auto& handler : scope.workflow().events) {
        for (const auto& alternative : handler.alternatives) {
            const auto& from = alternative.from.states;
            const bool unknown_source = std::any_of(from.begin(), from.end(), [&](const auto& s) {
                return !scope.state_index(s.name);
            });
            if (unknown_source || !scope.state_index(alternative.to.name)) {
                return true;
            }
        }
    }
    for (const auto& timer : scope.workflow().timers) {
        const auto& targets = timer.targets;
        if (!scope.state_index(timer.state.name) ||
            std::any_of(targets.begin(), targets.end(),
                        [&](const auto& t) { return !scope.state_index(t.name); })) {
            return true;
        }
    }
    return false;
}

void check_reachability(const Scope& scope, const ProgramScope* program,
                        DiagnosticList& diagnostics) {
    const auto& workflow = scope.workflow();
    const bool has_initial = std::any_of(workflow.states.begin(), workflow.states.end(),
                                         [](const auto& state) { return state.initial; });
    if (!has_initial || names_unknown_state(scope)) {
        return; // E0401 or E0202 already says why states look unreachable
    }
    const auto initial = std::find_if(workflow.states.begin(), workflow.states.end(),
                                      [](const auto& state) { return state.initial; });
    const auto reached = reachable_states(scope, program);
    for (std::size_t i = 0; i < workflow.states.size(); ++i) {
        const bool is_first_declaration = scope.state_index(workflow.states[i].name.name) == i;
        if (is_first_declaration && !reached[i]) {
            diagnostics.report("W0101", workflow.states[i].name.span,
                               {workflow.states[i].name.name, initial->name.name});
        }
    }
}

/// An alternative can never be taken when each of its source states is already a source of an
/// earlier alternative without a guard: that one always matches first.
void check_shadowed_alternatives(const Scope& scope, const ast::EventHandler& handler,
                                 DiagnosticList& diagnostics) {
    const auto& alternatives = handler.alternatives;
    for (std::size_t later = 1; later < alternatives.size(); ++later) {
        const auto sources = scope.expand_sources(alternatives[later].from);
        if (sources.empty()) {
            continue;
        }
        std::vector<std::size_t> covering; // earlier unguarded alternatives that overlap
        std::vector<bool> covered(sources.size(), false);
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
            if (alternatives[earlier].guard) {
                continue;
            }
            const auto earlier_sources = scope.expand_sources(alternatives[earlier].from);
            bool overlaps = false;
            for (std::size_t i = 0; i < sources.size(); ++i) {
                if (std::find(earlier_sources.begin(), earlier_sources.end(), sources[i]) !=
                    earlier_sources.end()) {
                    covered[i] = true;
                    overlaps = true;
                }
            }
            if (overlaps) {
                covering.push_back(earlier);
            }
        }
        if (std::all_of(covered.begin(), covered.end(), [](bool c) { return c; })) {
            auto& diagnostic =
                diagnostics.report("W0102", alternatives[later].span, {handler.event.name});
            for (std::size_t earlier : covering) {
                diagnostic.labels.push_back({alternatives[earlier].span, "taken first"});
            }
        }
    }
}

} // namespace

void check_machine(const Scope& scope, DiagnosticList& diagnostics, const ProgramScope* program) {
    check_initial_states(scope, diagnostics);
    for (const auto& handler : scope.workflow().events) {
        for (const auto& alternative : handler.alternatives) {
            check_sources(scope, alternative, diagnostics);
        }
        check_shadowed_alternatives(scope, handler, diagnostics);
    }
    if (scope.is_complete()) {
        check_reachability(scope, program, diagnostics);
    }
}

} // namespace millwright::dsl::detail
