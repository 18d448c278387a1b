// The engine: owns work orders of the workflows in one ruleset, takes events, and answers each
// with a Decision. It is single-threaded (one engine per core, each owning its work orders) and
// has no global state: two engines in one process are independent.
#pragma once

#include "millwright/assets.hpp"
#include "millwright/decision.hpp"
#include "millwright/directory.hpp"
#include "millwright/event.hpp"
#include "millwright/forecast.hpp"
#include "millwright/ruleset.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace millwright {

struct ReplaySummary;
struct ReplayOptions;

/// Limits on what rules and input may consume, so that no single input can make the engine
/// hold, write or compute without bound. Zero is not "unlimited": every limit applies. An input
/// over a limit is rejected and changes nothing; docs/replay.md lists the error codes.
struct EngineOptions {
    /// Lua VM instructions one guard or action block may run before it is stopped. Blocks that
    /// cannot loop (no list input, short DSL text) are bounded by their length and not metered.
    std::uint64_t instruction_budget = 1'000'000;
    /// Bytes the engine's Lua VM may hold in all.
    std::size_t memory_limit = 64u * 1024u * 1024u;
    /// Deepest nesting accepted in an event's JSON (objects and arrays).
    unsigned max_json_depth = 64;
    /// Longest request line, in bytes without its line feed: a longer one is a
    /// `malformed_line`. replay() skips such a line to its end without holding it in memory.
    std::size_t max_line_bytes = 1024u * 1024u;
    /// Longest `wo`, `by`, `type` and `workflow` of an event, in bytes (`value_too_long`).
    std::size_t max_id_bytes = 256;
    /// Longest text in an event's `data`, alone or in a list, in bytes (`value_too_long`).
    /// The stdlib's text builtins take at most 64 KiB, and a field at most 1 MiB, whatever this
    /// says.
    std::size_t max_text_bytes = 64u * 1024u;
    /// Most items of a list in an event's `data` (`value_too_long`).
    std::size_t max_list_items = 1000;
    /// How far one event may move the engine's clock forward (`clock_jump_too_large`). The
    /// first event sets the clock wherever it is. advance_to() is not limited by it.
    std::chrono::milliseconds max_clock_jump = std::chrono::hours(24 * 366);
    /// Most lines the engine may originate (timers, SLA and approval timeouts, pm work orders)
    /// while catching up to one event's time; an event that brings more due is rejected with
    /// `too_many_engine_lines` after that many, and the rest wait for the next input (see
    /// handle()).
    std::uint64_t max_engine_lines_per_input = 100'000;
};

/// A work order's state, fields and history as JSON:
/// `{"id","workflow","state","version","requester","assignee","priority":{"level","why"},
/// "sla":{...},"fields":{...},"history":[...]}` (`priority` and `sla` only for a workflow with
/// them; `sla` as on a decision line, see docs/replay.md)
/// with fields in declaration order; each history entry is an accepted event:
/// `{"seq","at","event","by","from","to","changes":{...}}` (`from` absent on the creation).
/// Comparing two snapshots shows whether anything changed.
using WorkOrderSnapshot = nlohmann::ordered_json;

/// Counts of work orders by state, for summaries.
struct StateCount {
    std::string workflow;
    std::string state;
    std::uint64_t count = 0;
};

/// One open work order in the backlog.
struct BacklogEntry {
    std::string id;
    std::string workflow;
    std::string state;
    std::string priority;     ///< the level's name; empty when the workflow has no priority
    std::string priority_why; ///< why that level (see Decision::priority_why)
    Timestamp created{};      ///< when it was created
    std::string created_text; ///< the same in RFC 3339 ("2026-03-02T08:00:00Z")
    /// The earliest due time of its running SLA clocks; empty when none is running.
    std::optional<Timestamp> due;
    std::string due_text; ///< the same in RFC 3339; empty when none
};

