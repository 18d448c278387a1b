// The builder of priorities, matrices, calendars, SLAs, priority lines and timers (see
// block_builder.hpp).
#include "block_builder.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace millwright::dsl::detail {

namespace g = grammar;

int weekday_number(std::string_view word) {
    static constexpr std::array<std::string_view, 7> days{"sun", "mon", "tue", "wed",
                                                          "thu", "fri", "sat"};
    for (std::size_t i = 0; i < days.size(); ++i) {
        if (word.substr(0, 3) == days[i]) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

int month_number(std::string_view word) {
    static constexpr std::array<std::string_view, 12> months{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (word.substr(0, 3) == months[i]) {
            return static_cast<int>(i) + 1;
        }
    }
    return 1;
}

ast::PriorityLevels BlockBuilder::priorities(const ParseNode& node) {
    ast::PriorityLevels levels;
    levels.span = builder_.span(node);
    for (const auto& item : node.children) {
        ast::PriorityLevel level;
        level.span = builder_.span(*item);
        level.name = builder_.identifier(*item->children.at(0));
        if (item->children.size() > 1) {
            level.title = builder_.string_value(*item->children.at(1));
        }
        levels.levels.push_back(std::move(level));
    }
    return levels;
}

ast::Matrix BlockBuilder::matrix(const ParseNode& node) {
    ast::Matrix matrix;
    matrix.span = builder_.span(node);
    matrix.name = builder_.identifier(*node.children.at(0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const ParseNode& axis_node = *node.children[i];
        ast::MatrixAxis axis;
        axis.span = builder_.span(axis_node);
        axis.name = builder_.identifier(*axis_node.children.at(0));
        for (std::size_t v = 1; v < axis_node.children.size(); ++v) {
            axis.values.push_back(builder_.identifier(*axis_node.children[v]));
        }
        matrix.axes.push_back(std::move(axis));
    }
    return matrix;
}

ast::MatrixColumns BlockBuilder::matrix_columns(const ParseNode& node) {
    ast::MatrixColumns columns;
    columns.span = builder_.span(node);
    columns.axis = builder_.identifier(*node.children.at(0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        columns.values.push_back(builder_.identifier(*node.children[i]));
    }
    return columns;
}

ast::MatrixRow BlockBuilder::matrix_row(const ParseNode& node) {
    ast::MatrixRow row;
    row.span = builder_.span(node);
    for (const auto& child : node.children) {
        if (child->is_type<g::row_key>()) {
            row.key.push_back({builder_.identifier(*child->children.at(0)),
                               builder_.identifier(*child->children.at(1))});
        } else {
            row.cells.push_back(builder_.identifier(*child));
        }
    }
    return row;
}

ast::PriorityClause BlockBuilder::priority_clause(const ParseNode& node) {
    ast::PriorityClause clause;
    clause.span = builder_.span(node);
    const ParseNode& source = *node.children.at(0);
    if (source.is_type<g::priority_matrix>()) {
        clause.from_matrix = true;
        clause.matrix = builder_.identifier(*source.children.at(0));
        for (std::size_t i = 1; i < source.children.size(); ++i) {
            clause.arguments.push_back(builder_.identifier(*source.children[i]));
        }
    } else {
        clause.level = builder_.identifier(source);
    }
    return clause;
}

ast::Timer BlockBuilder::timer(const ParseNode& node) {
    ast::Timer timer;
    ast::SlaTarget length;
    for (const auto& child : node.children) {
        if (!read_length(*child, length)) {
            timer.state = builder_.identifier(*child);
        }
    }
    timer.duration_ms = length.duration_ms;
    timer.duration_text = length.duration_text;
    timer.duration_span = length.span;
    timer.business = length.business;
    timer.calendar = length.calendar;
    return timer;
}

ast::Calendar BlockBuilder::calendar(const ParseNode& node) {
    ast::Calendar calendar;
    calendar.span = builder_.span(node);
    calendar.name = builder_.identifier(*node.children.at(0));
    const std::size_t zone = node.children.size() - 1;
    if (zone == 2) {
        calendar.title = builder_.string_value(*node.children.at(1));
    }
    calendar.time_zone = builder_.string_value(*node.children.at(zone));
    calendar.zone_span = builder_.span(*node.children.at(zone));
    return calendar;
}

ast::OpeningHours BlockBuilder::opening_hours(const ParseNode& node) {
    ast::OpeningHours hours;
    hours.span = builder_.span(node);
    for (const auto& child : node.children) {
        if (child->is_type<g::every_day>()) {
            hours.first_day = 0;
            hours.last_day = 6;
        } else if (child->is_type<g::day_range>()) {
            hours.first_day = weekday_number(child->children.at(0)->string_view());
            hours.last_day = weekday_number(child->children.back()->string_view());
        } else {
            const int open = clock_minutes(*child->children.at(0));
            const int close = clock_minutes(*child->children.at(1));
            hours.shifts.emplace_back(open, close);
            hours.shift_spans.push_back(builder_.span(*child));
        }
    }
    return hours;
}

std::vector<std::pair<std::int64_t, SourceSpan>> BlockBuilder::holidays(const ParseNode& node) {
    std::vector<std::pair<std::int64_t, SourceSpan>> dates;
    for (const auto& date : node.children) {
        dates.emplace_back(date_value(*date), builder_.span(*date));
    }
    return dates;
}

ast::YearlyHoliday BlockBuilder::yearly(const ParseNode& node) {
    ast::YearlyHoliday holiday;
    holiday.span = builder_.span(node);
    const ParseNode& rule = *node.children.at(0);
    if (rule.is_type<g::yearly_date>()) {
        const std::string_view digits = rule.children.at(0)->string_view();
        holiday.day = digits.size() > 2 ? 99 : std::stoi(std::string(digits)); // 99: no such day
        holiday.month = month_number(rule.children.at(1)->string_view());
        return holiday;
    }
    const std::string_view nth = rule.children.at(0)->string_view();
    holiday.nth = nth == "last" ? -1 : nth.front() - '0';
    holiday.weekday = weekday_number(rule.children.at(1)->string_view());
    holiday.month = month_number(rule.children.at(2)->string_view());
    return holiday;
}

ast::Closure BlockBuilder::closure(const ParseNode& node) {
    ast::Closure closure;
    closure.span = builder_.span(node);
    closure.date = date_value(*node.children.at(0));
    closure.times_span = builder_.span(*node.children.at(0));
    if (node.children.size() > 1) {
        const ParseNode& range = *node.children.at(1);
        closure.from = clock_minutes(*range.children.at(0));
        closure.to = clock_minutes(*range.children.at(1));
        closure.times_span = builder_.span(range);
    }
    return closure;
}

ast::Sla BlockBuilder::sla(const ParseNode& node) {
    return builder_.named_block<ast::Sla>(node);
}

ast::SlaLevel BlockBuilder::sla_level(const ParseNode& node) {
    ast::SlaLevel level;
    level.span = builder_.span(node);
    level.level = builder_.identifier(*node.children.at(0));
    level.response = sla_target(*node.children.at(1));
    level.resolution = sla_target(*node.children.at(2));
    return level;
}

ast::SlaClockRule BlockBuilder::sla_clock(const ParseNode& node) {
    ast::SlaClockRule rule;
    rule.span = builder_.span(node);
    rule.clock = node.children.at(0)->string_view() == "response" ? ast::SlaClock::response
                                                                  : ast::SlaClock::resolution;
    rule.starts = node.children.at(1)->string_view() == "starts";
    for (std::size_t i = 2; i < node.children.size(); ++i) {
        rule.states.push_back(builder_.identifier(*node.children[i]));
    }
    return rule;
}

std::pair<int, SourceSpan> BlockBuilder::warn_percent(const ParseNode& node) {
    const ParseNode& percent = *node.children.at(0);
    const std::string_view text = percent.string_view();
    int value = 0;
    for (char c : text.substr(0, std::min<std::size_t>(text.size() - 1, 4))) {
        value = value * 10 + (c - '0');
    }
    if (text.size() > 5) {
        value = 1000; // out of range, whatever the digits
    }
    return {value, builder_.span(percent)};
}

ast::DecisionTable BlockBuilder::table(const ParseNode& node) {
    ast::DecisionTable table;
    table.span = builder_.span(node);
    table.name = builder_.identifier(*node.children.at(0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const ParseNode& child = *node.children[i];
        if (child.is_type<g::input_decl>()) {
            ast::TableInput input;
            input.span = builder_.span(child);
            input.name = builder_.identifier(*child.children.at(0));
            for (std::size_t v = 1; v < child.children.size(); ++v) {
                const ParseNode& value = *child.children[v];
                if (value.is_type<g::bool_input>()) {
                    input.is_bool = true;
                    input.values.push_back({"true", builder_.span(value)});
                    input.values.push_back({"false", builder_.span(value)});
                } else {
                    input.values.push_back(builder_.identifier(value));
                }
            }
            table.inputs.push_back(std::move(input));
        } else if (child.is_type<g::hit_word>()) {
            const std::string_view word = child.string_view();
            table.hit = word == "unique"    ? ast::HitPolicy::unique
                        : word == "collect" ? ast::HitPolicy::collect
                                            : ast::HitPolicy::first;
            table.hit_span = builder_.span(child);
        } else {
            table.outputs.push_back(builder_.identifier(child));
        }
    }
    return table;
}

ast::TableRow BlockBuilder::table_row(const ParseNode& node) {
    ast::TableRow row;
    row.span = builder_.span(node);
    for (const auto& child : node.children) {
        if (child->is_type<g::condition>()) {
            ast::TableCondition condition;
            condition.span = builder_.span(*child);
            condition.input = builder_.identifier(*child->children.at(0));
            for (std::size_t i = 1; i < child->children.size(); ++i) {
                const ParseNode& test = *child->children[i];
                if (test.is_type<g::any_value>()) {
                    condition.any = true;
                } else if (test.is_type<g::negated_set>()) {
                    condition.negated = true;
                    for (const auto& value : test.children) {
                        condition.values.push_back(builder_.identifier(*value));
                    }
                } else {
                    condition.values.push_back(builder_.identifier(test));
                }
            }
            row.conditions.push_back(std::move(condition));
        } else if (child->is_type<g::string_literal>()) {
            row.outputs.push_back({builder_.string_value(*child), true, builder_.span(*child)});
        } else {
            row.outputs.push_back(
                {std::string(child->string_view()), false, builder_.span(*child)});
        }
    }
    return row;
}

ast::Approval BlockBuilder::approval(const ParseNode& node) {
    return builder_.named_block<ast::Approval>(node);
}

ast::ApprovalStep BlockBuilder::approval_step(const ParseNode& node) {
    ast::ApprovalStep step;
    step.span = builder_.span(node);
    step.name = builder_.identifier(*node.children.at(0));
    const ParseNode& rule = *node.children.at(1);
    const std::string word(rule.string_view());
    step.rule_span = builder_.span(rule);
    if (word == "any") {
        step.rule = ast::ApprovalRule::any;
    } else if (word == "all") {
        step.rule = ast::ApprovalRule::all;
    } else {
        step.rule = ast::ApprovalRule::count;
        // More than 18 digits is far above any list of people: kept as a large count.
        step.count = word.size() > 18 ? std::int64_t{1} << 62 : std::stoll(word);
    }
    for (std::size_t i = 2; i < node.children.size(); ++i) {
        const ParseNode& child = *node.children[i];
        if (child.is_type<g::guard_clause>()) {
            step.condition = builder_.expression(*child.children.at(0));
            continue;
        }
        ast::Approver approver;
        approver.span = builder_.span(child);
        if (child.is_type<g::approver_role>()) {
            approver.kind = ast::ApproverKind::role;
            approver.name = builder_.identifier(*child.children.at(0));
        } else if (child.is_type<g::approver_manager>()) {
            approver.kind = child.children.at(0)->string_view() == "requester"
                                ? ast::ApproverKind::manager_of_requester
                                : ast::ApproverKind::manager_of_approver;
        } else {
            approver.kind = ast::ApproverKind::person;
            approver.name = builder_.identifier(*child.children.at(0));
        }
        step.approvers.push_back(std::move(approver));
    }
    return step;
}

ast::ApprovalTimeout BlockBuilder::approval_timeout(const ParseNode& node) {
    ast::ApprovalTimeout timeout;
    timeout.span = builder_.span(node);
    for (const auto& child : node.children) {
        if (child->is_type<g::timeout_action_word>()) {
            const std::string_view word = child->string_view();
            timeout.action = word == "remind"     ? ast::TimeoutAction::remind
                             : word == "escalate" ? ast::TimeoutAction::escalate
                                                  : ast::TimeoutAction::reject;
        } else {
            read_length(*child, timeout.length);
        }
    }
    return timeout;
}

ast::ApprovalOutcome BlockBuilder::approval_outcome(const ParseNode& node) {
    ast::ApprovalOutcome outcome;
    outcome.span = builder_.span(node);
    outcome.approved = node.children.at(0)->string_view() == "approved";
    outcome.state = builder_.identifier(*node.children.at(1));
    return outcome;
}

ast::SlaTarget BlockBuilder::sla_target(const ParseNode& node) {
    ast::SlaTarget target;
    for (const auto& child : node.children) {
        read_length(*child, target);
    }
    target.span = builder_.span(node);
    return target;
}

/// Reads one part of a duration with its options (`3 business days`, `4h`, `business`,
/// `on CALENDAR`) into `length`; false when `child` is none of them.
bool BlockBuilder::read_length(const ParseNode& child, ast::SlaTarget& length) {
    if (child.is_type<g::business_duration>()) {
        length.business = true;
        business_duration(child, length);
    } else if (child.is_type<g::duration_spelled>() || child.is_type<g::duration_compact>()) {
        const std::size_t reported = diagnostics_.count();
        const ast::Expr parsed = builder_.expression(child);
        length.duration_ms = parsed.integer;
        length.span = parsed.span;
        if (diagnostics_.count() == reported) { // else E0107 said it all
            length.duration_text = parsed.text;
        }
    } else if (child.is_type<g::business_word>()) {
        length.business = true;
    } else if (child.is_type<g::timer_calendar>()) {
        length.calendar = builder_.identifier(*child.children.at(0));
    } else {
        return false;
    }
    return true;
}

/// `3 business days`: the number and the unit, decoded as `3 days`.
void BlockBuilder::business_duration(const ParseNode& node, ast::SlaTarget& length) {
    const std::string text(node.string_view());
    length.span = builder_.span(node);
    const std::string digits = text.substr(0, text.find_first_of(" \t"));
    const std::string unit = text.substr(text.find_last_of(" \t") + 1);
    const auto decoded = literals::decode_duration(digits + " " + unit);
    if (!decoded.value) {
        diagnostics_.report("E0107", length.span, {"duration", text, decoded.hint});
        return;
    }
    length.duration_ms = *decoded.value;
    length.duration_text = text;
}

int BlockBuilder::clock_minutes(const ParseNode& node) {
    const std::string_view text = node.string_view();
    const std::size_t colon = text.find(':');
    const std::string_view hours = text.substr(0, colon);
    const std::string_view minutes = text.substr(colon + 1);
    int h = 0;
    int m = 0;
    for (char c : hours.substr(0, 3)) {
        h = h * 10 + (c - '0');
    }
    for (char c : minutes.substr(0, 3)) {
        m = m * 10 + (c - '0');
    }
    const bool valid =
        hours.size() <= 2 && minutes.size() == 2 && m < 60 && (h < 24 || (h == 24 && m == 0));
    if (!valid) {
        diagnostics_.report("E0107", builder_.span(node),
                            {"time", std::string(text),
                             "write a time of day from `00:00` to `24:00`, e.g. `08:30`"});
        return -1;
    }
    return h * 60 + m;
}

std::int64_t BlockBuilder::date_value(const ParseNode& node) {
    const auto decoded = literals::decode_date(node.string_view());
    if (!decoded.value) {
        diagnostics_.report("E0107", builder_.span(node),
                            {"date", std::string(node.string_view()), decoded.hint});
        return 0;
    }
    return *decoded.value;
}

} // namespace millwright::dsl::detail
