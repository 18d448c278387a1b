// gen_stream: writes a deterministic request stream (JSONL) for workflows/corrective.mw.
//
//   gen_stream --events N --work-orders M [--seed S] [--start 2026-01-05T08:00:00Z]
//              [--faults] [--linger K] [--days D] [--chains] [--costly P] [--stats] > out.jsonl
//
// It simulates about M concurrently open work orders moving through the corrective lifecycle
// (submit, triage, assign, approve, start, hold, resume, complete, close, rate, reopen, cancel),
// picking the next work order to advance at random so their events interleave, on a clock that
// steps seconds to minutes per line. Every line is an event the rules accept, a `tick`, or, with
// --faults, one of ten deliberate faults (see FaultKind) injected at a small, fixed average rate.
// With --linger, a few high-impact jobs are forgotten in triage; with --days, the stream ends
// with one `tick` a day for some days, so that timers and SLA targets of what is left open run
// out. Both options draw nothing from the PRNG, and without them the bytes are as before.
// With --chains, a job waiting for approval gets the votes of the spend approval chain
// (workflows/corrective.mw) from the people examples/directory.json names, instead of one
// `approve` by a manager: all of one chain's votes at the moment that one approval was, drawn
// with the same single PRNG call, so the rest of the stream keeps its bytes. With --costly P,
// P per mille of triages quote a cost over the approval limit (a third of the work orders
// need approval at about 350), for benchmarks of the chain.
//
// The trade-off is speed and reproducibility over generality: the generator knows the corrective
// workflow by heart instead of reading the .mw file, and it writes JSON by hand from a fixed
// vocabulary that never needs escaping. Its only randomness is its own splitmix64 seeded from
// --seed, and it never reads the wall clock, so the same arguments give the same bytes on every
// machine. Output goes through one buffer; a million events take a fraction of a second.

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "stream_text.hpp"

