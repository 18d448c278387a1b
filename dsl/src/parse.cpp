// The parser: runs the line grammar (grammar.hpp) once per statement, turns each statement's
// parse tree into AST values, and attaches them to the workflow, event and alternative they
// belong to. Block structure lives here rather than in the grammar so that a syntax error costs
// only its own line: the parser reports it (E01xx), skips to the next line and goes on, and
// it keeps enough context to stay quiet about lines that merely follow a broken one.
#include "millwright/dsl/compile.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "ast_builder.hpp"
#include "block_builder.hpp"
#include "grammar.hpp"
#include "pm_builder.hpp"
#include "standard.hpp"
#include "suggest.hpp"

namespace millwright::dsl {

namespace {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
using detail::AstBuilder;
using detail::ExpressionTooDeep;
using Node = detail::ParseNode;

/// The words that begin a statement, for "did you mean `field`?" on a mistyped keyword.
const std::vector<std::string>& statement_keywords() {
    static const std::vector<std::string> words{
        "workflow", "end",   "field",    "states",   "on",         "set",   "notify",
        "assign",   "note",  "matrix",   "priority", "priorities", "after", "calendar",
        "sla",      "table", "classify", "approval", "pm"};
    return words;
}

bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Where the actions of an action line go: the last alternative, or the last hook.
struct ActionTarget {
    enum class Kind { none, poisoned, alternative, hook, timer };
    Kind kind = Kind::none;
    std::size_t event = 0;
    std::size_t index = 0;
};

/// Whether a `but LEVEL when ...` line has a `priority =` line to belong to.
enum class OverrideTarget { none, poisoned, priority };

/// The statement-by-statement driver and the block structure it maintains.
class Parser {
public:
    Parser(const Source& source, SourceId id, DiagnosticList& diagnostics,
           const CompileLimits& limits)
        : text_(source.text()), source_body_start_(source.body_start()), id_(id),
          diagnostics_(diagnostics), max_depth_(limits.max_expression_depth),
          builder_(text_.data(), id, diagnostics, limits.max_expression_depth,
                   limits.max_list_items),
          blocks_(builder_, diagnostics), pm_builder_(builder_, blocks_, diagnostics) {
        program_.source = id;
    }

    ast::Program run() {
        std::size_t pos = source_body_start_;
        while (pos < text_.size()) {
            pos = parse_line(pos);
        }
        close_blocks();
        return std::move(program_);
    }

private:
    /// Parses the statement starting at `pos` and returns where the next one starts.
    std::size_t parse_line(std::size_t pos) {
        const char* begin = text_.data() + pos;
        g::line_input in(begin, text_.data() + text_.size(), max_depth_);
        try {
            std::unique_ptr<Node> root;
            if (pm_) {
                root =
                    pt::parse<g::pm_line, detail::tree_selector, tao::pegtl::nothing, g::control>(
                        in);
            } else if (approval_) {
                root = pt::parse<g::approval_line, detail::tree_selector, tao::pegtl::nothing,
                                 g::control>(in);
            } else if (sla_) {
                root =
                    pt::parse<g::sla_line, detail::tree_selector, tao::pegtl::nothing, g::control>(
                        in);
            } else if (table_) {
                root = pt::parse<g::table_line, detail::tree_selector, tao::pegtl::nothing,
                                 g::control>(in);
            } else if (calendar_) {
                root = pt::parse<g::calendar_line, detail::tree_selector, tao::pegtl::nothing,
                                 g::control>(in);
            } else if (matrix_) {
                root = pt::parse<g::matrix_line, detail::tree_selector, tao::pegtl::nothing,
                                 g::control>(in);
            } else if (open_) {
                root =
                    pt::parse<g::line, detail::tree_selector, tao::pegtl::nothing, g::control>(in);
            } else {
                root =
                    pt::parse<g::top_line, detail::tree_selector, tao::pegtl::nothing, g::control>(
                        in);
            }
            const std::size_t next = static_cast<std::size_t>(in.current() - text_.data());
            if (root) {
                statement(*root, pos);
            }
            return std::max(next, pos + 1);
        } catch (const g::syntax_error& error) {
            report_syntax_error(error, pos);
            after_failed_line(pos);
            return after_error(static_cast<std::size_t>(error.at - text_.data()));
        } catch (const ExpressionTooDeep& error) {
            report_too_deep(error.span);
            after_failed_line(pos);
            return after_error(error.span.begin);
        }
    }

    // ---- statements ------------------------------------------------------------------------

