// gen_pm_stream: writes a deterministic year of preventive-maintenance requests (JSONL) for
// workflows/preventive.mw and examples/assets.json, with the engine in the loop.
//
//   gen_pm_stream [--rules workflows] [--assets examples/assets.json] [--seed S]
//                 [--from 2026-01-01] [--to 2026-12-31] > preventive.jsonl
//
// The background is written first: a weekly odometer reading per truck (with a heavy-driving
// stretch, a long haul that passes two multiples of 10000 at once, a truck counting in km that
// no rule reads), a daily boiler temperature with four episodes sampled every 10 minutes (over
// the limit long enough, too briefly, a dip that does not clear, and a second trigger after
// clearing), asset changes (an air handler added, a field changed, an extinguisher retired)
// and a handful of deliberate faults. The work orders the pm rules create cannot be written
// ahead: they depend on the rules, the assets and what was done before (a floating schedule
// counts from the last completion). So every line is handed to an engine as it is written, in
// time order from a queue of pending lines, and each work order the engine creates gets its
// follow-ups queued later in the year: assign, start, sometimes hold and resume, complete (or
// cancel), with delays drawn so some completions are late and some extinguisher jobs are still
// open at the next first Monday.
//
// The trade-off: the generator knows the preventive workflow's events and the shipped rules'
// names by heart (it reads only what the engine decides), which keeps it short. Randomness is
// its own splitmix64 (two streams seeded from --seed, one for the background, one for the
// follow-ups, so changing how jobs are followed up leaves the readings as they were); it never
// reads the wall clock, so the same options, rules and assets give the same bytes everywhere.
// Every line is checked against the decision the generator expects (accepted, or for a fault,
// refused): a surprise is reported on stderr and the exit status is 1.

#include "millwright/assets.hpp"
#include "millwright/decision.hpp"
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include "stream_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using millwright::bench::SplitMix64;
using Json = nlohmann::ordered_json;

constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

std::string timestamp_text(std::int64_t seconds) {
    char text[20];
    millwright::bench::format_timestamp(text, seconds);
    return std::string(text, sizeof text);
}

/// Seconds since the epoch of `2026-03-02T08:00:00Z`, or of a date's midnight (UTC).
std::int64_t at(std::string_view text) {
    const std::string utc = text.size() == 10 ? std::string(text) + "T00:00:00Z"
                                              : std::string(text.substr(0, 19)) + "Z";
    return *millwright::bench::parse_timestamp(utc);
}

// ---------------------------------------------------------------------------------------------
// The queue of lines still to write, by time and then by the order they were queued.

struct PendingLine {
    std::int64_t at = 0;
    std::uint64_t order = 0;
    std::string text;
    /// Whether the engine should accept it; a deliberate fault expects a refusal, and `error`
    /// names the code it expects.
    std::string expected_error;
};

struct LaterFirst {
    bool operator()(const PendingLine& a, const PendingLine& b) const {
        return a.at != b.at ? a.at > b.at : a.order > b.order;
    }
};

class LineQueue {
public:
    void push(std::int64_t at, std::string text, std::string expected_error = {}) {
        lines_.push({at, next_order_++, std::move(text), std::move(expected_error)});
    }
    bool empty() const { return lines_.empty(); }
    PendingLine pop() {
        PendingLine line = lines_.top();
        lines_.pop();
        return line;
    }

private:
    std::priority_queue<PendingLine, std::vector<PendingLine>, LaterFirst> lines_;
    std::uint64_t next_order_ = 0;
};

/// One request line, keys in the stream's documented order; `data` left out when empty.
std::string request(std::int64_t when, std::string_view type, const std::string& wo = {},
                    const std::string& by = {}, Json data = Json::object()) {
    Json line;
    line["at"] = timestamp_text(when);
    line["type"] = type;
    if (!wo.empty()) {
        line["wo"] = wo;
    }
    if (!by.empty()) {
        line["by"] = by;
    }
    if (!data.empty()) {
        line["data"] = std::move(data);
    }
    return line.dump();
}

// ---------------------------------------------------------------------------------------------
// The background: readings, asset changes and the deliberate faults, all known in advance.

struct Span {
    std::int64_t from = 0; ///< the first instant written
    std::int64_t to = 0;   ///< the first instant not written
    bool holds(std::int64_t t) const { return t >= from && t < to; }
};

