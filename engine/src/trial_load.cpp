// The trial load of a ruleset's chunks (see trial_load.hpp).
#include "trial_load.hpp"

#include "engine_impl.hpp"

namespace millwright::detail {

bool trial_load(const RulesetData& data, const lua::Limits& limits,
                dsl::DiagnosticList& diagnostics) {
    lua::State state(limits);
    bool loaded = true;
    for (std::size_t i = 0; i < data.workflows.size(); ++i) {
        const dsl::WorkflowModel& model = data.workflows[i];
        const auto failure =
            load_workflow_chunk(state, model, nullptr, data.workflow_calendars[i].get(), nullptr);
        if (!failure) {
            continue;
        }
        loaded = false;
        const auto span = failure->line > 0
                              ? model.line_map.lookup(static_cast<std::uint32_t>(failure->line))
                              : std::nullopt;
        // The memory message names the limit in bytes; the check's should not depend on it.
        const std::string why = failure->kind == lua::FailureKind::memory
                                    ? "it needs more memory than the VM may hold"
                                    : failure->message;
        diagnostics.report("E0108", span.value_or(model.span), {why});
    }
    return loaded;
}

} // namespace millwright::detail
