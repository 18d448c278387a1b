// Approval chains at run time: resolving a stage's approvers through the directory, counting
// votes, delegations, timeouts and re-approval (see approval.hpp and docs/approvals.md).
#include "approval.hpp"

#include "millwright/stdlib/format.hpp"

#include <algorithm>

namespace millwright::detail {

namespace {

using dsl::ApprovalRuleKind;
using dsl::ApproverKind;

const dsl::ApprovalStepModel& step_model(const ApprovalContext& context, std::uint32_t step) {
    return context.rules.chain.steps[step];
}

// "WO-7 (spend_approval, step finance)"
std::string what_awaits(const ApprovalContext& context, std::uint32_t step) {
    return std::string(context.work_order) + " (" + context.rules.chain.name + ", step " +
           step_model(context, step).name + ")";
}

void notify(ApprovalContext& context, std::string_view to, std::string message) {
    Effect& effect = context.effects.emplace_back();
    effect.type = "notify";
    effect.to = to;
    effect.text = std::move(message);
}

bool contains(const std::vector<std::string>& people, std::string_view id) {
    return std::find(people.begin(), people.end(), id) != people.end();
}

std::string join(const std::vector<std::string>& texts, std::string_view separator) {
    std::string joined;
    for (const auto& text : texts) {
        if (!joined.empty()) {
            joined += separator;
        }
        joined += text;
    }
    return joined;
}

std::string approvers_text(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " approver" : " approvers");
}

/// Resolves the people of one step as the directory has them now. The requester is never one
/// of them (separation of duties). Returns the step blocked, with its problem, when it cannot
/// wait for enough people.
void resolve(StepRun& step, const ApprovalRun& run, const ApprovalContext& context,
             std::uint32_t index) {
    const auto& model = step_model(context, index);
    step = StepRun{};
    std::vector<std::string> problems;
    bool requester_left_out = false;
    const auto add = [&](std::string_view id) {
        if (id == context.requester) {
            requester_left_out = true;
        } else if (!contains(step.approvers, id)) {
            step.approvers.emplace_back(id);
        }
    };
    const auto add_manager_of = [&](std::string_view who, const std::string& role) {
        if (context.directory == nullptr) {
            problems.push_back("manager of " + role + " cannot be resolved: the engine has no " +
                               "directory");
        } else if (const Person* manager = context.directory->manager_of(who)) {
            add(manager->id);
        } else {
            problems.push_back(role + " " + std::string(who) + " has no manager in the directory");
        }
    };
    for (const auto& approver : model.approvers) {
        switch (approver.kind) {
        case ApproverKind::role:
            if (context.directory == nullptr) {
                problems.push_back("role " + approver.name +
                                   " cannot be resolved: the engine has no directory");
                break;
            }
            {
                const auto holders = context.directory->holders(approver.name);
                if (holders.empty()) {
                    problems.push_back("role " + approver.name + " resolves to nobody");
                }
                for (const Person* person : holders) {
                    add(person->id);
                }
            }
            break;
        case ApproverKind::person:
            if (context.directory != nullptr && context.directory->find(approver.name) == nullptr) {
                problems.push_back("person " + approver.name + " is not in the directory");
            } else {
                add(approver.name);
            }
            break;
        case ApproverKind::manager_of_requester:
            add_manager_of(context.requester, "requester");
            break;
        case ApproverKind::manager_of_approver:
            if (run.last_approver.empty()) {
                problems.push_back("manager of approver: nobody approved a step before this one");
            } else {
                add_manager_of(run.last_approver, "approver");
            }
            break;
        }
    }
    switch (model.rule) {
    case ApprovalRuleKind::any:
        step.needed = 1;
        break;
    case ApprovalRuleKind::all:
        step.needed = static_cast<std::uint32_t>(step.approvers.size());
        break;
    case ApprovalRuleKind::count:
        step.needed = static_cast<std::uint32_t>(model.count);
        break;
    }
    step.approved.assign(step.approvers.size(), 0);
    // `all of` waits for every approver named, so one who is missing blocks it; `any` and
    // `N of` only need enough people left.
    const bool missing_someone = model.rule == ApprovalRuleKind::all && !problems.empty();
    if (!step.approvers.empty() && step.approvers.size() >= step.needed && !missing_someone) {
        step.status = StepStatus::waiting;
        return;
    }
    if (problems.empty() || (!step.approvers.empty() && step.approvers.size() < step.needed)) {
        problems.push_back("needs " + approvers_text(std::max<std::uint32_t>(step.needed, 1)) +
                           ", found " + std::to_string(step.approvers.size()) +
                           (requester_left_out
                                ? " besides the requester " + std::string(context.requester)
                                : std::string()));
    }
    step.status = StepStatus::blocked;
    step.problem = "step " + model.name + ": " + join(problems, "; ");
}

/// A blocked step is never approved on its own: it is reported to the requester's manager (or
/// noted on the work order when there is none) for a person to act.
void report_blocked(ApprovalContext& context, const StepRun& step) {
    std::string message = std::string(context.work_order) + " cannot get approval (" +
                          context.rules.chain.name + "): " + step.problem;
    const Person* manager =
        context.directory == nullptr ? nullptr : context.directory->manager_of(context.requester);
    if (manager != nullptr) {
        notify(context, manager->id, std::move(message));
        return;
    }
    Effect& effect = context.effects.emplace_back();
    effect.type = "note";
    effect.text = std::move(message);
}

void ask_for_votes(ApprovalContext& context, const StepRun& step, std::uint32_t index) {
    for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
        if (step.approved[slot] == 0) {
            notify(context, step.approvers[slot],
                   what_awaits(context, index) + " awaits your approval");
        }
    }
}

