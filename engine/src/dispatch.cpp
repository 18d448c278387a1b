// Deciding one event: find the work order and the event's alternatives for its state, apply
// the event's data to a pending copy, try guards in order, check `requires`, run the action
// blocks (leave hook, transition, enter hook), and only then commit. Every rejection names a
// stable error code and a reason a person can act on.
#include "decider.hpp"
#include "directory_event.hpp"
#include "intake.hpp"
#include "lua_bridge.hpp"

#include "millwright/stdlib/calendar.hpp"
#include "millwright/stdlib/format.hpp"

#include <lua.hpp>

#include <algorithm>
#include <filesystem>

namespace millwright::detail {

std::string backticked(std::string_view text) {
    return "`" + std::string(text) + "`";
}

// "a, b and c"
std::string join_names(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            text += (i + 1 == names.size()) ? " and " : ", ";
        }
        text += names[i];
    }
    return text;
}

// What was received, as JSON, shortened so a huge value cannot bloat the decision line.
std::string received(const InValue& value, const std::vector<InScalar>& items) {
    constexpr std::size_t max_shown = 80;
    std::string text;
    append_json(text, value, items);
    if (text.size() > max_shown) {
        text.resize(max_shown);
        text += "...";
    }
    return text;
}

// Runtime locations name the file without its directory, so a decision line does not depend on
// where the rules were loaded from.
std::string where(const dsl::SourceSet& sources, dsl::SourceSpan span) {
    const auto& source = sources.get(span.source);
    const auto position = source.locate(span.begin);
    return std::filesystem::path(source.name()).filename().string() + ":" +
           std::to_string(position.line) + ":" + std::to_string(position.column);
}

void Decider::reject(const char* error, std::string reason) {
    decision_.ok = false;
    decision_.error = error;
    decision_.reason = std::move(reason);
}

void Decider::run() {
    // The decision was just cleared, so these append to empty strings: libstdc++'s append is a
    // capacity check and a copy, where assign goes through its general replace (aliasing and
    // tail checks), for three texts on every event.
    decision_.at.append(event_.at_text);
    decision_.wo.append(event_.wo);
    decision_.event.append(event_.type);
    if (engine_.clock_started && event_.at_ms < engine_.clock_ms) {
        reject("time_went_backwards",
               "`at` " + std::string(event_.at_text) + " is before the previous event's " +
                   stdlib::format_time(engine_.clock_ms) + "; a stream must not go back in time");
        return;
    }
    engine_.clock_ms = event_.at_ms;
    engine_.clock_started = true;
    if (event_.type == "tick") {
        decision_.ok = true;
        return;
    }
    if (event_.type == "directory") {
        apply_directory_event(engine_.directory.get(), event_, decision_);
        return;
    }
    if (event_.has_workflow) {
        create();
    } else {
        transition();
    }
}

bool Decider::apply_data(const CompiledWorkflow& workflow, bool creating) {
    const auto& model = *workflow.model;
    for (const auto& entry : event_.data) {
        const auto field = workflow.fields.find(entry.key);
        if (field == workflow.fields.end()) {
            if (workflow.reads_data_key(entry.key)) {
                continue; // read by a guard or action as data.<key>, converted when pushed
            }
            reject("unknown_field",
                   backticked(entry.key) + " is not a field of workflow " + backticked(model.name) +
                       (creating ? "" : " and no rule reads data." + std::string(entry.key)));
            return false;
        }
        const auto& type = model.fields[field->second].type;
        std::string expected;
        // Converted straight into the pending slot (no temporary Value moved in). If it fails,
        // the event is rejected and the pending values are dropped with it.
        if (!convert(entry.value, event_.items, type, evaluation_.pending.write(field->second),
                     expected)) {
            reject("bad_field_type", "/data/" + std::string(entry.key) + ": field " +
                                         backticked(entry.key) + " expects " + expected + ", got " +
                                         received(entry.value, event_.items));
            return false;
        }
    }
    return true;
}

