// Preventive maintenance in the engine: enrolling assets in the rules that select them, the
// pm timers, creating the work orders of occurrences (each a decision line of its own, origin
// `pm` or `trigger`), and the `asset` and `reading` lines of a stream. The bookkeeping of when
// things fall due is PmRuntime's (pm.cpp); this file connects it to the Decider and the clock.
//
// A pm line (a created work order, or an occurrence left out because the previous one is still
// open) is decided like a creation, with an event of type `create` by `engine` whose data are the
// asset's record, so the rule's `create` items read `asset.KEY` the way guards read `data.x`.
// Lines an `asset` or `reading` line causes come before that line's own decision, as timer lines
// come before the event whose time passed them.
#include "decider.hpp"
#include "directory_event.hpp"
#include "lua_bridge.hpp"

#include "millwright/stdlib/format.hpp"

#include <lua.hpp>

#include <cmath>

namespace millwright::detail {

namespace {

constexpr std::uint32_t no_work_order = 0xffffffffu;

double number_of(const InScalar& scalar) {
    return scalar.kind == InScalar::Kind::integer ? static_cast<double>(scalar.integer)
                                                  : scalar.number;
}

/// A number as a decision's changes show it.
std::string number_json(double number) {
    Value value;
    value.set_number(number);
    std::string text;
    append_json(text, value, dsl::ValueType{dsl::TypeKind::number, {}, dsl::TypeKind::text});
    return text;
}

bool is_number(const InValue& value) {
    return !value.is_array && (value.scalar.kind == InScalar::Kind::integer ||
                               value.scalar.kind == InScalar::Kind::number);
}

} // namespace

bool Decider::fill_created_fields(const CompiledWorkflow& workflow) {
    if (pm_ == nullptr) {
        return apply_data(workflow, true);
    }
    const auto& runtime = engine_.pm;
    return run_actions(runtime.model_of(runtime.enrollment(pm_->enrollment)).create);
}

bool Decider::push_pm_input(const dsl::FunctionInput& input, std::string* saw_json) {
    lua_State* L = engine_.lua.get();
    Value value;
    if (input.kind == dsl::InputKind::asset) {
        if (const DataEntry* entry = event_.find(input.name)) {
            std::string expected;
            if (!convert(entry->value, event_.items, input.type, value, expected)) {
                reject("bad_asset", "/" + input.name + ": asset." + input.name + " must be " +
                                        expected + ", got " + received(entry->value, event_.items));
                return false;
            }
        }
    } else if (pm_ != nullptr && input.name == "due") {
        value.set_integer(pm_->due_ms);
    } else if (pm_ != nullptr && input.name == "rule") {
        value.set_text().assign(engine_.pm.model_of(engine_.pm.enrollment(pm_->enrollment)).name);
    }
    push_value(L, value, input.type);
    if (saw_json) {
        append_json(*saw_json, value, input.type);
    }
    return true;
}

std::string Decider::pm_fits(const PmRule& rule) {
    for (const auto& key : rule.model->asset_keys) {
        const DataEntry* entry = event_.find(key.key);
        if (entry == nullptr) {
            continue; // unset, as a field without a value
        }
        Value value;
        std::string expected;
        if (!convert(entry->value, event_.items, key.type, value, expected)) {
            return "/" + key.key + ": pm rule " + backticked(rule.model->name) + " reads asset." +
                   key.key + " as " + expected + ", got " + received(entry->value, event_.items);
        }
    }
    return {};
}

std::optional<bool> Decider::pm_selects(const PmRule& rule) {
    if (!rule.model->selector) {
        return true;
    }
    workflow_ = &engine_.workflows[rule.workflow];
    current_state_ = static_cast<std::uint32_t>(workflow_->model->initial_state);
    if (call(*rule.model->selector, 1) == CallResult::failed) {
        return std::nullopt;
    }
    lua_State* L = engine_.lua.get();
    const bool selected = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
    return selected;
}

void Decider::create_pm(const PmOccurrence& occurrence, const char* origin) {
    const PmRuntime& runtime = engine_.pm;
    const PmEnrollment& enrollment = runtime.enrollment(occurrence.enrollment);
    const dsl::PmModel& model = runtime.model_of(enrollment);
    decision_.at.append(event_.at_text);
    decision_.wo.append(event_.wo);
    decision_.event.append(event_.type);
    decision_.origin = origin;
    decision_.has_pm = true;
    decision_.pm.rule = model.name;
    decision_.pm.asset = runtime.asset_id(enrollment.asset);
    decision_.pm.due = stdlib::format_time(occurrence.due_ms);
    decision_.pm.missed = occurrence.missed;
    if (!model.create_when_previous_open && enrollment.last_work_order != no_work_order) {
        const WorkOrder& previous = engine_.work_orders[enrollment.last_work_order];
        const auto& states = engine_.workflows[previous.workflow].model->states;
        if (!states[previous.state].final) {
            reject("previous_open", "the previous work order " + backticked(previous.id) +
                                        " of pm rule " + backticked(model.name) + " for asset " +
                                        backticked(decision_.pm.asset) + " is still open (" +
                                        states[previous.state].name + ")");
            return;
        }
    }
    pm_ = &occurrence;
    create();
}

} // namespace millwright::detail