namespace {

using namespace millwright::bench;

// ---------------------------------------------------------------------------------------------
// The corrective workflow as the generator knows it (workflows/corrective.mw).

enum class State : std::uint8_t {
    new_,
    triaged,
    awaiting_approval,
    assigned,
    in_progress,
    on_hold,
    completed,
    closed,
    cancelled,
};

bool is_final(State state) {
    return state == State::closed || state == State::cancelled;
}

/// People, printed as prefix and zero-padded number: emp-042, tech-07, disp-2, mgr-1.
struct Actor {
    std::string_view prefix;
    std::uint32_t number = 0;
    int width = 1;
};

constexpr std::uint32_t requester_count = 400;
constexpr std::uint32_t technician_count = 24;
constexpr std::uint32_t dispatcher_count = 3;
constexpr std::uint32_t manager_count = 3;

Actor requester(std::uint32_t number) {
    return {"emp-", number, 3};
}
Actor technician(std::uint32_t number) {
    return {"tech-", number, 2};
}
Actor dispatcher(SplitMix64& rng) {
    return {"disp-", static_cast<std::uint32_t>(rng.between(1, dispatcher_count)), 1};
}
Actor manager(SplitMix64& rng) {
    return {"mgr-", static_cast<std::uint32_t>(rng.between(1, manager_count)), 1};
}

// The spend approval chain of workflows/corrective.mw as the generator knows it, with people of
// examples/directory.json: a supervisor (and, for electrical work, the safety officer at the same
// time), then the facilities manager over 2500, then two of finance over 5000. fin-1 is left out:
// the directory has them out of office for a week, and their delegate is fin-2, who votes anyway.
constexpr std::int64_t approval_limit_cents = 100000;
constexpr std::int64_t facilities_limit_cents = 250000;
constexpr std::int64_t finance_limit_cents = 500000;
constexpr std::array<Actor, 2> supervisors{{{"sup-", 1, 1}, {"sup-", 2, 1}}};
constexpr Actor safety_officer{"safe-", 1, 1};
constexpr Actor facilities_manager{"fm-", 1, 1};
constexpr std::array<Actor, 2> finance{{{"fin-", 2, 1}, {"fin-", 3, 1}}};

/// A kind of asset, the trade that usually fixes it, and what fixing it looks like.
struct AssetKind {
    std::string_view prefix;
    std::string_view category;
    std::array<std::string_view, 2> notes;
    std::array<std::string_view, 2> parts;
};

constexpr std::array<AssetKind, 8> asset_kinds{{
    {"AHU", "hvac", {"replaced filter", "reset fan motor"}, {"filter-20x20", "belt-A42"}},
    {"FCU", "hvac", {"cleaned coil", "replaced valve"}, {"valve-15mm", "filter-10x10"}},
    {"LIGHT", "electrical", {"replaced ballast", "replaced tube"}, {"ballast-T8", "tube-T8"}},
    {"PANEL", "electrical", {"reset breaker", "replaced breaker"}, {"breaker-16A", "fuse-10A"}},
    {"PUMP", "plumbing", {"replaced seal", "cleared blockage"}, {"seal-kit", "gasket-50"}},
    {"WC", "plumbing", {"replaced flush valve", "cleared drain"}, {"flush-valve", "washer-12"}},
    {"DOOR", "general", {"adjusted closer", "replaced hinge"}, {"hinge-100", "closer-EN3"}},
    {"WINDOW", "general", {"replaced handle", "resealed frame"}, {"handle-W2", "sealant"}},
}};

constexpr std::array<std::string_view, 3> levels{"high", "medium", "low"};
constexpr std::array<std::string_view, 5> hold_reasons{"awaiting parts", "no access", "contractor",
                                                       "tenant asked", "needs two"};
constexpr std::array<std::string_view, 4> cancel_reasons{"duplicate", "not a fault", "replaced",
                                                         "in error"};
constexpr std::array<std::string_view, 3> reopen_reasons{"still leaking", "fault came back",
                                                         "noise again"};
constexpr std::array<std::string_view, 6> durations{"30m", "45m", "1h", "90m", "2h", "4h"};
constexpr std::array<std::string_view, 3> estimates{"2h", "1d", "3d"};

/// One open work order as the simulation tracks it.
struct WorkOrder {
    std::uint32_t number = 0;
    State state = State::new_;
    std::uint32_t requester = 0;
    std::uint32_t technician = 0; ///< 0 until assigned
    std::uint8_t asset_kind = 0;
    std::uint8_t holds = 0;
    std::uint8_t reopens = 0;
    bool over_limit = false; ///< triage estimated more than 1000
    bool approved = false;
    bool ever_completed = false; ///< notes and parts are on file from an earlier completion
    bool electrical = false;     ///< its category was given as electrical
    std::int64_t cost_cents = 0;
};

/// The next event of one work order: what to write and where it leaves the work order.
struct Step {
    std::string_view event;
    Actor by;
    Members data;
    State next = State::new_;
    std::uint32_t technician = 0; ///< set by assign
    bool over_limit = false;      ///< set by triage
    bool approved = false;        ///< set by triage or approve
    bool high_impact = false;     ///< set by a triage that says `"impact":"high"`
    bool electrical = false;      ///< set by a triage that gives the category
    std::int64_t cost_cents = 0;  ///< set by triage
    bool chain_votes = false;     ///< with --chains: the event is the chain's votes, all of them
    std::uint64_t voters = 0;     ///< with --chains: which supervisor votes, and finance's order
};

// ---------------------------------------------------------------------------------------------
// Faults. Each line carries exactly one defect, and none changes a work order, so the rest of
// the stream stays valid whatever the engine does with the faulty line.

enum class FaultKind : std::uint8_t {
    not_allowed,      ///< a declared event the current state does not allow (close before complete)
    unknown_wo,       ///< an event for a work order that was never created
    missing_required, ///< complete without notes or parts
    invalid_enum,     ///< triage (or submit) with an enum value the field does not have
    unknown_field,    ///< a data key that is neither a field nor a data.x the workflow reads
    guard_fails,      ///< rate 0 or 9 (outside 1..5), or start by someone else than the assignee
    truncated_json,   ///< a line cut off in the middle
    not_an_object,    ///< valid JSON that is not an object
    missing_at,       ///< an event without its timestamp
    deep_nesting,     ///< data holding 100 nested arrays
};

constexpr std::size_t fault_kind_count = 10;
constexpr std::array<std::string_view, fault_kind_count> fault_names{
    "not_allowed", "unknown_wo",     "missing_required", "invalid_enum", "unknown_field",
    "guard_fails", "truncated_json", "not_an_object",    "missing_at",   "deep_nesting"};

/// One fault in this many lines, on average.
constexpr std::int64_t fault_interval = 25;

// ---------------------------------------------------------------------------------------------

struct Options {
    std::uint64_t events = 0;
    std::uint32_t work_orders = 0;
    std::uint64_t seed = 1;
    std::int64_t start = 0;
    bool faults = false;
    std::uint32_t linger = 0; ///< how many high-impact jobs stay in triage for good
    std::uint32_t days = 0;   ///< days of closing ticks after the last event
    bool chains = false;      ///< votes of the spend approval chain instead of one approve
    std::uint32_t costly = 0; ///< per mille of triages over the approval limit; 0: as before
    bool stats = false;
};

class Generator {
public:
    explicit Generator(const Options& options)
        : options_(options), rng_(options.seed), clock_(options.start) {
        out_.reserve(flush_size + 4096);
        open_.reserve(options.work_orders + 16);
        for (std::size_t i = 0; i < fault_kind_count; ++i) {
            fault_bag_[i] = static_cast<FaultKind>(i);
        }
        bag_next_ = fault_kind_count; // shuffle on first use
        next_fault_ = rng_.between(1, 2 * fault_interval - 1);
    }

