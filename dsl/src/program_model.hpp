// The models of a program's shared definitions (levels, matrices, calendars, SLAs, approvals), built from
// their checked AST. Codegen uses them for the program model and to write matrix tables into
// the chunks of the workflows that look them up.
#pragma once

#include "check.hpp"

#include "millwright/dsl/model.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace millwright::dsl::detail {

/// A matrix as the model holds it, and the span of the row each row-axis combination came
/// from (for the line map of its table in the chunk).
struct MatrixTable {
    MatrixModel model;
    std::map<std::vector<std::size_t>, SourceSpan> row_spans;
};

/// Builds the model of a checked matrix: every cell filled, levels as indexes.
MatrixTable matrix_table(const ast::Matrix& matrix, const ProgramScope& program);

/// The plain model of a checked calendar: day ranges spread over the weekdays they cover.
CalendarModel calendar_model(const ast::Calendar& calendar);

/// The calendar a duration counts on, by name: the one named with `on`, else for business
/// time the file's default calendar (ProgramScope::default_calendar), else empty. Resolved
/// here so that the engine never has to pick one (a file may hold standard calendars too).
std::string calendar_name(bool business, const std::optional<ast::Identifier>& named,
                          const ProgramScope& program);

/// The model of a checked SLA: targets in level order, state names per clock.
SlaModel sla_model(const ast::Sla& sla, const ProgramScope& program);

/// The model of a checked approval chain: steps in stages, outcome states by name.
ApprovalModel approval_model(const ast::Approval& approval, const ProgramScope& program,
                             const SourceSet& sources);

/// The model of a checked pm rule that creates work orders of ProgramModel::workflows[workflow]:
/// its trigger, recurrence and policies. The function indexes and asset keys are filled in by
/// codegen, which compiles its selector and `create` items into that workflow's chunk.
PmModel pm_model(const ast::PmRule& rule, std::size_t workflow, const SourceSet& sources);

} // namespace millwright::dsl::detail