    void statement(const Node& root, std::size_t line_begin) {
        if (root.children.empty()) {
            return; // a blank or comment line
        }
        const Node& first = *root.children.front();
        const auto& items = first.is_type<g::statement>() ? first.children : root.children;
        const bool action_line = !items.empty() && is_action(*items.front());
        const bool keeps_priority = !items.empty() && (items.front()->is_type<g::priority_decl>() ||
                                                       items.front()->is_type<g::override_decl>());
        if (!keeps_priority) {
            override_target_ = OverrideTarget::none;
        }
        for (const auto& item : items) {
            if (is_action(*item) && action_line) {
                attach_action_from_line(*item);
            } else {
                item_node(*item, line_begin);
            }
        }
        skipping_top_level_ = false;
    }

    static bool is_action(const Node& node) {
        return node.is_type<g::set_action>() || node.is_type<g::notify_action>() ||
               node.is_type<g::assign_action>() || node.is_type<g::note_action>() ||
               node.is_type<g::classify_action>();
    }

    void item_node(const Node& node, std::size_t line_begin) {
        if (pm_item(node, line_begin) || block_item(node)) {
            return;
        }
        if (node.is_type<g::workflow_header>()) {
            open_workflow(node);
        } else if (node.is_type<g::end_decl>()) {
            close_block(builder_.span(node));
        } else if (node.is_type<g::priority_decl>()) {
            priority_clause(node);
        } else if (node.is_type<g::override_decl>()) {
            priority_override(node, line_begin);
        } else if (node.is_type<g::timer_header>()) {
            timer(node, line_begin);
        } else if (node.is_type<g::timer_transition>()) {
            workflow().timers.back().targets.push_back(builder_.identifier(*node.children.at(0)));
        } else if (node.is_type<g::workflow_sla>()) {
            workflow().slas.push_back(builder_.identifier(*node.children.at(0)));
            reset_targets();
        } else if (node.is_type<g::field_decl>()) {
            workflow().fields.push_back(field(node));
            reset_targets();
        } else if (node.is_type<g::states_decl>()) {
            for (const auto& item : node.children) {
                workflow().states.push_back(state(*item));
            }
            reset_targets();
        } else if (node.is_type<g::event_header>()) {
            event_header(node);
        } else if (node.is_type<g::hook_header>()) {
            hook_header(node, line_begin);
        } else if (node.is_type<g::alternative>()) {
            alternative(node);
        } else if (is_action(node)) {
            // An action inline on a hook line (an alternative keeps its own).
            attach_action(builder_.action(node));
        }
    }

    /// The lines of the shared definitions: `priorities`, and the headers and lines of
    /// matrices, calendars and SLAs. False for any other node.
    bool block_item(const Node& node) {
        if (node.is_type<g::priorities_decl>()) {
            close_blocks();
            program_.priority_levels.push_back(blocks_.priorities(node));
        } else if (node.is_type<g::matrix_decl>()) {
            close_blocks();
            matrix_ = blocks_.matrix(node);
        } else if (node.is_type<g::matrix_columns>()) {
            matrix_->columns.push_back(blocks_.matrix_columns(node));
        } else if (node.is_type<g::matrix_row>()) {
            matrix_->rows.push_back(blocks_.matrix_row(node));
        } else if (node.is_type<g::calendar_decl>()) {
            close_blocks();
            calendar_ = blocks_.calendar(node);
        } else if (node.is_type<g::hours_line>()) {
            calendar_->hours.push_back(blocks_.opening_hours(node));
        } else if (node.is_type<g::holidays_line>()) {
            for (auto& holiday : blocks_.holidays(node)) {
                calendar_->holidays.push_back(holiday);
            }
        } else if (node.is_type<g::yearly_line>()) {
            calendar_->yearly.push_back(blocks_.yearly(node));
        } else if (node.is_type<g::closed_line>()) {
            calendar_->closures.push_back(blocks_.closure(node));
        } else if (node.is_type<g::table_decl>()) {
            close_blocks();
            table_ = blocks_.table(node);
        } else if (node.is_type<g::table_row>()) {
            table_->rows.push_back(blocks_.table_row(node));
        } else if (node.is_type<g::sla_decl>()) {
            close_blocks();
            sla_ = blocks_.sla(node);
        } else if (node.is_type<g::sla_level>()) {
            sla_->levels.push_back(blocks_.sla_level(node));
        } else if (node.is_type<g::clock_line>()) {
            sla_->clocks.push_back(blocks_.sla_clock(node));
        } else if (node.is_type<g::pause_line>()) {
            for (const auto& state : node.children) {
                sla_->paused.push_back(builder_.identifier(*state));
            }
        } else if (node.is_type<g::warn_line>()) {
            if (sla_->warn) {
                sla_->extra_warns.push_back(builder_.span(node));
            } else {
                sla_->warn = blocks_.warn_percent(node);
            }
        } else {
            return approval_item(node);
        }
        return true;
    }