/// How the work orders of one priority level fared against their SLA.
struct SlaLevelReport {
    std::string sla;                       ///< the SLA's name
    std::string level;                     ///< the priority level (the work order's current one)
    std::uint64_t work_orders = 0;         ///< work orders under this SLA at this level
    std::uint64_t settled = 0;             ///< of those: finished (final state) or clocks stopped
    std::uint64_t met = 0;                 ///< of the settled: no target breached
    std::uint64_t response_breaches = 0;   ///< of all: response target breached
    std::uint64_t resolution_breaches = 0; ///< of all: resolution target breached
};

/// How the work orders of one workflow fared with one approval chain: the latest chain each
/// work order started, by its status.
struct ApprovalReport {
    std::string workflow;
    std::string chain;
    std::uint64_t started = 0; ///< work orders whose latest chain is this one
    std::uint64_t running = 0; ///< of those: still waiting for votes (blocked ones included)
    std::uint64_t blocked = 0; ///< of the running: a step resolves to nobody
    std::uint64_t approved = 0;
    std::uint64_t rejected = 0;
    std::uint64_t withdrawn = 0; ///< the work order left the chain's state before it finished
};

/// What the pm rules did so far, for summaries.
struct PmReport {
    std::uint64_t assets = 0;      ///< assets the engine knows (from its asset directory)
    std::uint64_t enrollments = 0; ///< asset and rule pairs the rules cover now
    std::uint64_t created = 0;     ///< work orders the rules created
    std::uint64_t skipped = 0;     ///< occurrences left out: the previous work order was open
    std::uint64_t failed = 0;      ///< creations refused (a rule failed, or the id existed)
    /// Occurrences left out because the clock passed a later one at once (`if missed:
    /// create latest`); they have no line of their own.
    std::uint64_t missed = 0;
};

class Engine {
public:
    /// Builds an engine for `ruleset` (which must not be null). Loads every workflow's Lua
    /// chunk into a fresh sandboxed VM. Loading the ruleset loaded the same chunks under the
    /// default limits (diagnostic E0108 otherwise), so this throws std::runtime_error only when
    /// the environment is broken or `options.memory_limit` is too small for the rules.
    explicit Engine(std::shared_ptr<const Ruleset> ruleset, const EngineOptions& options = {});
    ~Engine();
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Handles one event and returns its decision. Never throws on bad input: an unknown work
    /// order, unknown event, disallowed transition, failed guard, missing or mistyped data, or a
    /// rule that fails all give a rejected decision and leave every work order as it was. So
    /// does an event over one of EngineOptions' caps (`value_too_long`, `clock_jump_too_large`).
    /// Before the event itself, the engine fires what fell due by its `at` (lines to the sink
    /// set with on_engine_decision); when that is more than
    /// EngineOptions::max_engine_lines_per_input lines, it stops there and rejects the event
    /// with `too_many_engine_lines` (the event is not applied; what fired stays fired).
    Decision handle(const Event& event);

    /// Handles one JSON line of a request stream (see docs/replay.md); `line_number` is echoed
    /// in the decision. A malformed line gives a rejected decision with error `malformed_line`.
    /// The returned reference stays valid until the next call on this engine.
    const Decision& handle_line(std::string_view json_line, std::uint64_t line_number);

    /// The work order's snapshot, or nothing when there is no such work order.
    std::optional<WorkOrderSnapshot> snapshot(std::string_view work_order_id) const;

    /// Number of work orders the engine holds (open and finished).
    std::size_t work_order_count() const;

    /// Work orders by workflow and state, in workflow then state declaration order; states
    /// holding none are left out.
    std::vector<StateCount> count_by_state() const;

    /// Sets where the decisions the engine originates go: a timer that fires gives a decision
    /// line of its own (`origin` "timer"), delivered here before the decision of the event
    /// whose time passed the timer's due time. Without a sink such decisions still take effect
    /// and are not reported. The reference passed is valid during the call only.
    void on_engine_decision(std::function<void(const Decision&)> sink);

    /// Gives the engine the directory of people (roles, managers, out-of-office delegates) its
    /// rules may consult; null removes it. The engine shares ownership and calls it only from
    /// its own thread, while handling events. Events of type `directory` are applied to it
    /// with Directory::apply(): accepted, or rejected with `bad_directory_change` when it
    /// refuses (a read-only host directory refuses every change), or with `no_directory`
    /// when the engine has none. See docs/directory.md.
    void set_directory(std::shared_ptr<Directory> directory);

