// The engine: dispatches each event through its workflow's tables in C++, calls into Lua only
// for guards and action blocks, and commits an event's changes only once every step of it has
// succeeded, so a rejected event leaves every work order exactly as it was.
#include "millwright/engine.hpp"

#include "engine_impl.hpp"
#include "lua_bridge.hpp"

#include "millwright/stdlib/format.hpp"
#include "millwright/stdlib/register.hpp"

#include <lua.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace millwright::detail {

bool CompiledWorkflow::reads_data_key(std::string_view key) const {
    const auto& keys = model->data_keys;
    return std::binary_search(keys.begin(), keys.end(), key);
}

void PendingFields::reset(std::size_t field_count) {
    for (const auto field : touched_) {
        is_set_[field] = 0;
        values_[field] = Value{};
    }
    touched_.clear();
    if (values_.size() < field_count) {
        values_.resize(field_count);
        is_set_.resize(field_count, 0);
    }
}

void PendingFields::set(std::uint32_t field, Value value) {
    write(field) = std::move(value);
}

std::uint32_t Interner::intern(std::string_view text) {
    const auto* found = ids_.find(text);
    if (found != ids_.end()) {
        return found->second;
    }
    const auto id = static_cast<std::uint32_t>(ids_.entries().size());
    ids_.emplace(text, id);
    return id;
}

namespace {

// Numbers given as integer constants (a default of `0` for a number field) become doubles,
// so a field's values always have the kind its type implies.
Value normalized(Value value, const dsl::ValueType& type) {
    if (type.kind == dsl::TypeKind::number && value.kind == Value::Kind::integer) {
        value.set_number(static_cast<double>(value.integer));
    }
    return value;
}

// Whether a generated function may run long enough to need the count hook (see
// CompiledWorkflow::metered): when it takes a list (lib.includes loops over it) or its DSL text
// is so long that a few instructions per byte could approach the per-call budget.
bool needs_budget_hook(const dsl::FunctionModel& function) {
    constexpr std::uint32_t longest_unmetered_text = 64 * 1024; // ~200k instructions at most
    for (const auto& input : function.inputs) {
        if (input.type.kind == dsl::TypeKind::list) {
            return true;
        }
    }
    return function.span.end - function.span.begin > longest_unmetered_text;
}

CompiledWorkflow compile_tables(const dsl::WorkflowModel& model, const dsl::SourceSet& sources) {
    CompiledWorkflow workflow;
    workflow.model = &model;
    workflow.file = sources.get(model.span.source).name();
    for (std::uint32_t i = 0; i < model.events.size(); ++i) {
        workflow.events.emplace(model.events[i].name, i);
    }
    for (std::uint32_t i = 0; i < model.fields.size(); ++i) {
        const auto& field = model.fields[i];
        workflow.fields.emplace(field.name, i);
        std::string key;
        append_json_string(key, field.name);
        workflow.field_keys.push_back(key + ':');
        workflow.defaults.push_back(
            field.default_value ? normalized(from_constant(*field.default_value), field.type)
                                : Value{});
        append_json(workflow.default_json.emplace_back(), workflow.defaults.back(), field.type);
        if (!workflow.defaults.back().is_unset()) {
            workflow.given_defaults.push_back(i);
        }
    }
    for (const auto& function : model.functions) {
        workflow.metered.push_back(needs_budget_hook(function) ? 1 : 0);
    }
    workflow.timers_by_state.resize(model.states.size());
    for (std::uint32_t t = 0; t < model.timers.size(); ++t) {
        workflow.timers_by_state[model.timers[t].state].push_back(t);
        const std::string& text = model.timers[t].text;
        workflow.timer_labels.push_back(text.substr(0, text.find(':')));
    }
    workflow.priority_input.assign(model.fields.size(), 0);
    if (model.priority) {
        for (const auto field : model.priority->depends_on) {
            workflow.priority_input[field] = 1;
        }
    }
    workflow.dispatch.resize(model.events.size());
    for (std::size_t e = 0; e < model.events.size(); ++e) {
        auto& by_state = workflow.dispatch[e];
        by_state.resize(model.states.size());
        const auto& alternatives = model.events[e].alternatives;
        for (std::uint32_t a = 0; a < alternatives.size(); ++a) {
            for (const auto state : alternatives[a].from) {
                by_state[state].push_back(a);
            }
        }
    }
    return workflow;
}

} // namespace

