// Approval chains in the engine: stages and steps, approver resolution through the directory,
// votes, delegation and out-of-office, timeouts on a business calendar, rejection, withdrawal
// and re-approval. Each case replays a short stream and asserts every line written, the lines
// the engine originates (timeouts) included, in order. See docs/approvals.md.
//
// The calendar is Monday to Friday 08:00-17:00 in Europe/Berlin, which is UTC+1 in March 2026:
// open 07:00-16:00 UTC. 2026-03-02 is a Monday.
#include "millwright/directory.hpp"
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include "support/json_schema.hpp"
#include "support/load_rules.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using millwright::Decision;
using millwright::Engine;

namespace {

constexpr const char* rules_text = R"(calendar office in "Europe/Berlin"
  mon-fri 08:00-17:00
end

approval spend "Spend approval"
  step supervisor: any of role supervisor
  step facilities: any of role facilities_manager when cost > 1000
  step finance:    all of role finance when cost > 5000
  parallel
    step safety:   any of role safety_officer when category = electrical
    step board:    2 of role board when cost > 20000
  end
  step line:       any of manager of approver when cost > 20000
  timeout 3 business days on office: escalate
  on approved -> assigned
  on rejected -> refused
end

approval quick "Quick approval"
  step lead: any of manager of requester
  timeout 2 days: reject
  on approved -> assigned
  on rejected -> refused
end

approval audit "Audit"
  step audit: any of role auditor
  timeout 1 day: remind
  on approved -> assigned
  on rejected -> refused
end

approval big_only "Only big jobs"
  step facilities: any of role facilities_manager when cost > 1000
  on approved -> assigned
  on rejected -> refused
end

approval own "Own role"
  step mine: any of role requester
  on approved -> assigned
  on rejected -> refused
end

workflow job "Job"
  field category : plumbing | electrical | general = general
  field cost     : money = 0
  states new (initial), awaiting_approval, assigned, in_progress, done (final),
         refused (final), cancelled (final)
  on quote:  new -> awaiting_approval, start spend
  on quick:  new -> awaiting_approval, start quick
  on audit:  new -> awaiting_approval, start audit
  on check:  new -> awaiting_approval, start big_only
  on own:    new -> awaiting_approval, start own
  on revise: awaiting_approval -> awaiting_approval
             assigned -> assigned
             in_progress -> in_progress
  on start:  assigned -> in_progress
  on finish: in_progress -> done
  on cancel: any except done, refused, cancelled -> cancelled
end
)";

constexpr const char* directory_text = R"({"people": [
  {"id": "boss", "roles": ["director"]},
  {"id": "fm", "roles": ["facilities_manager"], "manager": "boss"},
  {"id": "sup", "roles": ["supervisor"], "manager": "fm"},
  {"id": "sup-2", "roles": ["supervisor"], "manager": "fm"},
  {"id": "fin-1", "roles": ["finance"], "manager": "boss",
   "out_of_office": {"from": "2026-03-03T00:00:00Z", "to": "2026-03-05T00:00:00Z", "delegate": "fin-3"}},
  {"id": "fin-2", "roles": ["finance"], "manager": "boss"},
  {"id": "fin-3", "manager": "boss"},
  {"id": "safe", "roles": ["safety_officer"], "manager": "fm"},
  {"id": "b1", "roles": ["board"], "manager": "boss"},
  {"id": "b2", "roles": ["board"], "manager": "boss"},
  {"id": "b3", "roles": ["board"], "manager": "boss"},
  {"id": "rita", "roles": ["requester", "supervisor", "board"], "manager": "sup"},
  {"id": "dan", "roles": ["technician"], "manager": "sup"}
]}
)";

std::shared_ptr<const millwright::Ruleset> rules() {
    static const auto loaded = millwright::test::load_rules_or_fail(rules_text, "job.mw");
    return loaded;
}

std::string json_of(const Decision& decision) {
    std::string text;
    decision.append_json(text);
    return text;
}

// An engine with the test directory that writes every line, its own and the inputs', in order.
struct Harness {
    Engine engine{rules()};
    std::vector<std::string> out;
    std::uint64_t line = 0;

    explicit Harness(bool with_directory = true) {
        if (with_directory) {
            auto directory = std::make_shared<millwright::InMemoryDirectory>();
            REQUIRE(directory->load_text(directory_text) == "");
            engine.set_directory(directory);
        }
        engine.on_engine_decision(
            [this](const Decision& decision) { out.push_back(json_of(decision)); });
    }
    void run(const std::vector<std::string>& lines) {
        for (const auto& text : lines) {
            out.push_back(json_of(engine.handle_line(text, ++line)));
        }
    }
    std::string snapshot(const std::string& id) const { return engine.snapshot(id)->dump(); }
};

void check_lines(const std::vector<std::string>& got, const std::vector<std::string>& expected) {
    for (std::size_t i = 0; i < expected.size() && i < got.size(); ++i) {
        INFO("output line " << i + 1);
        CHECK(got[i] == expected[i]);
    }
    CHECK(got.size() == expected.size());
}

const std::vector<std::string> sequential_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-1","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-1","by":"rita"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-1","by":"fm"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"approve","wo":"J-1","by":"sup-2","data":{"comment":"go ahead"}})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"approve","wo":"J-1","by":"sup"})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"approve","wo":"J-1","by":"fm"})j",
    R"j({"at":"2026-03-02T08:07:00Z","type":"approve","wo":"J-1","by":"fm"})j",
};