bool stage_complete(const ApprovalRun& run, const ApprovalContext& context) {
    const auto& steps = context.rules.chain.steps;
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        if (steps[i].stage == run.stage && run.steps[i].status != StepStatus::approved &&
            run.steps[i].status != StepStatus::skipped) {
            return false;
        }
    }
    return true;
}

/// The slot of step `index` that `by` may fill, and how: their own, or for someone awaited
/// through a delegation, an out-of-office period or an escalation.
std::optional<std::pair<std::size_t, ActingVia>> find_slot(const ApprovalRun& run,
                                                           const ApprovalContext& context,
                                                           std::uint32_t index,
                                                           std::string_view by) {
    const StepRun& step = run.steps[index];
    for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
        if (step.approvers[slot] == by && step.approved[slot] == 0) {
            return std::pair{slot, ActingVia::self};
        }
    }
    for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
        if (step.approved[slot] != 0) {
            continue;
        }
        const std::string& owner = step.approvers[slot];
        for (const Acting& acting : run.acting) {
            if (acting.for_whom == owner && acting.who == by) {
                return std::pair{slot, acting.via};
            }
        }
        if (context.directory != nullptr) {
            const Person* delegate = context.directory->delegate_for(
                owner, Timestamp(std::chrono::milliseconds(context.now_ms)));
            if (delegate != nullptr && delegate->id == by) {
                return std::pair{slot, ActingVia::out_of_office};
            }
        }
    }
    return std::nullopt;
}

VoteResult refused(const char* error, std::string reason) {
    VoteResult result;
    result.kind = VoteResult::Kind::refused;
    result.error = error;
    result.reason = std::move(reason);
    return result;
}