    /// Writes the whole stream to `file`; false when writing failed.
    bool run(std::FILE* file) {
        file_ = file;
        for (std::uint64_t line = 0; line < options_.events; ++line) {
            step_clock();
            write_one_line(static_cast<std::int64_t>(line));
            if (out_.size() >= flush_size && !flush()) {
                return false;
            }
        }
        write_closing_ticks();
        return flush() && std::fflush(file_) == 0;
    }

    void print_stats(std::FILE* file) const {
        std::fprintf(
            file, "gen_stream: %llu lines, %u work-order numbers used, %llu ticks\n",
            static_cast<unsigned long long>(options_.events + closing_ticks_ + votes_ - chains_),
            created_, static_cast<unsigned long long>(ticks_ + closing_ticks_));
        if (options_.chains) {
            std::fprintf(file, "  approval chains   %llu (%llu votes)\n",
                         static_cast<unsigned long long>(chains_),
                         static_cast<unsigned long long>(votes_));
        }
        if (options_.linger > 0 || options_.days > 0) {
            std::fprintf(file, "  left in triage    %zu:", lingering_.size());
            for (const std::uint32_t number : lingering_) {
                std::fprintf(file, " WO-%u", number);
            }
            std::fprintf(file, "\n  closing ticks     %llu\n",
                         static_cast<unsigned long long>(closing_ticks_));
        }
        for (std::size_t i = 0; i < fault_kind_count; ++i) {
            std::fprintf(file, "  %-17.*s %llu\n", static_cast<int>(fault_names[i].size()),
                         fault_names[i].data(), static_cast<unsigned long long>(fault_counts_[i]));
        }
    }

private:
    static constexpr std::size_t flush_size = std::size_t{1} << 20;

    /// The usual gap between two lines: mostly seconds, sometimes minutes, now and then none.
    void step_clock() {
        const std::uint64_t roll = rng_.below(100);
        if (roll < 5) {
            return; // two requests in the same second
        }
        clock_.advance(roll < 90 ? rng_.between(1, 60) : rng_.between(61, 600));
    }

    /// With --days D: one `tick` a day at the start's time of day, on each of the D days after
    /// the start's date, skipping any that would be earlier than the last line. Nothing else
    /// happens on those days, so what is still open shows its timers and SLA targets running
    /// out.
    void write_closing_ticks() {
        const std::int64_t first_day = options_.start - options_.start % seconds_per_day;
        const std::int64_t time_of_day = options_.start % seconds_per_day;
        for (std::uint32_t day = 1; day <= options_.days; ++day) {
            const std::int64_t at = first_day + day * seconds_per_day + time_of_day;
            if (at < clock_.seconds()) {
                continue;
            }
            clock_.advance(at - clock_.seconds());
            begin_line(true, "tick");
            out_ += "}\n";
            ++closing_ticks_;
        }
    }

    bool flush() {
        if (!out_.empty() && std::fwrite(out_.data(), 1, out_.size(), file_) != out_.size()) {
            return false;
        }
        out_.clear();
        return true;
    }

    void write_one_line(std::int64_t line) {
        if (options_.faults && line >= next_fault_) {
            if (bag_next_ == fault_kind_count) {
                shuffle_fault_bag();
            }
            // A fault that needs a work order in some state waits until one exists; the line
            // is then an ordinary one and the fault is tried again on the next.
            if (write_fault(fault_bag_[bag_next_])) {
                ++fault_counts_[static_cast<std::size_t>(fault_bag_[bag_next_])];
                ++bag_next_;
                next_fault_ = line + rng_.between(1, 2 * fault_interval - 1);
                return;
            }
        }
        if (rng_.chance(10)) {
            // A quiet spell: nothing happens for a while, and the host only moves the clock.
            clock_.advance(rng_.between(300, 3600));
            begin_line(true, "tick");
            out_ += "}\n";
            ++ticks_;
            return;
        }
        if (open_.empty() || rng_.below(options_.work_orders) >= open_.size()) {
            submit_new();
            return;
        }
        const std::size_t index = rng_.below(open_.size());
        plan_next(open_[index], step_);
        if (step_.chain_votes) {
            write_votes(open_[index], step_);
        } else {
            write_event(step_, open_[index].number);
        }
        apply(index, step_);
    }

    // --- writing lines -----------------------------------------------------------------------

    void begin_line(bool with_at, std::string_view type) {
        out_ += '{';
        if (with_at) {
            out_ += "\"at\":\"";
            out_ += clock_.text();
            out_ += "\",";
        }
        out_ += "\"type\":\"";
        out_ += type;
        out_ += '"';
    }

    void append_wo(std::uint32_t number) {
        out_ += ",\"wo\":\"WO-";
        append_number(out_, number);
        out_ += '"';
    }