    /// The header and lines of a pm rule; false for any other node.
    bool pm_item(const Node& node, std::size_t line_begin) {
        if (node.is_type<g::pm_decl>()) {
            close_blocks();
            pm_ = pm_builder_.rule(node);
            return true;
        }
        const bool pm_line = node.is_type<g::pm_assets>() || node.is_type<g::every_line>() ||
                             node.is_type<g::rrule_line>() || node.is_type<g::pm_condition>() ||
                             node.is_type<g::pm_clears>() || node.is_type<g::previous_open>() ||
                             node.is_type<g::missed_policy>() || node.is_type<g::missing_day>() ||
                             node.is_type<g::dst_gap>() || node.is_type<g::create_line>();
        if (!pm_ || !pm_line) {
            return false;
        }
        pm_builder_.add_line(node, statement_span(line_begin), *pm_);
        return true;
    }

    /// The header and lines of an approval chain; false for any other node.
    bool approval_item(const Node& node) {
        if (node.is_type<g::approval_decl>()) {
            close_blocks();
            approval_ = blocks_.approval(node);
        } else if (node.is_type<g::step_decl>()) {
            ast::ApprovalStep step = blocks_.approval_step(node);
            if (in_parallel_) {
                step.group = approval_->groups.size() - 1;
                ++approval_->groups.back().steps;
            }
            approval_->steps.push_back(std::move(step));
        } else if (node.is_type<g::parallel_decl>()) {
            const SourceSpan span = builder_.span(node);
            if (in_parallel_) {
                diagnostics_.report(
                    "E0101", span,
                    {"`step` or `end`", "`parallel`", "parallel groups do not nest"});
                return true;
            }
            approval_->groups.push_back({span, 0});
            in_parallel_ = true;
        } else if (node.is_type<g::timeout_decl>()) {
            approval_->timeouts.push_back(blocks_.approval_timeout(node));
        } else if (node.is_type<g::outcome_decl>()) {
            approval_->outcomes.push_back(blocks_.approval_outcome(node));
        } else {
            return false;
        }
        return true;
    }

    void open_workflow(const Node& node) {
        close_blocks();
        open_ = builder_.named_block<ast::Workflow>(node);
        discard_open_ = false;
        reset_targets();
    }

    /// Ends the open workflow; without `end` that is E0106 at its header.
    void close_workflow(bool ended) {
        if (!ended && !discard_open_) {
            diagnostics_.report("E0106", open_->span, {"workflow", open_->name.name});
        }
        if (!discard_open_) {
            program_.workflows.push_back(std::move(*open_));
        }
        open_.reset();
        discard_open_ = false;
        reset_targets();
    }

    /// Ends the open matrix; without `end` that is E0106 at its header.
    void close_matrix(std::optional<SourceSpan> end) {
        if (!end && !discard_matrix_) {
            diagnostics_.report("E0106", matrix_->span, {"matrix", matrix_->name.name});
        }
        matrix_->end_span = end;
        if (!discard_matrix_) {
            program_.matrices.push_back(std::move(*matrix_));
        }
        matrix_.reset();
        discard_matrix_ = false;
    }

    /// Ends the open calendar; without `end` that is E0106 at its header.
    void close_calendar(bool ended) {
        if (!ended && !discard_calendar_) {
            diagnostics_.report("E0106", calendar_->span, {"calendar", calendar_->name.name});
        }
        if (!discard_calendar_) {
            program_.calendars.push_back(std::move(*calendar_));
        }
        calendar_.reset();
        discard_calendar_ = false;
    }

    /// Ends the open table; without `end` that is E0106 at its header.
    void close_table(std::optional<SourceSpan> end) {
        if (!end && !discard_table_) {
            diagnostics_.report("E0106", table_->span, {"table", table_->name.name});
        }
        table_->end_span = end;
        if (!discard_table_) {
            program_.tables.push_back(std::move(*table_));
        }
        table_.reset();
        discard_table_ = false;
    }

    /// Ends the open SLA; without `end` that is E0106 at its header.
    void close_sla(bool ended) {
        if (!ended && !discard_sla_) {
            diagnostics_.report("E0106", sla_->span, {"sla", sla_->name.name});
        }
        if (!discard_sla_) {
            program_.slas.push_back(std::move(*sla_));
        }
        sla_.reset();
        discard_sla_ = false;
    }