bool Decider::check_required_at_creation(const CompiledWorkflow& workflow) {
    std::vector<std::string> missing;
    const auto& fields = workflow.model->fields;
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
        if (fields[i].required && evaluation_.field(i).is_empty()) {
            missing.push_back(fields[i].name);
        }
    }
    if (missing.empty()) {
        return true;
    }
    reject("missing_required", "a " + backticked(workflow.model->name) + " work order requires " +
                                   join_names(missing) +
                                   " when it is created; missing: " + join_names(missing));
    return false;
}

void Decider::create() {
    const auto found = engine_.workflow_index.find(event_.workflow);
    if (found == engine_.workflow_index.end()) {
        reject("unknown_workflow", "there is no workflow " + backticked(event_.workflow));
        return;
    }
    if (event_.wo.empty()) {
        reject("missing_work_order", "a creation must name its work order in `wo`");
        return;
    }
    if (engine_.find_work_order(event_.wo)) {
        reject("duplicate_work_order", "work order " + backticked(event_.wo) + " already exists");
        return;
    }
    workflow_ = &engine_.workflows[found->second];
    const auto& model = *workflow_->model;
    new_work_order_ = WorkOrder{}; // nothing left from an earlier creation
    new_work_order_.id.assign(event_.wo);
    new_work_order_.workflow = found->second;
    new_work_order_.state = static_cast<std::uint32_t>(model.initial_state);
    // Most fields have no default: start from unset values and copy only the defaults given.
    new_work_order_.fields.resize(model.fields.size());
    for (const auto field : workflow_->given_defaults) {
        new_work_order_.fields[field] = workflow_->defaults[field];
    }
    new_work_order_.requester.assign(event_.by);
    work_order_ = &new_work_order_;
    evaluation_.workflow = workflow_;
    evaluation_.work_order = work_order_;
    evaluation_.pending.reset(model.fields.size());
    current_state_ = new_work_order_.state;
    if (!fill_created_fields(*workflow_) || !check_required_at_creation(*workflow_) ||
        !run_actions(model.states[model.initial_state].on_enter) || !evaluate_priority(true)) {
        return;
    }
    HistoryRecord record;
    record.from = no_state;
    record.event = engine_.interner.intern(event_.type);
    commit_changes(new_work_order_, record, true);
    const auto index = static_cast<std::uint32_t>(engine_.work_orders.size());
    engine_.work_orders.push_back(std::move(new_work_order_));
    engine_.index_work_order(index);
    arm_timers(index);
    track_sla(index, true, true);
    if (pm_ != nullptr) {
        WorkOrder& created = engine_.work_orders[index];
        created.pm_enrollment = pm_->enrollment;
        created.pm_due_ms = pm_->due_ms;
    }
}

void Decider::transition() {
    if (event_.wo.empty()) {
        reject("missing_work_order",
               "event " + backticked(event_.type) + " names no work order (`wo`)");
        return;
    }
    const auto found = engine_.find_work_order(event_.wo);
    if (!found) {
        reject("unknown_work_order", "there is no work order " + backticked(event_.wo));
        return;
    }
    work_order_index_ = *found;
    work_order_ = &engine_.work_orders[*found];
    workflow_ = &engine_.workflows[work_order_->workflow];
    const auto& model = *workflow_->model;
    decision_.from = model.states[work_order_->state].name;
    decision_.version = work_order_->version;
    if (!model.approvals.empty() &&
        (event_.type == "approve" || event_.type == "reject" || event_.type == "delegate")) {
        vote();
        return;
    }
    const auto event_index = workflow_->events.find(event_.type);
    if (event_index == workflow_->events.end()) {
        reject("unknown_event",
               "workflow " + backticked(model.name) + " has no event " + backticked(event_.type));
        return;
    }
    evaluation_.workflow = workflow_;
    evaluation_.work_order = work_order_;
    evaluation_.pending.reset(model.fields.size());
    current_state_ = work_order_->state;
    if (!apply_data(*workflow_, false)) {
        return;
    }
    event_index_ = event_index->second;
    const auto chosen = choose_alternative(event_index_);
    if (!chosen) {
        return;
    }
    const auto& alternative = model.events[event_index->second].alternatives[*chosen];
    if (!check_requires(alternative)) {
        return;
    }
    const bool moves = alternative.to != work_order_->state;
    if (moves && !run_actions(model.states[work_order_->state].on_leave)) {
        return;
    }
    if (!run_actions(alternative.actions)) {
        return;
    }
    current_state_ = static_cast<std::uint32_t>(alternative.to);
    if (moves && !run_actions(model.states[alternative.to].on_enter)) {
        return;
    }
    if (!settle_approval(alternative.start) || !evaluate_priority(false)) {
        return;
    }
    commit_move(workflow_->event_names[event_index_]);
}

