// The one place a DSL recurrence becomes a stdlib one: dsl::RecurrenceModel (plain integers, as
// the compiler checked them) to stdlib::RecurrenceSpec (std::chrono values). The conversion is
// field by field and checks nothing; Recurrence::create validates the result, so a model that
// slipped past the compiler is still refused with a message instead of misbehaving. Internal to
// the engine.
#pragma once

#include "millwright/dsl/model.hpp"
#include "millwright/stdlib/recurrence.hpp"

namespace millwright::detail {

/// The spec of `model`: DTSTART and a local UNTIL become local date-times, a UTC UNTIL an
/// instant, weekdays 0 (Sunday) to 6 std::chrono weekdays (any other number an invalid weekday,
/// which create refuses).
stdlib::RecurrenceSpec to_recurrence_spec(const dsl::RecurrenceModel& model);

} // namespace millwright::detail