    /// Ends the open pm rule; without `end` that is E0106 at its header.
    void close_pm(bool ended) {
        if (!ended && !discard_pm_) {
            diagnostics_.report("E0106", pm_->span, {"pm rule", pm_->name.name});
        }
        if (!discard_pm_) {
            program_.pm_rules.push_back(std::move(*pm_));
        }
        pm_.reset();
        discard_pm_ = false;
    }

    /// Ends the open approval; without `end` that is E0106 at its header.
    void close_approval(bool ended) {
        if (!ended && !discard_approval_) {
            diagnostics_.report("E0106", approval_->span, {"approval", approval_->name.name});
        }
        if (!discard_approval_) {
            program_.approvals.push_back(std::move(*approval_));
        }
        approval_.reset();
        discard_approval_ = false;
        in_parallel_ = false;
    }

    /// `end`: closes the block that is open (in an approval, first its `parallel` group).
    void close_block(SourceSpan end) {
        if (pm_) {
            close_pm(/*ended=*/true);
        } else if (approval_ && in_parallel_) {
            in_parallel_ = false;
        } else if (approval_) {
            close_approval(/*ended=*/true);
        } else if (sla_) {
            close_sla(/*ended=*/true);
        } else if (table_) {
            close_table(end);
        } else if (calendar_) {
            close_calendar(/*ended=*/true);
        } else if (matrix_) {
            close_matrix(end);
        } else if (open_) {
            close_workflow(/*ended=*/true);
        }
    }

    /// A new block (or a top-level line) starts: whatever is still open lacks its `end`.
    void close_blocks() {
        if (pm_) {
            close_pm(/*ended=*/false);
        }
        if (approval_) {
            close_approval(/*ended=*/false);
        }
        if (sla_) {
            close_sla(/*ended=*/false);
        }
        if (table_) {
            close_table(std::nullopt);
        }
        if (calendar_) {
            close_calendar(/*ended=*/false);
        }
        if (matrix_) {
            close_matrix(std::nullopt);
        }
        if (open_) {
            close_workflow(/*ended=*/false);
        }
    }

    void priority_clause(const Node& node) {
        workflow().priorities.push_back(blocks_.priority_clause(node));
        reset_targets();
        override_target_ = OverrideTarget::priority;
    }

    /// `but LEVEL when ...` belongs to the `priority =` line right above it (or to the
    /// overrides below that line); anywhere else it is E0101, once for a run of lines.
    void priority_override(const Node& node, std::size_t line_begin) {
        if (override_target_ != OverrideTarget::priority) {
            if (override_target_ == OverrideTarget::none) {
                diagnostics_.report("E0101",
                                    builder_.span(node.m_begin.data, node.m_begin.data + 3),
                                    {"`priority = ...` before `but`", "`but`",
                                     "an override follows the `priority =` line it changes"});
                override_target_ = OverrideTarget::poisoned;
            }
            return;
        }
        ast::PriorityOverride override_line;
        override_line.span = statement_span(line_begin);
        override_line.level = builder_.identifier(*node.children.at(0));
        override_line.guard = builder_.expression(*node.children.at(1));
        workflow().priorities.back().overrides.push_back(std::move(override_line));
    }

    void timer(const Node& node, std::size_t line_begin) {
        ast::Timer timer = blocks_.timer(node);
        timer.span = statement_span(line_begin);
        workflow().timers.push_back(std::move(timer));
        event_.reset();
        event_poisoned_ = false;
        action_target_ = {ActionTarget::Kind::timer, 0, workflow().timers.size() - 1};
    }

    ast::FieldDecl field(const Node& node) {
        ast::FieldDecl field;
        field.span = builder_.span(node);
        field.name = builder_.identifier(*node.children.at(0));
        field.type = builder_.type(*node.children.at(1));
        for (std::size_t i = 2; i < node.children.size(); ++i) {
            const Node& option = *node.children[i];
            if (option.is_type<g::required_word>()) {
                field.required = true;
                field.required_span = builder_.span(option);
            } else {
                field.default_value = builder_.expression(*option.children.at(0));
            }
        }
        return field;
    }

    ast::StateDecl state(const Node& node) const {
        ast::StateDecl state;
        state.span = builder_.span(node);
        state.name = builder_.identifier(*node.children.at(0));
        for (std::size_t i = 1; i < node.children.size(); ++i) {
            const Node& flag = *node.children[i];
            if (flag.is_type<g::initial_word>()) {
                state.initial = true;
                state.initial_span = builder_.span(flag);
            } else {
                state.final = true;
                state.final_span = builder_.span(flag);
            }
        }
        return state;
    }

    void event_header(const Node& node) {
        ast::EventHandler handler;
        handler.span = builder_.span(node);
        handler.event = builder_.identifier(*node.children.at(0));
        workflow().events.push_back(std::move(handler));
        event_ = workflow().events.size() - 1;
        event_poisoned_ = false;
        action_target_ = {};
    }