/// How a truck is driven: miles a week in a normal week, and in a heavy one.
struct Truck {
    const char* id;
    const char* meter;
    std::int64_t first_reading;
    std::int64_t normal_low, normal_high;
    std::int64_t heavy_low, heavy_high;
    std::int64_t heavy_from_week, heavy_to_week; ///< weeks of heavy driving (of the year)
    std::int64_t haul_from_week;                 ///< away for three weeks from here; 0 for none
};

constexpr Truck trucks[] = {
    // Regular deliveries, and a summer of heavy driving: the 7-day lead projects oil changes.
    {"TRK-01", "miles", 47850, 450, 850, 2100, 2700, 22, 31, 0},
    // Light driving, then a three-week long haul: one reading passes two multiples at once.
    {"TRK-02", "miles", 21300, 120, 260, 0, 0, -1, -1, 27},
    {"TRK-03", "miles", 63200, 300, 600, 0, 0, -1, -1, 0},
    // Counts in km, which no rule reads: its readings are accepted and create nothing.
    {"TRK-04", "km", 112000, 400, 900, 0, 0, -1, -1, 0},
};

/// Weekly odometer readings, Fridays at 22:00 UTC; TRK-03's week 15 also has a misread that
/// goes back, and TRK-02's week 32 a reading that is no number.
void queue_odometers(LineQueue& queue, SplitMix64& rng, Span span) {
    // Day 0 (1970-01-01) was a Thursday: day d is a Friday when (d + 4) % 7 == 5.
    const std::int64_t from_day = span.from / day;
    const std::int64_t first_friday = (from_day + (5 - (from_day + 4) % 7 + 7) % 7) * day;
    for (const Truck& truck : trucks) {
        std::int64_t reading = truck.first_reading;
        std::int64_t week = 0;
        for (std::int64_t t = first_friday + 22 * hour; span.holds(t); t += 7 * day, ++week) {
            const bool heavy = week >= truck.heavy_from_week && week <= truck.heavy_to_week;
            const bool away = truck.haul_from_week > 0 && week >= truck.haul_from_week &&
                              week < truck.haul_from_week + 3;
            if (away) {
                continue;
            }
            if (truck.haul_from_week > 0 && week == truck.haul_from_week + 3) {
                // Back from the long haul: past the next multiple and the one after it.
                reading = (reading / 10000 + 2) * 10000 + rng.between(200, 900);
            } else if (week > 0) {
                reading += heavy ? rng.between(truck.heavy_low, truck.heavy_high)
                                 : rng.between(truck.normal_low, truck.normal_high);
            }
            queue.push(t, request(t, "reading", {}, {},
                                  Json{{"asset", truck.id}, {truck.meter, reading}}));
            if (std::string_view(truck.id) == "TRK-03" && week == 15) {
                queue.push(t + 2 * hour,
                           request(t + 2 * hour, "reading", {}, {},
                                   Json{{"asset", truck.id}, {truck.meter, reading - 37}}),
                           "meter_went_back");
            }
            if (std::string_view(truck.id) == "TRK-02" && week == 32) {
                queue.push(t + 3 * hour,
                           request(t + 3 * hour, "reading", {}, {},
                                   Json{{"asset", truck.id}, {truck.meter, "n/a"}}),
                           "bad_reading");
            }
        }
    }
}

/// Readings of the boiler every 10 minutes from `start`, temperatures in degrees.
void queue_episode(LineQueue& queue, Span span, std::string_view start,
                   const std::vector<int>& temperatures) {
    std::int64_t t = at(start);
    for (const int temperature : temperatures) {
        if (span.holds(t)) {
            queue.push(t, request(t, "reading", {}, {},
                                  Json{{"asset", "BLR-B1"}, {"temperature", temperature}}));
        }
        t += 10 * minute;
    }
}