    void append_by(const Actor& by) {
        out_ += ",\"by\":\"";
        out_ += by.prefix;
        append_number(out_, by.number, by.width);
        out_ += '"';
    }

    void append_data(const Members& data) {
        if (!data.empty()) {
            out_ += ",\"data\":{";
            out_ += data.str();
            out_ += '}';
        }
    }

    void write_event(const Step& step, std::uint32_t number, bool with_at = true) {
        begin_line(with_at, step.event);
        append_wo(number);
        append_by(step.by);
        append_data(step.data);
        out_ += "}\n";
    }

    /// With --chains: every vote the spend approval chain of `order` needs, in the chain's
    /// order, at one instant (see the file's header for why). Every chain is approved.
    void write_votes(const WorkOrder& order, const Step& step) {
        const auto vote = [&](const Actor& by) {
            begin_line(true, "approve");
            append_wo(order.number);
            append_by(by);
            out_ += "}\n";
            ++votes_;
        };
        vote(supervisors[step.voters % 2]);
        if (order.electrical) {
            vote(safety_officer);
        }
        if (order.cost_cents > facilities_limit_cents) {
            vote(facilities_manager);
        }
        if (order.cost_cents > finance_limit_cents) {
            const std::size_t first = step.voters / 2 % 2;
            vote(finance[first]);
            vote(finance[1 - first]);
        }
        ++chains_;
    }

    // --- the happy path ----------------------------------------------------------------------

    void submit_new() {
        WorkOrder order;
        order.number = ++created_;
        order.requester = static_cast<std::uint32_t>(rng_.between(1, requester_count));
        order.asset_kind = static_cast<std::uint8_t>(rng_.below(asset_kinds.size()));
        const AssetKind& kind = asset_kinds[order.asset_kind];

        Members& data = step_.data;
        data.clear();
        std::string& asset = data.key("asset");
        asset += '"';
        asset += kind.prefix;
        asset += '-';
        append_number(asset, rng_.below(40) + 1, 2);
        asset += '"';
        if (rng_.chance(250)) {
            data.text("category", kind.category);
            order.electrical = kind.category == "electrical";
        }
        if (rng_.chance(100)) {
            char due[20];
            format_timestamp(due, clock_.seconds() + rng_.between(4, 72) * 3600);
            data.text("due", {due, sizeof due});
        }
        if (rng_.chance(50)) {
            char day[10];
            format_date(day, clock_.seconds() / seconds_per_day - rng_.between(0, 2));
            data.text("noticed_on", {day, sizeof day});
        }
        if (rng_.chance(50)) {
            data.text("estimate", rng_.pick(estimates));
        }
        write_submit(order.number, requester(order.requester), data);
        open_.push_back(order);
    }

    void write_submit(std::uint32_t number, const Actor& by, const Members& data) {
        begin_line(true, "submit");
        append_wo(number);
        out_ += ",\"workflow\":\"corrective\"";
        append_by(by);
        append_data(data);
        out_ += "}\n";
    }

