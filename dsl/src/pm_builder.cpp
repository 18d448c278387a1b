// The builder of `pm` rules (see pm_builder.hpp).
#include "pm_builder.hpp"

#include <charconv>
#include <string>

namespace millwright::dsl::detail {

namespace {

namespace g = grammar;

ast::PmPeriod period_of(std::string_view word) {
    if (word.starts_with("hour")) {
        return ast::PmPeriod::hour;
    }
    if (word.starts_with("day")) {
        return ast::PmPeriod::day;
    }
    if (word.starts_with("week")) {
        return ast::PmPeriod::week;
    }
    if (word.starts_with("month")) {
        return ast::PmPeriod::month;
    }
    return ast::PmPeriod::year;
}

int ordinal_of(std::string_view word) {
    static constexpr std::string_view words[] = {"first", "second", "third", "fourth", "fifth"};
    for (int i = 0; i < 5; ++i) {
        if (word == words[i]) {
            return i + 1;
        }
    }
    return word.front() - '0'; // `1st` ... `5th`
}

ast::PmShift shift_of(std::string_view word) {
    return word == "earlier" ? ast::PmShift::earlier
           : word == "later" ? ast::PmShift::later
                             : ast::PmShift::skip;
}

} // namespace

ast::PmRule PmBuilder::rule(const ParseNode& node) {
    return builder_.named_block<ast::PmRule>(node);
}

void PmBuilder::add_line(const ParseNode& node, SourceSpan line, ast::PmRule& rule) {
    if (node.is_type<g::pm_assets>()) {
        rule.selectors.emplace_back(builder_.expression(*node.children.at(0)), line);
    } else if (node.is_type<g::every_line>() || node.is_type<g::rrule_line>()) {
        rule.schedules.push_back(schedule(node, line));
    } else if (node.is_type<g::pm_condition>()) {
        ast::PmCondition condition;
        condition.test = reading_test(*node.children.at(0));
        if (node.children.size() > 1) {
            condition.sustained = duration(*node.children.at(1)->children.at(0));
        }
        condition.span = line;
        rule.conditions.push_back(std::move(condition));
    } else if (node.is_type<g::pm_clears>()) {
        rule.clears.emplace_back(reading_test(*node.children.at(0)), line);
    } else if (node.is_type<g::previous_open>()) {
        rule.previous_open.emplace_back(!node.children.empty(), line);
    } else if (node.is_type<g::missed_policy>()) {
        rule.missed.emplace_back(node.children.at(0)->string_view() == "all", line);
    } else if (node.is_type<g::missing_day>() || node.is_type<g::dst_gap>()) {
        const ast::PmShiftPolicy policy{shift_of(node.children.at(0)->string_view()), line};
        (node.is_type<g::missing_day>() ? rule.missing_day : rule.dst_gap).push_back(policy);
    } else if (node.is_type<g::create_line>()) {
        rule.creates.push_back(create(node, line));
    }
}

ast::PmSchedule PmBuilder::schedule(const ParseNode& node, SourceSpan line) {
    ast::PmSchedule schedule;
    schedule.span = line;
    schedule.is_rrule = node.is_type<g::rrule_line>();
    for (const auto& child : node.children) {
        if (child->is_type<g::string_literal>()) {
            schedule.rrule = builder_.string_value(*child);
            schedule.rrule_span = builder_.span(*child);
        } else if (child->is_type<g::pm_period>() || child->is_type<g::pm_meter>()) {
            every(*child, schedule);
        } else {
            schedule_part(*child, schedule);
        }
    }
    return schedule;
}

/// `3 months` or `10000 miles`.
void PmBuilder::every(const ParseNode& node, ast::PmSchedule& schedule) {
    ast::Numbered number{1, builder_.span(node)};
    if (node.children.front()->is_type<g::every_count>()) {
        number.value = count(*node.children.front()).value;
    }
    if (node.is_type<g::pm_meter>()) {
        schedule.meter = builder_.identifier(*node.children.back());
        schedule.meter_every = number;
    } else {
        schedule.period = period_of(node.children.back()->string_view());
        schedule.every = number;
    }
}

void PmBuilder::schedule_part(const ParseNode& node, ast::PmSchedule& schedule) {
    if (node.is_type<g::pm_days>()) {
        days(node, schedule);
    } else if (node.is_type<g::pm_months>()) {
        for (const auto& month : node.children) {
            schedule.months.push_back({month_number(month->string_view()), builder_.span(*month)});
        }
    } else if (node.is_type<g::pm_times>()) {
        for (const auto& time : node.children) {
            schedule.times.push_back({blocks_.clock_minutes(*time), builder_.span(*time)});
        }
    } else if (node.is_type<g::pm_zone>()) {
        schedule.zones.emplace_back(builder_.string_value(*node.children.at(0)),
                                    builder_.span(*node.children.at(0)));
    } else if (node.is_type<g::after_completion>()) {
        schedule.after_completion.push_back(builder_.span(node));
    } else {
        option(node, schedule);
    }
}

/// `on monday, thursday`, `on the first monday`, `on the 1st and 15th`, `on the last day`.
void PmBuilder::days(const ParseNode& node, ast::PmSchedule& schedule) {
    schedule.day_spans.push_back(builder_.span(node));
    for (const auto& item : node.children) {
        const SourceSpan span = builder_.span(*item);
        if (item->is_type<g::nth_weekday>()) {
            const auto& parts = item->children;
            const bool numbered = parts.front()->is_type<g::ordinal_word>();
            const int nth = numbered ? ordinal_of(parts.front()->string_view()) : 1;
            const bool from_last = !numbered || parts.size() == 3;
            schedule.weekdays.push_back(
                {weekday_number(parts.back()->string_view()), from_last ? -nth : nth, span});
        } else if (item->is_type<g::last_day>()) {
            schedule.month_days.push_back({-1, span});
        } else if (item->is_type<g::month_day>()) {
            const std::string_view text = item->children.at(0)->string_view();
            std::int64_t day = 0;
            std::from_chars(text.data(), text.data() + text.size() - 2, day);
            schedule.month_days.push_back({day, span});
        } else if (item->is_type<g::weekdays_word>()) {
            for (int weekday = 1; weekday <= 5; ++weekday) {
                schedule.weekdays.push_back({weekday, 0, span});
            }
        } else { // `mon-fri`, `sat`: every such weekday, wrapping past Saturday
            const int first = weekday_number(item->children.front()->string_view());
            const int last = weekday_number(item->children.back()->string_view());
            for (int weekday = first;; weekday = (weekday + 1) % 7) {
                schedule.weekdays.push_back({weekday, 0, span});
                if (weekday == last) {
                    break;
                }
            }
        }
    }
}

void PmBuilder::option(const ParseNode& node, ast::PmSchedule& schedule) {
    const SourceSpan span = builder_.span(node);
    if (node.is_type<g::pm_starting>()) {
        schedule.starting.emplace_back(blocks_.date_value(*node.children.at(0)), span);
    } else if (node.is_type<g::pm_until>()) {
        schedule.until.emplace_back(blocks_.date_value(*node.children.at(0)), span);
    } else if (node.is_type<g::pm_repeat>()) {
        schedule.repeat.push_back({count(*node.children.at(0)).value, span});
    } else if (node.is_type<g::pm_lead>()) {
        ast::WrittenDuration lead = duration(*node.children.at(0));
        lead.span = span;
        schedule.lead.push_back(std::move(lead));
    } else if (node.is_type<g::pm_season>()) {
        schedule.season.push_back({month_number(node.children.at(0)->string_view()),
                                   month_number(node.children.at(1)->string_view()), span});
    }
}

ast::ReadingTest PmBuilder::reading_test(const ParseNode& node) {
    ast::ReadingTest test;
    test.span = builder_.span(node);
    test.reading = builder_.identifier(*node.children.at(0));
    const ParseNode& op = *node.children.at(1);
    test.op = op.is_type<g::op_ge>()   ? ast::BinaryOp::ge
              : op.is_type<g::op_le>() ? ast::BinaryOp::le
              : op.is_type<g::op_lt>() ? ast::BinaryOp::lt
                                       : ast::BinaryOp::gt;
    const ParseNode& limit = *node.children.at(2);
    test.limit_text = std::string(limit.string_view());
    while (!test.limit_text.empty() &&
           (test.limit_text.back() == ' ' || test.limit_text.back() == '\t')) {
        test.limit_text.pop_back();
    }
    test.limit = std::strtod(test.limit_text.c_str(), nullptr);
    return test;
}

ast::PmCreate PmBuilder::create(const ParseNode& node, SourceSpan line) {
    ast::PmCreate create;
    create.span = line;
    create.workflow = builder_.identifier(*node.children.at(0));
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const ParseNode& item = *node.children[i];
        if (item.is_type<g::field_value>()) {
            ast::Action set;
            set.kind = ast::ActionKind::set;
            set.span = builder_.span(item);
            set.field = builder_.identifier(*item.children.at(0));
            set.value = builder_.expression(*item.children.at(1));
            create.actions.push_back(std::move(set));
        } else if (item.is_type<g::reserve_item>()) {
            ast::Action reserve;
            reserve.kind = ast::ActionKind::reserve;
            reserve.span = builder_.span(item);
            reserve.value = builder_.expression(*item.children.at(0));
            reserve.quantity = count(*item.children.at(1)).value;
            create.actions.push_back(std::move(reserve));
        } else {
            create.actions.push_back(builder_.action(item));
        }
    }
    return create;
}

ast::WrittenDuration PmBuilder::duration(const ParseNode& node) {
    const std::size_t reported = diagnostics_.count();
    const ast::Expr parsed = builder_.expression(node);
    ast::WrittenDuration written{parsed.integer, {}, parsed.span};
    if (diagnostics_.count() == reported) { // else E0107 said it all
        written.text = parsed.text;
    }
    return written;
}

/// A whole number as written; a number too long to read is E0107 (and 0, which the checker
/// then reports as not positive where it matters).
ast::Numbered PmBuilder::count(const ParseNode& node) {
    std::string_view text = node.string_view();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    ast::Numbered number{0, builder_.span(node)};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number.value);
    if (error != std::errc() || end != text.data() + text.size() || number.value > 1'000'000'000) {
        diagnostics_.report("E0107", number.span,
                            {"number", std::string(text), "write a whole number up to 1000000000"});
        number.value = 0;
    }
    return number;
}

} // namespace millwright::dsl::detail