/// The boiler's readings at 05:00 and 17:00 UTC (well below the limit), and four episodes.
void queue_boiler(LineQueue& queue, SplitMix64& rng, Span span) {
    for (std::int64_t t = span.from + 5 * hour; span.holds(t); t += 12 * hour) {
        const auto pressure = static_cast<double>(rng.between(18, 23)) / 10;
        queue.push(t, request(t, "reading", {}, {},
                              Json{{"asset", "BLR-B1"},
                                   {"temperature", rng.between(62, 74)},
                                   {"pressure", pressure}}));
    }
    // Above 90 from 13:20 for half an hour: triggers at 13:50; below 80 at 14:40 clears it.
    queue_episode(queue, span, "2026-02-10T13:00:00Z",
                  {84, 88, 91, 93, 95, 96, 94, 92, 87, 83, 78, 74});
    // Above 90 for 20 minutes only (10:20 to 10:40): nothing is created.
    queue_episode(queue, span, "2026-04-21T10:00:00Z", {86, 89, 91, 93, 88, 84, 76});
    // Triggers at 11:40; dips to 85 at 12:10 and runs hot again from 12:30 to 13:20, but has
    // not cleared (below 80) in between, so no second work order; clears at 13:50.
    queue_episode(queue, span, "2026-07-15T11:00:00Z",
                  {85, 91, 93, 95, 94, 92, 88, 85, 87, 91, 94, 96, 95, 93, 92, 86, 81, 79, 72});
    // After clearing, running hot again triggers again: at 09:40.
    queue_episode(queue, span, "2026-10-20T09:00:00Z", {84, 92, 94, 95, 93, 91, 88, 82, 77});
}

/// Changes of the asset directory, two of them refused.
void queue_asset_changes(LineQueue& queue, Span span) {
    const auto change = [&](std::string_view when, Json data, std::string error = {}) {
        if (span.holds(at(when))) {
            queue.push(at(when), request(at(when), "asset", {}, {}, std::move(data)),
                       std::move(error));
        }
    };
    // The warehouse unit now serves the cold store: high criticality, so P2 jobs from now on.
    change("2026-05-04T15:00:00Z", Json{{"change", "update"},
                                        {"id", "AHU-N3"},
                                        {"criticality", "high"},
                                        {"serves", Json::array({"warehouse", "cold store"})}});
    // A grade the rules cannot read as a criticality is refused.
    change("2026-05-04T15:05:00Z",
           Json{{"change", "update"}, {"id", "AHU-B2"}, {"criticality", "urgent"}},
           "bad_asset_change");
    // A new air handler, never serviced: enrolled, and its first job is due at once.
    change("2026-06-15T09:00:00Z", Json{{"change", "add"},
                                        {"id", "AHU-B4"},
                                        {"class", "AHU"},
                                        {"site", "berlin-hq"},
                                        {"criticality", "medium"},
                                        {"time_zone", "Europe/Berlin"},
                                        {"location", "Annex, roof"},
                                        {"make", "Systemair"},
                                        {"capacity_kw", 36}});
    // A typo in a zone name is refused by the directory.
    change("2026-07-01T08:00:00Z",
           Json{{"change", "update"}, {"id", "EXT-B-004"}, {"time_zone", "Europe/Berln"}},
           "bad_asset_change");
    // The loading-dock extinguisher is taken out of service.
    change("2026-09-14T14:00:00Z", Json{{"change", "retire"}, {"id", "EXT-N-003"}});
}

/// Faults that depend on no work order: each is refused and changes nothing.
void queue_faults(LineQueue& queue, Span span) {
    const auto fault = [&](std::string_view when, std::string text, std::string error) {
        if (span.holds(at(when))) {
            queue.push(at(when), std::move(text), std::move(error));
        }
    };
    fault("2026-03-16T09:30:00Z",
          request(at("2026-03-16T09:30:00Z"), "reading", {}, {},
                  Json{{"asset", "TRK-09"}, {"miles", 1200}}),
          "unknown_asset");
    // An inspection booked under the wrong date: there is no such work order.
    fault("2026-02-04T10:00:00Z",
          request(at("2026-02-04T10:00:00Z"), "assign", "extinguishers/EXT-B-001/2026-02-03",
                  "planner-b", Json{{"technician", "tech-b3"}}),
          "unknown_work_order");
    // A line cut off in transfer.
    fault("2026-10-12T12:00:00Z",
          R"({"at":"2026-10-12T12:00:00Z","type":"reading","data":{"asset":"BLR-B1","tempera)",
          "malformed_line");
}

// ---------------------------------------------------------------------------------------------
// The follow-ups of each work order the rules create.

/// A work order as the engine created it.
struct Job {
    std::string id;
    std::string rule;
    std::string asset;
    std::string site;
    std::vector<std::string> checklist;
    std::int64_t created = 0;
    std::int64_t due = 0;
    int number = 0; ///< 1 for the first job of this rule and asset, 2 for the next, ...
};

const char* planner_of(const Job& job) {
    return job.site == "berlin-hq" ? "planner-b" : "planner-n";
}