    /// The directory set with set_directory(); null when none.
    const Directory* directory() const;

    /// Gives the engine the assets its pm rules cover (null removes them: every asset leaves
    /// every rule). The engine shares ownership, reads the directory only from its own thread,
    /// and enrolls every asset in each rule whose `for assets where` selects it; schedules start
    /// counting at the engine clock's first instant (the first event or advance_to), or at once
    /// when the clock is running. Events of type `asset` (docs/maintenance.md) are applied to it
    /// with AssetDirectory::apply(); a host whose directory changes by other means calls
    /// asset_changed(). Returns one line per asset a rule cannot read (`asset "AHU-1":
    /// /capacity_kw: pm rule `chillers` reads asset.capacity_kw as a number, got "big"`); such an
    /// asset is left out of that rule, the others are enrolled.
    std::vector<std::string> set_assets(std::shared_ptr<AssetDirectory> assets);

    /// The asset directory set with set_assets(); null when none.
    const AssetDirectory* assets() const;

    /// Re-reads asset `id` from the asset directory (its record changed, or it is gone) and
    /// moves it into or out of the pm rules accordingly. Returns an empty string, or why a rule
    /// cannot read it (as set_assets() says).
    std::string asset_changed(std::string_view id);

    /// The work orders the pm rules would create with due times in [from, to), and those overdue
    /// at `from` that would be created then, from where each schedule stands now, sorted by due
    /// time, rule and asset (docs/maintenance.md says how floating and meter schedules are
    /// projected). Changes nothing.
    std::vector<ForecastEntry> forecast(Timestamp from, Timestamp to) const;

    /// What the pm rules did so far.
    PmReport pm_report() const;

    /// Moves the engine's clock to `to`, firing every timer due at or before it, in order of
    /// due time and then of arming. A time before the clock changes nothing. Handling an event
    /// does the same with the event's `at` first. Fires at most
    /// EngineOptions::max_engine_lines_per_input lines: when more are due it returns false,
    /// with the clock at the last one fired, and the next call (or event) goes on from there;
    /// otherwise true.
    bool advance_to(Timestamp to);

    /// When the next pending timer (an `after` timer, an SLA warning or breach) falls due;
    /// nothing when none is pending. A host on real time sleeps until then (or until its next
    /// event), then calls advance_to_wall_clock().
    std::optional<Timestamp> next_due() const;
    /// Wall-clock mode: advance_to() the system clock's current time. The engine reads no clock
    /// otherwise; a host that runs on real time calls this from its loop and gives its events
    /// the current time as `at`. Returns as advance_to() does.
    bool advance_to_wall_clock();

    /// Open work orders (not in a final state), most urgent first: by priority level (work
    /// orders without a priority after every level), then by SLA due time (earliest first;
    /// those with no running clock after), then by age (oldest first), then by id.
    std::vector<BacklogEntry> backlog() const;

    /// SLA results per SLA and priority level, by SLA name and then level (most urgent
    /// first), over every work order the engine holds; levels no work order has are left out.
    std::vector<SlaLevelReport> sla_report() const;

    /// Approval chains by workflow and chain, in declaration order (chains no work order
    /// started are left out). See docs/approvals.md.
    std::vector<ApprovalReport> approval_report() const;

    /// The time of the latest event handled (the engine's clock); epoch before any event.
    Timestamp now() const;

    /// The engine's internals; opaque to hosts (defined in the engine's sources only).
    struct Impl;

private:
    friend ReplaySummary replay(Engine&, std::FILE*, std::FILE*, const ReplayOptions&);
    /// handle_line for a line inside a buffer with `capacity` readable bytes from its start
    /// (replay's blocks carry the padding the line reader needs, so no copy is made).
    const Decision& handle_padded_line(std::string_view line, std::size_t capacity,
                                       std::uint64_t line_number);

    std::unique_ptr<Impl> impl_;
};

} // namespace millwright