const std::vector<std::string> sequential_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-1","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-1","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-1 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-1 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-1","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"self_approval","reason":"rita requested J-1 and may not vote on its approval (separation of duties)"})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-1","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"not_awaited","reason":"fm is not awaited by spend on J-1; awaited now: step supervisor: sup, sup-2"})j",
    R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-1","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup-2","comment":"go ahead"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-1 (spend, step facilities) awaits your approval"}]})j",
    R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-1","event":"approve","ok":false,"from":"awaiting_approval","version":3,"error":"not_awaited","reason":"sup is not awaited by spend on J-1; awaited now: step facilities: fm"})j",
    R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-1","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":4,"approval":{"name":"spend","status":"approved","vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[]})j",
    R"j({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-1","event":"approve","ok":false,"from":"assigned","version":4,"error":"approval_finished","reason":"the approval chain `spend` of `J-1` is approved; votes are closed"})j",
};

const std::vector<std::string> parallel_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-2","by":"rita","data":{"cost":25000,"category":"electrical"}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-2","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-2","by":"sup"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-2","by":"fm"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"approve","wo":"J-2","by":"fin-2"})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"approve","wo":"J-2","by":"fin-2"})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"approve","wo":"J-2","by":"fin-1"})j",
    R"j({"at":"2026-03-02T08:07:00Z","type":"approve","wo":"J-2","by":"b1"})j",
    R"j({"at":"2026-03-02T08:08:00Z","type":"approve","wo":"J-2","by":"b1"})j",
    R"j({"at":"2026-03-02T08:09:00Z","type":"approve","wo":"J-2","by":"safe"})j",
    R"j({"at":"2026-03-02T08:10:00Z","type":"approve","wo":"J-2","by":"b3"})j",
    R"j({"at":"2026-03-02T08:11:00Z","type":"approve","wo":"J-2","by":"boss"})j",
};

const std::vector<std::string> parallel_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-2","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"electrical","cost":25000.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-2","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-2 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-2 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-2 (spend, step facilities) awaits your approval"}]})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":4,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[{"type":"notify","to":"fin-1","message":"J-2 (spend, step finance) awaits your approval"},{"type":"notify","to":"fin-2","message":"J-2 (spend, step finance) awaits your approval"}]})j",
    R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1"]}],"vote":{"step":"finance","vote":"approve","by":"fin-2"}},"changes":{},"effects":[]})j",
    R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1"]}],"note":"fin-2 already voted on step finance; nothing changed"},"changes":{},"effects":[]})j",
    R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":6,"approval":{"name":"spend","status":"running","awaiting":[{"step":"safety","people":["safe"]},{"step":"board","people":["b1","b2","b3"]}],"vote":{"step":"finance","vote":"approve","by":"fin-1"}},"changes":{},"effects":[{"type":"notify","to":"safe","message":"J-2 (spend, step safety) awaits your approval"},{"type":"notify","to":"b1","message":"J-2 (spend, step board) awaits your approval"},{"type":"notify","to":"b2","message":"J-2 (spend, step board) awaits your approval"},{"type":"notify","to":"b3","message":"J-2 (spend, step board) awaits your approval"}]})j",
    R"j({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"safety","people":["safe"]},{"step":"board","people":["b2","b3"]}],"vote":{"step":"board","vote":"approve","by":"b1"}},"changes":{},"effects":[]})j",
    R"j({"seq":9,"at":"2026-03-02T08:08:00Z","line":9,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"safety","people":["safe"]},{"step":"board","people":["b2","b3"]}],"note":"b1 already voted on step board; nothing changed"},"changes":{},"effects":[]})j",
    R"j({"seq":10,"at":"2026-03-02T08:09:00Z","line":10,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":8,"approval":{"name":"spend","status":"running","awaiting":[{"step":"board","people":["b2","b3"]}],"vote":{"step":"safety","vote":"approve","by":"safe"}},"changes":{},"effects":[]})j",
    R"j({"seq":11,"at":"2026-03-02T08:10:00Z","line":11,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":9,"approval":{"name":"spend","status":"running","awaiting":[{"step":"line","people":["boss"]}],"vote":{"step":"board","vote":"approve","by":"b3"}},"changes":{},"effects":[{"type":"notify","to":"boss","message":"J-2 (spend, step line) awaits your approval"}]})j",
    R"j({"seq":12,"at":"2026-03-02T08:11:00Z","line":12,"wo":"J-2","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":10,"approval":{"name":"spend","status":"approved","vote":{"step":"line","vote":"approve","by":"boss"}},"changes":{},"effects":[]})j",
};

const std::vector<std::string> delegation_input{
    R"j({"at":"2026-03-03T08:00:00Z","type":"submit","workflow":"job","wo":"J-3","by":"rita","data":{"cost":6000}})j",
    R"j({"at":"2026-03-03T08:01:00Z","type":"quote","wo":"J-3","by":"rita"})j",
    R"j({"at":"2026-03-03T08:02:00Z","type":"approve","wo":"J-3","by":"sup"})j",
    R"j({"at":"2026-03-03T08:03:00Z","type":"approve","wo":"J-3","by":"fm"})j",
    R"j({"at":"2026-03-03T08:04:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"rita"}})j",
    R"j({"at":"2026-03-03T08:05:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"nobody"}})j",
    R"j({"at":"2026-03-03T08:06:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"fin-2"}})j",
    R"j({"at":"2026-03-03T08:07:00Z","type":"delegate","wo":"J-3","by":"dan","data":{"to":"b1"}})j",
    R"j({"at":"2026-03-03T08:08:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"dan"}})j",
    R"j({"at":"2026-03-03T08:09:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"dan"}})j",
    R"j({"at":"2026-03-03T08:10:00Z","type":"approve","wo":"J-3","by":"dan"})j",
    R"j({"at":"2026-03-03T08:11:00Z","type":"approve","wo":"J-3","by":"fin-3","data":{"comment":"for Grace"}})j",
};