/// The technician for the job's trade and site, one of two where there are two.
std::string technician_of(const Job& job, SplitMix64& rng) {
    if (job.rule == "oil_change") {
        return rng.chance(500) ? "mech-1" : "mech-2";
    }
    const bool berlin = job.site == "berlin-hq";
    if (job.rule == "extinguishers" || job.rule == "boiler_overheat") {
        return berlin ? "tech-b3" : "tech-n3";
    }
    if (berlin) {
        return rng.chance(500) ? "tech-b1" : "tech-b2";
    }
    return rng.chance(500) ? "tech-n1" : "tech-n2";
}

Json checked_items(const std::vector<std::string>& checklist, std::size_t count) {
    Json items = Json::array();
    for (std::size_t i = 0; i < count && i < checklist.size(); ++i) {
        items.push_back(checklist[i]);
    }
    return items;
}

std::string finding_of(const Job& job, SplitMix64& rng) {
    static const std::map<std::string, std::vector<const char*>> findings = {
        {"air_handlers",
         {"filters replaced, belts fine", "filters replaced, one belt retensioned",
          "filters very dirty, drain pan cleaned twice", "all in order"}},
        {"extinguishers",
         {"gauge in green, tag signed", "seal replaced, tag signed", "all in order"}},
        {"chiller_service", {"refrigerant topped up, condenser cleaned, controls tested"}},
        {"oil_change", {"oil and filter changed", "oil changed, filter housing cleaned"}},
        {"boiler_overheat",
         {"thermostat sensor replaced", "pump impeller cleaned, running normally"}},
    };
    const auto& choices = findings.at(job.rule);
    return choices[rng.below(choices.size())];
}

/// Extinguisher jobs finished only after the next first Monday (that month's inspection is
/// left out), or never: by asset and the month the job was created in.
std::optional<std::int64_t> late_extinguisher_completion(const Job& job) {
    const auto month = millwright::bench::civil_from_days(job.created / day).month;
    if (job.asset == "EXT-B-002" && month == 2) {
        return at("2026-03-10T10:00:00Z");
    }
    if (job.asset == "EXT-N-001" && month == 8) {
        return at("2026-09-15T15:00:00Z");
    }
    return std::nullopt;
}

bool left_open_for_good(const Job& job) {
    const auto month = millwright::bench::civil_from_days(job.created / day).month;
    return job.asset == "EXT-B-004" && month == 10;
}

/// Writes the follow-ups of `job`, every one at or after `now` (the engine created the job at
/// or before the line that revealed it).
class FollowUps {
public:
    FollowUps(LineQueue& queue, SplitMix64& rng, Span span)
        : queue_(queue), rng_(rng), span_(span) {}

    void plan(const Job& job, std::int64_t now) {
        now_ = now;
        if (left_open_for_good(job)) {
            return;
        }
        if (is_cancelled(job)) {
            cancel(job);
            return;
        }
        const std::string technician = technician_of(job, rng_);
        const std::int64_t assigned = assign(job, technician);
        const std::int64_t started = start(job, technician, assigned);
        complete(job, technician, started);
    }

private:
    /// Jobs nobody needs any more: the warehouse air handler's second job (the unit was
    /// replaced), the retired extinguisher's job, and one oil change done on the road.
    static bool is_cancelled(const Job& job) {
        return (job.asset == "AHU-N3" && job.number == 2) ||
               (job.asset == "EXT-N-003" && job.id.find("/2026-09-") != std::string::npos) ||
               (job.asset == "TRK-01" && job.number == 3);
    }

    void push(std::int64_t when, std::string text, std::string error = {}) {
        if (span_.holds(when)) {
            queue_.push(when, std::move(text), std::move(error));
        }
    }

    /// Not before `now`, on the minute.
    std::int64_t no_earlier(std::int64_t when) const {
        when = std::max(when, now_ + minute);
        return when - when % minute;
    }

    /// `when`, or if it falls outside 06:00 to 18:00 UTC (the sites' working day, roughly),
    /// the next 06:00 plus its minutes past the hour. Never earlier than `when`, so a job's
    /// steps stay in order.
    static std::int64_t in_working_hours(std::int64_t when) {
        const std::int64_t midnight = when - when % day;
        const std::int64_t past_the_hour = when % hour;
        if (when - midnight < 6 * hour) {
            return midnight + 6 * hour + past_the_hour;
        }
        if (when - midnight >= 18 * hour) {
            return midnight + day + 6 * hour + past_the_hour;
        }
        return when;
    }