    void hook_header(const Node& node, std::size_t line_begin) {
        ast::StateHook hook;
        hook.kind = node.children.at(0)->is_type<g::enter_word>() ? ast::HookKind::enter
                                                                  : ast::HookKind::leave;
        hook.state = builder_.identifier(*node.children.at(1));
        hook.span = statement_span(line_begin);
        workflow().hooks.push_back(std::move(hook));
        event_.reset();
        event_poisoned_ = false;
        action_target_ = {ActionTarget::Kind::hook, 0, workflow().hooks.size() - 1};
    }

    void alternative(const Node& node) {
        if (!event_) {
            if (!event_poisoned_) {
                report_orphan_alternative(node);
                event_poisoned_ = true; // the transitions after it are the same problem
            }
            action_target_ = {ActionTarget::Kind::poisoned};
            return;
        }
        ast::Alternative alternative;
        alternative.span = builder_.span(node);
        alternative.from = source_states(*node.children.at(0));
        alternative.to = builder_.identifier(*node.children.at(1));
        for (std::size_t i = 2; i < node.children.size(); ++i) {
            const Node& part = *node.children[i];
            if (part.is_type<g::guard_clause>()) {
                alternative.guard = builder_.expression(*part.children.at(0));
            } else if (part.is_type<g::requires_clause>()) {
                for (const auto& name : part.children) {
                    alternative.required.push_back(builder_.identifier(*name));
                }
            } else if (part.is_type<g::start_clause>()) {
                alternative.starts.push_back(builder_.identifier(*part.children.at(0)));
            } else {
                alternative.actions.push_back(builder_.action(part));
            }
        }
        auto& alternatives = workflow().events[*event_].alternatives;
        alternatives.push_back(std::move(alternative));
        action_target_ = {ActionTarget::Kind::alternative, *event_, alternatives.size() - 1};
    }

    ast::SourceStates source_states(const Node& node) const {
        ast::SourceStates states;
        states.span = builder_.span(node);
        states.any = node.is_type<g::any_states>();
        for (const auto& name : node.children) {
            states.states.push_back(builder_.identifier(*name));
        }
        return states;
    }

    /// An action on a line of its own: E0105 when nothing takes it, once for a run of lines.
    void attach_action_from_line(const Node& node) {
        ast::Action action = builder_.action(node);
        if (action_target_.kind == ActionTarget::Kind::none) {
            diagnostics_.report("E0105", action.span);
            action_target_ = {ActionTarget::Kind::poisoned}; // the lines after belong with it
        }
        attach_action(std::move(action));
    }

    void attach_action(ast::Action action) {
        switch (action_target_.kind) {
        case ActionTarget::Kind::alternative:
            workflow()
                .events[action_target_.event]
                .alternatives[action_target_.index]
                .actions.push_back(std::move(action));
            break;
        case ActionTarget::Kind::hook:
            workflow().hooks[action_target_.index].actions.push_back(std::move(action));
            break;
        case ActionTarget::Kind::timer:
            workflow().timers[action_target_.index].actions.push_back(std::move(action));
            break;
        case ActionTarget::Kind::none:
        case ActionTarget::Kind::poisoned:
            break;
        }
    }

    void reset_targets() {
        event_.reset();
        event_poisoned_ = false;
        action_target_ = {};
    }

    ast::Workflow& workflow() { return *open_; }

    // ---- errors and recovery ---------------------------------------------------------------

    static bool opens_block(const std::string& word) {
        return word == "workflow" || word == "matrix" || word == "priorities" ||
               word == "calendar" || word == "sla" || word == "table" || word == "approval" ||
               word == "pm";
    }

    void report_syntax_error(const g::syntax_error& error, std::size_t line_begin) {
        const bool new_block = opens_block(word_at(first_word_offset(line_begin)));
        if (!open_ && !matrix_ && !calendar_ && !sla_ && !table_ && !approval_ && !pm_ &&
            skipping_top_level_ && !new_block) {
            return; // still inside the block that was already reported
        }
        const auto at = static_cast<std::uint32_t>(error.at - text_.data());
        switch (error.kind) {
        case g::error_kind::unterminated_string: {
            const char* start = error.start != nullptr ? error.start : error.at;
            diagnostics_.report("E0102",
                                span_at(start - text_.data(), at - (start - text_.data())));
            break;
        }
        case g::error_kind::too_deep:
            report_too_deep(span_at(at, 1));
            break;
        case g::error_kind::bad_escape: {
            const std::uint32_t begin = at > 0 ? at - 1 : at;
            const std::uint32_t length = code_point_length(at) + (at - begin);
            diagnostics_.report("E0107", span_at(begin, length),
                                {"escape", std::string(text_.substr(begin, length)), error.hint});
            break;
        }
        case g::error_kind::expected:
            report_expected(error, at, line_begin);
            break;
        }
    }