const std::vector<std::string>
    delegation_expected{
        R"j({"seq":1,"at":"2026-03-03T08:00:00Z","line":1,"wo":"J-3","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":6000.00},"effects":[]})j",
        R"j({"seq":2,"at":"2026-03-03T08:01:00Z","line":2,"wo":"J-3","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-3 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-3 (spend, step supervisor) awaits your approval"}]})j",
        R"j({"seq":3,"at":"2026-03-03T08:02:00Z","line":3,"wo":"J-3","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-3 (spend, step facilities) awaits your approval"}]})j",
        R"j({"seq":4,"at":"2026-03-03T08:03:00Z","line":4,"wo":"J-3","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":4,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[{"type":"notify","to":"fin-1","message":"J-3 (spend, step finance) awaits your approval"},{"type":"notify","to":"fin-2","message":"J-3 (spend, step finance) awaits your approval"}]})j",
        R"j({"seq":5,"at":"2026-03-03T08:04:00Z","line":5,"wo":"J-3","event":"delegate","ok":false,"from":"awaiting_approval","version":4,"error":"self_approval","reason":"rita requested J-3 and may not approve it, not even as a delegate (separation of duties)"})j",
        R"j({"seq":6,"at":"2026-03-03T08:05:00Z","line":6,"wo":"J-3","event":"delegate","ok":false,"from":"awaiting_approval","version":4,"error":"unknown_person","reason":"nobody is not in the directory"})j",
        R"j({"seq":7,"at":"2026-03-03T08:06:00Z","line":7,"wo":"J-3","event":"delegate","ok":false,"from":"awaiting_approval","version":4,"error":"bad_delegation","reason":"fin-2 cannot delegate to themself"})j",
        R"j({"seq":8,"at":"2026-03-03T08:07:00Z","line":8,"wo":"J-3","event":"delegate","ok":false,"from":"awaiting_approval","version":4,"error":"not_awaited","reason":"dan is not awaited by spend on J-3 and has no approval to delegate; awaited now: step finance: fin-1, fin-2"})j",
        R"j({"seq":9,"at":"2026-03-03T08:08:00Z","line":9,"wo":"J-3","event":"delegate","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"vote":{"step":"finance","vote":"delegate","by":"fin-2","to":"dan"}},"changes":{},"effects":[{"type":"notify","to":"dan","message":"fin-2 delegated their approval of J-3 (spend, step finance) to you"}]})j",
        R"j({"seq":10,"at":"2026-03-03T08:09:00Z","line":10,"wo":"J-3","event":"delegate","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"note":"fin-2 already delegated to dan; nothing changed"},"changes":{},"effects":[]})j",
        R"j({"seq":11,"at":"2026-03-03T08:10:00Z","line":11,"wo":"J-3","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":6,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1"]}],"vote":{"step":"finance","vote":"approve","by":"dan","for":"fin-2","via":"delegation"}},"changes":{},"effects":[]})j",
        R"j({"seq":12,"at":"2026-03-03T08:11:00Z","line":12,"wo":"J-3","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":7,"approval":{"name":"spend","status":"approved","vote":{"step":"finance","vote":"approve","by":"fin-3","for":"fin-1","via":"out_of_office","comment":"for Grace"}},"changes":{},"effects":[]})j",
    };

const std::vector<std::string> rejection_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-4","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-4","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"reject","wo":"J-4","by":"sup"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"reject","wo":"J-4","by":"sup","data":{"reason":"not needed"}})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"approve","wo":"J-4","by":"sup-2"})j",
};

const std::vector<std::string> rejection_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-4","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-4","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-4 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-4 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-4","event":"reject","ok":false,"from":"awaiting_approval","version":2,"error":"missing_required","reason":"reject requires data.reason: say why the request is rejected"})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-4","event":"reject","ok":true,"from":"awaiting_approval","to":"refused","version":3,"approval":{"name":"spend","status":"rejected","vote":{"step":"supervisor","vote":"reject","by":"sup","reason":"not needed"},"rejected":{"step":"supervisor","by":"sup","reason":"not needed"}},"changes":{},"effects":[]})j",
    R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-4","event":"approve","ok":false,"from":"refused","version":3,"error":"approval_finished","reason":"the approval chain `spend` of `J-4` is rejected (step supervisor, by sup); votes are closed"})j",
};

const std::vector<std::string> escalation_input{
    R"j({"at":"2026-03-06T14:00:00Z","type":"submit","workflow":"job","wo":"J-5","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-06T14:00:00Z","type":"quote","wo":"J-5","by":"rita"})j",
    R"j({"at":"2026-03-17T00:00:00Z","type":"tick"})j",
    R"j({"at":"2026-03-17T08:00:00Z","type":"approve","wo":"J-5","by":"boss"})j",
    R"j({"at":"2026-03-17T08:01:00Z","type":"approve","wo":"J-5","by":"fm"})j",
};