// "step facilities: fm-1, fm-2; step safety: blocked (role safety_officer resolves to nobody)"
std::string awaited_now(const ApprovalRun& run, const ApprovalContext& context) {
    std::vector<std::string> parts;
    const auto& steps = context.rules.chain.steps;
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        const StepRun& step = run.steps[i];
        if (steps[i].stage != run.stage) {
            continue;
        }
        if (step.status == StepStatus::blocked) {
            parts.push_back(step.problem + " (blocked)");
        } else if (step.status == StepStatus::waiting) {
            std::vector<std::string> people;
            for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
                if (step.approved[slot] == 0) {
                    people.push_back(step.approvers[slot]);
                }
            }
            parts.push_back("step " + steps[i].name + ": " + join(people, ", "));
        }
    }
    return parts.empty() ? "nobody" : join(parts, "; ");
}

/// The steps of the current stage a vote may be for: waiting ones, or only `step_name`.
/// Refuses a name the chain does not have.
std::optional<VoteResult> pick_steps(const ApprovalRun& run, const ApprovalContext& context,
                                     std::string_view step_name,
                                     std::vector<std::uint32_t>& candidates) {
    const auto& steps = context.rules.chain.steps;
    bool named = step_name.empty();
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        if (!step_name.empty() && steps[i].name != step_name) {
            continue;
        }
        named = true;
        if (steps[i].stage == run.stage && run.steps[i].status == StepStatus::waiting) {
            candidates.push_back(i);
        }
    }
    if (!named) {
        return refused("unknown_step", "approval chain " + context.rules.chain.name +
                                           " has no step " + std::string(step_name));
    }
    return std::nullopt;
}

/// The first step up to the current stage that `by` voted on (only `step_name` when given).
std::optional<std::uint32_t> voted_on(const ApprovalRun& run, const ApprovalContext& context,
                                      std::string_view by, std::string_view step_name) {
    const auto& steps = context.rules.chain.steps;
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        if (steps[i].stage <= run.stage && (step_name.empty() || steps[i].name == step_name) &&
            contains(run.steps[i].voters, by)) {
            return i;
        }
    }
    return std::nullopt;
}

std::string last_approver_before(const ApprovalRun& run, const ApprovalContext& context,
                                 std::uint32_t stage) {
    // The latest approval in the log on a step before `stage`.
    for (auto it = run.votes.rbegin(); it != run.votes.rend(); ++it) {
        if (it->vote == "approve" && context.rules.chain.steps[it->step].stage < stage &&
            run.steps[it->step].status == StepStatus::approved) {
            return it->for_whom.empty() ? it->by : it->for_whom;
        }
    }
    return {};
}

} // namespace

std::string timeout_text(const dsl::SlaTargetModel& length) {
    if (!length.business) {
        return stdlib::format_duration(length.duration_ms);
    }
    const auto& parts = length.business_length;
    const auto count = [](std::int64_t n, const char* unit) {
        return std::to_string(n) + " business " + unit + (n == 1 ? "" : "s");
    };
    if (parts.ms == 0 && parts.weeks == 0) {
        return count(parts.days, "day");
    }
    if (parts.ms == 0 && parts.days == 0) {
        return count(parts.weeks, "week");
    }
    return stdlib::format_duration(length.duration_ms) + " of business time";
}

const char* via_name(ActingVia via) {
    switch (via) {
    case ActingVia::self:
        return "";
    case ActingVia::delegation:
        return "delegation";
    case ActingVia::out_of_office:
        return "out_of_office";
    case ActingVia::escalation:
        return "escalation";
    }
    return "";
}

const char* run_status_name(const ApprovalRun& run) {
    switch (run.status) {
    case RunStatus::running:
        for (const StepRun& step : run.steps) {
            if (step.status == StepStatus::blocked) {
                return "blocked";
            }
        }
        return "running";
    case RunStatus::approved:
        return "approved";
    case RunStatus::rejected:
        return "rejected";
    case RunStatus::withdrawn:
        return "withdrawn";
    }
    return "running";
}

