// The Decider: one event (or one due timer) being decided against the engine's work orders.
// Its core (dispatch.cpp) finds the work order and the alternative, runs guards and actions and
// commits; approval chains (approval_dispatch.cpp) hook into it. Internal to the engine.
#pragma once

#include "engine_impl.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace millwright::detail {

/// `text` between backticks, as reasons quote names.
std::string backticked(std::string_view text);
/// "a, b and c"
std::string join_names(const std::vector<std::string>& names);
/// What was received, as JSON, shortened so a huge value cannot bloat the decision line.
std::string received(const InValue& value, const std::vector<InScalar>& items);
/// A DSL position as runtime reasons name it: the file without its directory, line, column.
std::string where(const dsl::SourceSet& sources, dsl::SourceSpan span);

// One event being decided. Holds references into the engine for the duration of decide().
class Decider {
public:
    Decider(Engine::Impl& engine, const EventView& event)
        : engine_(engine), event_(event), decision_(engine.decision),
          evaluation_(engine.evaluation), new_work_order_(engine.scratch_work_order) {}

    void run();
    /// Sets up a line the engine originates for a due timer of a work order (`origin`).
    void begin_engine_line(const TimerEntry& entry, const char* origin);
    /// Commits the work order's move to current_state_ (or its stay) under `event_name`:
    /// history, version, timers of a new state, SLA clocks, the approval chain's draft.
    void commit_move(std::uint32_t event_name);
    /// Fires a due timer of a work order: its actions, then its transition, if any.
    void fire(const TimerEntry& entry);
    /// Reports a due SLA warning or breach of a work order.
    void fire_sla(const TimerEntry& entry);
    /// Applies a due approval timeout of a work order's chain.
    void fire_approval(const TimerEntry& entry);
    /// Creates the work order of a pm rule's occurrence (event_ is the engine's pm view: the
    /// asset's record as data), or reports why it is left out (origin `pm` or `trigger`).
    void create_pm(const PmOccurrence& occurrence, const char* origin);
    /// Whether a pm rule selects the asset event_ holds; nothing when the selector failed (the
    /// decision then says why).
    std::optional<bool> pm_selects(const PmRule& rule);
    /// Whether the asset event_ holds fits every asset key `rule` reads; "" or why not.
    std::string pm_fits(const PmRule& rule);

private:
    void create();
    void transition();
    bool apply_data(const CompiledWorkflow& workflow, bool creating);
    bool check_required_at_creation(const CompiledWorkflow& workflow);
    std::optional<std::uint32_t> choose_alternative(std::uint32_t event_index);
    bool check_requires(const dsl::TransitionModel& alternative);
    bool run_actions(std::optional<std::size_t> function);
    bool evaluate_priority(bool creating);
    /// Moves on from the state the rules have reached (current_state_) to `to`, with the leave
    /// and enter hooks, as a chain's outcome or a re-approval does after an event's own move.
    bool hop(std::uint32_t to);

    // Approval chains (see approval.hpp).
    /// Handles a vote event (`approve`, `reject`, `delegate`) on a workflow that starts chains.
    [[gnu::noinline]] void vote();
    /// After an event's own transition: starts the chain it names (`start`), withdraws a running
    /// chain the work order left, or restarts one whose skipped steps now apply (re-approval).
    bool settle_approval(std::optional<std::size_t> start) {
        // Inline and first: most workflows start no chain, and their events pay one test.
        return workflow_->model->approvals.empty() || settle_chain(start);
    }
    [[gnu::noinline]] bool settle_chain(std::optional<std::size_t> start);
    ApprovalContext approval_context(const ApprovalRun& run);
    /// Takes the chain's outcome state once the pending run finished.
    bool take_outcome();
    /// Installs the pending run on the committed work order, arms its timeouts and shows it.
    void commit_approval() {
        if (approval_) {
            install_approval();
        }
    }
    [[gnu::noinline]] void install_approval();
    void arm_approval_timeout(std::uint32_t step);
    std::optional<bool> step_applies(std::uint32_t chain, std::uint32_t step);
    /// Starts a new stay of the work order in its (new) state and arms that state's timers.
    void arm_timers(std::uint32_t index);
    /// Moves the work order's SLA clocks after a committed change: `moved` when it entered a
    /// new state (or was created), and re-targets them when its priority changed.
    void track_sla(std::uint32_t index, bool creating, bool moved);
    void show_sla(const WorkOrder& work_order);
    void commit_changes(WorkOrder& work_order, HistoryRecord& record, bool creating);
    Change& add_change(std::uint32_t field);
    void keep_in_history(std::uint32_t field, std::string_view value_json);
    void record_change(std::uint32_t field, const Value& value);
    /// Records a field that still holds its default at creation.
    void record_default(std::uint32_t field);

    enum class CallResult { ok, failed };
    CallResult call(std::size_t function, int results);
    bool push_input(const dsl::FunctionInput& input, std::string* saw_json);
    /// push_input for `asset.KEY` and `pm.KEY` (pm_dispatch.cpp).
    bool push_pm_input(const dsl::FunctionInput& input, std::string* saw_json);
    /// A creation's field values: the event's data, or a pm rule's `create` items.
    bool fill_created_fields(const CompiledWorkflow& workflow);
    /// What function's inputs are now, each as its name as written and its value as JSON.
    std::vector<std::pair<std::string, std::string>> describe_inputs(std::size_t function);

    /// Marked cold: GCC then treats every path that ends in a rejection (building its reason
    /// text, mostly) as unlikely and moves it out of the hot code, so the accepting path the
    /// instruction cache must hold is denser.
    [[gnu::cold]] void reject(const char* error, std::string reason);

    Engine::Impl& engine_;
    const EventView& event_;
    Decision& decision_;
    Evaluation& evaluation_;
    const CompiledWorkflow* workflow_ = nullptr;
    WorkOrder* work_order_ = nullptr;
    /// The work order a creation builds: the engine's scratch, so that the events that create
    /// nothing (most) do not construct and destroy one.
    WorkOrder& new_work_order_;
    std::uint32_t current_state_ = 0; ///< the state hooks and guards see as `state`
    std::uint32_t event_index_ = 0;   ///< the event's index in its workflow (not on creation)
    std::uint32_t work_order_index_ = 0;
    bool priority_evaluated_ = false;          ///< whether this decision computed the priority
    bool priority_changed_ = false;            ///< whether the commit gave it a new level
    std::uint32_t new_priority_ = no_priority; ///< the level it computed
    std::string priority_why_;
    /// What this event does to the work order's approval chain, installed at commit. Held by
    /// pointer: most events touch no chain, and a Decider is built for every event.
    struct ApprovalDraft {
        std::unique_ptr<ApprovalRun> run;  ///< the run as this event changes it
        std::uint32_t committed_epoch = 0; ///< the run's epoch before this event
        std::optional<ApprovalVoteView> vote;
        std::string note;
        std::string restarted_from;
    };
    std::unique_ptr<ApprovalDraft> approval_;
    /// The pm occurrence this decision creates the work order of; null for every other one.
    const PmOccurrence* pm_ = nullptr;
    ApprovalDraft& draft() {
        if (!approval_) {
            approval_ = std::make_unique<ApprovalDraft>();
        }
        return *approval_;
    }
    /// Starts drafting `run` as this event changes it; the work order's run had `epoch`.
    ApprovalRun& draft_run(std::unique_ptr<ApprovalRun> run, std::uint32_t epoch) {
        draft().run = std::move(run);
        approval_->committed_epoch = epoch;
        return *approval_->run;
    }
};

} // namespace millwright::detail