const std::vector<std::string> escalation_expected{
    R"j({"seq":1,"at":"2026-03-06T14:00:00Z","line":1,"wo":"J-5","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-06T14:00:00Z","line":2,"wo":"J-5","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-5 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-5 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-11T14:00:00Z","wo":"J-5","event":"approval_escalation","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-5 (spend, step supervisor) has waited 3 business days for the approval of sup, sup-2; you may approve or reject in their place"}],"origin":"approval"})j",
    R"j({"seq":4,"at":"2026-03-16T14:00:00Z","wo":"J-5","event":"approval_escalation","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":4,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"boss","message":"J-5 (spend, step supervisor) has waited 3 business days for the approval of sup, sup-2; you may approve or reject in their place"}],"origin":"approval"})j",
    R"j({"seq":5,"at":"2026-03-17T00:00:00Z","line":3,"event":"tick","ok":true,"changes":{},"effects":[]})j",
    R"j({"seq":6,"at":"2026-03-17T08:00:00Z","line":4,"wo":"J-5","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"boss","for":"sup","via":"escalation"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-5 (spend, step facilities) awaits your approval"}]})j",
    R"j({"seq":7,"at":"2026-03-17T08:01:00Z","line":5,"wo":"J-5","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":6,"approval":{"name":"spend","status":"approved","vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[]})j",
};

const std::vector<std::string> expiry_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-6","by":"rita","data":{}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quick","wo":"J-6","by":"rita"})j",
    R"j({"at":"2026-03-04T09:00:00Z","type":"approve","wo":"J-6","by":"sup"})j",
};

const std::vector<std::string> expiry_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-6","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":0.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-6","event":"quick","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"quick","status":"running","awaiting":[{"step":"lead","people":["sup"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-6 (quick, step lead) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-04T08:01:00Z","wo":"J-6","event":"approval_expired","ok":true,"from":"awaiting_approval","to":"refused","version":3,"approval":{"name":"quick","status":"rejected","rejected":{"step":"lead","by":"engine","reason":"no decision within 2d"}},"changes":{},"effects":[],"origin":"approval"})j",
    R"j({"seq":4,"at":"2026-03-04T09:00:00Z","line":3,"wo":"J-6","event":"approve","ok":false,"from":"refused","version":3,"error":"approval_finished","reason":"the approval chain `quick` of `J-6` is rejected (step lead, by engine); votes are closed"})j",
};

const std::vector<std::string> blocked_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-7","by":"rita","data":{}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"audit","wo":"J-7","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-7","by":"fm"})j",
    R"j({"at":"2026-03-02T09:00:00Z","type":"directory","by":"hr","data":{"change":"join","id":"aud","roles":["auditor"],"manager":"boss"}})j",
    R"j({"at":"2026-03-03T09:00:00Z","type":"tick"})j",
    R"j({"at":"2026-03-03T09:30:00Z","type":"approve","wo":"J-7","by":"aud"})j",
};

const std::vector<std::string> blocked_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-7","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":0.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-7","event":"audit","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"audit","status":"blocked","problems":["step audit: role auditor resolves to nobody"]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-7 cannot get approval (audit): step audit: role auditor resolves to nobody"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-7","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"not_awaited","reason":"fm is not awaited by audit on J-7; awaited now: step audit: role auditor resolves to nobody (blocked)"})j",
    R"j({"seq":4,"at":"2026-03-02T09:00:00Z","line":4,"event":"directory","ok":true,"changes":{},"effects":[]})j",
    R"j({"seq":5,"at":"2026-03-03T08:01:00Z","wo":"J-7","event":"approval_reminder","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"audit","status":"running","awaiting":[{"step":"audit","people":["aud"]}]},"changes":{},"effects":[{"type":"notify","to":"aud","message":"J-7 (audit, step audit) awaits your approval"}],"origin":"approval"})j",
    R"j({"seq":6,"at":"2026-03-03T09:00:00Z","line":5,"event":"tick","ok":true,"changes":{},"effects":[]})j",
    R"j({"seq":7,"at":"2026-03-03T09:30:00Z","line":6,"wo":"J-7","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":4,"approval":{"name":"audit","status":"approved","vote":{"step":"audit","vote":"approve","by":"aud"}},"changes":{},"effects":[]})j",
};

const std::vector<std::string> reapproval_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-8","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-8","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-8","by":"sup"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-8","by":"fm"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"start","wo":"J-8","by":"dan"})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"revise","wo":"J-8","by":"dan","data":{"cost":1800}})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"revise","wo":"J-8","by":"dan","data":{"cost":6000}})j",
    R"j({"at":"2026-03-02T08:07:00Z","type":"approve","wo":"J-8","by":"fin-1"})j",
    R"j({"at":"2026-03-02T08:08:00Z","type":"approve","wo":"J-8","by":"fin-2"})j",
};

const std::vector<std::string> reapproval_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-8","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-8","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-8 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-8 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-8","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-8 (spend, step facilities) awaits your approval"}]})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-8","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":4,"approval":{"name":"spend","status":"approved","vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[]})j",
    R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-8","event":"start","ok":true,"from":"assigned","to":"in_progress","version":5,"changes":{},"effects":[]})j",
    R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-8","event":"revise","ok":true,"from":"in_progress","to":"in_progress","version":6,"changes":{"cost":1800.00},"effects":[]})j",
    R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-8","event":"revise","ok":true,"from":"in_progress","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"restarted_from":"finance"},"changes":{"cost":6000.00},"effects":[{"type":"notify","to":"fin-1","message":"J-8 (spend, step finance) awaits your approval"},{"type":"notify","to":"fin-2","message":"J-8 (spend, step finance) awaits your approval"}]})j",
    R"j({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-8","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":8,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-2"]}],"vote":{"step":"finance","vote":"approve","by":"fin-1"}},"changes":{},"effects":[]})j",
    R"j({"seq":9,"at":"2026-03-02T08:08:00Z","line":9,"wo":"J-8","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":9,"approval":{"name":"spend","status":"approved","vote":{"step":"finance","vote":"approve","by":"fin-2"}},"changes":{},"effects":[]})j",
};