bool begin_stage(ApprovalRun& run, ApprovalContext& context, std::uint32_t stage) {
    const auto& steps = context.rules.chain.steps;
    run.steps.resize(steps.size());
    ++run.epoch; // timeouts of the stage before are stale from now on
    for (std::uint32_t s = stage; s < context.rules.chain.stages; ++s) {
        run.stage = s;
        bool any_applies = false;
        for (std::uint32_t i = 0; i < steps.size(); ++i) {
            if (steps[i].stage != s) {
                continue;
            }
            const auto holds = context.applies(i);
            if (!holds) {
                return false;
            }
            if (!*holds) {
                run.steps[i] = StepRun{};
                run.steps[i].status = StepStatus::skipped;
                continue;
            }
            any_applies = true;
            resolve(run.steps[i], run, context, i);
            if (run.steps[i].status == StepStatus::blocked) {
                report_blocked(context, run.steps[i]);
            } else {
                ask_for_votes(context, run.steps[i], i);
            }
        }
        if (any_applies) {
            return true;
        }
    }
    run.status = RunStatus::approved;
    return true;
}

VoteResult cast_vote(ApprovalRun& run, ApprovalContext& context, std::string_view by, bool approve,
                     std::string_view step_name, std::string_view text) {
    const std::string who(by);
    if (by == context.requester) {
        return refused("self_approval", who + " requested " + std::string(context.work_order) +
                                            " and may not vote on its approval (separation of " +
                                            "duties)");
    }
    if (!approve && text.empty()) {
        return refused("missing_required",
                       "reject requires data.reason: say why the request is rejected");
    }
    std::vector<std::uint32_t> candidates;
    if (auto problem = pick_steps(run, context, step_name, candidates)) {
        return std::move(*problem);
    }
    std::optional<std::uint32_t> repeated;
    for (const auto index : candidates) {
        StepRun& step = run.steps[index];
        if (contains(step.voters, by)) {
            repeated = repeated.value_or(index);
            continue;
        }
        const auto slot = find_slot(run, context, index, by);
        if (!slot) {
            continue;
        }
        const std::string& owner = step.approvers[slot->first];
        VoteRecord& record = run.votes.emplace_back();
        record.at_ms = context.now_ms;
        record.step = index;
        record.vote = approve ? "approve" : "reject";
        record.by = who;
        record.for_whom = slot->second == ActingVia::self ? std::string() : owner;
        record.via = slot->second;
        record.text = text;
        step.voters.push_back(who);
        VoteResult result;
        result.kind = VoteResult::Kind::counted;
        result.shown = ApprovalVoteView{step_model(context, index).name,
                                        record.vote,
                                        who,
                                        record.for_whom,
                                        via_name(record.via),
                                        {},
                                        std::string(text)};
        if (!approve) {
            step.status = StepStatus::rejected;
            run.status = RunStatus::rejected;
            run.rejected_step = index;
            run.rejected_by = who;
            run.rejected_reason = text;
            ++run.epoch;
            return result;
        }
        step.approved[slot->first] = 1;
        if (++step.approvals >= step.needed) {
            step.status = StepStatus::approved;
            run.last_approver = owner;
            if (stage_complete(run, context) && !begin_stage(run, context, run.stage + 1)) {
                VoteResult failed;
                failed.kind = VoteResult::Kind::failed; // the guard's failure is reported
                return failed;
            }
        }
        return result;
    }
    if (!repeated) {
        // A vote already counted on a step that no longer waits (an `any of` step the person
        // approved, an earlier stage): a repeat too, not a vote from a stranger.
        repeated = voted_on(run, context, by, step_name);
    }
    if (repeated) {
        VoteResult result;
        result.kind = VoteResult::Kind::repeated;
        result.reason = who + " already voted on step " + step_model(context, *repeated).name +
                        "; nothing changed";
        return result;
    }
    return refused("not_awaited", who + " is not awaited by " + context.rules.chain.name + " on " +
                                      std::string(context.work_order) +
                                      "; awaited now: " + awaited_now(run, context));
}