    /// E0101 "expected X, found Y". When the line starts with a near miss of a statement
    /// keyword (`feild`), that word is the real problem, so the error points at it.
    void report_expected(const g::syntax_error& error, std::uint32_t at, std::size_t line_begin) {
        const std::size_t word = first_word_offset(line_begin);
        const std::string first = word_at(word);
        const bool is_keyword =
            std::ranges::find(statement_keywords(), first) != statement_keywords().end();
        const std::string suggestion =
            first.empty() || is_keyword ? std::string() : mistyped_keyword(first);
        if (!suggestion.empty()) {
            const char* expected = pm_         ? g::error_for<g::pm_statement>.expected
                                   : approval_ ? g::error_for<g::approval_statement>.expected
                                   : sla_      ? g::error_for<g::sla_statement>.expected
                                   : table_    ? g::error_for<g::table_statement>.expected
                                   : calendar_ ? g::error_for<g::calendar_statement>.expected
                                   : matrix_   ? g::error_for<g::matrix_statement>.expected
                                   : open_     ? g::error_for<g::statement>.expected
                                               : g::error_for<g::top_statement>.expected;
            diagnostics_.report("E0101", span_at(word, first.size()),
                                {expected, "`" + first + "`", suggestion});
            return;
        }
        diagnostics_.report("E0101", span_at(at, found_length(at)),
                            {error.what, describe_found(at), hint_for(error, at)});
    }

    /// The hint of the error table, or, where a name was expected and a reserved word is
    /// there (`field date : date`), the reason the word cannot be used.
    std::string hint_for(const g::syntax_error& error, std::size_t at) const {
        const std::string word = word_at(at);
        const bool wants_name = std::string_view(error.what).find("name") != std::string::npos;
        if (*error.hint != '\0' || !wants_name || !is_reserved(word)) {
            return error.hint;
        }
        return "`" + word + "` is a reserved word and cannot be used as a name";
    }

    static bool is_reserved(const std::string& word) {
        tao::pegtl::memory_input<> in(word, "");
        return !word.empty() &&
               tao::pegtl::parse<tao::pegtl::seq<g::reserved_word, tao::pegtl::eof>>(in);
    }

    /// "did you mean `field`?" when `word` is one edit (or a third of its length) away from a
    /// statement keyword; stricter than names in scope, because any word can start a transition.
    static std::string mistyped_keyword(const std::string& word) {
        for (const auto& keyword : statement_keywords()) {
            const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
            if (edit_distance(word, keyword) <= allowed) {
                return "did you mean `" + keyword + "`?";
            }
        }
        return {};
    }

    void report_too_deep(SourceSpan span) {
        diagnostics_.report("E0103", span, {std::to_string(max_depth_)});
    }

    void report_orphan_alternative(const Node& node) {
        const SourceSpan span = builder_.span(*node.children.at(0));
        diagnostics_.report(
            "E0101", span,
            {"`on EVENT:` before a transition",
             "`" + std::string(text_.substr(span.begin, span.end - span.begin)) + "`",
             "a transition belongs to the `on EVENT:` line above it"});
    }