// Re-approval where a step's index is not its stage's: board (step 4) runs in stage 3 beside
// safety (step 3), and line (step 5) is stage 4.
const std::vector<std::string> parallel_reapproval_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-20","by":"rita","data":{"cost":6000}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-20","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-20","by":"sup"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-20","by":"fm"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"approve","wo":"J-20","by":"fin-1"})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"approve","wo":"J-20","by":"fin-2"})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"revise","wo":"J-20","by":"dan","data":{"cost":25000}})j",
};

const std::
    vector<std::string>
        parallel_reapproval_expected{
            R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-20","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":6000.00},"effects":[]})j",
            R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-20","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-20 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-20 (spend, step supervisor) awaits your approval"}]})j",
            R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-20","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-20 (spend, step facilities) awaits your approval"}]})j",
            R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-20","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":4,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[{"type":"notify","to":"fin-1","message":"J-20 (spend, step finance) awaits your approval"},{"type":"notify","to":"fin-2","message":"J-20 (spend, step finance) awaits your approval"}]})j",
            R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-20","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-2"]}],"vote":{"step":"finance","vote":"approve","by":"fin-1"}},"changes":{},"effects":[]})j",
            R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-20","event":"approve","ok":true,"from":"awaiting_approval","to":"assigned","version":6,"approval":{"name":"spend","status":"approved","vote":{"step":"finance","vote":"approve","by":"fin-2"}},"changes":{},"effects":[]})j",
            R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-20","event":"revise","ok":true,"from":"assigned","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"board","people":["b1","b2","b3"]}],"restarted_from":"board"},"changes":{"cost":25000.00},"effects":[{"type":"notify","to":"b1","message":"J-20 (spend, step board) awaits your approval"},{"type":"notify","to":"b2","message":"J-20 (spend, step board) awaits your approval"},{"type":"notify","to":"b3","message":"J-20 (spend, step board) awaits your approval"}]})j",
        };

// Second votes: on an `any of` step the voter approved while the other step of the stage still
// waits, and on a step of a stage that is over.
const std::vector<std::string> repeated_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-21","by":"rita","data":{"cost":25000,"category":"electrical"}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-21","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"approve","wo":"J-21","by":"sup"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-21","by":"sup"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"approve","wo":"J-21","by":"fm"})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"approve","wo":"J-21","by":"fin-1"})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"approve","wo":"J-21","by":"fin-2"})j",
    R"j({"at":"2026-03-02T08:07:00Z","type":"approve","wo":"J-21","by":"safe"})j",
    R"j({"at":"2026-03-02T08:08:00Z","type":"approve","wo":"J-21","by":"safe"})j",
    R"j({"at":"2026-03-02T08:09:00Z","type":"approve","wo":"J-21","by":"fm","data":{"step":"finance"}})j",
};

const std::vector<std::string> repeated_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-21","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"electrical","cost":25000.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-21","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-21 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-21 (spend, step supervisor) awaits your approval"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"vote":{"step":"supervisor","vote":"approve","by":"sup"}},"changes":{},"effects":[{"type":"notify","to":"fm","message":"J-21 (spend, step facilities) awaits your approval"}]})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":3,"approval":{"name":"spend","status":"running","awaiting":[{"step":"facilities","people":["fm"]}],"note":"sup already voted on step supervisor; nothing changed"},"changes":{},"effects":[]})j",
    R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":4,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-1","fin-2"]}],"vote":{"step":"facilities","vote":"approve","by":"fm"}},"changes":{},"effects":[{"type":"notify","to":"fin-1","message":"J-21 (spend, step finance) awaits your approval"},{"type":"notify","to":"fin-2","message":"J-21 (spend, step finance) awaits your approval"}]})j",
    R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":5,"approval":{"name":"spend","status":"running","awaiting":[{"step":"finance","people":["fin-2"]}],"vote":{"step":"finance","vote":"approve","by":"fin-1"}},"changes":{},"effects":[]})j",
    R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":6,"approval":{"name":"spend","status":"running","awaiting":[{"step":"safety","people":["safe"]},{"step":"board","people":["b1","b2","b3"]}],"vote":{"step":"finance","vote":"approve","by":"fin-2"}},"changes":{},"effects":[{"type":"notify","to":"safe","message":"J-21 (spend, step safety) awaits your approval"},{"type":"notify","to":"b1","message":"J-21 (spend, step board) awaits your approval"},{"type":"notify","to":"b2","message":"J-21 (spend, step board) awaits your approval"},{"type":"notify","to":"b3","message":"J-21 (spend, step board) awaits your approval"}]})j",
    R"j({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"board","people":["b1","b2","b3"]}],"vote":{"step":"safety","vote":"approve","by":"safe"}},"changes":{},"effects":[]})j",
    R"j({"seq":9,"at":"2026-03-02T08:08:00Z","line":9,"wo":"J-21","event":"approve","ok":true,"from":"awaiting_approval","to":"awaiting_approval","version":7,"approval":{"name":"spend","status":"running","awaiting":[{"step":"board","people":["b1","b2","b3"]}],"note":"safe already voted on step safety; nothing changed"},"changes":{},"effects":[]})j",
    R"j({"seq":10,"at":"2026-03-02T08:09:00Z","line":10,"wo":"J-21","event":"approve","ok":false,"from":"awaiting_approval","version":7,"error":"not_awaited","reason":"fm is not awaited by spend on J-21; awaited now: step board: b1, b2, b3"})j",
};