    /// Chooses the next ordinary event for `order` (without changing it) into `step`.
    void plan_next(const WorkOrder& order, Step& step) {
        const AssetKind& kind = asset_kinds[order.asset_kind];
        step.data.clear();
        step.high_impact = false;
        step.technician = order.technician;
        step.over_limit = order.over_limit;
        step.approved = order.approved;
        step.electrical = order.electrical;
        step.cost_cents = order.cost_cents;
        step.chain_votes = false;
        const auto cancel = [&](const Actor& by) {
            step.event = "cancel";
            step.by = by;
            step.data.text("reason", rng_.pick(cancel_reasons));
            step.next = State::cancelled;
        };
        switch (order.state) {
        case State::new_:
            if (rng_.chance(40)) {
                return cancel(requester(order.requester));
            }
            step.event = "triage";
            step.by = dispatcher(rng_);
            step.next = State::triaged;
            if (rng_.chance(250)) {
                step.data.text("category", kind.category);
                step.electrical = kind.category == "electrical";
            }
            if (rng_.chance(400)) {
                const std::string_view impact = rng_.pick(levels);
                step.high_impact = impact == "high";
                step.data.text("impact", impact);
                step.data.text("urgency", rng_.pick(levels));
            }
            if (options_.costly > 0) {
                // For benchmarks: a set share over the limit, none covered beforehand.
                if (rng_.chance(options_.costly)) {
                    quote(step, true);
                } else if (rng_.chance(400)) {
                    quote(step, false);
                }
            } else if (rng_.chance(400)) {
                const bool over = rng_.chance(150);
                quote(step, over);
                if (over && rng_.chance(300)) {
                    step.approved = true; // already covered, e.g. by a blanket order
                    step.data.key("approved") += "true";
                }
            }
            return;
        case State::triaged:
            if (rng_.chance(30)) {
                return cancel(dispatcher(rng_));
            }
            step.event = "assign";
            step.by = dispatcher(rng_);
            step.technician = static_cast<std::uint32_t>(rng_.between(1, technician_count));
            {
                std::string& value = step.data.key("technician");
                value += "\"tech-";
                append_number(value, step.technician, 2);
                value += '"';
            }
            step.next =
                step.over_limit && !step.approved ? State::awaiting_approval : State::assigned;
            return;
        case State::awaiting_approval:
            if (rng_.chance(120)) {
                return cancel(options_.chains ? dispatcher(rng_) : manager(rng_));
            }
            step.event = "approve";
            step.next = State::assigned;
            if (options_.chains) {
                // One draw, as for the manager below, so that the stream goes on as before.
                step.voters = rng_.next();
                step.by = supervisors[step.voters % 2];
                step.chain_votes = true;
                return;
            }
            step.by = manager(rng_);
            step.approved = true;
            return;
        case State::assigned:
            if (rng_.chance(30)) {
                return cancel(dispatcher(rng_));
            }
            step.event = "start";
            step.by = technician(order.technician);
            step.next = State::in_progress;
            return;
        case State::in_progress:
            if (rng_.chance(20)) {
                return cancel(dispatcher(rng_));
            }
            step.by = technician(order.technician);
            if (order.holds < 3 && rng_.chance(150)) {
                step.event = "hold";
                step.data.text("hold_reason", rng_.pick(hold_reasons));
                step.next = State::on_hold;
                return;
            }
            step.event = "complete";
            step.data.text("notes", rng_.pick(kind.notes));
            {
                // Two draws, in the order GCC evaluated them when they were one argument list
                // (right to left): apart, they give every compiler the same stream.
                const bool adds_cable_ties = rng_.chance(100);
                const std::string_view part = rng_.pick(kind.parts);
                step.data.text_list("parts", part, adds_cable_ties ? "cable-ties" : "");
            }
            if (rng_.chance(250)) {
                step.data.text("labour", rng_.pick(durations));
            }
            step.next = State::completed;
            return;
        case State::on_hold:
            if (rng_.chance(70)) {
                return cancel(dispatcher(rng_));
            }
            step.event = "resume";
            step.by = technician(order.technician);
            step.next = State::in_progress;
            return;
        case State::completed:
            step.by = requester(order.requester);
            if (order.reopens < 2 && rng_.chance(80)) {
                step.event = "reopen";
                step.data.text("reason", rng_.pick(reopen_reasons));
                step.next = State::in_progress;
                return;
            }
            if (rng_.chance(600)) {
                step.event = "rate";
                const std::uint64_t roll = rng_.below(10);
                step.data.number("rating", roll < 5 ? 5 : roll < 8 ? 4 : roll < 9 ? 3 : 2);
            } else {
                step.event = "close";
                if (rng_.chance(400)) {
                    step.by = dispatcher(rng_);
                }
            }
            step.next = State::closed;
            return;
        case State::closed:
        case State::cancelled:
            break;
        }
    }

    /// A triage's cost: over the approval limit (1000.01 to 8000) or up to it (20 to 1000).
    void quote(Step& step, bool over) {
        step.over_limit = over;
        step.cost_cents = over ? rng_.between(approval_limit_cents + 1, 800000)
                               : rng_.between(2000, approval_limit_cents);
        step.data.money("cost", static_cast<std::uint64_t>(step.cost_cents));
    }

    /// Moves open_[index] as `step` says; a work order that reaches a final state leaves.
    void apply(std::size_t index, const Step& step) {
        WorkOrder& order = open_[index];
        order.technician = step.technician;
        order.over_limit = step.over_limit;
        order.approved = step.approved;
        order.electrical = step.electrical;
        order.cost_cents = step.cost_cents;
        order.holds = static_cast<std::uint8_t>(order.holds + (step.next == State::on_hold));
        order.reopens = static_cast<std::uint8_t>(order.reopens + (step.event == "reopen"));
        order.ever_completed = order.ever_completed || step.next == State::completed;
        order.state = step.next;
        // With --linger, the first high-impact jobs triaged are forgotten there: no later line
        // names them, so they stay triaged to the end.
        const bool forgotten =
            step.next == State::triaged && step.high_impact && lingering_.size() < options_.linger;
        if (forgotten) {
            lingering_.push_back(order.number);
        }
        if (is_final(order.state) || forgotten) {
            open_[index] = open_.back();
            open_.pop_back();
        }
    }

    // --- faults ------------------------------------------------------------------------------

    void shuffle_fault_bag() {
        for (std::size_t i = fault_kind_count - 1; i > 0; --i) {
            std::swap(fault_bag_[i], fault_bag_[rng_.below(i + 1)]);
        }
        bag_next_ = 0;
    }

