// The model of a pm rule (see program_model.hpp): the readable schedule turned into the
// RecurrenceModel an `rrule` would give, so the engine expands one kind of rule only.
#include "program_model.hpp"

#include "lua_text.hpp"
#include "rrule_text.hpp"

#include <algorithm>

namespace millwright::dsl::detail {

namespace {

constexpr std::int64_t seconds_per_day = 24 * 60 * 60;

RecurrenceFrequency frequency_of(ast::PmPeriod period) {
    switch (period) {
    case ast::PmPeriod::hour:
        return RecurrenceFrequency::hourly;
    case ast::PmPeriod::day:
        return RecurrenceFrequency::daily;
    case ast::PmPeriod::week:
        return RecurrenceFrequency::weekly;
    case ast::PmPeriod::month:
        return RecurrenceFrequency::monthly;
    case ast::PmPeriod::year:
        return RecurrenceFrequency::yearly;
    }
    return RecurrenceFrequency::daily;
}

RecurrenceSkip skip_of(ast::PmShift shift) {
    switch (shift) {
    case ast::PmShift::skip:
        return RecurrenceSkip::omit;
    case ast::PmShift::earlier:
        return RecurrenceSkip::backward;
    case ast::PmShift::later:
        return RecurrenceSkip::forward;
    }
    return RecurrenceSkip::omit;
}

ReadingTestModel reading_test(const ast::ReadingTest& test) {
    ReadingTestModel model;
    model.reading = test.reading.name;
    model.limit = test.limit;
    switch (test.op) {
    case ast::BinaryOp::ge:
        model.op = ReadingTestModel::Op::greater_equal;
        break;
    case ast::BinaryOp::lt:
        model.op = ReadingTestModel::Op::less;
        break;
    case ast::BinaryOp::le:
        model.op = ReadingTestModel::Op::less_equal;
        break;
    default:
        model.op = ReadingTestModel::Op::greater;
        break;
    }
    return model;
}

/// The local start of the schedule (DTSTART): the `starting` date, else 1 January 1970, at the
/// first time of day written (midnight when none).
std::int64_t start_seconds(const ast::PmSchedule& schedule) {
    const std::int64_t day = schedule.starting.empty() ? 0 : schedule.starting.front().first;
    const std::int64_t minutes = schedule.times.empty() ? 0 : schedule.times.front().value;
    return day * seconds_per_day + std::max<std::int64_t>(minutes, 0) * 60;
}

RecurrenceModel readable_recurrence(const ast::PmSchedule& schedule) {
    RecurrenceModel rule;
    rule.frequency = frequency_of(*schedule.period);
    rule.interval = schedule.every.value;
    for (const auto& weekday : schedule.weekdays) {
        const RecurrenceWeekdayModel day{weekday.weekday, weekday.ordinal};
        if (std::find(rule.by_day.begin(), rule.by_day.end(), day) == rule.by_day.end()) {
            rule.by_day.push_back(day);
        }
    }
    for (const auto& day : schedule.month_days) {
        rule.by_month_day.push_back(static_cast<int>(day.value));
    }
    for (const auto& month : schedule.months) {
        rule.by_month.push_back(static_cast<int>(month.value));
    }
    if (schedule.times.size() > 1) { // one time of day comes from DTSTART
        for (const auto& time : schedule.times) {
            rule.by_hour.push_back(static_cast<int>(time.value / 60));
        }
        rule.by_minute.push_back(static_cast<int>(schedule.times.front().value % 60));
    }
    return rule;
}

void fill_schedule(const ast::PmSchedule& schedule, PmModel& model) {
    if (!schedule.zones.empty()) {
        model.time_zone = schedule.zones.front().first;
    }
    if (!schedule.lead.empty()) {
        model.lead_ms = schedule.lead.front().ms;
    }
    if (!schedule.season.empty()) {
        model.season = std::make_pair(schedule.season.front().first, schedule.season.front().last);
    }
    if (schedule.meter) {
        model.meter = schedule.meter->name;
        model.meter_every = static_cast<double>(schedule.meter_every.value);
    }
    if (model.trigger == PmTriggerKind::floating || model.trigger == PmTriggerKind::combined) {
        model.interval_unit = frequency_of(*schedule.period);
        model.interval = schedule.every.value;
        model.due_minutes = schedule.times.empty() ? 0 : static_cast<int>(schedule.times[0].value);
        if (!schedule.starting.empty()) {
            model.starting_day = schedule.starting.front().first;
        }
    }
    if (model.trigger != PmTriggerKind::calendar) {
        return;
    }
    RecurrenceModel rule = schedule.is_rrule
                               ? parse_rrule(schedule.rrule).model.value_or(RecurrenceModel{})
                               : readable_recurrence(schedule);
    rule.start_local_seconds = start_seconds(schedule);
    if (!schedule.repeat.empty()) {
        rule.count = schedule.repeat.front().value;
    }
    if (!schedule.until.empty()) { // the end of that local day
        rule.until =
            RecurrenceUntilModel{false, (schedule.until.front().first + 1) * seconds_per_day - 1};
    }
    model.recurrence = std::move(rule);
}

} // namespace

PmModel pm_model(const ast::PmRule& rule, std::size_t workflow, const SourceSet& sources) {
    PmModel model;
    model.name = rule.name.name;
    model.title = rule.title;
    model.workflow = workflow;
    model.span = rule.span;
    model.trigger = pm_trigger_kind(rule);
    model.create_when_previous_open = !rule.previous_open.empty() && rule.previous_open[0].first;
    model.create_every_missed = !rule.missed.empty() && rule.missed[0].first;
    if (!rule.missing_day.empty()) {
        model.missing_day = skip_of(rule.missing_day.front().shift);
    }
    if (!rule.schedules.empty()) {
        const ast::PmSchedule& schedule = rule.schedules.front();
        model.trigger_text = collapse_blanks(sources.text_of(schedule.span));
        fill_schedule(schedule, model);
    }
    if (!rule.conditions.empty()) {
        const ast::PmCondition& condition = rule.conditions.front();
        model.trigger_text = collapse_blanks(sources.text_of(condition.span));
        model.condition = reading_test(condition.test);
        model.sustained_ms = condition.sustained ? condition.sustained->ms : 0;
        if (!rule.clears.empty()) {
            model.clears = reading_test(rule.clears.front().first);
        }
    }
    if (!rule.dst_gap.empty()) {
        model.dst_gap = skip_of(rule.dst_gap.front().shift);
    }
    if (model.recurrence) {
        model.recurrence->missing_day = model.missing_day;
        model.recurrence->dst_gap = model.dst_gap;
    }
    return model;
}

} // namespace millwright::dsl::detail