const std::vector<std::string> withdrawal_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-9","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"quote","wo":"J-9","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"cancel","wo":"J-9","by":"rita"})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"approve","wo":"J-9","by":"sup"})j",
    R"j({"at":"2026-03-02T08:04:00Z","type":"submit","workflow":"job","wo":"J-10","by":"rita","data":{"cost":500}})j",
    R"j({"at":"2026-03-02T08:05:00Z","type":"check","wo":"J-10","by":"rita"})j",
    R"j({"at":"2026-03-02T08:06:00Z","type":"approve","wo":"J-10","by":"fm"})j",
    R"j({"at":"2026-03-02T08:07:00Z","type":"approve","wo":"J-11","by":"fm"})j",
    R"j({"at":"2026-03-02T08:08:00Z","type":"submit","workflow":"job","wo":"J-12","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:09:00Z","type":"approve","wo":"J-12","by":"fm"})j",
    R"j({"at":"2026-03-02T08:10:00Z","type":"quote","wo":"J-12","by":"rita"})j",
    R"j({"at":"2026-03-02T08:11:00Z","type":"approve","wo":"J-12","by":"sup","data":{"note":"x"}})j",
    R"j({"at":"2026-03-02T08:12:00Z","type":"approve","wo":"J-12","by":"sup","data":{"step":"finance"}})j",
    R"j({"at":"2026-03-02T08:13:00Z","type":"approve","wo":"J-12","by":"sup","data":{"step":"audit"}})j",
    R"j({"at":"2026-03-02T08:14:00Z","type":"reject","wo":"J-12","by":"sup","data":{"reason":7}})j",
};

const std::
    vector<std::string>
        withdrawal_expected{
            R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-9","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
            R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-9","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-9 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-9 (spend, step supervisor) awaits your approval"}]})j",
            R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-9","event":"cancel","ok":true,"from":"awaiting_approval","to":"cancelled","version":3,"approval":{"name":"spend","status":"withdrawn","note":"withdrawn: the work order left awaiting_approval"},"changes":{},"effects":[]})j",
            R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-9","event":"approve","ok":false,"from":"cancelled","version":3,"error":"approval_finished","reason":"the approval chain `spend` of `J-9` is withdrawn; votes are closed"})j",
            R"j({"seq":5,"at":"2026-03-02T08:04:00Z","line":5,"wo":"J-10","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":500.00},"effects":[]})j",
            R"j({"seq":6,"at":"2026-03-02T08:05:00Z","line":6,"wo":"J-10","event":"check","ok":true,"from":"new","to":"assigned","version":2,"approval":{"name":"big_only","status":"approved"},"changes":{},"effects":[]})j",
            R"j({"seq":7,"at":"2026-03-02T08:06:00Z","line":7,"wo":"J-10","event":"approve","ok":false,"from":"assigned","version":2,"error":"approval_finished","reason":"the approval chain `big_only` of `J-10` is approved; votes are closed"})j",
            R"j({"seq":8,"at":"2026-03-02T08:07:00Z","line":8,"wo":"J-11","event":"approve","ok":false,"error":"unknown_work_order","reason":"there is no work order `J-11`"})j",
            R"j({"seq":9,"at":"2026-03-02T08:08:00Z","line":9,"wo":"J-12","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
            R"j({"seq":10,"at":"2026-03-02T08:09:00Z","line":10,"wo":"J-12","event":"approve","ok":false,"from":"new","version":1,"error":"no_approval","reason":"work order `J-12` has no approval chain: no transition has started one"})j",
            R"j({"seq":11,"at":"2026-03-02T08:10:00Z","line":11,"wo":"J-12","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-12 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-12 (spend, step supervisor) awaits your approval"}]})j",
            R"j({"seq":12,"at":"2026-03-02T08:11:00Z","line":12,"wo":"J-12","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"unknown_field","reason":"`note` is not a key of `approve` (keys: step, comment)"})j",
            R"j({"seq":13,"at":"2026-03-02T08:12:00Z","line":13,"wo":"J-12","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"not_awaited","reason":"sup is not awaited by spend on J-12; awaited now: step supervisor: sup, sup-2"})j",
            R"j({"seq":14,"at":"2026-03-02T08:13:00Z","line":14,"wo":"J-12","event":"approve","ok":false,"from":"awaiting_approval","version":2,"error":"unknown_step","reason":"approval chain spend has no step audit"})j",
            R"j({"seq":15,"at":"2026-03-02T08:14:00Z","line":15,"wo":"J-12","event":"reject","ok":false,"from":"awaiting_approval","version":2,"error":"bad_field_type","reason":"/data/reason: expects text, got 7"})j",
        };

const std::vector<std::string> unresolved_input{
    R"j({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-13","by":"rita","data":{}})j",
    R"j({"at":"2026-03-02T08:01:00Z","type":"own","wo":"J-13","by":"rita"})j",
    R"j({"at":"2026-03-02T08:02:00Z","type":"submit","workflow":"job","wo":"J-14","by":"rita","data":{"cost":1500}})j",
    R"j({"at":"2026-03-02T08:03:00Z","type":"quote","wo":"J-14","by":"rita"})j",
};

const std::vector<std::string> unresolved_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-13","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":0.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-13","event":"own","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"own","status":"blocked","problems":["step mine: needs 1 approver, found 0 besides the requester rita"]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-13 cannot get approval (own): step mine: needs 1 approver, found 0 besides the requester rita"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-14","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-14","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"running","awaiting":[{"step":"supervisor","people":["sup","sup-2"]}]},"changes":{},"effects":[{"type":"notify","to":"sup","message":"J-14 (spend, step supervisor) awaits your approval"},{"type":"notify","to":"sup-2","message":"J-14 (spend, step supervisor) awaits your approval"}]})j",
};

