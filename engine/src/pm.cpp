// The pm runtime's bookkeeping (see pm.hpp): enrollments and their schedules, dues, meter
// readings, work-order ids and the forecast. Creating the work orders is the Decider's job
// (pm_dispatch.cpp); this file decides only when and what.
#include "pm.hpp"

#include "millwright/stdlib/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "recurrence_bridge.hpp"

namespace millwright::detail {

namespace {

constexpr std::int64_t ms_per_minute = 60 * 1000;
/// Occurrences looked at for one that falls in season before a schedule counts as ended
/// (a daily rule outside its season for a whole year looks at 366).
constexpr int max_out_of_season = 4000;

std::int64_t ms_of(stdlib::Instant t) {
    return t.time_since_epoch().count();
}

stdlib::Instant instant_of(std::int64_t ms) {
    return stdlib::Instant{std::chrono::milliseconds{ms}};
}

/// `2026-04-01` (and `T07:00` with `with_time`) of a local day and minute of that day.
std::string local_text(std::int64_t day, std::int64_t minute, bool with_time) {
    const auto date = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
    char buffer[32];
    const int length =
        with_time
            ? std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d",
                            static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                            static_cast<unsigned>(date.day()), static_cast<int>(minute / 60),
                            static_cast<int>(minute % 60))
            : std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                            static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return std::string(buffer, static_cast<std::size_t>(std::max(length, 0)));
}

/// A meter value as an id shows it: whole numbers without a point.
std::string meter_text(double value) {
    char buffer[48];
    const int length = value == std::floor(value) && std::fabs(value) < 1e15
                           ? std::snprintf(buffer, sizeof buffer, "%.0f", value)
                           : std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return std::string(buffer, static_cast<std::size_t>(std::max(length, 0)));
}

std::int64_t ceil_to_minute(std::int64_t ms) {
    const std::int64_t rest = ((ms % ms_per_minute) + ms_per_minute) % ms_per_minute;
    return rest == 0 ? ms : ms + (ms_per_minute - rest);
}

stdlib::RecurrenceFrequency stdlib_frequency(dsl::RecurrenceFrequency frequency) {
    return static_cast<stdlib::RecurrenceFrequency>(static_cast<int>(frequency));
}

stdlib::RecurrenceSkip stdlib_skip(dsl::RecurrenceSkip skip) {
    return static_cast<stdlib::RecurrenceSkip>(static_cast<int>(skip));
}

const char* trigger_name(dsl::PmTriggerKind kind) {
    switch (kind) {
    case dsl::PmTriggerKind::calendar:
        return "calendar";
    case dsl::PmTriggerKind::floating:
        return "floating";
    case dsl::PmTriggerKind::meter:
        return "meter";
    case dsl::PmTriggerKind::combined:
        return "combined";
    case dsl::PmTriggerKind::condition:
        return "condition";
    }
    return "calendar";
}

} // namespace

std::uint32_t PmRuntime::asset_slot(std::string_view id) {
    if (const auto found = find_asset(id)) {
        return *found;
    }
    const auto slot = static_cast<std::uint32_t>(asset_ids_.size());
    asset_ids_.emplace_back(id);
    asset_index_.insert(name_hash(id), slot);
    asset_enrollments_.resize(asset_enrollments_.size() + rules_.size(), no_enrollment);
    return slot;
}

std::optional<std::uint32_t> PmRuntime::find_asset(std::string_view id) const {
    return asset_index_.find(name_hash(id),
                             [&](std::uint32_t slot) { return asset_ids_[slot] == id; });
}

std::optional<std::uint32_t> PmRuntime::enrollment_of(std::uint32_t asset,
                                                      std::uint32_t rule) const {
    const std::uint32_t index = asset_enrollments_[asset * rules_.size() + rule];
    if (index == no_enrollment) {
        return std::nullopt;
    }
    return index;
}

std::uint32_t PmRuntime::schedule_for(std::uint32_t rule, const std::string& zone) {
    const auto key = std::make_pair(rule, zone);
    if (const auto found = schedule_index_.find(key); found != schedule_index_.end()) {
        return found->second;
    }
    PmSchedule schedule;
    schedule.rule = rule;
    schedule.zone = stdlib::LocalZone::locate(zone);
    if (const auto& recurrence = rules_[rule].model->recurrence) {
        // The compiler and the asset directory checked rule and zone: this only fails when the
        // machine's zone database changed since, and the schedule then has no occurrences.
        auto created = stdlib::Recurrence::create(to_recurrence_spec(*recurrence), zone);
        if (created.ok()) {
            schedule.recurrence = std::move(*created.recurrence);
        }
    }
    const auto index = static_cast<std::uint32_t>(schedules_.size());
    schedules_.push_back(std::move(schedule));
    schedule_index_.emplace(key, index);
    return index;
}

