// From parse tree to AST for the lines of a `pm` rule: its header, the asset selector, the
// schedule or condition, the policies and the `create` line. Like BlockBuilder it turns one
// statement's nodes into values and reports bad literals (E0107) on the way; which block a
// line belongs to is the parser's business, and which parts fit together is the checker's.
#pragma once

#include "ast_builder.hpp"
#include "block_builder.hpp"

namespace millwright::dsl::detail {

class PmBuilder {
public:
    PmBuilder(AstBuilder& builder, BlockBuilder& blocks, DiagnosticList& diagnostics)
        : builder_(builder), blocks_(blocks), diagnostics_(diagnostics) {}

    /// The `pm NAME ["Title"]` line: a rule with nothing in it yet.
    ast::PmRule rule(const ParseNode& node);
    /// Adds one line of the rule (`node` is the line's statement node) to `rule`.
    void add_line(const ParseNode& node, SourceSpan line, ast::PmRule& rule);

private:
    ast::PmSchedule schedule(const ParseNode& node, SourceSpan line);
    void every(const ParseNode& node, ast::PmSchedule& schedule);
    void schedule_part(const ParseNode& node, ast::PmSchedule& schedule);
    void days(const ParseNode& node, ast::PmSchedule& schedule);
    void option(const ParseNode& node, ast::PmSchedule& schedule);
    ast::ReadingTest reading_test(const ParseNode& node);
    ast::PmCreate create(const ParseNode& node, SourceSpan line);
    ast::WrittenDuration duration(const ParseNode& node);
    ast::Numbered count(const ParseNode& node);

    AstBuilder& builder_;
    BlockBuilder& blocks_;
    DiagnosticList& diagnostics_;
};

} // namespace millwright::dsl::detail