    /// An open work order for which `wanted` holds, searching from a random place.
    template <typename Predicate>
    const WorkOrder* find_open(Predicate wanted) {
        if (open_.empty()) {
            return nullptr;
        }
        const std::size_t start = rng_.below(open_.size());
        for (std::size_t i = 0; i < open_.size(); ++i) {
            const WorkOrder& order = open_[(start + i) % open_.size()];
            if (wanted(order)) {
                return &order;
            }
        }
        return nullptr;
    }

    const WorkOrder* any_open() {
        return find_open([](const WorkOrder&) { return true; });
    }

    /// Writes one line with a fault of `kind`; false when no work order fits it right now.
    bool write_fault(FaultKind kind) {
        switch (kind) {
        case FaultKind::not_allowed:
            return write_not_allowed();
        case FaultKind::unknown_wo: {
            const WorkOrder* order = any_open();
            if (order == nullptr) {
                return false;
            }
            // No stream of options_.events lines creates a work order numbered above that.
            plan_next(*order, step_);
            write_event(step_, static_cast<std::uint32_t>(options_.events + 1 +
                                                          rng_.below(options_.events + 1)));
            return true;
        }
        case FaultKind::missing_required:
            return write_missing_required();
        case FaultKind::invalid_enum:
            return write_invalid_enum();
        case FaultKind::unknown_field: {
            const WorkOrder* order = any_open();
            if (order == nullptr) {
                return false;
            }
            static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> strangers{
                {{"priority", "P1"},
                 {"colour", "blue"},
                 {"room", "2.14"},
                 {"photo", "IMG_0042.jpg"}}};
            plan_next(*order, step_);
            const auto& [key, value] = rng_.pick(strangers);
            step_.data.text(key, value);
            write_event(step_, order->number);
            return true;
        }
        case FaultKind::guard_fails:
            return write_guard_fails();
        case FaultKind::truncated_json: {
            const WorkOrder* order = any_open();
            if (order == nullptr) {
                return false;
            }
            const std::size_t begin = out_.size();
            plan_next(*order, step_);
            write_event(step_, order->number);
            const std::size_t length = out_.size() - begin - 1; // without the newline
            out_.resize(begin + length * static_cast<std::size_t>(rng_.between(40, 90)) / 100);
            out_ += '\n';
            return true;
        }
        case FaultKind::not_an_object: {
            static constexpr std::array<std::string_view, 4> not_objects{
                "[\"submit\",\"corrective\"]", "\"tick\"", "42", "null"};
            out_ += rng_.pick(not_objects);
            out_ += '\n';
            return true;
        }
        case FaultKind::missing_at: {
            const WorkOrder* order = any_open();
            if (order == nullptr) {
                return false;
            }
            plan_next(*order, step_);
            write_event(step_, order->number, false);
            return true;
        }
        case FaultKind::deep_nesting: {
            // Resume or start carry no data of their own, so the nesting is the only defect.
            const WorkOrder* order = find_open([](const WorkOrder& o) {
                return o.state == State::on_hold || o.state == State::assigned;
            });
            if (order == nullptr) {
                return false;
            }
            step_.data.clear();
            std::string& value = step_.data.key("notes");
            value.append(100, '[');
            value += "\"deep\"";
            value.append(100, ']');
            step_.event = order->state == State::on_hold ? "resume" : "start";
            step_.by = technician(order->technician);
            write_event(step_, order->number);
            return true;
        }
        }
        return false;
    }

    bool write_not_allowed() {
        const WorkOrder* order = any_open();
        if (order == nullptr) {
            return false;
        }
        // Each event with the one state it is allowed from (cancel: every state but completed).
        static constexpr std::array<std::pair<std::string_view, State>, 10> candidates{{
            {"triage", State::new_},
            {"assign", State::triaged},
            {"approve", State::awaiting_approval},
            {"start", State::assigned},
            {"hold", State::in_progress},
            {"resume", State::on_hold},
            {"complete", State::in_progress},
            {"close", State::completed},
            {"rate", State::completed},
            {"cancel", State::completed},
        }};
        const auto is_refused = [&](const std::pair<std::string_view, State>& candidate) {
            const bool listed = candidate.second == order->state;
            return candidate.first == "cancel" ? listed : !listed;
        };
        std::size_t index = rng_.below(candidates.size());
        while (!is_refused(candidates[index])) {
            index = (index + 1) % candidates.size();
        }
        // The data the event normally carries, so the transition is the line's only defect.
        const std::string_view event = candidates[index].first;
        Members& data = step_.data;
        data.clear();
        step_.event = event;
        step_.by =
            order->technician != 0 ? technician(order->technician) : requester(order->requester);
        if (event == "assign") {
            data.text("technician", "tech-01");
            step_.by = dispatcher(rng_);
        } else if (event == "hold") {
            data.text("hold_reason", rng_.pick(hold_reasons));
        } else if (event == "complete") {
            const AssetKind& kind = asset_kinds[order->asset_kind];
            data.text("notes", kind.notes[0]);
            data.text_list("parts", kind.parts[0], "");
        } else if (event == "rate") {
            data.number("rating", 5);
            step_.by = requester(order->requester);
        } else if (event == "cancel") {
            data.text("reason", rng_.pick(cancel_reasons));
        } else if (event == "close") {
            step_.by = requester(order->requester); // close before complete
        }
        write_event(step_, order->number);
        return true;
    }