void Decider::begin_engine_line(const TimerEntry& entry, const char* origin) {
    work_order_index_ = entry.work_order;
    work_order_ = &engine_.work_orders[entry.work_order];
    workflow_ = &engine_.workflows[work_order_->workflow];
    const auto& model = *workflow_->model;
    decision_.at.assign(event_.at_text);
    decision_.wo.assign(event_.wo);
    decision_.event.assign(event_.type);
    decision_.origin = origin;
    decision_.from = model.states[work_order_->state].name;
    decision_.version = work_order_->version;
    engine_.clock_ms = entry.due_ms;
    engine_.clock_started = true;
    evaluation_.workflow = workflow_;
    evaluation_.work_order = work_order_;
    evaluation_.pending.reset(model.fields.size());
    current_state_ = work_order_->state;
}

void Decider::commit_move(std::uint32_t event_name) {
    HistoryRecord record;
    record.from = work_order_->state;
    record.event = event_name;
    const bool moved = current_state_ != work_order_->state;
    work_order_->state = current_state_;
    commit_changes(*work_order_, record, false);
    if (moved) {
        arm_timers(work_order_index_);
        if (work_order_->pm_enrollment != no_enrollment) {
            engine_.pm_work_order_moved(*work_order_);
        }
    }
    track_sla(work_order_index_, false, moved);
    commit_approval();
}

void Decider::fire(const TimerEntry& entry) {
    begin_engine_line(entry, "timer");
    const auto& model = *workflow_->model;
    const auto& timer = model.timers[entry.timer];
    const std::uint32_t target =
        timer.target ? static_cast<std::uint32_t>(*timer.target) : work_order_->state;
    const bool moves = target != work_order_->state;
    // The same order as an event's transition: leave hook, the timer's actions, enter hook.
    if (moves && !run_actions(model.states[work_order_->state].on_leave)) {
        return;
    }
    if (!run_actions(timer.actions)) {
        return;
    }
    current_state_ = target;
    if (moves && !run_actions(model.states[target].on_enter)) {
        return;
    }
    if (!settle_approval(std::nullopt) || !evaluate_priority(false)) {
        return;
    }
    commit_move(engine_.interner.intern(event_.type));
}

void Decider::fire_sla(const TimerEntry& entry) {
    begin_engine_line(entry, "sla");
    SlaClock& clock = work_order_->sla[(entry.timer & ~sla_timer_flag) >> 1];
    if ((entry.timer & 1u) != 0) {
        clock.breached = true;
    } else {
        clock.warned = true;
    }
    // Recorded like any event (history, version) but with no changes and no rules to run.
    HistoryRecord record;
    record.from = work_order_->state;
    record.event = engine_.interner.intern(event_.type);
    commit_changes(*work_order_, record, false);
    show_sla(*work_order_);
}