const std::vector<std::string> unresolved_without_directory_expected{
    R"j({"seq":1,"at":"2026-03-02T08:00:00Z","line":1,"wo":"J-13","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":0.00},"effects":[]})j",
    R"j({"seq":2,"at":"2026-03-02T08:01:00Z","line":2,"wo":"J-13","event":"own","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"own","status":"blocked","problems":["step mine: role requester cannot be resolved: the engine has no directory"]},"changes":{},"effects":[{"type":"note","text":"J-13 cannot get approval (own): step mine: role requester cannot be resolved: the engine has no directory"}]})j",
    R"j({"seq":3,"at":"2026-03-02T08:02:00Z","line":3,"wo":"J-14","event":"submit","ok":true,"to":"new","version":1,"changes":{"category":"general","cost":1500.00},"effects":[]})j",
    R"j({"seq":4,"at":"2026-03-02T08:03:00Z","line":4,"wo":"J-14","event":"quote","ok":true,"from":"new","to":"awaiting_approval","version":2,"approval":{"name":"spend","status":"blocked","problems":["step supervisor: role supervisor cannot be resolved: the engine has no directory"]},"changes":{},"effects":[{"type":"note","text":"J-14 cannot get approval (spend): step supervisor: role supervisor cannot be resolved: the engine has no directory"}]})j",
};

} // namespace

TEST_CASE("a chain runs its steps in order, skips those whose condition fails, and leaves the "
          "requester out",
          "[engine][approval]") {
    // Steps one after the other; `when cost > 1000` brings in facilities, `cost > 5000` finance
    // does not apply. rita requested the job and holds the supervisor role: she is not asked and
    // may not vote. Votes from people the current step does not wait for are refused, and once
    // approved the work order moves on in the same decision.
    Harness h;
    h.run(sequential_input);
    check_lines(h.out, sequential_expected);
}

TEST_CASE("a parallel stage waits for all of its steps, and all of, 2 of 3 and manager of approver",
          "[engine][approval]") {
    // Finance is `all of role finance` (two people), then safety and board run together (board is
    // `2 of role board`: b1, b2, b3 without rita), then `manager of approver` asks the manager of
    // b3, whose vote completed the stage before. A repeated vote is accepted and changes nothing
    // (the version stays).
    Harness h;
    h.run(parallel_input);
    check_lines(h.out, parallel_expected);
}

TEST_CASE("delegates act for an awaited approver, and the decision shows both people",
          "[engine][approval]") {
    // fin-1 is out of office from 2026-03-03 to 2026-03-05 with fin-3 standing in; fin-2 delegates
    // to dan. A delegation to the requester, to someone unknown, to oneself, or by someone not
    // awaited is refused.
    Harness h;
    h.run(delegation_input);
    check_lines(h.out, delegation_expected);
}

TEST_CASE("a rejection needs a reason, stops the chain at once, and later votes are refused",
          "[engine][approval]") {
    Harness h;
    h.run(rejection_input);
    check_lines(h.out, rejection_expected);
}

TEST_CASE("an escalate timeout climbs one management level every 3 business days",
          "[engine][approval]") {
    // The quote is at Friday 15:00 Berlin (14:00 UTC). Three business days of the Berlin office (9
    // h a day) end on Wednesday 15:00 Berlin, three more on Monday 15:00 Berlin: first fm (the
    // supervisors' manager), then boss (fm's manager) may vote in their place.
    Harness h;
    h.run(escalation_input);
    check_lines(h.out, escalation_expected);
}

TEST_CASE("a reject timeout in clock time rejects the chain exactly two days after the stage began",
          "[engine][approval]") {
    Harness h;
    h.run(expiry_input);
    check_lines(h.out, expiry_expected);
}

TEST_CASE("a step whose role resolves to nobody blocks the chain, is reported, and is resolved "
          "again when its timeout falls due",
          "[engine][approval]") {
    // Never an auto-approval: the requester's manager (sup) is notified. After an auditor joins
    // the directory, the reminder timeout resolves the step again and asks them.
    Harness h;
    h.run(blocked_input);
    check_lines(h.out, blocked_expected);
}

TEST_CASE("re-approval: a cost that grows past a skipped step's threshold restarts the chain from "
          "that step",
          "[engine][approval]") {
    // Approved at 1500 (supervisor, facilities). Growing to 1800 is still covered; growing to 6000
    // brings finance in: the job goes back from in_progress to awaiting_approval and only finance
    // is asked.
    Harness h;
    h.run(reapproval_input);
    check_lines(h.out, reapproval_expected);
}

TEST_CASE("re-approval names the step that now applies and restarts the stage it belongs to",
          "[engine][approval]") {
    // Approved at 6000 (supervisor, facilities, finance; safety, board and line skipped). At
    // 25000 board (2 of role board) applies: the job goes back to wait for stage 3, where
    // safety is still skipped (the job is not electrical). line applies too, later.
    Harness h;
    h.run(parallel_reapproval_input);
    check_lines(h.out, parallel_reapproval_expected);
}

TEST_CASE("a second vote by the same person is accepted and changes nothing, also once their "
          "step is approved or their stage is over",
          "[engine][approval]") {
    // sup approved the supervisor step (stage over) and votes again; safe approved the safety
    // step while board still waits beside it, and votes again: both are repeats, not votes from
    // a stranger. fm voted on facilities, not on the finance step named: refused.
    Harness h;
    h.run(repeated_input);
    check_lines(h.out, repeated_expected);
}

TEST_CASE("leaving the start state withdraws the chain, and other refused votes",
          "[engine][approval]") {
    // A chain no step applies to approves at once. Votes on an unknown work order, on one without
    // a chain, with an unknown data key, for a step that is not waiting or does not exist, or with
    // a reason that is not text are refused.
    Harness h;
    h.run(withdrawal_input);
    check_lines(h.out, withdrawal_expected);
}

