// What a Ruleset holds: the sources (kept so runtime errors can be shown at their DSL line)
// and the compiled workflows.
#pragma once

#include "millwright/dsl/model.hpp"
#include "millwright/dsl/source.hpp"
#include "millwright/stdlib/calendar.hpp"

#include <memory>
#include <vector>

namespace millwright::detail {

struct RulesetData {
    dsl::SourceSet sources;
    std::vector<dsl::WorkflowModel> workflows;
    /// timer_calendars[workflow][timer]: the calendar a business timer counts on; null for a
    /// timer in clock time.
    std::vector<std::vector<std::shared_ptr<const stdlib::BusinessCalendar>>> timer_calendars;
};

} // namespace millwright::detail
