// A decision: the engine's answer to one event (or one thing it did on its own), with a
// fixed set of keys so harnesses can rely on them. See docs/replay.md for the schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace millwright {

/// One field the decision changed, with its new value as JSON text (fixed formatting).
struct Change {
    std::string field;
    std::string value_json;
};

/// Something the work order asks the outside world to do.
struct Effect {
    std::string type;          ///< "notify", "assign", "note" or "reserve"
    std::string to;            ///< a person, when addressed to one
    std::string role;          ///< a role, when addressed to a role
    std::string text;          ///< the message (notify), the note, or the part to reserve (reserve)
    std::int64_t quantity = 0; ///< reserve: how many of the part
};

/// One alternative that was tried and refused by its guard, with what the guard saw.
struct GuardTrial {
    std::string transition;                               ///< "triaged -> assigned"
    std::string guard;                                    ///< the guard as written in the DSL
    std::string where;                                    ///< "corrective.mw:14:16"
    std::vector<std::pair<std::string, std::string>> saw; ///< name as written -> JSON value
};

/// One SLA clock (response or resolution) of a work order, as a decision shows it.
struct SlaClockView {
    /// "pending" (not started), "running", "paused", "met" or "missed" (stopped after its
    /// target passed).
    std::string status;
    std::string due;       ///< when running: when the target is reached (RFC 3339); else empty
    std::string remaining; ///< when paused: target time left in hours ("42h", "2h30m";
                           ///< business hours for a business target); else empty
    bool breached = false; ///< the target has passed (a breach line was written)
};

/// A work order's SLA clocks, shown on a decision that started, paused, resumed or stopped
/// one, moved its due times (a new priority), or reported its warning or breach.
struct SlaView {
    std::string name; ///< the SLA's name
    SlaClockView response;
    SlaClockView resolution;
};

/// A step of an approval chain that waits for votes, with the people it still waits for.
struct ApprovalAwaiting {
    std::string step;
    std::vector<std::string> people; ///< awaited approvers who have not voted, in resolution order
};

/// One vote (or delegation) as a decision shows it.
struct ApprovalVoteView {
    std::string step;
    std::string vote;     ///< "approve", "reject" or "delegate"
    std::string by;       ///< who sent it
    std::string for_whom; ///< whose place `by` took; empty when their own
    std::string via;      ///< "delegation", "out_of_office" or "escalation" when `for_whom` is set
    std::string to;       ///< for a delegation: the delegate
    std::string text;     ///< the comment of an approval, the reason of a rejection
};

/// A work order's approval chain, shown on a decision that started it, counted a vote,
/// delegated, timed out, restarted, finished or withdrew it.
struct ApprovalView {
    std::string name;   ///< the chain's name
    std::string status; ///< "running", "blocked", "approved", "rejected" or "withdrawn"
    /// While running or blocked: the steps of the current stage still waiting, in chain order.
    std::vector<ApprovalAwaiting> awaiting;
    std::optional<ApprovalVoteView> vote; ///< the vote this decision counted
    /// When rejected: the step, who rejected it ("engine" for a timeout) and why.
    std::string rejected_step;
    std::string rejected_by;
    std::string rejected_reason;
    std::string restarted_from;        ///< the step a re-approval restarted the chain from
    std::vector<std::string> problems; ///< why blocked steps cannot wait for anyone
    std::string note;                  ///< e.g. that a repeated vote changed nothing
};

/// The pm rule occurrence a work order was (or would have been) created for.
struct PmView {
    std::string rule;  ///< the pm rule's name
    std::string asset; ///< the asset's id
    std::string due;   ///< when the occurrence is due (RFC 3339)
    /// Earlier occurrences of the rule for the asset that were left out because the clock
    /// passed them and this one at once (`if missed: create latest`); shown when not 0.
    std::uint64_t missed = 0;
};

/// The engine's answer to one event.
///
/// `ok` says whether the event was accepted. An accepted event carries the transition
/// (`from`, `to`), the version after it, what changed and the effects. A rejected one carries
/// a stable `error` code (documented in docs/replay.md) and a human `reason`, and changed
/// nothing; when guards decided it, `why_not` lists each alternative tried.
struct Decision {
    std::uint64_t seq = 0;
    std::string at;                    ///< the event's time as written; empty when unknown
    std::optional<std::uint64_t> line; ///< input line number; absent on engine-originated lines
    std::string wo;
    std::string asset; ///< the asset an `asset` or `reading` line is about; empty otherwise
    std::string event;
    bool ok = false;
    std::string from;
    std::string to;
    std::optional<std::uint64_t> version;
    /// The work order's priority level, when this decision set or changed it (creation, or a
    /// change of a field the priority depends on); empty otherwise.
    std::string priority;
    /// Why that level: `matrix NAME[value][value]`, `priority LEVEL`, or the `but` override.
    std::string priority_why;
    /// Whether `sla` is part of the decision: when it changed the work order's SLA clocks.
    bool has_sla = false;
    /// The work order's SLA clocks when `has_sla` (see SlaView); left over from an earlier
    /// decision otherwise (kept, not cleared, so its texts are reused without allocating).
    SlaView sla;
    /// Whether `approval` is part of the decision: when it touched the work order's chain.
    bool has_approval = false;
    ApprovalView approval; ///< the chain when `has_approval`; cleared with it
    /// Whether `pm` is part of the decision: on a line that created (or left out) the work
    /// order of a pm rule's occurrence.
    bool has_pm = false;
    PmView pm; ///< the occurrence when `has_pm`; cleared with it
    std::vector<Change> changes;
    std::vector<Effect> effects;
    std::string error;
    std::string reason;
    std::vector<GuardTrial> why_not;
    /// For engine-originated lines: "timer", "sla", "approval", "pm" or "trigger".
    std::string origin;

    /// Clears every member, keeping allocated capacity (for reuse on a hot path).
    void clear();
    /// Appends the decision as one JSON object (no newline) with keys in the documented order
    /// and fixed number formatting: the exact bytes replay writes.
    void append_json(std::string& out) const;
    /// The same as a JSON value.
    nlohmann::ordered_json to_json() const;
};

} // namespace millwright
