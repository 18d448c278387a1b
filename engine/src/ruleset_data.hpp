// What a Ruleset holds: the sources (kept so runtime errors can be shown at their DSL line)
// and the compiled workflows.
#pragma once

#include "millwright/dsl/model.hpp"
#include "millwright/dsl/source.hpp"

#include <vector>

namespace millwright::detail {

struct RulesetData {
    dsl::SourceSet sources;
    std::vector<dsl::WorkflowModel> workflows;
};

} // namespace millwright::detail
