// From parse tree to AST: which grammar rules the PEGTL parse tree keeps, and the builder that
// turns the kept nodes of one statement into AST values with their spans. Expressions are
// folded left-associatively here; the builder also measures their depth, because a flat chain
// `a + b + c ...` is as deep a tree as nested parentheses although the grammar never recursed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar.hpp"
#include "literals.hpp"
#include "millwright/dsl/ast.hpp"
#include "millwright/dsl/diagnostic.hpp"

namespace millwright::dsl::detail {

using ParseNode = tao::pegtl::parse_tree::node;

// clang-format off
/// The rules the parse tree keeps; everything else is folded into its parent. The five
/// precedence levels fold away when they hold a single operand.
template <typename Rule>
using tree_selector = tao::pegtl::parse_tree::selector<Rule,
    tao::pegtl::parse_tree::store_content::on<
        grammar::identifier, grammar::event_identifier, grammar::data_key,
        grammar::string_literal, grammar::timestamp_literal, grammar::date_literal,
        grammar::duration_compact, grammar::duration_spelled, grammar::number_literal,
        grammar::malformed_literal, grammar::true_literal, grammar::false_literal,
        grammar::data_ref, grammar::call, grammar::list_literal, grammar::negation,
        grammar::logical_not, grammar::op_mul, grammar::op_div, grammar::op_add, grammar::op_sub,
        grammar::op_ne, grammar::op_le, grammar::op_ge, grammar::op_eq, grammar::op_lt,
        grammar::op_gt, grammar::op_not_in, grammar::op_in, grammar::scalar_type_word,
        grammar::enum_type, grammar::list_type, grammar::required_word, grammar::field_default,
        grammar::initial_word, grammar::final_word, grammar::state_item, grammar::states_decl,
        grammar::any_states, grammar::listed_states, grammar::guard_clause,
        grammar::requires_clause, grammar::alternative, grammar::enter_word, grammar::leave_word,
        grammar::hook_header, grammar::event_header, grammar::role_recipient, grammar::recipient,
        grammar::set_action, grammar::notify_action, grammar::assign_action, grammar::note_action,
        grammar::workflow_header, grammar::end_decl, grammar::field_decl, grammar::statement,
        grammar::level_item, grammar::priorities_decl, grammar::axis_decl, grammar::matrix_decl,
        grammar::matrix_columns, grammar::row_key, grammar::matrix_row, grammar::priority_matrix,
        grammar::priority_decl, grammar::override_decl, grammar::timer_header,
        grammar::business_duration, grammar::business_word, grammar::timer_calendar,
        grammar::timer_transition, grammar::calendar_decl, grammar::weekday_word,
        grammar::month_word, grammar::clock_time, grammar::shift, grammar::every_day,
        grammar::day_range, grammar::hours_line, grammar::holidays_line, grammar::ordinal,
        grammar::yearly_weekday, grammar::day_of_month, grammar::yearly_date, grammar::yearly_line,
        grammar::closed_line, grammar::sla_decl, grammar::sla_target, grammar::sla_level,
        grammar::clock_word, grammar::clock_event, grammar::clock_line, grammar::pause_line,
        grammar::percent, grammar::warn_line, grammar::workflow_sla, grammar::table_word,
        grammar::bool_input, grammar::input_decl, grammar::hit_word, grammar::table_decl,
        grammar::any_value, grammar::negated_set, grammar::condition, grammar::table_row,
        grammar::classify_action, grammar::approval_decl, grammar::step_decl,
        grammar::rule_word, grammar::approver_role, grammar::approver_manager,
        grammar::relative_word, grammar::approver_person, grammar::parallel_decl,
        grammar::timeout_decl, grammar::timeout_action_word, grammar::outcome_decl,
        grammar::outcome_word, grammar::start_clause, grammar::asset_ref, grammar::pm_ref,
        grammar::context_key, grammar::pm_decl, grammar::pm_assets, grammar::every_line,
        grammar::rrule_line, grammar::pm_period, grammar::every_count, grammar::period_word,
        grammar::pm_meter, grammar::pm_days, grammar::nth_weekday, grammar::ordinal_word,
        grammar::last_word, grammar::last_day, grammar::month_day, grammar::day_number,
        grammar::weekdays_word, grammar::pm_months, grammar::pm_times, grammar::pm_zone,
        grammar::after_completion, grammar::pm_starting, grammar::pm_until, grammar::pm_repeat,
        grammar::repeat_count, grammar::pm_lead, grammar::pm_season, grammar::pm_condition,
        grammar::reading_test, grammar::reading_limit, grammar::sustained, grammar::pm_clears,
        grammar::previous_open, grammar::create_anyway, grammar::missed_policy,
        grammar::catch_up_word, grammar::missing_day, grammar::dst_gap,
        grammar::shift_word, grammar::create_line, grammar::reserve_item, grammar::quantity,
        grammar::field_value>,
    tao::pegtl::parse_tree::fold_one::on<grammar::or_expr, grammar::and_expr,
                                         grammar::comparison, grammar::additive, grammar::term>>;
// clang-format on

/// Thrown when a built expression is deeper than the limit (E0103).
struct ExpressionTooDeep {
    SourceSpan span;
};

/// An expression and the depth of its tree.
struct Built {
    ast::Expr expr;
    unsigned depth = 1;
};

/// Turns parse-tree nodes of one statement into AST values. Literal problems (E0107) and list
/// literals longer than `max_list_items` (E0109) are reported on the way and do not stop the
/// statement; an expression deeper than `max_depth` throws ExpressionTooDeep.
class AstBuilder {
public:
    /// `base` is the first byte of the source text: spans are offsets from it.
    AstBuilder(const char* base, SourceId id, DiagnosticList& diagnostics, unsigned max_depth,
               std::size_t max_list_items)
        : base_(base), id_(id), diagnostics_(diagnostics), max_depth_(max_depth),
          max_list_items_(max_list_items) {}