VoteResult delegate_vote(ApprovalRun& run, ApprovalContext& context, std::string_view by,
                         std::string_view to, std::string_view step_name) {
    const std::string who(by);
    const std::string delegate(to);
    if (to.empty()) {
        return refused("missing_required",
                       "delegate requires data.to: the person who acts in your place");
    }
    if (to == by) {
        return refused("bad_delegation", who + " cannot delegate to themself");
    }
    if (to == context.requester) {
        return refused("self_approval", delegate + " requested " + std::string(context.work_order) +
                                            " and may not approve it, not even as a delegate " +
                                            "(separation of duties)");
    }
    if (context.directory != nullptr && context.directory->find(to) == nullptr) {
        return refused("unknown_person", delegate + " is not in the directory");
    }
    std::vector<std::uint32_t> candidates;
    if (auto problem = pick_steps(run, context, step_name, candidates)) {
        return std::move(*problem);
    }
    for (const auto index : candidates) {
        const StepRun& step = run.steps[index];
        const auto own = std::find(step.approvers.begin(), step.approvers.end(), by);
        if (own == step.approvers.end() || step.approved[own - step.approvers.begin()] != 0 ||
            contains(step.voters, by)) {
            continue;
        }
        for (const Acting& acting : run.acting) {
            if (acting.for_whom == by && acting.who == to) {
                VoteResult result;
                result.kind = VoteResult::Kind::repeated;
                result.reason = who + " already delegated to " + delegate + "; nothing changed";
                return result;
            }
        }
        run.acting.push_back({who, delegate, ActingVia::delegation});
        VoteRecord& record = run.votes.emplace_back();
        record.at_ms = context.now_ms;
        record.step = index;
        record.vote = "delegate";
        record.by = who;
        record.to = delegate;
        notify(context, delegate,
               who + " delegated their approval of " + what_awaits(context, index) + " to you");
        VoteResult result;
        result.kind = VoteResult::Kind::counted;
        result.shown = ApprovalVoteView{
            step_model(context, index).name, "delegate", who, {}, {}, delegate, {}};
        return result;
    }
    return refused("not_awaited", who + " is not awaited by " + context.rules.chain.name + " on " +
                                      std::string(context.work_order) +
                                      " and has no approval to delegate; awaited now: " +
                                      awaited_now(run, context));
}

TimeoutResult apply_timeout(ApprovalRun& run, ApprovalContext& context, std::uint32_t index) {
    StepRun& step = run.steps[index];
    if (run.finished() || step_model(context, index).stage != run.stage ||
        (step.status != StepStatus::waiting && step.status != StepStatus::blocked)) {
        return TimeoutResult::nothing;
    }
    const ApprovalTimeoutRule& rule = *context.rules.timeouts[index];
    if (step.status == StepStatus::blocked) {
        // The directory may have changed since: try again before anything else.
        resolve(step, run, context, index);
        if (step.status == StepStatus::waiting) {
            ask_for_votes(context, step, index);
            return TimeoutResult::rearm;
        }
        report_blocked(context, step);
    }
    switch (rule.action) {
    case dsl::ApprovalTimeoutAction::remind:
        if (step.status == StepStatus::waiting) {
            for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
                if (step.approved[slot] == 0) {
                    notify(context, step.approvers[slot],
                           "Reminder: " + what_awaits(context, index) +
                               " has awaited your approval for " + rule.text);
                }
            }
        }
        return TimeoutResult::rearm;
    case dsl::ApprovalTimeoutAction::escalate: {
        if (step.status != StepStatus::waiting || context.directory == nullptr) {
            return TimeoutResult::rearm;
        }
        // Managers added, each with the approvers they may now act for (one message each).
        std::vector<std::pair<std::string, std::vector<std::string>>> added;
        for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
            if (step.approved[slot] != 0) {
                continue;
            }
            const std::string owner = step.approvers[slot];
            // One level further up each time: above the highest manager added so far.
            std::string top = owner;
            for (const Acting& acting : run.acting) {
                if (acting.for_whom == owner && acting.via == ActingVia::escalation) {
                    top = acting.who;
                }
            }
            const Person* manager = context.directory->manager_of(top);
            if (manager == nullptr || manager->id == context.requester ||
                contains(step.approvers, manager->id)) {
                continue;
            }
            run.acting.push_back({owner, manager->id, ActingVia::escalation});
            auto it = std::find_if(added.begin(), added.end(),
                                   [&](const auto& entry) { return entry.first == manager->id; });
            if (it == added.end()) {
                it = added.insert(added.end(), {manager->id, {}});
            }
            it->second.push_back(owner);
        }
        for (const auto& [manager, owners] : added) {
            notify(context, manager,
                   what_awaits(context, index) + " has waited " + rule.text +
                       " for the approval of " + join(owners, ", ") +
                       "; you may approve or reject in their place");
        }
        return added.empty() ? TimeoutResult::nothing : TimeoutResult::rearm;
    }
    case dsl::ApprovalTimeoutAction::reject:
        step.status = StepStatus::rejected;
        run.status = RunStatus::rejected;
        run.rejected_step = index;
        run.rejected_by = "engine";
        run.rejected_reason = "no decision within " + rule.text;
        ++run.epoch;
        return TimeoutResult::finished;
    }
    return TimeoutResult::nothing;
}