    /// In working hours, except for a boiler running hot, which is seen to at once.
    static std::int64_t working_time(const Job& job, std::int64_t when) {
        return job.rule == "boiler_overheat" ? when : in_working_hours(when);
    }

    std::int64_t delay(std::int64_t low, std::int64_t high) {
        return rng_.between(low / minute, high / minute) * minute;
    }

    std::int64_t assign(const Job& job, const std::string& technician) {
        std::int64_t wait = delay(1 * day, 4 * day);
        if (job.rule == "boiler_overheat") {
            wait = delay(10 * minute, 40 * minute);
        } else if (job.rule == "oil_change") {
            wait = delay(4 * hour, 2 * day);
        } else if (rng_.chance(120)) {
            wait = delay(8 * day, 10 * day); // nobody planned it within a week: a reminder
        }
        const std::int64_t when = working_time(job, no_earlier(job.created + wait));
        push(when,
             request(when, "assign", job.id, planner_of(job), Json{{"technician", technician}}));
        return when;
    }

    std::int64_t start(const Job& job, const std::string& technician, std::int64_t assigned) {
        std::int64_t when = assigned + delay(2 * hour, 3 * day);
        if (job.rule == "boiler_overheat") {
            when = assigned + delay(15 * minute, 45 * minute);
        } else if (job.rule == "air_handlers" || job.rule == "chiller_service") {
            // Around the due date; four jobs in ten are late, by up to four weeks.
            when =
                job.due + (rng_.chance(400) ? delay(5 * day, 28 * day) : delay(-2 * day, 1 * day));
        } else if (const auto late = late_extinguisher_completion(job)) {
            when = *late - 3 * hour;
        }
        when = working_time(job, std::max(when, assigned + hour));
        if (job.rule == "oil_change" && job.asset == "TRK-01" && job.number == 1) {
            // Someone else than the assignee tries to start it first: refused by the guard.
            const std::string other = technician == "mech-1" ? "mech-2" : "mech-1";
            push(when - 20 * minute, request(when - 20 * minute, "start", job.id, other),
                 "guard_rejected");
        }
        push(when, request(when, "start", job.id, technician));
        return when;
    }

    void complete(const Job& job, const std::string& technician, std::int64_t started) {
        std::int64_t when = working_time(job, started + delay(1 * hour, 6 * hour));
        if (job.rule != "boiler_overheat" && rng_.chance(120)) {
            // Waiting for parts: on hold for a day or three.
            const std::int64_t held = in_working_hours(started + delay(30 * minute, 2 * hour));
            const std::int64_t resumed = in_working_hours(held + delay(1 * day, 3 * day));
            push(held,
                 request(held, "hold", job.id, technician, Json{{"reason", "waiting for parts"}}));
            push(resumed, request(resumed, "resume", job.id, technician));
            when = in_working_hours(resumed + delay(1 * hour, 4 * hour));
        }
        if (job.rule == "chiller_service") {
            // Ticked off too few items first: the guard says why not.
            push(when - 30 * minute,
                 request(when - 30 * minute, "complete", job.id, technician,
                         Json{{"checked", checked_items(job.checklist, 2)},
                              {"notes", "refrigerant ok, condenser cleaned"}}),
                 "guard_rejected");
        }
        push(when, request(when, "complete", job.id, technician,
                           Json{{"checked", checked_items(job.checklist, job.checklist.size())},
                                {"notes", finding_of(job, rng_)}}));
    }

    void cancel(const Job& job) {
        std::int64_t when = in_working_hours(no_earlier(job.created + delay(1 * day, 3 * day)));
        std::string reason = "unit replaced, new one under warranty service";
        if (job.rule == "extinguishers") {
            when = no_earlier(at("2026-09-14T15:00:00Z"));
            const std::int64_t assigned =
                in_working_hours(no_earlier(job.created + delay(2 * hour, 1 * day)));
            push(assigned, request(assigned, "assign", job.id, planner_of(job),
                                   Json{{"technician", "tech-n3"}}));
            reason = "extinguisher retired";
        } else if (job.rule == "oil_change") {
            reason = "oil changed on the road by a partner garage";
        }
        push(when, request(when, "cancel", job.id, planner_of(job), Json{{"reason", reason}}));
    }

