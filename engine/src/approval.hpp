// Approval chains at run time. A transition with `start CHAIN` gives the work order a run of
// the chain: its stages, one after the other, each waiting for the votes of the people its
// steps resolve to through the host's directory. Votes arrive as `approve`, `reject` and
// `delegate` events; timeouts are timers on the engine's queue, stamped with the run's epoch so
// that moving on to the next stage leaves the old ones stale. Everything here is per work order:
// a vote costs the same with 10 or 100,000 work orders open. Internal to the engine.
//
// The run is plain data and knows nothing of Lua: whether a step's `when` holds is asked of
// the caller (ApprovalContext::applies), which runs the step's guard function.
#pragma once

#include "millwright/decision.hpp"
#include "millwright/directory.hpp"
#include "millwright/dsl/model.hpp"

#include "sla.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// A step's timeout, its length on its calendar.
struct ApprovalTimeoutRule {
    CountedDuration length;
    dsl::ApprovalTimeoutAction action = dsl::ApprovalTimeoutAction::escalate;
    std::string text; ///< the length as written, for messages ("3 business days")
};

/// One chain as one workflow starts it, ready to run.
struct ApprovalRules {
    dsl::ApprovalModel chain; ///< (the workflow's WorkflowApprovalModel of the same index holds
                              ///< its step guards and outcome states)
    /// Per step: its timeout (its own, else the chain's); empty when it has none.
    std::vector<std::optional<ApprovalTimeoutRule>> timeouts;
    /// Per field of the workflow: whether a step's `when` reads it (a change may call for
    /// re-approval).
    std::vector<std::uint8_t> condition_input;
};

enum class StepStatus : std::uint8_t {
    not_reached, ///< its stage has not started
    skipped,     ///< its `when` did not hold when its stage started
    waiting,
    blocked, ///< its approvers resolved to nobody (or too few)
    approved,
    rejected,
};

enum class ActingVia : std::uint8_t { self, delegation, out_of_office, escalation };

/// One step of a running chain.
struct StepRun {
    StepStatus status = StepStatus::not_reached;
    std::vector<std::string> approvers; ///< the people it waits for, resolved at its start
    std::vector<std::uint8_t> approved; ///< per approver: their approval is in
    std::vector<std::string> voters;    ///< who voted on it (each person votes once per step)
    std::uint32_t approvals = 0;
    std::uint32_t needed = 0;
    std::string problem; ///< why it is blocked
};

/// Someone who may act for an awaited approver: a delegate or an escalation manager.
struct Acting {
    std::string for_whom;
    std::string who;
    ActingVia via = ActingVia::delegation;
};

/// A vote as kept on the work order (the snapshot shows them all).
struct VoteRecord {
    std::int64_t at_ms = 0;
    std::uint32_t step = 0;
    std::string vote; ///< "approve", "reject", "delegate"
    std::string by;
    std::string for_whom;
    ActingVia via = ActingVia::self;
    std::string to;
    std::string text;
};

enum class RunStatus : std::uint8_t { running, approved, rejected, withdrawn };

/// A work order's run of one chain.
struct ApprovalRun {
    std::uint32_t chain = 0;       ///< index into the workflow's approval rules
    std::uint32_t start_state = 0; ///< the state the starting transition entered
    std::uint32_t epoch = 0;       ///< moves on with every stage; older timeouts are stale
    std::uint32_t stage = 0;       ///< the current stage while running
    RunStatus status = RunStatus::running;
    std::vector<StepRun> steps;
    std::vector<Acting> acting;
    std::string last_approver; ///< whose approval completed the latest step
    std::string rejected_by;
    std::string rejected_reason;
    std::uint32_t rejected_step = 0;
    std::vector<VoteRecord> votes;

    bool finished() const { return status != RunStatus::running; }
};

/// What the run needs from the work order and the engine while it changes.
struct ApprovalContext {
    const ApprovalRules& rules;
    const Directory* directory;
    std::string_view work_order;
    std::string_view requester;
    std::int64_t now_ms;
    std::vector<Effect>& effects;
    /// Whether step `step`'s `when` holds now; nothing when its guard failed (the event is then
    /// rejected, and the run is dropped by the caller).
    std::function<std::optional<bool>(std::uint32_t step)> applies;
};