std::optional<std::uint32_t> restart_step(const ApprovalRun& run, ApprovalContext& context,
                                          bool& failed) {
    failed = false;
    if (run.status != RunStatus::running && run.status != RunStatus::approved) {
        return std::nullopt;
    }
    const auto& steps = context.rules.chain.steps;
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        const bool reached = run.status == RunStatus::approved || steps[i].stage <= run.stage;
        if (!reached || run.steps[i].status != StepStatus::skipped) {
            continue;
        }
        const auto holds = context.applies(i);
        if (!holds) {
            failed = true;
            return std::nullopt;
        }
        if (*holds) {
            return i;
        }
    }
    return std::nullopt;
}

bool restart(ApprovalRun& run, ApprovalContext& context, std::uint32_t stage) {
    const auto& steps = context.rules.chain.steps;
    for (std::uint32_t i = 0; i < steps.size(); ++i) {
        if (steps[i].stage >= stage) {
            run.steps[i] = StepRun{};
        }
    }
    // A restart starts afresh: delegations and escalations made for the earlier round end.
    run.acting.clear();
    run.status = RunStatus::running;
    run.last_approver = last_approver_before(run, context, stage);
    return begin_stage(run, context, stage);
}

void describe_approval(const ApprovalRun& run, const ApprovalRules& rules, ApprovalView& view) {
    const auto& steps = rules.chain.steps;
    view.name = rules.chain.name;
    view.status = run_status_name(run);
    view.awaiting.clear();
    view.problems.clear();
    if (run.status == RunStatus::running) {
        for (std::uint32_t i = 0; i < steps.size(); ++i) {
            const StepRun& step = run.steps[i];
            if (steps[i].stage != run.stage) {
                continue;
            }
            if (step.status == StepStatus::blocked) {
                view.problems.push_back(step.problem);
            } else if (step.status == StepStatus::waiting) {
                ApprovalAwaiting& awaiting = view.awaiting.emplace_back();
                awaiting.step = steps[i].name;
                for (std::size_t slot = 0; slot < step.approvers.size(); ++slot) {
                    if (step.approved[slot] == 0) {
                        awaiting.people.push_back(step.approvers[slot]);
                    }
                }
            }
        }
    }
    if (run.status == RunStatus::rejected) {
        view.rejected_step = steps[run.rejected_step].name;
        view.rejected_by = run.rejected_by;
        view.rejected_reason = run.rejected_reason;
    }
}

} // namespace millwright::detail