    bool write_missing_required() {
        // An order completed before still has notes and parts on file, so only a first
        // completion can miss them.
        const WorkOrder* order = find_open(
            [](const WorkOrder& o) { return o.state == State::in_progress && !o.ever_completed; });
        if (order == nullptr) {
            return false;
        }
        const AssetKind& kind = asset_kinds[order->asset_kind];
        step_.data.clear();
        step_.event = "complete";
        step_.by = technician(order->technician);
        switch (rng_.below(3)) {
        case 0: // no notes
            step_.data.text_list("parts", kind.parts[0], "");
            break;
        case 1: // no parts
            step_.data.text("notes", kind.notes[0]);
            break;
        default: // parts present but empty
            step_.data.text("notes", kind.notes[0]);
            step_.data.key("parts") += "[]";
            break;
        }
        write_event(step_, order->number);
        return true;
    }

    bool write_invalid_enum() {
        const WorkOrder* order =
            find_open([](const WorkOrder& o) { return o.state == State::new_; });
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> wrong{{
            {"impact", "critical"},
            {"urgency", "asap"},
            {"category", "carpentry"},
            {"category", "Plumbing"},
        }};
        const auto& [field, value] = rng_.pick(wrong);
        step_.data.clear();
        if (order == nullptr) {
            // A request that never becomes a work order: its number is used up, nothing else.
            step_.data.text("asset", "DOOR-01");
            step_.data.text(field, value);
            write_submit(++created_,
                         requester(static_cast<std::uint32_t>(rng_.between(1, requester_count))),
                         step_.data);
            return true;
        }
        step_.event = "triage";
        step_.by = dispatcher(rng_);
        step_.data.text(field, value);
        if (field != "category") {
            step_.data.text(field == "impact" ? "urgency" : "impact", rng_.pick(levels));
        }
        write_event(step_, order->number);
        return true;
    }

    bool write_guard_fails() {
        if (const WorkOrder* order =
                find_open([](const WorkOrder& o) { return o.state == State::completed; })) {
            static constexpr std::array<std::uint64_t, 4> out_of_range{0, 6, 9, 10};
            step_.data.clear();
            step_.data.number("rating", rng_.pick(out_of_range));
            step_.event = "rate";
            step_.by = requester(order->requester);
            write_event(step_, order->number);
            return true;
        }
        if (const WorkOrder* order =
                find_open([](const WorkOrder& o) { return o.state == State::assigned; })) {
            // Only the assignee may start: a colleague tries.
            step_.data.clear();
            step_.event = "start";
            step_.by = technician(order->technician % technician_count + 1);
            write_event(step_, order->number);
            return true;
        }
        return false;
    }