/// Starts stage `stage` of `run`, or the first later one with a step that applies; when none
/// is left the run is approved. Newly awaited people are notified. False when a guard failed.
bool begin_stage(ApprovalRun& run, ApprovalContext& context, std::uint32_t stage);

/// A vote, checked and counted, or why it was refused.
struct VoteResult {
    /// `failed`: a step's guard failed while the next stage began (already reported).
    enum class Kind { counted, repeated, refused, failed } kind = Kind::refused;
    const char* error = "";
    std::string reason;
    std::optional<ApprovalVoteView> shown;
};

/// Counts `by`'s vote (approve or reject) on the current stage; `step_name` (may be empty)
/// picks the step when `by` may vote on several. A counted approval that completes the stage
/// begins the next one. A rejection needs a reason.
VoteResult cast_vote(ApprovalRun& run, ApprovalContext& context, std::string_view by, bool approve,
                     std::string_view step_name, std::string_view text);

/// `by`, awaited on the current stage, hands their approval to `to`.
VoteResult delegate_vote(ApprovalRun& run, ApprovalContext& context, std::string_view by,
                         std::string_view to, std::string_view step_name);

/// What a due timeout did.
enum class TimeoutResult { nothing, rearm, finished };
/// Applies step `step`'s timeout: retries resolving a blocked step, then reminds, escalates
/// or rejects. `rearm` when its timer should run again.
TimeoutResult apply_timeout(ApprovalRun& run, ApprovalContext& context, std::uint32_t step);

/// The step a re-approval restarts from (its stage begins again): the first step up to the
/// current stage (every step, once approved) that was skipped but whose `when` now holds.
/// Nothing when every such step still does not apply. Errors as for begin_stage (`failed`).
std::optional<std::uint32_t> restart_step(const ApprovalRun& run, ApprovalContext& context,
                                          bool& failed);
/// Drops the votes of stage `stage` and later, and begins it again.
bool restart(ApprovalRun& run, ApprovalContext& context, std::uint32_t stage);

/// Builds the rules of chain `use` as `workflow` starts it; `calendar_of` gives the calendar
/// a business-time timeout counts on.
template <typename CalendarOf>
ApprovalRules build_approval_rules(const dsl::WorkflowModel& workflow,
                                   const dsl::WorkflowApprovalModel& use,
                                   const dsl::ApprovalModel& chain, const CalendarOf& calendar_of);

/// A timeout's length as messages say it: "2 days", "3 business days", "4h of business time".
std::string timeout_text(const dsl::SlaTargetModel& length);

/// Writes the run into `view`: what a decision's `approval` key and a snapshot show.
void describe_approval(const ApprovalRun& run, const ApprovalRules& rules, ApprovalView& view);

/// Names, as decisions write them.
const char* run_status_name(const ApprovalRun& run);
const char* via_name(ActingVia via);

/// Timer indexes (TimerEntry::timer) of approval timeouts carry this flag; the rest is the
/// step's index. The timer's stay is the run's epoch.
inline constexpr std::uint32_t approval_timer_flag = 0x40000000u;

template <typename CalendarOf>
ApprovalRules build_approval_rules(const dsl::WorkflowModel& workflow,
                                   const dsl::WorkflowApprovalModel& use,
                                   const dsl::ApprovalModel& chain, const CalendarOf& calendar_of) {
    ApprovalRules rules;
    rules.chain = chain;
    rules.condition_input.assign(workflow.fields.size(), 0);
    for (const auto& guard : use.step_guards) {
        if (!guard) {
            continue;
        }
        for (const auto& input : workflow.functions[*guard].inputs) {
            if (input.kind == dsl::InputKind::field) {
                rules.condition_input[input.field] = 1;
            }
        }
    }
    const auto rule_of = [&](const dsl::ApprovalTimeoutModel& timeout) {
        const auto& length = timeout.length;
        return ApprovalTimeoutRule{
            CountedDuration::of(length.duration_ms, length.business, length.business_length,
                                length.business ? calendar_of(length.calendar) : nullptr),
            timeout.action, timeout_text(length)};
    };
    for (const auto& step : chain.steps) {
        auto& timeout = rules.timeouts.emplace_back();
        if (chain.timeout) {
            timeout = rule_of(*chain.timeout);
        }
        (void)step;
    }
    return rules;
}

} // namespace millwright::detail