    /// Keeps the context consistent after a line failed, so that the lines that depend on it
    /// are not blamed a second time.
    void after_failed_line(std::size_t line_begin) {
        const std::string first = word_at(first_word_offset(line_begin));
        if (first == "matrix") { // a broken matrix header: read its rows quietly
            close_blocks();
            matrix_ = ast::Matrix{};
            matrix_->span = statement_span(line_begin);
            discard_matrix_ = true;
            return;
        }
        if (first == "pm" && !open_) { // likewise for a pm rule
            close_blocks();
            pm_ = ast::PmRule{};
            pm_->span = statement_span(line_begin);
            discard_pm_ = true;
            return;
        }
        if (pm_) {
            if (first == "end") {
                close_pm(/*ended=*/true);
            } else if (opens_block(first)) {
                close_pm(/*ended=*/false);
                after_failed_line(line_begin);
            }
            return;
        }
        if (first == "approval" && !open_) { // likewise for an approval
            close_blocks();
            approval_ = ast::Approval{};
            approval_->span = statement_span(line_begin);
            discard_approval_ = true;
            return;
        }
        if (approval_) {
            if (first == "end") {
                close_block(statement_span(line_begin));
            } else if (opens_block(first)) {
                close_approval(/*ended=*/false);
                after_failed_line(line_begin);
            }
            return;
        }
        if (first == "sla" && !open_) { // likewise for an SLA
            close_blocks();
            sla_ = ast::Sla{};
            sla_->span = statement_span(line_begin);
            discard_sla_ = true;
            return;
        }
        if (sla_) {
            if (first == "end") {
                close_sla(/*ended=*/true);
            } else if (opens_block(first)) {
                close_sla(/*ended=*/false);
                after_failed_line(line_begin);
            }
            return;
        }
        if (first == "table" && !open_) { // likewise for a table
            close_blocks();
            table_ = ast::DecisionTable{};
            table_->span = statement_span(line_begin);
            discard_table_ = true;
            return;
        }
        if (table_) {
            if (first == "end") {
                close_table(statement_span(line_begin));
            } else if (opens_block(first)) {
                close_table(std::nullopt);
                after_failed_line(line_begin);
            }
            return;
        }
        if (first == "calendar") { // likewise for a calendar
            close_blocks();
            calendar_ = ast::Calendar{};
            calendar_->span = statement_span(line_begin);
            discard_calendar_ = true;
            return;
        }
        if (calendar_) {
            if (first == "end") {
                close_calendar(/*ended=*/true);
            } else if (first == "workflow" || first == "priorities" || first == "matrix") {
                close_calendar(/*ended=*/false);
                after_failed_line(line_begin);
            }
            return;
        }
        if (matrix_) {
            if (first == "end") {
                close_matrix(statement_span(line_begin));
            } else if (first == "workflow" || first == "priorities" || first == "calendar") {
                close_matrix(std::nullopt);
                after_failed_line(line_begin);
            }
            return;
        }
        if (first == "priority") {
            override_target_ = OverrideTarget::poisoned; // its `but` lines are the same problem
        } else if (first != "but") {
            override_target_ = OverrideTarget::none;
        }
        if (!open_) {
            if (first == "workflow") {
                open_ = ast::Workflow{};
                open_->span = statement_span(line_begin);
                discard_open_ = true;
            } else {
                skipping_top_level_ = true;
            }
            return;
        }
        if (first == "workflow") {
            close_workflow(/*ended=*/false);
            open_ = ast::Workflow{};
            discard_open_ = true;
        } else if (first == "end") {
            close_workflow(/*ended=*/true);
        } else if (first == "on") {
            event_.reset();
            event_poisoned_ = true;
            action_target_ = {ActionTarget::Kind::poisoned};
        } else if (first == "field" || first == "states") {
            reset_targets();
        } else if (first != "set" && first != "notify" && first != "assign" && first != "note") {
            action_target_ = {ActionTarget::Kind::poisoned}; // a broken transition
        }
    }

    /// The start of the line after the one holding `offset`, also skipping the lines that a
    /// trailing comma continues.
    std::size_t after_error(std::size_t offset) {
        std::size_t pos = next_line(offset);
        std::size_t line = line_start(offset);
        while (pos < text_.size() && ends_with_comma(line, pos)) {
            line = pos;
            pos = next_line(pos);
        }
        return pos;
    }

    std::size_t next_line(std::size_t offset) const {
        const std::size_t newline = text_.find('\n', std::min(offset, text_.size()));
        return newline == std::string::npos ? text_.size() : newline + 1;
    }

    std::size_t line_start(std::size_t offset) const {
        const std::size_t newline = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
        return newline == std::string::npos || offset == 0 ? 0 : newline + 1;
    }

    /// Whether the line [begin, end) ends in `,`, ignoring blanks and a comment.
    bool ends_with_comma(std::size_t begin, std::size_t end) const {
        char last = 0;
        bool in_string = false;
        for (std::size_t i = begin; i < end && text_[i] != '\n'; ++i) {
            const char c = text_[i];
            if (in_string) {
                i += c == '\\' ? 1 : 0;
                in_string = c != '"';
            } else if (c == '"') {
                in_string = true;
            } else if (c == '#') {
                break;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                last = c;
            }
        }
        return last == ',';
    }

    std::size_t first_word_offset(std::size_t line_begin) const {
        std::size_t pos = line_begin;
        while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) {
            ++pos;
        }
        return pos;
    }

    std::string word_at(std::size_t offset) const {
        std::size_t end = offset;
        while (end < text_.size() && is_identifier_char(text_[end])) {
            ++end;
        }
        return text_.substr(offset, end - offset);
    }

    /// The length of the token at `offset` that the caret underlines (0 at the end of a line).
    std::uint32_t found_length(std::size_t offset) const {
        if (offset >= text_.size() || text_[offset] == '\n' || text_[offset] == '\r') {
            return 0;
        }
        if (is_identifier_char(text_[offset])) {
            return static_cast<std::uint32_t>(word_at(offset).size());
        }
        return code_point_length(offset);
    }