std::uint32_t PmRuntime::enroll(std::uint32_t asset, std::uint32_t rule, const std::string& zone) {
    std::uint32_t& slot = asset_enrollments_[asset * rules_.size() + rule];
    if (slot == no_enrollment) {
        slot = static_cast<std::uint32_t>(enrollments_.size());
        PmEnrollment& e = enrollments_.emplace_back();
        e.rule = rule;
        e.asset = asset;
    }
    PmEnrollment& e = enrollments_[slot];
    e.schedule = schedule_for(rule, zone);
    e.active = true;
    ++e.epoch; // a timer of an earlier enrollment is void
    e.due_ms.reset();
    return slot;
}

// ---- time schedules -----------------------------------------------------------------------------

std::optional<std::int64_t> PmRuntime::in_season(const PmEnrollment& e, std::int64_t due_ms) const {
    const auto& season = model_of(e).season;
    const auto& zone = schedules_[e.schedule].zone;
    if (!season || !zone) {
        return due_ms;
    }
    const int month = stdlib::LocalZone::month_of(zone->local_day(instant_of(due_ms)));
    if (stdlib::LocalZone::in_season(month, season->first, season->second)) {
        return due_ms;
    }
    return std::nullopt;
}

std::optional<std::int64_t> PmRuntime::first_due(PmEnrollment& e, const Asset* asset,
                                                 std::int64_t now_ms) const {
    const dsl::PmModel& model = model_of(e);
    const PmSchedule& schedule = schedules_[e.schedule];
    e.due_ms.reset();
    switch (model.trigger) {
    case dsl::PmTriggerKind::calendar:
        if (!schedule.recurrence) {
            return std::nullopt;
        }
        e.cursor = schedule.recurrence->seek(instant_of(now_ms));
        return next_calendar_due(e);
    case dsl::PmTriggerKind::floating:
    case dsl::PmTriggerKind::combined: {
        if (!schedule.zone) {
            return std::nullopt;
        }
        std::optional<std::int64_t> due;
        const auto last = asset != nullptr ? asset->last_done_for(model.name) : std::nullopt;
        if (last) {
            due = interval_due(e, last->time_since_epoch().count());
        } else if (model.starting_day) {
            std::int64_t day = *model.starting_day;
            if (model.season) {
                day =
                    stdlib::LocalZone::into_season(day, model.season->first, model.season->second);
            }
            const auto gap = model.dst_gap == dsl::RecurrenceSkip::omit
                                 ? stdlib::RecurrenceSkip::forward
                                 : stdlib_skip(model.dst_gap);
            const auto at = schedule.zone->at(day, model.due_minutes, gap);
            due = at ? std::optional(ms_of(*at)) : std::nullopt;
        } else {
            due = now_ms; // a new asset without a recorded completion is due at once
        }
        e.due_ms = due;
        return due;
    }
    case dsl::PmTriggerKind::meter:
    case dsl::PmTriggerKind::condition:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::int64_t> PmRuntime::next_calendar_due(PmEnrollment& e) const {
    const PmSchedule& schedule = schedules_[e.schedule];
    e.due_ms.reset();
    if (!schedule.recurrence) {
        return std::nullopt;
    }
    for (int looked = 0; looked < max_out_of_season; ++looked) {
        const auto occurrence = schedule.recurrence->next(e.cursor);
        if (!occurrence) {
            return std::nullopt;
        }
        if (const auto due = in_season(e, ms_of(*occurrence))) {
            e.due_ms = due;
            return due;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> PmRuntime::interval_due(const PmEnrollment& e,
                                                    std::int64_t from_ms) const {
    const dsl::PmModel& model = model_of(e);
    const PmSchedule& schedule = schedules_[e.schedule];
    if (!schedule.zone) {
        return std::nullopt;
    }
    const std::int64_t from_day = schedule.zone->local_day(instant_of(from_ms));
    std::int64_t day = stdlib::LocalZone::add(from_day, stdlib_frequency(model.interval_unit),
                                              model.interval, stdlib_skip(model.missing_day));
    if (model.season) {
        day = stdlib::LocalZone::into_season(day, model.season->first, model.season->second);
    }
    // An interval cannot be left out: a due in a DST gap with `on dst gap: skip` moves later.
    const auto gap = model.dst_gap == dsl::RecurrenceSkip::omit ? stdlib::RecurrenceSkip::forward
                                                                : stdlib_skip(model.dst_gap);
    const auto at = schedule.zone->at(day, model.due_minutes, gap);
    if (!at) {
        return std::nullopt;
    }
    return ms_of(*at);
}

std::int64_t PmRuntime::create_at(const PmEnrollment& e, std::int64_t due_ms,
                                  std::int64_t now_ms) const {
    return std::max(due_ms - model_of(e).lead_ms, now_ms);
}

// ---- readings -----------------------------------------------------------------------------------

std::optional<PmOccurrence> PmRuntime::meter_reading(std::uint32_t index, double value,
                                                     std::int64_t at_ms) {
    PmEnrollment& e = enrollments_[index];
    const dsl::PmModel& model = model_of(e);
    const double every = model.meter_every;
    if (!e.reading) {
        // Multiples of the interval from zero for a meter schedule (10000, 20000, ...); for a
        // period or a meter, the interval counts from the first reading.
        e.next_threshold = model.trigger == dsl::PmTriggerKind::meter
                               ? (std::floor(value / every) + 1) * every
                               : value + every;
        e.reading = value;
        e.reading_ms = at_ms;
        e.rate_readings.assign(1, std::make_pair(at_ms, value));
        return std::nullopt;
    }
    // The rate counts from the oldest reading at most rate_window before this one (none when
    // the meter was not read for that long).
    const auto too_old =
        std::find_if(e.rate_readings.begin(), e.rate_readings.end(),
                     [&](const auto& kept) { return at_ms - kept.first <= rate_window_ms; });
    e.rate_readings.erase(e.rate_readings.begin(), too_old);
    // Without a reading kept, the rate counts from this one: none.
    const std::pair<std::int64_t, double> rate_from =
        e.rate_readings.empty() ? std::make_pair(at_ms, value) : e.rate_readings.front();
    if (e.rate_readings.empty() || at_ms - e.rate_readings.back().first >= rate_spacing_ms) {
        e.rate_readings.emplace_back(at_ms, value);
    }
    e.reading = value;
    e.reading_ms = at_ms;
    if (value >= e.next_threshold) {
        // Several multiples passed at once are one work order, for the highest of them.
        const double passed =
            e.next_threshold + std::floor((value - e.next_threshold) / every) * every;
        e.next_threshold = passed + every;
        return PmOccurrence{index, at_ms, work_order_id(e, at_ms, passed), false};
    }
    if (model.lead_ms <= 0 || rate_from.first >= at_ms || value <= rate_from.second) {
        return std::nullopt;
    }
    const double per_ms = (value - rate_from.second) / static_cast<double>(at_ms - rate_from.first);
    // Projected to the whole minute: a due to the millisecond would claim a precision the
    // usage rate does not have.
    const auto eta = ceil_to_minute(
        at_ms + static_cast<std::int64_t>(std::ceil((e.next_threshold - value) / per_ms)));
    if (eta - at_ms > model.lead_ms) {
        return std::nullopt;
    }
    const double threshold = e.next_threshold;
    e.next_threshold += every;
    return PmOccurrence{index, eta, work_order_id(e, eta, threshold), false};
}

// ---- ids
// ------------------------------------------------------------------------------------------

bool PmRuntime::fires_more_than_daily(const dsl::PmModel& model) const {
    if (!model.recurrence) {
        return false;
    }
    const auto& r = *model.recurrence;
    return r.frequency == dsl::RecurrenceFrequency::hourly ||
           r.frequency == dsl::RecurrenceFrequency::minutely ||
           r.frequency == dsl::RecurrenceFrequency::secondly || r.by_hour.size() > 1 ||
           r.by_minute.size() > 1 || r.by_second.size() > 1;
}

std::string PmRuntime::work_order_id(const PmEnrollment& e, std::int64_t due_ms,
                                     std::optional<double> threshold) const {
    const dsl::PmModel& model = model_of(e);
    std::string id = model.name + "/" + asset_ids_[e.asset] + "/";
    if (threshold) {
        return id + model.meter + "-" + meter_text(*threshold);
    }
    const PmSchedule& schedule = schedules_[e.schedule];
    if (model.trigger == dsl::PmTriggerKind::condition || !schedule.zone) {
        return id + stdlib::format_time(due_ms);
    }
    const stdlib::Instant due = instant_of(due_ms);
    const std::int64_t day = schedule.zone->local_day(due);
    const std::int64_t midnight =
        ms_of(*schedule.zone->at(day, 0, stdlib::RecurrenceSkip::forward));
    return id + local_text(day, (due_ms - midnight) / ms_per_minute, fires_more_than_daily(model));
}

// ---- the forecast -------------------------------------------------------------------------------

std::vector<ForecastEntry> PmRuntime::forecast(std::int64_t from_ms, std::int64_t to_ms,
                                               std::int64_t now_ms,
                                               const std::vector<std::string>& workflow_names,
                                               const AssetDirectory* assets) const {
    std::vector<ForecastEntry> entries;
    // A calendar rule's occurrences in one zone are the same for every asset there: expanded
    // once per schedule.
    std::map<std::uint32_t, std::vector<std::int64_t>> occurrences;
    const auto add = [&](const PmEnrollment& e, std::int64_t due_ms,
                         std::optional<double> threshold) {
        const dsl::PmModel& model = model_of(e);
        ForecastEntry entry;
        entry.rule = model.name;
        entry.title = model.title;
        entry.asset = asset_ids_[e.asset];
        entry.workflow = workflow_names[rules_[e.rule].workflow];
        entry.work_order = work_order_id(e, due_ms, threshold);
        entry.due = Timestamp{std::chrono::milliseconds{due_ms}};
        entry.create_at =
            Timestamp{std::chrono::milliseconds{std::max(due_ms - model.lead_ms, now_ms)}};
        const auto& zone = schedules_[e.schedule].zone;
        entry.time_zone = zone ? zone->name() : "UTC";
        entry.trigger = trigger_name(model.trigger);
        entries.push_back(std::move(entry));
    };
    for (const PmEnrollment& e : enrollments_) {
        if (!e.active) {
            continue;
        }
        const dsl::PmModel& model = model_of(e);
        switch (model.trigger) {
        case dsl::PmTriggerKind::calendar: {
            // Not a structured binding: clang 14 cannot capture one in the lambda below.
            const auto emplaced = occurrences.try_emplace(e.schedule);
            std::vector<std::int64_t>& dues = emplaced.first->second;
            if (emplaced.second && schedules_[e.schedule].recurrence) {
                schedules_[e.schedule].recurrence->for_each_between(
                    instant_of(from_ms), instant_of(to_ms), [&](stdlib::Instant t) {
                        if (in_season(e, ms_of(t))) {
                            dues.push_back(ms_of(t));
                        }
                    });
            }
            // Occurrences before the pending one were created (or left out) already.
            const std::int64_t from = e.due_ms ? std::max(from_ms, *e.due_ms) : from_ms;
            for (auto due = std::lower_bound(dues.begin(), dues.end(), from); due != dues.end();
                 ++due) {
                add(e, *due, std::nullopt);
            }
            break;
        }
        case dsl::PmTriggerKind::floating:
        case dsl::PmTriggerKind::combined: {
            // Each work order is taken to be done on its due date, and the next one counts from
            // there; a meter that comes first is not foreseen.
            std::optional<std::int64_t> due = e.due_ms;
            if (!due && e.last_work_order != 0xffffffffu) {
                due = interval_due(e, e.last_due_ms); // the open one, done when due
            } else if (!due) {
                PmEnrollment fresh = e;
                const Asset* asset =
                    assets != nullptr ? assets->find(asset_ids_[e.asset]) : nullptr;
                due = first_due(fresh, asset, std::max(from_ms, now_ms));
            }
            for (int guard = 0; due && *due < to_ms && guard < 100000; ++guard) {
                const std::int64_t created_ms = std::max(*due - model.lead_ms, now_ms);
                if (*due >= from_ms) {
                    add(e, *due, std::nullopt);
                    due = interval_due(e, *due);
                } else if (created_ms >= from_ms) {
                    // Overdue when the horizon starts, and not created yet: it is created then
                    // and listed with its past due time; taken to be done when created.
                    add(e, *due, std::nullopt);
                    due = interval_due(e, created_ms);
                } else {
                    due = interval_due(e, *due);
                }
            }
            break;
        }
        case dsl::PmTriggerKind::meter: {
            // Projected from the usage rate so far, when there is one.
            // The oldest reading kept is at most rate_window before the latest.
            if (!e.reading || e.rate_readings.empty() ||
                e.rate_readings.front().first >= e.reading_ms ||
                *e.reading <= e.rate_readings.front().second) {
                break;
            }
            const auto& rate_from = e.rate_readings.front();
            const double per_ms = (*e.reading - rate_from.second) /
                                  static_cast<double>(e.reading_ms - rate_from.first);
            for (double threshold = e.next_threshold;; threshold += model.meter_every) {
                const auto due = ceil_to_minute(
                    e.reading_ms +
                    static_cast<std::int64_t>(std::ceil((threshold - *e.reading) / per_ms)));
                if (due >= to_ms) {
                    break;
                }
                if (due >= from_ms) {
                    add(e, due, threshold);
                }
            }
            break;
        }
        case dsl::PmTriggerKind::condition:
            break; // a reading beyond a limit cannot be foreseen
        }
    }
    std::sort(entries.begin(), entries.end(), [](const ForecastEntry& a, const ForecastEntry& b) {
        if (a.due != b.due) {
            return a.due < b.due;
        }
        if (a.rule != b.rule) {
            return a.rule < b.rule;
        }
        return a.asset < b.asset;
    });
    return entries;
}

} // namespace millwright::detail
