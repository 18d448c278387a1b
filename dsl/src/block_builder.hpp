// From parse tree to AST for the statements of the shared definitions (priorities, matrices,
// calendars, SLAs, decision tables) and of priority lines and timers. The parser keeps the block
// structure (which block a line belongs to); this builder only turns one statement's nodes into
// values, decoding times of day, dates and durations and reporting the bad ones (E0107) on the way.
#pragma once

#include "ast_builder.hpp"

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace millwright::dsl::detail {

/// Weekday numbers as std::chrono counts them: 0 = Sunday ... 6 = Saturday, from a weekday
/// word (`mon`, `monday`).
int weekday_number(std::string_view word);
/// 1 = January ... 12 = December, from a month word (`jan`, `january`).
int month_number(std::string_view word);

class BlockBuilder {
public:
    BlockBuilder(AstBuilder& builder, DiagnosticList& diagnostics)
        : builder_(builder), diagnostics_(diagnostics) {}

    ast::PriorityLevels priorities(const ParseNode& node);
    /// The `matrix NAME(axes)` line: a matrix without rows yet.
    ast::Matrix matrix(const ParseNode& node);
    ast::MatrixColumns matrix_columns(const ParseNode& node);
    ast::MatrixRow matrix_row(const ParseNode& node);
    /// The `priority = ...` line, without overrides.
    ast::PriorityClause priority_clause(const ParseNode& node);
    /// The `after ...` line, without its span and actions.
    ast::Timer timer(const ParseNode& node);

    /// The `calendar NAME in "ZONE"` line: a calendar without hours yet.
    ast::Calendar calendar(const ParseNode& node);
    ast::OpeningHours opening_hours(const ParseNode& node);
    std::vector<std::pair<std::int64_t, SourceSpan>> holidays(const ParseNode& node);
    ast::YearlyHoliday yearly(const ParseNode& node);
    ast::Closure closure(const ParseNode& node);

    /// The `sla NAME` line: an SLA without targets yet.
    ast::Sla sla(const ParseNode& node);
    ast::SlaLevel sla_level(const ParseNode& node);
    ast::SlaClockRule sla_clock(const ParseNode& node);
    /// `warn at 75%`: the percentage (1000 for one too long to read) and its span.
    std::pair<int, SourceSpan> warn_percent(const ParseNode& node);

    /// The `table NAME(inputs) -> outputs hit POLICY` line: a table without rows yet.
    ast::DecisionTable table(const ParseNode& node);
    ast::TableRow table_row(const ParseNode& node);

    /// The `approval NAME` line: a chain without steps yet.
    ast::Approval approval(const ParseNode& node);
    /// A `step` line (its group is set by the parser).
    ast::ApprovalStep approval_step(const ParseNode& node);
    ast::ApprovalTimeout approval_timeout(const ParseNode& node);
    ast::ApprovalOutcome approval_outcome(const ParseNode& node);

    /// `HH:MM` in minutes from midnight; E0107 (and -1, which the checker skips) when it is
    /// no time of day.
    int clock_minutes(const ParseNode& node);
    /// A date literal in days since 1970-01-01; E0107 (and 0) when it is no date.
    std::int64_t date_value(const ParseNode& node);

private:
    ast::SlaTarget sla_target(const ParseNode& node);
    bool read_length(const ParseNode& child, ast::SlaTarget& length);
    void business_duration(const ParseNode& node, ast::SlaTarget& length);

    AstBuilder& builder_;
    DiagnosticList& diagnostics_;
};

} // namespace millwright::dsl::detail