    std::uint32_t code_point_length(std::size_t offset) const {
        if (offset >= text_.size()) {
            return 0;
        }
        std::size_t end = offset + 1;
        while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) {
            ++end;
        }
        return static_cast<std::uint32_t>(end - offset);
    }

    std::string describe_found(std::size_t offset) const {
        if (offset >= text_.size()) {
            return "end of file";
        }
        const char c = text_[offset];
        if (c == '\n' || c == '\r') {
            return "end of line";
        }
        if (c == '#') {
            return "a comment";
        }
        if (c == '"') {
            return "a string";
        }
        return "`" + text_.substr(offset, found_length(offset)) + "`";
    }

    /// The statement starting at `line_begin`, from its first word to the end of its line
    /// (without a comment or trailing blanks).
    SourceSpan statement_span(std::size_t line_begin) const {
        const std::size_t begin = first_word_offset(line_begin);
        std::size_t end = begin;
        bool in_string = false;
        for (std::size_t i = begin; i < text_.size() && text_[i] != '\n'; ++i) {
            const char c = text_[i];
            if (in_string) {
                i += c == '\\' ? 1 : 0;
                in_string = c != '"';
            } else if (c == '"') {
                in_string = true;
            } else if (c == '#') {
                break;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                end = i + 1;
            }
        }
        return span_at(begin, end - begin);
    }

    SourceSpan span_at(std::size_t begin, std::size_t length) const {
        return {id_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + length)};
    }

    const std::string& text_;
    std::size_t source_body_start_; ///< after a byte order mark
    SourceId id_;
    DiagnosticList& diagnostics_;
    unsigned max_depth_;
    AstBuilder builder_;
    detail::BlockBuilder blocks_;
    detail::PmBuilder pm_builder_;

    ast::Program program_;
    std::optional<ast::Workflow> open_;       ///< the workflow being read, until its `end`
    bool discard_open_ = false;               ///< its header was broken: read on, but keep nothing
    std::optional<ast::Matrix> matrix_;       ///< the matrix being read, until its `end`
    bool discard_matrix_ = false;             ///< its header was broken: read on, but keep nothing
    std::optional<ast::Calendar> calendar_;   ///< the calendar being read, until its `end`
    bool discard_calendar_ = false;           ///< its header was broken: read on, keep nothing
    std::optional<ast::Sla> sla_;             ///< the SLA being read, until its `end`
    bool discard_sla_ = false;                ///< its header was broken: read on, keep nothing
    std::optional<ast::PmRule> pm_;           ///< the pm rule being read, until its `end`
    bool discard_pm_ = false;                 ///< its header was broken: read on, keep nothing
    std::optional<ast::Approval> approval_;   ///< the approval being read, until its `end`
    bool discard_approval_ = false;           ///< its header was broken: read on, keep nothing
    bool in_parallel_ = false;                ///< inside its `parallel` group
    std::optional<ast::DecisionTable> table_; ///< the table being read, until its `end`
    bool discard_table_ = false;              ///< its header was broken: read on, keep nothing
    OverrideTarget override_target_ = OverrideTarget::none; ///< where a `but` line goes
    bool skipping_top_level_ = false;  ///< a top-level error was reported; quiet until `workflow`
    std::optional<std::size_t> event_; ///< where an alternative line goes
    bool event_poisoned_ = false;      ///< the `on EVENT:` line above was broken
    ActionTarget action_target_;       ///< where an action line goes
};

} // namespace

ast::Program parse(const SourceSet& sources, SourceId id, DiagnosticList& diagnostics,
                   const CompileLimits& limits) {
    const Source& source = sources.get(id);
    if (source.text().size() > limits.max_source_bytes) {
        diagnostics.report(
            "E0104", {id, 0, 0},
            {std::to_string(source.text().size()), std::to_string(limits.max_source_bytes)});
        ast::Program empty;
        empty.source = id;
        return empty;
    }
    if (const auto bad = invalid_utf8(source.text())) {
        // Raw bytes of another encoding would reach decision lines, which must be UTF-8.
        char byte[5];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(source.text()[*bad]));
        const auto at = static_cast<std::uint32_t>(*bad);
        diagnostics.report("E0110", {id, at, at + 1}, {byte});
        ast::Program empty;
        empty.source = id;
        return empty;
    }
    Parser parser(source, id, diagnostics, limits);
    ast::Program program = parser.run();
    detail::include_standard(program);
    return program;
}

} // namespace millwright::dsl