bool Decider::evaluate_priority(bool creating) {
    const auto& model = *workflow_->model;
    if (!model.priority) {
        return true;
    }
    if (!creating) {
        // Recomputed only when a field it reads is about to change.
        bool input_changes = false;
        for (const auto field : evaluation_.pending.touched()) {
            if (workflow_->priority_input[field] != 0 &&
                !(*evaluation_.pending.find(field) == work_order_->fields[field])) {
                input_changes = true;
                break;
            }
        }
        if (!input_changes) {
            return true;
        }
    }
    const auto& priority = *model.priority;
    if (call(priority.function, 2) == CallResult::failed) {
        return false;
    }
    lua_State* L = engine_.lua.get();
    std::size_t level_size = 0;
    std::size_t why_size = 0;
    const char* level = lua_tolstring(L, -2, &level_size);
    const char* why = lua_tolstring(L, -1, &why_size);
    const auto found = level == nullptr ? priority.levels.end()
                                        : std::find(priority.levels.begin(), priority.levels.end(),
                                                    std::string_view(level, level_size));
    if (found == priority.levels.end() || why == nullptr) {
        lua_pop(L, 2);
        reject("rule_failed", "the priority rule of workflow " + backticked(model.name) +
                                  " returned no priority level");
        return false;
    }
    new_priority_ = static_cast<std::uint32_t>(found - priority.levels.begin());
    priority_why_.assign(why, why_size);
    lua_pop(L, 2);
    priority_evaluated_ = true;
    return true;
}

void Decider::arm_timers(std::uint32_t index) {
    WorkOrder& work_order = engine_.work_orders[index];
    ++work_order.stay; // timers of the previous stay are stale from now on
    for (const auto t : workflow_->timers_by_state[work_order.state]) {
        const auto& length = engine_.ruleset->data().timer_lengths[work_order.workflow][t];
        const auto due = length.add(engine_.clock_ms, length.duration_ms);
        if (!due) {
            continue; // never: a calendar that does not open long enough, or past the end of time
        }
        engine_.timers.schedule(*due, index, t, work_order.stay);
    }
}

void Decider::track_sla(std::uint32_t index, bool creating, bool moved) {
    if (workflow_->sla == nullptr) {
        return;
    }
    const SlaRules& rules = *workflow_->sla;
    WorkOrder& work_order = engine_.work_orders[index];
    if (work_order.priority == no_priority) {
        return; // the checker requires a priority; a rule may still have given none
    }
    const auto& targets = rules.by_level[work_order.priority];
    const bool final_state = workflow_->model->states[work_order.state].final;
    bool changed = false;
    for (std::uint32_t c = 0; c < work_order.sla.size(); ++c) {
        SlaClock& clock = work_order.sla[c];
        const bool moves_clock = moved && clock.enter(rules, c, work_order.state, creating,
                                                      final_state, targets[c], engine_.clock_ms);
        if (!moves_clock && !(priority_changed_ && clock.started() && !clock.stopped())) {
            continue;
        }
        changed = true;
        const SlaTimers due = rearm(clock, targets[c], rules.warn_percent, engine_.clock_ms);
        if (due.warning_ms) {
            engine_.timers.schedule(*due.warning_ms, index, sla_timer(c, false), clock.epoch);
        }
        if (due.breach_ms) {
            engine_.timers.schedule(*due.breach_ms, index, sla_timer(c, true), clock.epoch);
        }
    }
    if (changed || creating) {
        show_sla(work_order);
    }
}

void Decider::show_sla(const WorkOrder& work_order) {
    decision_.has_sla = true;
    describe_sla(*workflow_->sla, work_order.sla, work_order.priority, engine_.clock_ms,
                 decision_.sla);
}