TEST_CASE("only the requester holds the role: blocked, never approved by them",
          "[engine][approval]") {
    Harness h;
    h.run(unresolved_input);
    check_lines(h.out, unresolved_expected);
}

TEST_CASE("without a directory every role step is blocked and noted on the work order",
          "[engine][approval]") {
    Harness h(false);
    h.run(unresolved_input);
    check_lines(h.out, unresolved_without_directory_expected);
}

TEST_CASE("refused and repeated votes change nothing on the work order", "[engine][approval]") {
    Harness h;
    // Up to the point where finance waits for fin-1 and fin-2 (fin-2 delegated to dan).
    h.run({delegation_input.begin(), delegation_input.begin() + 9});
    const std::string before = h.snapshot("J-3");
    const std::vector<std::string> refused_or_repeated{
        R"j({"at":"2026-03-03T08:09:00Z","type":"approve","wo":"J-3","by":"rita"})j",
        R"j({"at":"2026-03-03T08:09:00Z","type":"approve","wo":"J-3","by":"sup"})j",
        R"j({"at":"2026-03-03T08:09:00Z","type":"reject","wo":"J-3","by":"fin-2"})j",
        R"j({"at":"2026-03-03T08:09:00Z","type":"delegate","wo":"J-3","by":"fin-2","data":{"to":"dan"}})j",
        R"j({"at":"2026-03-03T08:09:00Z","type":"approve","wo":"J-3","by":"fin-2","data":{"step":"nope"}})j",
    };
    for (const auto& line : refused_or_repeated) {
        INFO(line);
        h.run({line});
        CHECK(h.snapshot("J-3") == before);
    }
}

TEST_CASE("the snapshot shows the chain and every vote, with who acted for whom",
          "[engine][approval]") {
    Harness h;
    h.run(delegation_input);
    const auto snapshot = *h.engine.snapshot("J-3");
    CHECK(snapshot["state"] == "assigned");
    CHECK(
        snapshot["approval"].dump() ==
        R"({"name":"spend","status":"approved","votes":[{"at":"2026-03-03T08:02:00Z","step":"supervisor","vote":"approve","by":"sup"},{"at":"2026-03-03T08:03:00Z","step":"facilities","vote":"approve","by":"fm"},{"at":"2026-03-03T08:08:00Z","step":"finance","vote":"delegate","by":"fin-2","to":"dan"},{"at":"2026-03-03T08:10:00Z","step":"finance","vote":"approve","by":"dan","for":"fin-2","via":"delegation"},{"at":"2026-03-03T08:11:00Z","step":"finance","vote":"approve","by":"fin-3","for":"fin-1","via":"out_of_office","comment":"for Grace"}]})");
    // The history records each accepted vote by who sent it.
    const auto& history = snapshot["history"];
    REQUIRE(history.size() == 7);
    CHECK(history[5]["event"] == "approve");
    CHECK(history[5]["by"] == "dan");
    CHECK(history[6]["by"] == "fin-3");
    CHECK(history[6]["to"] == "assigned");
}

TEST_CASE("every approval decision line matches the documented JSON Schema",
          "[engine][approval][schema]") {
    std::ifstream file(std::string(MILLWRIGHT_SOURCE_DIR) + "/docs/decision.schema.json");
    std::stringstream text;
    text << file.rdbuf();
    const auto schema = nlohmann::json::parse(text.str());
    millwright::test::SchemaChecker checker;
    std::size_t checked = 0;
    for (const auto* expected :
         {&sequential_expected, &parallel_expected, &delegation_expected, &rejection_expected,
          &escalation_expected, &expiry_expected, &blocked_expected, &reapproval_expected,
          &parallel_reapproval_expected, &repeated_expected, &withdrawal_expected,
          &unresolved_expected, &unresolved_without_directory_expected}) {
        for (const auto& line : *expected) {
            INFO(line);
            CHECK(checker.check(schema, nlohmann::json::parse(line)).empty());
            ++checked;
        }
    }
    CHECK(checked > 80);
}

TEST_CASE("the approval report counts each work order's latest chain by its status",
          "[engine][approval]") {
    const auto row_text = [](const millwright::ApprovalReport& row) {
        return row.workflow + " " + row.chain + ": " + std::to_string(row.started) + " started, " +
               std::to_string(row.approved) + " approved, " + std::to_string(row.rejected) +
               " rejected, " + std::to_string(row.running) + " running (" +
               std::to_string(row.blocked) + " blocked), " + std::to_string(row.withdrawn) +
               " withdrawn";
    };
    const auto report_of = [&](const std::vector<std::string>& input) {
        Harness h;
        h.run(input);
        std::vector<std::string> rows;
        for (const auto& row : h.engine.approval_report()) {
            rows.push_back(row_text(row));
        }
        return rows;
    };
    CHECK(
        report_of(withdrawal_input) ==
        std::vector<std::string>{
            "job spend: 2 started, 0 approved, 0 rejected, 1 running (0 blocked), 1 withdrawn",
            "job big_only: 1 started, 1 approved, 0 rejected, 0 running (0 blocked), 0 withdrawn"});
    CHECK(report_of(unresolved_input) ==
          std::vector<std::string>{
              "job spend: 1 started, 0 approved, 0 rejected, 1 running (0 blocked), 0 withdrawn",
              "job own: 1 started, 0 approved, 0 rejected, 1 running (1 blocked), 0 withdrawn"});
    CHECK(report_of(rejection_input) ==
          std::vector<std::string>{
              "job spend: 1 started, 0 approved, 1 rejected, 0 running (0 blocked), 0 withdrawn"});
    CHECK(Harness().engine.approval_report().empty());
}
