// What a Ruleset holds: the sources (kept so runtime errors can be shown at their DSL line)
// and the compiled workflows.
#pragma once

#include "millwright/dsl/model.hpp"
#include "millwright/dsl/source.hpp"
#include "millwright/stdlib/calendar.hpp"
#include "millwright/stdlib/register.hpp"

#include "approval.hpp"
#include "sla.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace millwright::detail {

struct RulesetData {
    dsl::SourceSet sources;
    std::vector<dsl::WorkflowModel> workflows;
    /// timer_lengths[workflow][timer]: how long each `after` timer waits, on its calendar
    /// when it counts business time.
    std::vector<std::vector<CountedDuration>> timer_lengths;
    /// workflow_calendars[workflow]: the calendars of its file, which its business-time
    /// builtins may name (shared by the workflows of one file).
    std::vector<std::shared_ptr<const stdlib::CalendarsByName>> workflow_calendars;
    /// sla_rules[workflow]: its SLA clocks, when it has an `sla` line.
    std::vector<std::optional<SlaRules>> sla_rules;
    /// approval_rules[workflow][i]: the chain of the workflow's approvals[i], ready to run.
    std::vector<std::vector<ApprovalRules>> approval_rules;
    /// The pm rules of every file, in file order; each one's `workflow` is an index into
    /// `workflows` (not into its file's workflows).
    std::vector<dsl::PmModel> pm_rules;
};

} // namespace millwright::detail