namespace millwright {

using namespace detail;

namespace {

/// `record` as an asset's record would be after `change` (an `add` or `update`): the keys it
/// gives replace those of `current`, null removes one, `change` itself is not part of it.
nlohmann::json prospective_record(const nlohmann::json& change, const Asset* current) {
    nlohmann::json record = current != nullptr && change.value("change", "") == "update"
                                ? current->fields
                                : nlohmann::json::object();
    for (auto it = change.begin(); it != change.end(); ++it) {
        if (it.key() == "change") {
            continue;
        }
        if (it.value().is_null() && change.value("change", "") == "update") {
            record.erase(it.key());
        } else {
            record[it.key()] = it.value();
        }
    }
    return record;
}

std::string json_quoted(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

} // namespace

/// Points pm_view at `fields` (an asset's record) for the rules' `asset.KEY`.
static void view_record(Engine::Impl& impl, const nlohmann::json& fields) {
    impl.pm_event = Event{};
    impl.pm_event.at = Timestamp{std::chrono::milliseconds{impl.clock_ms}};
    impl.pm_event.type = "asset";
    impl.pm_event.data = fields.is_object() ? fields : nlohmann::json::object();
    view_event(impl.pm_event, impl.options.max_json_depth, impl.pm_scratch, impl.pm_view);
}

/// Why some rule cannot read `fields` or its selector fails on them; "" when all is well.
static std::string check_record(Engine::Impl& impl, const nlohmann::json& fields) {
    view_record(impl, fields);
    for (const PmRule& rule : impl.pm.rules()) {
        Decider decider(impl, impl.pm_view);
        if (std::string misfit = decider.pm_fits(rule); !misfit.empty()) {
            return misfit;
        }
        if (!decider.pm_selects(rule)) {
            return impl.decision.reason;
        }
    }
    return {};
}

void Engine::Impl::begin_pm(std::int64_t at_ms) {
    pm_started = true;
    for (std::uint32_t i = 0; i < pm.enrollment_count(); ++i) {
        if (pm.enrollment(i).active) {
            arm_pm(i, at_ms, true);
        }
    }
}

void Engine::Impl::arm_pm(std::uint32_t index, std::int64_t now_ms, bool first) {
    PmEnrollment& enrollment = pm.enrollment(index);
    if (first) {
        const Asset* asset = assets ? assets->find(pm.asset_id(enrollment.asset)) : nullptr;
        pm.first_due(enrollment, asset, now_ms);
    }
    if (!enrollment.due_ms) {
        return;
    }
    ++enrollment.epoch; // the timer armed before, if any, is void
    timers.schedule(pm.create_at(enrollment, *enrollment.due_ms, now_ms), index,
                    pm_timer_flag | pm_timer_due, enrollment.epoch);
}

std::string Engine::Impl::enroll_asset(const Asset& asset) {
    const std::uint32_t slot = pm.asset_slot(asset.id);
    std::string problems;
    for (std::uint32_t r = 0; r < pm.rules().size(); ++r) {
        const PmRule& rule = pm.rules()[r];
        view_record(*this, asset.fields);
        Decider decider(*this, pm_view);
        std::string misfit = decider.pm_fits(rule);
        const std::optional<bool> selected =
            misfit.empty() ? decider.pm_selects(rule) : std::optional<bool>(false);
        if (!selected) {
            misfit = decision.reason;
        }
        if (!misfit.empty()) {
            problems += (problems.empty() ? "" : "\n") + std::string("asset ") +
                        json_quoted(asset.id) + ": " + misfit;
        }
        const auto existing = pm.enrollment_of(slot, r);
        if (selected.value_or(false) && misfit.empty()) {
            const dsl::PmModel& model = *rule.model;
            const std::string zone = !model.time_zone.empty()   ? model.time_zone
                                     : !asset.time_zone.empty() ? asset.time_zone
                                                                : "UTC";
            const bool unchanged = existing && pm.enrollment(*existing).active &&
                                   pm.schedule_of(pm.enrollment(*existing)).zone->name() == zone;
            if (!unchanged) { // a new enrollment, or a new zone: the schedule starts again
                const std::uint32_t index = pm.enroll(slot, r, zone);
                if (pm_started) {
                    arm_pm(index, clock_ms, true);
                }
            }
        } else if (existing && pm.enrollment(*existing).active) {
            PmEnrollment& enrollment = pm.enrollment(*existing);
            enrollment.active = false;
            ++enrollment.epoch;
        }
    }
    return problems;
}

void Engine::Impl::retire_asset(std::uint32_t slot) {
    for (const std::uint32_t index : pm.enrollment_row(slot)) {
        if (index == no_enrollment) {
            continue;
        }
        PmEnrollment& enrollment = pm.enrollment(index);
        enrollment.active = false;
        ++enrollment.epoch;
    }
}

bool Engine::Impl::already_generated(const PmOccurrence& occurrence) {
    const auto existing = find_work_order(occurrence.work_order);
    if (!existing) {
        return false;
    }
    const WorkOrder& work_order = work_orders[*existing];
    PmEnrollment& enrollment = pm.enrollment(occurrence.enrollment);
    if (work_order.pm_enrollment == no_enrollment || work_order.pm_due_ms != occurrence.due_ms) {
        return false; // a work order the host made under that id: refused as a duplicate
    }
    const PmEnrollment& creator = pm.enrollment(work_order.pm_enrollment);
    if (creator.rule != enrollment.rule || creator.asset != enrollment.asset) {
        return false;
    }
    enrollment.last_work_order = *existing;
    enrollment.last_due_ms = occurrence.due_ms;
    return true;
}

bool Engine::Impl::create_pm(const PmOccurrence& occurrence, std::int64_t at_ms) {
    // Generating is idempotent: when the asset left the rule and came back, or the host handed
    // over its assets again, an occurrence already generated is not created again, and not
    // reported again either. The schedule goes on from its work order.
    if (already_generated(occurrence)) {
        const WorkOrder& existing =
            work_orders[pm.enrollment(occurrence.enrollment).last_work_order];
        return !workflows[existing.workflow].model->states[existing.state].final;
    }
    const PmEnrollment& enrollment = pm.enrollment(occurrence.enrollment);
    const PmRule& rule = pm.rules()[enrollment.rule];
    const Asset* asset = assets ? assets->find(pm.asset_id(enrollment.asset)) : nullptr;
    pm_event = Event{};
    pm_event.at = Timestamp{std::chrono::milliseconds{at_ms}};
    pm_event.type = "create";
    pm_event.wo = occurrence.work_order;
    pm_event.workflow = workflows[rule.workflow].model->name;
    pm_event.by = "engine";
    pm_event.data = asset != nullptr ? asset->fields : nlohmann::json::object();
    view_event(pm_event, options.max_json_depth, pm_scratch, pm_view);
    clock_ms = std::max(clock_ms, at_ms);
    clock_started = true;
    decision.clear();
    decision.seq = ++seq;
    evaluation.effects.clear();
    evaluation.assignee_changed = false;
    evaluation.new_assignee.clear();
    const char* origin = rule.model->trigger == dsl::PmTriggerKind::condition ? "trigger" : "pm";
    Decider(*this, pm_view).create_pm(occurrence, origin);
    if (decision.ok) {
        PmEnrollment& created = pm.enrollment(occurrence.enrollment);
        created.last_work_order = *find_work_order(occurrence.work_order);
        created.last_due_ms = occurrence.due_ms;
        ++pm.counts.created;
    } else {
        evaluation.effects.clear();
        decision.changes.clear();
        ++(decision.error == "previous_open" ? pm.counts.skipped : pm.counts.failed);
    }
    evaluation.work_order = nullptr;
    if (sink) {
        sink(decision);
    }
    return decision.ok;
}

void Engine::Impl::fire_pm(const TimerEntry& entry, std::int64_t now_ms) {
    const std::uint32_t index = entry.work_order;
    const dsl::PmModel& model = pm.model_of(pm.enrollment(index));
    if ((entry.timer & ~pm_timer_flag) == pm_timer_sustained) {
        PmEnrollment& enrollment = pm.enrollment(index);
        enrollment.holding_since_ms.reset();
        enrollment.awaiting_clear = true; // until the condition clears, it does not trigger again
        create_pm({index, entry.due_ms, pm.work_order_id(enrollment, entry.due_ms), true},
                  entry.due_ms);
        return;
    }
    const std::optional<std::int64_t> due = pm.enrollment(index).due_ms;
    if (!due) {
        return;
    }
    if (model.trigger == dsl::PmTriggerKind::calendar && !model.create_every_missed &&
        skip_to_latest(index, entry.due_ms, now_ms)) {
        return; // the latest occurrence's timer fires later in this catch-up, in its turn
    }
    PmOccurrence occurrence{index, *due, pm.work_order_id(pm.enrollment(index), *due), false};
    occurrence.missed = std::exchange(pm.enrollment(index).missed, 0);
    pm.counts.missed += occurrence.missed;
    pm.enrollment(index).due_ms.reset();
    const bool created = create_pm(occurrence, entry.due_ms);
    PmEnrollment& enrollment = pm.enrollment(index);
    switch (model.trigger) {
    case dsl::PmTriggerKind::calendar:
        pm.next_calendar_due(enrollment);
        arm_pm(index, entry.due_ms, false);
        break;
    case dsl::PmTriggerKind::floating:
        // The next one counts from the completion of this one; if none was created, from now.
        if (!created) {
            enrollment.due_ms = pm.interval_due(enrollment, entry.due_ms);
            arm_pm(index, entry.due_ms, false);
        }
        break;
    case dsl::PmTriggerKind::combined:
        // Whichever comes first counts from this work order: the period from now, the meter
        // from its latest reading.
        enrollment.due_ms = pm.interval_due(enrollment, entry.due_ms);
        if (enrollment.reading) {
            enrollment.next_threshold = *enrollment.reading + model.meter_every;
        }
        arm_pm(index, entry.due_ms, false);
        break;
    case dsl::PmTriggerKind::meter:
    case dsl::PmTriggerKind::condition:
        break;
    }
}

bool Engine::Impl::skip_to_latest(std::uint32_t index, std::int64_t fired_ms, std::int64_t now_ms) {
    PmEnrollment& enrollment = pm.enrollment(index);
    std::uint32_t missed = 0;
    // Walks the recurrence cursor only: no timer, no line for an occurrence left out.
    for (;;) {
        const stdlib::RecurrenceCursor before = enrollment.cursor;
        const std::optional<std::int64_t> pending = enrollment.due_ms;
        const std::optional<std::int64_t> next = pm.next_calendar_due(enrollment);
        if (!next || pm.create_at(enrollment, *next, fired_ms) > now_ms) {
            enrollment.cursor = before;
            enrollment.due_ms = pending;
            break;
        }
        ++missed;
    }
    if (missed == 0) {
        return false;
    }
    enrollment.missed += missed;
    arm_pm(index, fired_ms, false);
    return true;
}

void Engine::Impl::pm_work_order_moved(const WorkOrder& work_order) {
    PmEnrollment& enrollment = pm.enrollment(work_order.pm_enrollment);
    const dsl::PmModel& model = pm.model_of(enrollment);
    const bool finished = workflows[work_order.workflow].model->states[work_order.state].final;
    if (!finished || model.trigger != dsl::PmTriggerKind::floating || !enrollment.active ||
        enrollment.last_work_order == no_work_order ||
        work_orders[enrollment.last_work_order].id != work_order.id) {
        return;
    }
    enrollment.due_ms = pm.interval_due(enrollment, clock_ms);
    arm_pm(work_order.pm_enrollment, clock_ms, false);
}

// ---- asset and reading lines ------------------------------------------------------------------

namespace {

struct LineOutcome {
    const char* error = nullptr;
    std::string reason;
    std::string asset;
    std::optional<std::uint32_t> slot; ///< a reading's asset in the pm runtime, if enrolled ever
    std::vector<Change> readings;
};

} // namespace

static LineOutcome apply_asset_line(Engine::Impl& impl, const EventView& event) {
    LineOutcome outcome;
    if (const DataEntry* id = event.find("id");
        id != nullptr && !id->value.is_array && id->value.scalar.kind == InScalar::Kind::string) {
        outcome.asset = std::string(id->value.scalar.text);
    }
    if (!impl.assets) {
        outcome.error = "no_assets";
        outcome.reason = "the engine has no asset directory to change (replay: give one with "
                         "--assets)";
        return outcome;
    }
    nlohmann::json change;
    if (const std::string nested = flat_change(event, change); !nested.empty()) {
        outcome.error = "bad_asset_change";
        outcome.reason = "/data/" + nested +
                         ": an asset change holds text, numbers, true/false, "
                         "null and lists of them, not objects";
        return outcome;
    }
    const Asset* current = impl.assets->find(outcome.asset);
    const bool retiring = change.value("change", "") == "retire";
    if (!retiring && change.contains("change")) {
        // What the rules would read once the change is made: refused here, before it is made.
        if (std::string misfit = check_record(impl, prospective_record(change, current));
            !misfit.empty()) {
            outcome.error = misfit.front() == '/' ? "bad_asset_change" : "rule_failed";
            outcome.reason = misfit.front() == '/' ? "/data" + misfit : misfit;
            return outcome;
        }
    }
    if (const std::string problem = impl.assets->apply(change); !problem.empty()) {
        outcome.error = "bad_asset_change";
        outcome.reason = problem.front() == '/' ? "/data" + problem : "/data: " + problem;
        return outcome;
    }
    if (const Asset* changed = impl.assets->find(outcome.asset)) {
        impl.enroll_asset(*changed);
    } else if (const auto slot = impl.pm.find_asset(outcome.asset)) {
        impl.retire_asset(*slot);
    }
    return outcome;
}

/// Checks every reading of the line before any is applied, so a refused line changes nothing.
static LineOutcome check_reading_line(Engine::Impl& impl, const EventView& event) {
    LineOutcome outcome;
    const DataEntry* asset = event.find("asset");
    if (asset == nullptr || asset->value.is_array ||
        asset->value.scalar.kind != InScalar::Kind::string) {
        outcome.error = "missing_required";
        outcome.reason = "/data/asset: a reading names its asset's id as text";
        return outcome;
    }
    outcome.asset = std::string(asset->value.scalar.text);
    if (!impl.assets) {
        outcome.error = "no_assets";
        outcome.reason = "the engine has no assets to take readings of (replay: give them with "
                         "--assets)";
        return outcome;
    }
    if (impl.assets->find(outcome.asset) == nullptr) {
        outcome.error = "unknown_asset";
        outcome.reason = "there is no asset " + backticked(outcome.asset);
        return outcome;
    }
    for (const auto& entry : event.data) {
        if (entry.key == "asset") {
            continue;
        }
        if (!is_number(entry.value) || !std::isfinite(number_of(entry.value.scalar))) {
            outcome.error = "bad_reading";
            outcome.reason = "/data/" + std::string(entry.key) + ": a reading is a number, got " +
                             received(entry.value, event.items);
            return outcome;
        }
        outcome.readings.push_back(
            {std::string(entry.key), number_json(number_of(entry.value.scalar))});
    }
    if (outcome.readings.empty()) {
        outcome.error = "missing_required";
        outcome.reason = "a reading line gives at least one reading besides `asset`";
        return outcome;
    }
    outcome.slot = impl.pm.find_asset(outcome.asset);
    if (!outcome.slot) {
        return outcome; // no rule ever covered it: its readings move nothing
    }
    for (const std::uint32_t index : impl.pm.enrollment_row(*outcome.slot)) {
        if (index == no_enrollment) {
            continue;
        }
        const PmEnrollment& enrollment = impl.pm.enrollment(index);
        const dsl::PmModel& model = impl.pm.model_of(enrollment);
        const DataEntry* reading = model.meter.empty() ? nullptr : event.find(model.meter);
        if (enrollment.active && reading != nullptr &&
            impl.pm.meter_goes_back(enrollment, number_of(reading->value.scalar))) {
            outcome.error = "meter_went_back";
            outcome.reason = "/data/" + model.meter + ": meter " + backticked(model.meter) +
                             " of asset " + backticked(outcome.asset) + " reads " +
                             number_json(number_of(reading->value.scalar)) +
                             ", below its last reading " + number_json(*enrollment.reading) +
                             "; a meter only counts up";
            return outcome;
        }
    }
    return outcome;
}

/// A condition rule's reading: triggers, starts holding, or clears.
static void condition_reading(Engine::Impl& impl, std::uint32_t index, double value,
                              std::int64_t at_ms) {
    PmEnrollment& enrollment = impl.pm.enrollment(index);
    const dsl::PmModel& model = impl.pm.model_of(enrollment);
    if (enrollment.awaiting_clear) {
        const bool cleared =
            model.clears ? model.clears->holds(value) : !model.condition.holds(value);
        enrollment.awaiting_clear = !cleared;
        return;
    }
    if (!model.condition.holds(value)) {
        if (enrollment.holding_since_ms) {
            enrollment.holding_since_ms.reset();
            ++enrollment.epoch; // its sustain timer is void
        }
        return;
    }
    if (model.sustained_ms == 0) {
        enrollment.awaiting_clear = true;
        impl.create_pm({index, at_ms, impl.pm.work_order_id(enrollment, at_ms), true}, at_ms);
        return;
    }
    if (!enrollment.holding_since_ms) {
        enrollment.holding_since_ms = at_ms;
        ++enrollment.epoch;
        impl.timers.schedule(at_ms + model.sustained_ms, index, pm_timer_flag | pm_timer_sustained,
                             enrollment.epoch);
    }
}

static void apply_readings(Engine::Impl& impl, const EventView& event, std::uint32_t slot) {
    // By index: creating a work order below does not add assets, but the row is re-read each
    // time rather than trusted across the creation.
    for (std::uint32_t rule = 0; rule < impl.pm.rules().size(); ++rule) {
        const std::uint32_t index = impl.pm.enrollment_row(slot)[rule];
        if (index == no_enrollment || !impl.pm.enrollment(index).active) {
            continue;
        }
        const dsl::PmModel& model = impl.pm.model_of(impl.pm.enrollment(index));
        if (model.trigger == dsl::PmTriggerKind::condition) {
            if (const DataEntry* reading = event.find(model.condition.reading)) {
                condition_reading(impl, index, number_of(reading->value.scalar), event.at_ms);
            }
            continue;
        }
        const DataEntry* reading = model.meter.empty() ? nullptr : event.find(model.meter);
        if (reading == nullptr) {
            continue;
        }
        const auto occurrence =
            impl.pm.meter_reading(index, number_of(reading->value.scalar), event.at_ms);
        if (!occurrence) {
            continue;
        }
        impl.create_pm(*occurrence, event.at_ms);
        if (model.trigger == dsl::PmTriggerKind::combined) {
            // The meter came first: the period counts again from now.
            PmEnrollment& enrollment = impl.pm.enrollment(index);
            enrollment.due_ms = impl.pm.interval_due(enrollment, event.at_ms);
            impl.arm_pm(index, event.at_ms, false);
        }
    }
}

const Decision& Engine::Impl::decide_pm_line(const EventView& event,
                                             std::optional<std::uint64_t> line) {
    LineOutcome outcome;
    if (clock_started && event.at_ms < clock_ms) {
        outcome.error = "time_went_backwards";
        outcome.reason = "`at` " + std::string(event.at_text) + " is before the previous event's " +
                         stdlib::format_time(clock_ms) + "; a stream must not go back in time";
    } else {
        clock_ms = event.at_ms;
        clock_started = true;
        if (event.type == "asset") {
            outcome = apply_asset_line(*this, event);
        } else {
            outcome = check_reading_line(*this, event);
            if (outcome.error == nullptr && outcome.slot) {
                apply_readings(*this, event, *outcome.slot);
            }
        }
        fire_timers(clock_ms); // what the line brought due now is created before its own line
    }
    decision.clear();
    decision.seq = ++seq;
    decision.line = line;
    decision.at.append(event.at_text);
    decision.asset = outcome.asset;
    decision.event.append(event.type);
    if (outcome.error != nullptr) {
        decision.error = outcome.error;
        decision.reason = std::move(outcome.reason);
        return decision;
    }
    decision.ok = true;
    decision.changes = std::move(outcome.readings);
    return decision;
}

// ---- the public API -----------------------------------------------------------------------------

std::vector<std::string> Engine::set_assets(std::shared_ptr<AssetDirectory> directory) {
    auto& impl = *impl_;
    impl.assets = std::move(directory);
    std::vector<std::string> problems;
    std::vector<bool> present;
    if (impl.assets) {
        impl.assets->for_each([&](const Asset& asset) {
            if (std::string problem = impl.enroll_asset(asset); !problem.empty()) {
                problems.push_back(std::move(problem));
            }
            const std::uint32_t slot = *impl.pm.find_asset(asset.id);
            present.resize(std::max<std::size_t>(present.size(), slot + 1), false);
            present[slot] = true;
        });
    }
    // Assets of an earlier directory that this one lacks leave every rule.
    for (std::uint32_t slot = 0; slot < impl.pm.asset_count(); ++slot) {
        if (slot >= present.size() || !present[slot]) {
            impl.retire_asset(slot);
        }
    }
    impl.decision.clear();
    return problems;
}

const AssetDirectory* Engine::assets() const {
    return impl_->assets.get();
}

std::string Engine::asset_changed(std::string_view id) {
    auto& impl = *impl_;
    std::string problem;
    if (const Asset* asset = impl.assets ? impl.assets->find(id) : nullptr) {
        problem = impl.enroll_asset(*asset);
    } else if (const auto slot = impl.pm.find_asset(id)) {
        impl.retire_asset(*slot);
    }
    impl.decision.clear();
    return problem;
}

std::vector<ForecastEntry> Engine::forecast(Timestamp from, Timestamp to) const {
    const auto& impl = *impl_;
    std::vector<std::string> names;
    for (const auto& workflow : impl.workflows) {
        names.push_back(workflow.model->name);
    }
    // An engine whose clock has not started is taken to start it at `from`: nothing is created
    // before then, and what is due at once is created then.
    const std::int64_t from_ms = from.time_since_epoch().count();
    const std::int64_t now_ms = impl.pm_started ? impl.clock_ms : from_ms;
    return impl.pm.forecast(from_ms, to.time_since_epoch().count(), now_ms, names,
                            impl.assets.get());
}

PmReport Engine::pm_report() const {
    const auto& impl = *impl_;
    PmReport report;
    report.assets = impl.assets ? impl.assets->size() : 0;
    for (std::uint32_t i = 0; i < impl.pm.enrollment_count(); ++i) {
        report.enrollments += impl.pm.enrollment(i).active ? 1 : 0;
    }
    report.created = impl.pm.counts.created;
    report.skipped = impl.pm.counts.skipped;
    report.failed = impl.pm.counts.failed;
    report.missed = impl.pm.counts.missed;
    return report;
}

} // namespace millwright