std::optional<lua::Failure> load_workflow_chunk(lua::State& state, const dsl::WorkflowModel& model,
                                                Evaluation* evaluation,
                                                const stdlib::CalendarsByName* calendars,
                                                std::vector<int>* function_refs) {
    lua_State* L = state.get();
    if (auto failure = state.load(model.lua, model.chunk_name)) {
        return failure;
    }
    push_runtime_table(L, evaluation);
    stdlib::push_lib(L, calendars);
    lua_newtable(L); // _ENV: generated code reads no globals
    // The main body only defines functions; it gets a set-up budget, not the per-rule one.
    constexpr std::uint64_t setup_budget = 10'000'000;
    if (auto failure = state.call(3, 1, setup_budget)) {
        return failure;
    }
    for (const auto& function : model.functions) {
        lua_getfield(L, -1, function.name.c_str());
        if (lua_type(L, -1) != LUA_TFUNCTION) {
            lua_pop(L, 2);
            lua::Failure failure;
            failure.message = "the chunk lacks function " + function.name;
            return failure;
        }
        if (function_refs != nullptr) {
            function_refs->push_back(luaL_ref(L, LUA_REGISTRYINDEX));
        } else {
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    return std::nullopt;
}

namespace {

// Runs a workflow's chunk and keeps a registry reference to each function it exports. The
// ruleset's loader ran the same chunk in a throwaway VM already (trial_load), so a failure here
// means the environment is broken.
void load_chunk(lua::State& state, CompiledWorkflow& workflow, Evaluation* evaluation,
                const stdlib::CalendarsByName* calendars) {
    const auto& model = *workflow.model;
    if (auto failure =
            load_workflow_chunk(state, model, evaluation, calendars, &workflow.function_refs)) {
        throw std::runtime_error("generated Lua of workflow `" + model.name +
                                 "` does not load: " + failure->message);
    }
}

} // namespace
} // namespace millwright::detail

namespace millwright {

using namespace detail;

Engine::Impl::Impl(std::shared_ptr<const Ruleset> ruleset_in, const EngineOptions& options_in)
    : ruleset(std::move(ruleset_in)), options(options_in),
      lua(lua::Limits{options_in.memory_limit, options_in.instruction_budget}),
      reader(options_in.max_json_depth) {
    const auto& data = ruleset->data();
    workflows.reserve(data.workflows.size());
    for (std::uint32_t i = 0; i < data.workflows.size(); ++i) {
        workflows.push_back(compile_tables(data.workflows[i], data.sources));
        for (const auto& event : data.workflows[i].events) {
            workflows.back().event_names.push_back(interner.intern(event.name));
        }
        if (data.sla_rules[i]) {
            workflows.back().sla = &*data.sla_rules[i];
        }
        workflows.back().approvals = &data.approval_rules[i];
        workflow_index.emplace(data.workflows[i].name, i);
        load_chunk(lua, workflows.back(), &evaluation, data.workflow_calendars[i].get());
    }
    std::vector<PmRule> pm_rules;
    for (const auto& rule : data.pm_rules) {
        pm_rules.push_back({&rule, static_cast<std::uint32_t>(rule.workflow)});
    }
    pm.set_rules(std::move(pm_rules));
}

Engine::Engine(std::shared_ptr<const Ruleset> ruleset, const EngineOptions& options) {
    if (!ruleset) {
        throw std::invalid_argument("millwright::Engine needs a ruleset");
    }
    impl_ = std::make_unique<Impl>(std::move(ruleset), options);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

Decision Engine::handle(const Event& event) {
    auto& impl = *impl_;
    const std::string problem =
        view_event(event, impl.options.max_json_depth, impl.scratch_text, impl.scratch_event);
    if (!problem.empty()) {
        Decision decision = impl.malformed(0, problem);
        decision.line.reset();
        return decision;
    }
    return impl.decide(impl.scratch_event, std::nullopt);
}

const Decision& Engine::handle_line(std::string_view json_line, std::uint64_t line_number) {
    auto& impl = *impl_;
    if (json_line.size() > impl.options.max_line_bytes) {
        return impl.too_long_line(line_number);
    }
    // The line reader looks a little past the end of its input, so the line gets a padded copy.
    impl.padded_line.assign(json_line);
    impl.padded_line.append(LineReader::padding(), ' ');
    const std::string problem =
        impl.reader.read(std::string_view(impl.padded_line.data(), json_line.size()),
                         impl.padded_line.size(), impl.scratch_event);
    if (!problem.empty()) {
        return impl.malformed(line_number, problem);
    }
    return impl.decide(impl.scratch_event, line_number);
}

const Decision& Engine::handle_padded_line(std::string_view line, std::size_t capacity,
                                           std::uint64_t line_number) {
    auto& impl = *impl_;
    if (line.size() > impl.options.max_line_bytes) {
        return impl.too_long_line(line_number);
    }
    const std::string problem = impl.reader.read(line, capacity, impl.scratch_event);
    if (!problem.empty()) {
        return impl.malformed(line_number, problem);
    }
    return impl.decide(impl.scratch_event, line_number);
}

void Engine::on_engine_decision(std::function<void(const Decision&)> sink) {
    impl_->sink = std::move(sink);
}

void Engine::set_directory(std::shared_ptr<Directory> directory) {
    impl_->directory = std::move(directory);
}

const Directory* Engine::directory() const {
    return impl_->directory.get();
}

bool Engine::advance_to(Timestamp to) {
    auto& impl = *impl_;
    const std::int64_t to_ms = to.time_since_epoch().count();
    if (impl.clock_started && to_ms < impl.clock_ms) {
        return true;
    }
    impl.start_pm(to_ms);
    if (!impl.fire_timers(to_ms)) {
        return false; // the clock stays at the last line fired
    }
    impl.clock_ms = to_ms;
    impl.clock_started = true;
    return true;
}

std::optional<Timestamp> Engine::next_due() const {
    auto& impl = *impl_;
    // Cancelled timers at the front are dropped here rather than reported: they never fire.
    while (const TimerEntry* front = impl.timers.front()) {
        if (!impl.is_stale(*front)) {
            return Timestamp(std::chrono::milliseconds(front->due_ms));
        }
        impl.timers.pop();
    }
    return std::nullopt;
}

bool Engine::advance_to_wall_clock() {
    return advance_to(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

std::size_t Engine::work_order_count() const {
    return impl_->work_orders.size();
}

Timestamp Engine::now() const {
    return Timestamp(std::chrono::milliseconds(impl_->clock_ms));
}

std::vector<StateCount> Engine::count_by_state() const {
    const auto& impl = *impl_;
    std::vector<std::vector<std::uint64_t>> counts(impl.workflows.size());
    for (std::size_t w = 0; w < impl.workflows.size(); ++w) {
        counts[w].resize(impl.workflows[w].model->states.size());
    }
    for (const auto& work_order : impl.work_orders) {
        ++counts[work_order.workflow][work_order.state];
    }
    std::vector<StateCount> result;
    for (std::size_t w = 0; w < impl.workflows.size(); ++w) {
        const auto& model = *impl.workflows[w].model;
        for (std::size_t s = 0; s < model.states.size(); ++s) {
            if (counts[w][s] > 0) {
                result.push_back({model.name, model.states[s].name, counts[w][s]});
            }
        }
    }
    return result;
}

namespace {

/// The earliest due time of a work order's running SLA clocks, or SlaClock::never.
std::int64_t earliest_due(const WorkOrder& work_order) {
    std::int64_t due = SlaClock::never;
    for (const auto& clock : work_order.sla) {
        if (clock.status == SlaStatus::running) {
            due = std::min(due, clock.due_ms);
        }
    }
    return due;
}

} // namespace

std::vector<BacklogEntry> Engine::backlog() const {
    const auto& impl = *impl_;
    struct Open {
        std::uint32_t rank;
        std::int64_t due_ms;
        std::int64_t created_ms;
        const WorkOrder* work_order;
    };
    std::vector<Open> open;
    for (const auto& work_order : impl.work_orders) {
        const auto& model = *impl.workflows[work_order.workflow].model;
        if (!model.states[work_order.state].final) {
            // no_priority and `never` are the largest: work orders without them come last.
            open.push_back({work_order.priority, earliest_due(work_order),
                            impl.history_log.first(work_order.last_record).at_ms, &work_order});
        }
    }
    std::sort(open.begin(), open.end(), [](const Open& a, const Open& b) {
        if (a.rank != b.rank) {
            return a.rank < b.rank;
        }
        if (a.due_ms != b.due_ms) {
            return a.due_ms < b.due_ms;
        }
        if (a.created_ms != b.created_ms) {
            return a.created_ms < b.created_ms;
        }
        return a.work_order->id < b.work_order->id;
    });
    std::vector<BacklogEntry> entries;
    entries.reserve(open.size());
    for (const auto& item : open) {
        const WorkOrder& work_order = *item.work_order;
        const auto& model = *impl.workflows[work_order.workflow].model;
        BacklogEntry entry;
        entry.id = work_order.id;
        entry.workflow = model.name;
        entry.state = model.states[work_order.state].name;
        if (work_order.priority != no_priority) {
            entry.priority = model.priority->levels[work_order.priority];
            entry.priority_why = impl.interner.text(work_order.priority_reason);
        }
        entry.created = Timestamp(std::chrono::milliseconds(item.created_ms));
        entry.created_text = stdlib::format_time(item.created_ms);
        if (item.due_ms != SlaClock::never) {
            entry.due = Timestamp(std::chrono::milliseconds(item.due_ms));
            entry.due_text = stdlib::format_time(item.due_ms);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<SlaLevelReport> Engine::sla_report() const {
    const auto& impl = *impl_;
    // Keyed by SLA name then level index, so the report comes out in a stable order.
    std::map<std::pair<std::string, std::uint32_t>, SlaLevelReport> rows;
    for (const auto& work_order : impl.work_orders) {
        const auto& workflow = impl.workflows[work_order.workflow];
        if (workflow.sla == nullptr || work_order.priority == no_priority) {
            continue;
        }
        SlaLevelReport& row = rows[{workflow.sla->name, work_order.priority}];
        row.sla = workflow.sla->name;
        row.level = workflow.model->priority->levels[work_order.priority];
        ++row.work_orders;
        const auto& response = work_order.sla[response_clock];
        const auto& resolution = work_order.sla[resolution_clock];
        row.response_breaches += response.breached ? 1 : 0;
        row.resolution_breaches += resolution.breached ? 1 : 0;
        const bool finished = workflow.model->states[work_order.state].final;
        if (finished || (response.stopped() && resolution.stopped())) {
            ++row.settled;
            row.met += (response.breached || resolution.breached) ? 0 : 1;
        }
    }
    std::vector<SlaLevelReport> report;
    for (auto& [key, row] : rows) {
        report.push_back(std::move(row));
    }
    return report;
}

namespace {

nlohmann::ordered_json value_json(const Value& value, const dsl::ValueType& type) {
    std::string text;
    append_json(text, value, type);
    return nlohmann::ordered_json::parse(text);
}

// A work order's chain as its snapshot shows it: what a decision's `approval` key shows, then
// every vote and delegation so far (who acted, and for whom).
nlohmann::ordered_json approval_json(const ApprovalRun& run, const ApprovalRules& rules) {
    Decision shown;
    shown.has_approval = true;
    describe_approval(run, rules, shown.approval);
    nlohmann::ordered_json json = shown.to_json()["approval"];
    auto& votes = json["votes"] = nlohmann::ordered_json::array();
    for (const VoteRecord& vote : run.votes) {
        nlohmann::ordered_json entry;
        entry["at"] = stdlib::format_time(vote.at_ms);
        entry["step"] = rules.chain.steps[vote.step].name;
        entry["vote"] = vote.vote;
        entry["by"] = vote.by;
        if (!vote.for_whom.empty()) {
            entry["for"] = vote.for_whom;
            entry["via"] = via_name(vote.via);
        }
        if (!vote.to.empty()) {
            entry["to"] = vote.to;
        }
        if (!vote.text.empty()) {
            entry[vote.vote == "reject" ? "reason" : "comment"] = vote.text;
        }
        votes.push_back(std::move(entry));
    }
    return json;
}

} // namespace

std::vector<ApprovalReport> Engine::approval_report() const {
    const auto& impl = *impl_;
    // rows[workflow][chain], filled by one pass over the work orders.
    std::vector<std::vector<ApprovalReport>> rows(impl.workflows.size());
    for (const auto& work_order : impl.work_orders) {
        const ApprovalRun* run = work_order.approval.get();
        if (run == nullptr) {
            continue;
        }
        auto& per_chain = rows[work_order.workflow];
        per_chain.resize(impl.workflows[work_order.workflow].approvals->size());
        ApprovalReport& row = per_chain[run->chain];
        ++row.started;
        switch (run->status) {
        case RunStatus::running:
            ++row.running;
            row.blocked += std::string_view(run_status_name(*run)) == "blocked" ? 1 : 0;
            break;
        case RunStatus::approved:
            ++row.approved;
            break;
        case RunStatus::rejected:
            ++row.rejected;
            break;
        case RunStatus::withdrawn:
            ++row.withdrawn;
            break;
        }
    }
    std::vector<ApprovalReport> report;
    for (std::size_t w = 0; w < rows.size(); ++w) {
        for (std::size_t c = 0; c < rows[w].size(); ++c) {
            if (rows[w][c].started == 0) {
                continue;
            }
            ApprovalReport row = rows[w][c];
            row.workflow = impl.workflows[w].model->name;
            row.chain = (*impl.workflows[w].approvals)[c].chain.name;
            report.push_back(std::move(row));
        }
    }
    return report;
}

std::optional<WorkOrderSnapshot> Engine::snapshot(std::string_view id) const {
    const auto& impl = *impl_;
    const auto found = impl.find_work_order(id);
    if (!found) {
        return std::nullopt;
    }
    const auto& work_order = impl.work_orders[*found];
    const auto& model = *impl.workflows[work_order.workflow].model;
    WorkOrderSnapshot snapshot;
    snapshot["id"] = work_order.id;
    snapshot["workflow"] = model.name;
    snapshot["state"] = model.states[work_order.state].name;
    snapshot["version"] = work_order.version;
    snapshot["requester"] = work_order.requester;
    snapshot["assignee"] = work_order.assignee.empty()
                               ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(work_order.assignee);
    if (work_order.priority != no_priority) {
        snapshot["priority"] = {{"level", model.priority->levels[work_order.priority]},
                                {"why", impl.interner.text(work_order.priority_reason)}};
    }
    if (const SlaRules* rules = impl.workflows[work_order.workflow].sla;
        rules != nullptr && work_order.priority != no_priority) {
        // The same object a decision's `sla` key shows.
        Decision shown;
        shown.has_sla = true;
        describe_sla(*rules, work_order.sla, work_order.priority, impl.clock_ms, shown.sla);
        snapshot["sla"] = shown.to_json()["sla"];
    }
    if (const ApprovalRun* run = work_order.approval.get()) {
        snapshot["approval"] =
            approval_json(*run, (*impl.workflows[work_order.workflow].approvals)[run->chain]);
    }
    if (work_order.pm_enrollment != no_enrollment) {
        const PmEnrollment& enrollment = impl.pm.enrollment(work_order.pm_enrollment);
        snapshot["pm"] = {{"rule", impl.pm.model_of(enrollment).name},
                          {"asset", impl.pm.asset_id(enrollment.asset)},
                          {"due", stdlib::format_time(work_order.pm_due_ms)}};
    }
    auto& fields = snapshot["fields"] = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < model.fields.size(); ++i) {
        fields[model.fields[i].name] = value_json(work_order.fields[i], model.fields[i].type);
    }
    auto& history = snapshot["history"] = nlohmann::ordered_json::array();
    for (const std::uint32_t index : impl.history_log.chain(work_order.last_record)) {
        const auto& record = impl.history_log[index];
        nlohmann::ordered_json entry;
        entry["seq"] = record.seq;
        entry["at"] = stdlib::format_time(record.at_ms);
        entry["event"] = impl.interner.text(record.event);
        entry["by"] = record.actor();
        if (record.from != no_state) {
            entry["from"] = model.states[record.from].name;
        }
        entry["to"] = model.states[record.to].name;
        entry["changes"] = nlohmann::ordered_json::parse(record.changes_json());
        history.push_back(std::move(entry));
    }
    return snapshot;
}

} // namespace millwright