std::optional<std::uint32_t> Decider::choose_alternative(std::uint32_t event_index) {
    const auto& model = *workflow_->model;
    const auto& state = model.states[work_order_->state];
    const auto& candidates = workflow_->dispatch[event_index][work_order_->state];
    if (candidates.empty()) {
        std::vector<std::string> sources;
        for (const auto& alternative : model.events[event_index].alternatives) {
            for (const auto from : alternative.from) {
                const auto& name = model.states[from].name;
                if (std::find(sources.begin(), sources.end(), name) == sources.end()) {
                    sources.push_back(name);
                }
            }
        }
        std::string reason =
            backticked(event_.type) + " is not allowed in state " + backticked(state.name);
        reason += state.final ? " (a final state: the work order is finished)"
                              : "; it is allowed from " + join_names(sources);
        reject("transition_not_allowed", std::move(reason));
        return std::nullopt;
    }
    for (const auto index : candidates) {
        const auto& alternative = model.events[event_index].alternatives[index];
        if (!alternative.guard) {
            return index;
        }
        if (call(*alternative.guard, 1) == CallResult::failed) {
            return std::nullopt;
        }
        const bool holds = lua_toboolean(engine_.lua.get(), -1) != 0;
        lua_pop(engine_.lua.get(), 1);
        if (holds) {
            decision_.why_not.clear();
            return index;
        }
        GuardTrial trial;
        trial.transition = state.name + " -> " + model.states[alternative.to].name;
        trial.guard = alternative.guard_text;
        trial.where =
            where(engine_.ruleset->data().sources, model.functions[*alternative.guard].span);
        // Described only now that the guard refused: most guards hold, and writing what they
        // saw as JSON on every call cost allocations and formatting. A guard changes nothing, so
        // its inputs still have the values it was called with.
        trial.saw = describe_inputs(*alternative.guard);
        decision_.why_not.push_back(std::move(trial));
    }
    reject("guard_rejected", backticked(event_.type) + " is not allowed now: no alternative's " +
                                 "condition holds in state " + backticked(state.name) +
                                 " (see why_not)");
    return std::nullopt;
}

bool Decider::check_requires(const dsl::TransitionModel& alternative) {
    std::vector<std::string> missing;
    for (const auto field : alternative.required) {
        if (evaluation_.field(static_cast<std::uint32_t>(field)).is_empty()) {
            missing.push_back(workflow_->model->fields[field].name);
        }
    }
    if (missing.empty()) {
        return true;
    }
    std::vector<std::string> required;
    for (const auto field : alternative.required) {
        required.push_back(workflow_->model->fields[field].name);
    }
    reject("missing_required", backticked(event_.type) + " requires " + join_names(required) +
                                   "; missing: " + join_names(missing) +
                                   " (give them in the event's data)");
    return false;
}

bool Decider::run_actions(std::optional<std::size_t> function) {
    if (!function) {
        return true;
    }
    return call(*function, 0) == CallResult::ok;
}