    Options options_;
    SplitMix64 rng_;
    Clock clock_;
    std::FILE* file_ = nullptr;
    std::string out_;
    std::vector<WorkOrder> open_;
    Step step_;
    std::uint32_t created_ = 0;
    std::uint64_t ticks_ = 0;
    std::uint64_t closing_ticks_ = 0;
    std::uint64_t chains_ = 0;
    std::uint64_t votes_ = 0;
    std::vector<std::uint32_t> lingering_; ///< numbers of the jobs left in triage, in order
    std::array<FaultKind, fault_kind_count> fault_bag_{};
    std::size_t bag_next_ = 0;
    std::int64_t next_fault_ = 0;
    std::array<std::uint64_t, fault_kind_count> fault_counts_{};
};

// ---------------------------------------------------------------------------------------------
// Command line.

constexpr std::string_view usage =
    "usage: gen_stream --events N --work-orders M [--seed S] [--start 2026-01-05T08:00:00Z]\n"
    "                  [--faults] [--linger K] [--days D] [--chains] [--costly P] [--stats]\n"
    "\n"
    "Writes N request lines (JSONL) for workflows/corrective.mw to standard output:\n"
    "about M work orders open at once, their events interleaved on a clock that steps\n"
    "seconds to minutes per line. The same arguments always give the same bytes.\n"
    "\n"
    "  --events N        number of lines to write\n"
    "  --work-orders M   how many work orders are open at once, roughly (at least 1)\n"
    "  --seed S          seed of the generator's own PRNG (default 1)\n"
    "  --start T         time of the first line, UTC (default 2026-01-05T08:00:00Z)\n"
    "  --faults          about one line in 25 carries a deliberate fault: a transition\n"
    "                    not allowed, an unknown work order, missing required data, an\n"
    "                    invalid enum value, an unknown data key, a failing guard, or a\n"
    "                    malformed line (truncated, not an object, no `at`, 100 nested arrays)\n"
    "  --linger K        the first K jobs triaged with high impact are never assigned: no\n"
    "                    later line names them, so they wait in triage to the end (default 0)\n"
    "  --days D          after the N lines, one `tick` a day at the start's time of day on\n"
    "                    each of the D days after the start's date (default 0), so timers\n"
    "                    and targets of what is still open run out\n"
    "  --chains          a job waiting for approval gets every vote the spend approval\n"
    "                    chain asks for (supervisor, safety officer for electrical work,\n"
    "                    facilities manager over 2500, two of finance over 5000; the ids of\n"
    "                    examples/directory.json), at the moment of the one `approve` by a\n"
    "                    manager it has without it; the rest of the stream is unchanged\n"
    "  --costly P        P per mille of triages (1 to 1000) quote a cost over the approval\n"
    "                    limit of 1000, none of them covered beforehand (default: 6% of\n"
    "                    triages, a third of those covered)\n"
    "  --stats           print what was written (lines, work orders, faults) to stderr\n";

template <typename T>
bool parse_unsigned(std::string_view text, T& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

/// Parses the arguments; prints why and returns nullopt when they are wrong.
std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    options.start = *parse_timestamp("2026-01-05T08:00:00Z");
    bool have_events = false, have_work_orders = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string_view value;
        bool has_value = false;
        if (const auto equals = arg.find('='); arg.starts_with("--") && equals != arg.npos) {
            value = arg.substr(equals + 1);
            arg = arg.substr(0, equals);
            has_value = true;
        }
        const auto need_value = [&]() -> bool {
            if (has_value) {
                return true;
            }
            if (i + 1 >= argc) {
                std::fprintf(stderr, "gen_stream: %s needs a value\n", argv[i]);
                return false;
            }
            value = argv[++i];
            return true;
        };
        const auto bad = [&](const char* what) {
            std::fprintf(stderr, "gen_stream: %.*s: %s, got '%.*s'\n", static_cast<int>(arg.size()),
                         arg.data(), what, static_cast<int>(value.size()), value.data());
            return std::nullopt;
        };
        if (arg == "--help" || arg == "-h") {
            std::fwrite(usage.data(), 1, usage.size(), stdout);
            std::exit(0);
        } else if (arg == "--faults") {
            options.faults = true;
        } else if (arg == "--stats") {
            options.stats = true;
        } else if (arg == "--chains") {
            options.chains = true;
        } else if (arg == "--costly") {
            if (!need_value()) {
                return std::nullopt;
            }
            if (!parse_unsigned(value, options.costly) || options.costly == 0 ||
                options.costly > 1000) {
                return bad("expected a whole number from 1 to 1000");
            }
        } else if (arg == "--events") {
            if (!need_value()) {
                return std::nullopt;
            }
            if (!parse_unsigned(value, options.events)) {
                return bad("expected a whole number");
            }
            have_events = true;
        } else if (arg == "--work-orders") {
            if (!need_value()) {
                return std::nullopt;
            }
            if (!parse_unsigned(value, options.work_orders) || options.work_orders == 0 ||
                options.work_orders > 10'000'000) {
                return bad("expected a whole number from 1 to 10000000");
            }
            have_work_orders = true;
        } else if (arg == "--linger" || arg == "--days") {
            if (!need_value()) {
                return std::nullopt;
            }
            std::uint32_t& target = arg == "--linger" ? options.linger : options.days;
            if (!parse_unsigned(value, target) || target > 100'000) {
                return bad("expected a whole number from 0 to 100000");
            }
        } else if (arg == "--seed") {
            if (!need_value()) {
                return std::nullopt;
            }
            if (!parse_unsigned(value, options.seed)) {
                return bad("expected a whole number");
            }
        } else if (arg == "--start") {
            if (!need_value()) {
                return std::nullopt;
            }
            const auto start = parse_timestamp(value);
            if (!start) {
                return bad("expected a UTC time like 2026-01-05T08:00:00Z");
            }
            options.start = *start;
        } else {
            std::fprintf(stderr, "gen_stream: unknown option '%s'\n%.*s", argv[i],
                         static_cast<int>(usage.size()), usage.data());
            return std::nullopt;
        }
    }
    if (!have_events || !have_work_orders) {
        std::fprintf(stderr, "gen_stream: --events and --work-orders are required\n%.*s",
                     static_cast<int>(usage.size()), usage.data());
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char** argv) {
    const std::optional<Options> options = parse_options(argc, argv);
    if (!options) {
        return 2;
    }
    Generator generator(*options);
    if (!generator.run(stdout)) {
        std::fprintf(stderr, "gen_stream: writing the stream failed: %s\n", std::strerror(errno));
        return 1;
    }
    if (options->stats) {
        generator.print_stats(stderr);
    }
    return 0;
}
