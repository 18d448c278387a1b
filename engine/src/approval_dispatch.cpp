// Approval chains inside the Decider: a transition's `start`, withdrawal and re-approval after
// an event's own move, vote events, and due timeouts. The chain logic itself is in
// approval.cpp; this file connects it to the work order, its hooks and its commit.
#include "decider.hpp"

#include <lua.hpp>

namespace millwright::detail {

bool Decider::hop(std::uint32_t to) {
    if (to == current_state_) {
        return true;
    }
    const auto& model = *workflow_->model;
    if (!run_actions(model.states[current_state_].on_leave)) {
        return false;
    }
    current_state_ = to;
    return run_actions(model.states[to].on_enter);
}

std::optional<bool> Decider::step_applies(std::uint32_t chain, std::uint32_t step) {
    const auto& guard = workflow_->model->approvals[chain].step_guards[step];
    if (!guard) {
        return true;
    }
    if (call(*guard, 1) == CallResult::failed) {
        return std::nullopt;
    }
    lua_State* L = engine_.lua.get();
    const bool holds = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
    return holds;
}

ApprovalContext Decider::approval_context(const ApprovalRun& run) {
    const std::uint32_t chain = run.chain;
    return ApprovalContext{(*workflow_->approvals)[chain],
                           engine_.directory.get(),
                           work_order_->id,
                           work_order_->requester,
                           engine_.clock_ms,
                           evaluation_.effects,
                           [this, chain](std::uint32_t step) { return step_applies(chain, step); }};
}

bool Decider::take_outcome() {
    const auto& use = workflow_->model->approvals[approval_->run->chain];
    switch (approval_->run->status) {
    case RunStatus::approved:
        return hop(static_cast<std::uint32_t>(use.approved));
    case RunStatus::rejected:
        return hop(static_cast<std::uint32_t>(use.rejected));
    case RunStatus::running:
    case RunStatus::withdrawn:
        return true;
    }
    return true;
}

bool Decider::settle_chain(std::optional<std::size_t> start) {
    const ApprovalRun* committed = work_order_->approval.get();
    const std::uint32_t epoch = committed == nullptr ? 0 : committed->epoch;
    if (start) {
        ApprovalRun& run = draft_run(std::make_unique<ApprovalRun>(), epoch);
        run.chain = static_cast<std::uint32_t>(*start);
        run.start_state = current_state_;
        run.epoch = epoch; // begin_stage moves it on
        ApprovalContext context = approval_context(run);
        return begin_stage(run, context, 0) && take_outcome();
    }
    if (committed == nullptr) {
        return true;
    }
    const auto& model = *workflow_->model;
    if (committed->status == RunStatus::running && current_state_ != committed->start_state) {
        ApprovalRun& run = draft_run(std::make_unique<ApprovalRun>(*committed), epoch);
        run.status = RunStatus::withdrawn;
        ++run.epoch;
        approval_->note =
            "withdrawn: the work order left " + model.states[committed->start_state].name;
        return true;
    }
    if ((committed->status != RunStatus::running && committed->status != RunStatus::approved) ||
        model.states[current_state_].final) {
        return true;
    }
    // Re-approval: only when the event changed a field some step's `when` reads.
    const auto& rules = (*workflow_->approvals)[committed->chain];
    bool condition_changed = false;
    for (const auto field : evaluation_.pending.touched()) {
        if (rules.condition_input[field] != 0 &&
            !(*evaluation_.pending.find(field) == work_order_->fields[field])) {
            condition_changed = true;
            break;
        }
    }
    if (!condition_changed) {
        return true;
    }
    auto candidate = std::make_unique<ApprovalRun>(*committed);
    ApprovalContext context = approval_context(*candidate);
    bool failed = false;
    const auto first = restart_step(*candidate, context, failed);
    if (failed) {
        return false;
    }
    if (!first) {
        return true;
    }
    ApprovalRun& run = draft_run(std::move(candidate), epoch);
    approval_->restarted_from = rules.chain.steps[*first].name;
    if (!restart(run, context, rules.chain.steps[*first].stage)) {
        return false;
    }
    // The work goes back to wait where the chain was started, unless it is already there.
    return hop(run.start_state) && take_outcome();
}

void Decider::arm_approval_timeout(std::uint32_t step) {
    const ApprovalRun& run = *work_order_->approval;
    const auto& timeout = (*workflow_->approvals)[run.chain].timeouts[step];
    if (!timeout) {
        return;
    }
    const auto due = timeout->length.add(engine_.clock_ms, timeout->length.duration_ms);
    if (due) {
        engine_.timers.schedule(*due, work_order_index_, approval_timer_flag | step, run.epoch);
    }
}

void Decider::install_approval() {
    if (!approval_->run) {
        return;
    }
    ApprovalDraft& draft = *approval_;
    work_order_->approval = std::move(draft.run);
    const ApprovalRun& run = *work_order_->approval;
    const auto& rules = (*workflow_->approvals)[run.chain];
    if (run.status == RunStatus::running && run.epoch != draft.committed_epoch) {
        // A new stage: each of its steps that waits (or is blocked) gets its timeout.
        for (std::uint32_t step = 0; step < rules.chain.steps.size(); ++step) {
            const auto status = run.steps[step].status;
            if (rules.chain.steps[step].stage == run.stage &&
                (status == StepStatus::waiting || status == StepStatus::blocked)) {
                arm_approval_timeout(step);
            }
        }
    }
    decision_.has_approval = true;
    describe_approval(run, rules, decision_.approval);
    decision_.approval.vote = std::move(draft.vote);
    decision_.approval.note = std::move(draft.note);
    decision_.approval.restarted_from = std::move(draft.restarted_from);
}

namespace {

/// The data keys a vote event may carry, each a text.
struct VoteData {
    std::string_view step;
    std::string_view text; ///< comment (approve) or reason (reject)
    std::string_view to;   ///< delegate
};

} // namespace

void Decider::vote() {
    const auto& model = *workflow_->model;
    evaluation_.workflow = workflow_;
    evaluation_.work_order = work_order_;
    evaluation_.pending.reset(model.fields.size());
    current_state_ = work_order_->state;
    const ApprovalRun* committed = work_order_->approval.get();
    if (committed == nullptr) {
        reject("no_approval", "work order " + backticked(work_order_->id) +
                                  " has no approval chain: no transition has started one");
        return;
    }
    const auto& rules = (*workflow_->approvals)[committed->chain];
    if (committed->finished()) {
        std::string reason = "the approval chain " + backticked(rules.chain.name) + " of " +
                             backticked(work_order_->id) + " is " + run_status_name(*committed);
        if (committed->status == RunStatus::rejected) {
            reason += " (step " + rules.chain.steps[committed->rejected_step].name + ", by " +
                      committed->rejected_by + ")";
        }
        reject("approval_finished", reason + "; votes are closed");
        return;
    }
    const bool delegating = event_.type == "delegate";
    const bool approving = event_.type == "approve";
    const char* text_key = approving ? "comment" : "reason";
    VoteData data;
    for (const auto& entry : event_.data) {
        std::string_view* slot = entry.key == "step"                    ? &data.step
                                 : delegating && entry.key == "to"      ? &data.to
                                 : !delegating && entry.key == text_key ? &data.text
                                                                        : nullptr;
        if (slot == nullptr) {
            reject("unknown_field", backticked(entry.key) + " is not a key of " +
                                        backticked(event_.type) + " (keys: step, " +
                                        (delegating ? "to" : text_key) + ")");
            return;
        }
        if (entry.value.is_array || entry.value.scalar.kind != InScalar::Kind::string) {
            reject("bad_field_type", "/data/" + std::string(entry.key) + ": expects text, got " +
                                         received(entry.value, event_.items));
            return;
        }
        *slot = entry.value.scalar.text;
    }
    ApprovalRun& run = draft_run(std::make_unique<ApprovalRun>(*committed), committed->epoch);
    ApprovalContext context = approval_context(run);
    const VoteResult result =
        delegating ? delegate_vote(run, context, event_.by, data.to, data.step)
                   : cast_vote(run, context, event_.by, approving, data.step, data.text);
    switch (result.kind) {
    case VoteResult::Kind::failed:
        return; // a step's guard failed; call() has rejected the event
    case VoteResult::Kind::refused:
        reject(result.error, result.reason);
        return;
    case VoteResult::Kind::repeated:
        // Idempotent: accepted, and nothing changes (no version, no history).
        decision_.ok = true;
        decision_.to = model.states[work_order_->state].name;
        decision_.has_approval = true;
        describe_approval(*committed, rules, decision_.approval);
        decision_.approval.note = result.reason;
        approval_.reset();
        return;
    case VoteResult::Kind::counted:
        break;
    }
    draft().vote = result.shown;
    if (!take_outcome() || !evaluate_priority(false)) {
        return;
    }
    commit_move(engine_.interner.intern(event_.type));
}

void Decider::fire_approval(const TimerEntry& entry) {
    begin_engine_line(entry, "approval");
    const std::uint32_t step = entry.timer & ~approval_timer_flag;
    ApprovalRun& run = draft_run(std::make_unique<ApprovalRun>(*work_order_->approval),
                                 work_order_->approval->epoch);
    ApprovalContext context = approval_context(run);
    const TimeoutResult result = apply_timeout(run, context, step);
    if (!take_outcome() || !evaluate_priority(false)) {
        return;
    }
    commit_move(engine_.interner.intern(event_.type));
    if (result == TimeoutResult::rearm) {
        arm_approval_timeout(step); // counted again from now
    }
}

} // namespace millwright::detail