    /// The node's span without trailing blanks.
    SourceSpan span(const ParseNode& node) const;
    SourceSpan span(const char* begin, const char* end) const;
    ast::Identifier identifier(const ParseNode& node) const;
    ast::Expr expression(const ParseNode& node);
    ast::TypeRef type(const ParseNode& node) const;
    ast::Action action(const ParseNode& node);
    /// The decoded text of a string literal node (escapes resolved, braces kept).
    std::string string_value(const ParseNode& node) const;
    /// A block opened by `KEYWORD NAME ["Title"]` (a workflow, an sla, an approval, a pm rule):
    /// its span, its name and, when given, its title; the rest is the caller's.
    template <class Block>
    Block named_block(const ParseNode& node) const {
        Block block;
        block.span = span(node);
        block.name = identifier(*node.children.at(0));
        if (node.children.size() > 1) {
            block.title = string_value(*node.children.at(1));
        }
        return block;
    }

private:
    static ast::TypeKind scalar_kind(std::string_view word);
    static ast::BinaryOp binary_op(const ParseNode& node);
    ast::Recipient recipient(const ParseNode& node);
    Built build(const ParseNode& node);
    Built fold_same(const ParseNode& node, ast::BinaryOp op);
    Built fold_with_operators(const ParseNode& node);
    Built binary(Built left, ast::BinaryOp op, Built right);
    Built unary(const ParseNode& node, ast::UnaryOp op);
    Built with_operands(const ParseNode& node);
    void check_depth(const Built& built) const;
    ast::Expr literal(const ParseNode& node);
    std::int64_t decoded(const char* kind, const literals::Decoded& result, SourceSpan at,
                         std::string_view text);
    void report_invalid(const char* kind, std::string_view text, const std::string& hint,
                        SourceSpan at);

    const char* base_;
    SourceId id_;
    DiagnosticList& diagnostics_;
    unsigned max_depth_;
    std::size_t max_list_items_;
};

} // namespace millwright::dsl::detail