bool Decider::push_input(const dsl::FunctionInput& input, std::string* saw_json) {
    lua_State* L = engine_.lua.get();
    const auto push_text = [&](std::string_view text) {
        if (text.empty()) {
            lua_pushnil(L);
            if (saw_json) {
                *saw_json = "null";
            }
            return;
        }
        lua_pushlstring(L, text.data(), text.size());
        if (saw_json) {
            append_json_string(*saw_json, text);
        }
    };
    switch (input.kind) {
    case dsl::InputKind::field: {
        const Value& value = evaluation_.field(static_cast<std::uint32_t>(input.field));
        push_value(L, value, input.type);
        if (saw_json) {
            append_json(*saw_json, value, input.type);
        }
        return true;
    }
    case dsl::InputKind::data: {
        Value value;
        if (const DataEntry* entry = event_.find(input.name)) {
            std::string expected;
            if (!convert(entry->value, event_.items, input.type, value, expected)) {
                reject("bad_field_type", "/data/" + input.name + ": data." + input.name +
                                             " must be " + expected + ", got " +
                                             received(entry->value, event_.items));
                return false;
            }
        }
        push_value(L, value, input.type);
        if (saw_json) {
            append_json(*saw_json, value, input.type);
        }
        return true;
    }
    case dsl::InputKind::actor:
        push_text(event_.by);
        return true;
    case dsl::InputKind::now:
        lua_pushinteger(L, static_cast<lua_Integer>(event_.at_ms));
        if (saw_json) {
            append_json_string(*saw_json, stdlib::format_time(event_.at_ms));
        }
        return true;
    case dsl::InputKind::requester:
        push_text(work_order_->requester);
        return true;
    case dsl::InputKind::assignee:
        push_text(evaluation_.assignee_changed ? evaluation_.new_assignee : work_order_->assignee);
        return true;
    case dsl::InputKind::state:
        push_text(workflow_->model->states[current_state_].name);
        return true;
    case dsl::InputKind::id:
        push_text(work_order_->id);
        return true;
    case dsl::InputKind::asset:
    case dsl::InputKind::pm:
        return push_pm_input(input, saw_json);
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> Decider::describe_inputs(std::size_t function) {
    lua_State* L = engine_.lua.get();
    std::vector<std::pair<std::string, std::string>> saw;
    for (const auto& input : workflow_->model->functions[function].inputs) {
        std::string saw_json;
        // The same path that pushed the input for the call, so the text shows exactly what the
        // function got; the pushed value itself is not needed.
        if (push_input(input, &saw_json)) {
            lua_pop(L, 1);
        }
        saw.emplace_back(input.display, std::move(saw_json));
    }
    return saw;
}

Decider::CallResult Decider::call(std::size_t function, int results) {
    lua_State* L = engine_.lua.get();
    const auto& model = *workflow_->model;
    const auto& definition = model.functions[function];
    const int base = lua_gettop(L);
    // Lua guarantees a C function only LUA_MINSTACK (20) free slots: a rule reading more
    // inputs than that would push past the stack's end without this.
    if (lua_checkstack(L, static_cast<int>(definition.inputs.size()) + 2) == 0) {
        reject("rule_failed", "rule " + backticked(definition.name) + " reads " +
                                  std::to_string(definition.inputs.size()) +
                                  " values, more than the VM has room for");
        return CallResult::failed;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, workflow_->function_refs[function]);
    for (const auto& input : definition.inputs) {
        if (!push_input(input, nullptr)) {
            lua_settop(L, base);
            return CallResult::failed;
        }
    }
    const auto budget = workflow_->metered[function] ? engine_.lua.limits().instructions_per_call
                                                     : lua::State::unmetered;
    const auto failure =
        engine_.lua.call(static_cast<int>(definition.inputs.size()), results, budget);
    if (!failure) {
        return CallResult::ok;
    }
    const auto& sources = engine_.ruleset->data().sources;
    std::string location = where(sources, definition.span);
    if (failure->line > 0) {
        if (const auto span = model.line_map.lookup(static_cast<std::uint32_t>(failure->line))) {
            location = where(sources, *span);
        }
    }
    const bool stopped =
        failure->kind == lua::FailureKind::budget || failure->kind == lua::FailureKind::memory;
    reject("rule_failed", "rule " + backticked(definition.name) +
                              (stopped ? " was stopped at " : " failed at ") + location + ": " +
                              failure->message + " (workflow " + backticked(model.name) +
                              ", state " + backticked(model.states[current_state_].name) +
                              ", event " + backticked(event_.type) + ")");
    return CallResult::failed;
}

Change& Decider::add_change(std::uint32_t field) {
    // Built in place: a Change moved in would cost two string moves per changed field.
    Change& change = decision_.changes.emplace_back();
    change.field.append(workflow_->model->fields[field].name); // see Decider::run on append
    return change;
}

// History keeps the decision's changes as one JSON object per event (see commit_changes).
void Decider::keep_in_history(std::uint32_t field, std::string_view value_json) {
    auto& text = engine_.history_text;
    text.append(decision_.changes.size() == 1 ? '{' : ',');
    text.append(workflow_->field_keys[field]);
    text.append(value_json);
}

void Decider::record_change(std::uint32_t field, const Value& value) {
    Change& change = add_change(field);
    append_json(change.value_json, value, workflow_->model->fields[field].type);
    keep_in_history(field, change.value_json);
}

void Decider::record_default(std::uint32_t field) {
    Change& change = add_change(field);
    change.value_json.append(workflow_->default_json[field]);
    keep_in_history(field, change.value_json);
}

void Decider::commit_changes(WorkOrder& work_order, HistoryRecord& record, bool creating) {
    const auto& model = *workflow_->model;
    if (creating) {
        // Everything set at creation is a change from nothing, in declaration order.
        for (std::uint32_t field = 0; field < model.fields.size(); ++field) {
            if (Value* given = evaluation_.pending.find(field)) {
                work_order.fields[field] = std::move(*given);
                if (!work_order.fields[field].is_unset()) {
                    record_change(field, work_order.fields[field]);
                }
            } else if (!work_order.fields[field].is_unset()) {
                record_default(field); // its JSON is written once per workflow
            }
        }
    } else {
        auto& fields = engine_.scratch_fields;
        fields.assign(evaluation_.pending.touched().begin(), evaluation_.pending.touched().end());
        std::sort(fields.begin(), fields.end()); // changes are listed in declaration order
        for (const auto field : fields) {
            Value& value = *evaluation_.pending.find(field);
            if (!(value == work_order.fields[field])) {
                record_change(field, value);
                work_order.fields[field] = std::move(value);
            }
        }
    }
    engine_.history_text.append(decision_.changes.empty() ? "{}" : "}");
    record.keep_texts(engine_.history_text, event_.by);
    if (priority_evaluated_) {
        // Shown when the level or the reason for it changes (another matrix cell may give the
        // same level); only a new level moves SLA due times.
        const std::uint32_t reason = engine_.interner.intern(priority_why_);
        priority_changed_ = creating || new_priority_ != work_order.priority;
        if (priority_changed_ || reason != work_order.priority_reason) {
            work_order.priority = new_priority_;
            work_order.priority_reason = reason;
            decision_.priority = model.priority->levels[new_priority_];
            decision_.priority_why = priority_why_;
        }
    }
    if (evaluation_.assignee_changed) {
        work_order.assignee = evaluation_.new_assignee;
    }
    ++work_order.version;
    record.seq = decision_.seq;
    record.at_ms = event_.at_ms;
    record.to = work_order.state;
    decision_.ok = true;
    decision_.to = model.states[work_order.state].name;
    decision_.version = work_order.version;
    // Swapped, not moved: both vectors keep their capacity for the next event.
    decision_.effects.swap(evaluation_.effects);
    record.previous = work_order.last_record;
    work_order.last_record = engine_.history_log.append(record);
}

} // namespace millwright::detail

namespace millwright {

using namespace detail;

const Decision& Engine::Impl::malformed(std::uint64_t line, const std::string& why) {
    decision.clear();
    decision.seq = ++seq;
    decision.line = line;
    decision.error = "malformed_line";
    decision.reason = "line " + std::to_string(line) + " is not a valid event: " + why;
    return decision;
}

const Decision& Engine::Impl::refuse(const EventView& event, std::optional<std::uint64_t> line,
                                     const char* error, std::string reason) {
    decision.clear();
    decision.seq = ++seq;
    decision.line = line;
    decision.at.append(event.at_text);
    // An id over its cap is not echoed: the line that refuses it must stay short.
    if (event.wo.size() <= options.max_id_bytes && event.type.size() <= options.max_id_bytes) {
        decision.wo.append(event.wo);
        decision.event.append(event.type);
    }
    decision.error = error;
    decision.reason = std::move(reason);
    return decision;
}

const Decision& Engine::Impl::decide(const EventView& event, std::optional<std::uint64_t> line) {
    if (!event.has_at) {
        return malformed(line.value_or(0), "missing `at`");
    }
    if (event.type.empty()) {
        return malformed(line.value_or(0), "missing `type`");
    }
    if (std::string oversized = oversized_value(event, options); !oversized.empty()) {
        return refuse(event, line, "value_too_long", std::move(oversized));
    }
    if (clock_started && event.at_ms > clock_ms &&
        event.at_ms - clock_ms > options.max_clock_jump.count()) {
        return refuse(event, line, "clock_jump_too_large",
                      "`at` " + std::string(event.at_text) + " is more than " +
                          stdlib::format_duration(options.max_clock_jump.count()) +
                          " after the engine's clock " + stdlib::format_time(clock_ms) +
                          ", the most one event may move it");
    }
    start_pm(event.at_ms);
    if (!timers.empty() && (!clock_started || event.at_ms >= clock_ms) &&
        !fire_timers(event.at_ms)) { // what was due happens before this event
        return refuse(event, line, "too_many_engine_lines",
                      "this event brought due more than " +
                          std::to_string(options.max_engine_lines_per_input) +
                          " lines of the engine's own; those up to " +
                          stdlib::format_time(clock_ms) +
                          " ran, the rest run before the next event, and this one was not "
                          "applied: send it again");
    }
    if (event.type == "asset" || event.type == "reading") {
        return decide_pm_line(event, line);
    }
    decision.clear();
    decision.seq = ++seq;
    decision.line = line;
    evaluation.effects.clear();
    evaluation.assignee_changed = false;
    evaluation.new_assignee.clear();
    Decider decider(*this, event);
    decider.run();
    if (!decision.ok) {
        // Nothing the event wrote is kept.
        evaluation.effects.clear();
        decision.changes.clear();
    }
    evaluation.work_order = nullptr;
    return decision;
}

namespace {

// The event names of SLA lines, by the low bits of their timer index (see sla_timer).
constexpr std::array<std::string_view, 4> sla_event_names{
    "response_warning", "response_breach", "resolution_warning", "resolution_breach"};

// The event name of an approval timeout's line, by its action.
std::string_view approval_event_name(const CompiledWorkflow& workflow, const ApprovalRun& run,
                                     std::uint32_t step) {
    switch ((*workflow.approvals)[run.chain].timeouts[step]->action) {
    case dsl::ApprovalTimeoutAction::remind:
        return "approval_reminder";
    case dsl::ApprovalTimeoutAction::escalate:
        return "approval_escalation";
    case dsl::ApprovalTimeoutAction::reject:
        return "approval_expired";
    }
    return "approval_timeout";
}

} // namespace

bool Engine::Impl::fire_timers(std::int64_t now_ms) {
    std::uint64_t fired = 0;
    while (const TimerEntry* front = timers.front()) {
        if (front->due_ms > now_ms) {
            break;
        }
        if (is_stale(*front)) {
            timers.pop();
            continue;
        }
        if (fired == options.max_engine_lines_per_input) {
            return false; // the rest stay queued, and the clock at the last one fired
        }
        ++fired;
        const std::optional<TimerEntry> entry = timers.pop();
        if ((entry->timer & pm_timer_flag) != 0) {
            fire_pm(*entry, now_ms);
            continue;
        }
        const WorkOrder& work_order = work_orders[entry->work_order];
        const bool is_sla = (entry->timer & sla_timer_flag) != 0;
        const bool is_approval = !is_sla && (entry->timer & approval_timer_flag) != 0;
        const auto& workflow = workflows[work_order.workflow];
        char at_buffer[stdlib::max_formatted_size];
        timer_at_text.assign(at_buffer, stdlib::write_time(at_buffer, entry->due_ms));
        EventView view;
        view.has_at = true;
        view.at_ms = entry->due_ms;
        view.at_text = timer_at_text;
        view.type = is_sla        ? sla_event_names[entry->timer & 3u]
                    : is_approval ? approval_event_name(workflow, *work_order.approval,
                                                        entry->timer & ~approval_timer_flag)
                                  : std::string_view(workflow.timer_labels[entry->timer]);
        view.wo = work_order.id;
        view.by = "engine";
        decision.clear();
        decision.seq = ++seq;
        evaluation.effects.clear();
        evaluation.assignee_changed = false;
        evaluation.new_assignee.clear();
        if (is_sla) {
            Decider(*this, view).fire_sla(*entry);
        } else if (is_approval) {
            Decider(*this, view).fire_approval(*entry);
        } else {
            Decider(*this, view).fire(*entry);
        }
        if (!decision.ok) {
            evaluation.effects.clear();
            decision.changes.clear();
        }
        evaluation.work_order = nullptr;
        if (sink) {
            sink(decision);
        }
    }
    return true;
}

} // namespace millwright