    LineQueue& queue_;
    SplitMix64& rng_;
    Span span_;
    std::int64_t now_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The loop: write each line, let the engine decide it, learn the jobs it created.

struct Options {
    std::string rules = "workflows";
    std::string assets = "examples/assets.json";
    std::uint64_t seed = 1;
    std::string from = "2026-01-01";
    std::string to = "2026-12-31";
};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The job a pm line created; nothing for other lines and for occurrences left out.
std::optional<Job> created_job(const millwright::Decision& decision,
                               const millwright::AssetDirectory& assets) {
    if (!decision.has_pm || !decision.ok || decision.event != "create") {
        return std::nullopt;
    }
    Job job;
    job.id = decision.wo;
    job.rule = decision.pm.rule;
    job.asset = decision.pm.asset;
    job.created = at(decision.at);
    job.due = at(decision.pm.due);
    if (const millwright::Asset* asset = assets.find(job.asset)) {
        job.site = asset->site;
    }
    for (const auto& change : decision.changes) {
        if (change.field == "checklist") {
            job.checklist =
                nlohmann::json::parse(change.value_json).get<std::vector<std::string>>();
        }
    }
    return job;
}

int generate(const Options& options) {
    auto loaded = millwright::load_path(options.rules);
    for (const auto& diagnostic : loaded.diagnostics) {
        std::fprintf(stderr, "%s\n", diagnostic.rendered.c_str());
    }
    if (!loaded.ok()) {
        return 1;
    }
    auto assets = std::make_shared<millwright::InMemoryAssets>();
    if (const auto problem = assets->load_text(read_text(options.assets)); !problem.empty()) {
        std::fprintf(stderr, "%s: error: %s\n", options.assets.c_str(), problem.c_str());
        return 1;
    }
    millwright::Engine engine(loaded.ruleset);
    const auto problems = engine.set_assets(assets);
    for (const auto& problem : problems) {
        std::fprintf(stderr, "%s: error: %s\n", options.assets.c_str(), problem.c_str());
    }
    if (!problems.empty()) {
        return 1;
    }

    const Span span{at(options.from), at(options.to) + day};
    LineQueue queue;
    SplitMix64 background(options.seed);
    SplitMix64 follow_up_rng(options.seed + 0x517cc1b727220a95ULL);
    queue_boiler(queue, background, span);
    queue_odometers(queue, background, span);
    queue_asset_changes(queue, span);
    queue_faults(queue, span);

    FollowUps follow_ups(queue, follow_up_rng, span);
    std::map<std::pair<std::string, std::string>, int> jobs_so_far; // by rule and asset
    std::vector<Job> revealed;
    engine.on_engine_decision([&](const millwright::Decision& decision) {
        if (auto job = created_job(decision, *assets)) {
            revealed.push_back(std::move(*job));
        }
    });

    std::string out;
    std::uint64_t line_number = 0;
    int surprises = 0;
    while (!queue.empty()) {
        const PendingLine line = queue.pop();
        out += line.text;
        out += '\n';
        const millwright::Decision& decision = engine.handle_line(line.text, ++line_number);
        if (decision.error != line.expected_error) {
            std::fprintf(stderr, "gen_pm_stream: line %llu: expected %s, got %s %s\n",
                         static_cast<unsigned long long>(line_number),
                         line.expected_error.empty() ? "acceptance" : line.expected_error.c_str(),
                         decision.error.empty() ? "acceptance" : decision.error.c_str(),
                         decision.reason.c_str());
            ++surprises;
        }
        for (Job& job : revealed) {
            job.number = ++jobs_so_far[{job.rule, job.asset}];
            follow_ups.plan(job, line.at);
        }
        revealed.clear();
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return surprises == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a deterministic year of preventive-maintenance requests (JSONL) for "
                 "workflows/preventive.mw, with the engine in the loop"};
    Options options;
    app.add_option("--rules", options.rules, "Definition file or folder")->capture_default_str();
    app.add_option("--assets", options.assets, "The asset directory (JSON or JSONL)")
        ->capture_default_str();
    app.add_option("--seed", options.seed, "Seed of the generator's PRNG")->capture_default_str();
    const auto is_date = [](const std::string& text) {
        return text.size() == 10 && millwright::bench::parse_timestamp(text + "T00:00:00Z")
                   ? std::string()
                   : "expected a date YYYY-MM-DD, got " + text;
    };
    app.add_option("--from", options.from, "First day (UTC)")
        ->check(is_date)
        ->capture_default_str();
    app.add_option("--to", options.to, "Last day (UTC), included")
        ->check(is_date)
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    return generate(options);
}
