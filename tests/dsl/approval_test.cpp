// Approval chains, front to back: the `approval` block parses into steps, parallel groups, a
// timeout and two outcomes; it is checked on its own (E1002-E1005, E1007, E1008, E0603) and
// where a workflow starts it (E1001, E1006, and its conditions typed against the workflow's
// fields); the model holds the steps in stages, and each starting workflow the step
// conditions as guard functions and the outcomes as its state indexes.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::testing::compile_text;
using namespace millwright::dsl;

namespace {

const std::string chain = R"(calendar office_hours in "America/New_York"
  mon-fri 08:00-17:00
end

approval spend_approval "Spend approval"
  step supervisor: any of role supervisor
  step facilities: any of role facilities_manager when cost > 1000
  step finance:    all of finance_director, cfo when cost > 10000
  parallel
    step safety:    any of role safety_officer when category = electrical
    step site_lead: 2 of role site_lead
  end
  step line_manager: any of manager of requester
  timeout 3 business days on office_hours: escalate
  on approved -> assigned
  on rejected -> cancelled
end
)"; // 17 lines

const std::string corrective = R"(workflow corrective
  field category : plumbing | electrical | general
  field cost     : money = 0
  states new (initial), triaged, awaiting_approval, assigned, cancelled (final)
  on triage: new -> triaged
  on submit_quote: triaged -> awaiting_approval, start spend_approval
  on cancel: any -> cancelled
end
)";

} // namespace

TEST_CASE("a transition that requires fields can start a chain after them", "[dsl][approval]") {
    // `start` is not reserved: the requires list must leave `start spend_approval` to the
    // transition, and a field called `start` may still be required.
    auto result = compile_text(chain + R"(workflow corrective
  field category   : plumbing | electrical | general
  field cost       : money = 0
  field technician : text
  field start      : time
  states new (initial), triaged, awaiting_approval, assigned, cancelled (final)
  on triage: new -> triaged
  on assign: triaged -> awaiting_approval requires technician, start, start spend_approval
  on cancel: any -> cancelled
end
)");
    CHECK(result->rendered() == "");
    REQUIRE(result->workflows.size() == 1);
    const auto& assign = result->workflows[0].events[1].alternatives[0];
    CHECK(assign.required == std::vector<std::size_t>{2, 3});
    REQUIRE(assign.start);
    CHECK(*assign.start == 0);
}

TEST_CASE("an approval compiles to steps in stages", "[dsl][approval]") {
    auto result = compile_text(chain + corrective);
    CHECK(result->rendered() == "");
    REQUIRE(result->program.approvals.size() == 1);
    const ApprovalModel& approval = result->program.approvals[0];
    CHECK(approval.name == "spend_approval");
    CHECK(approval.title == "Spend approval");
    REQUIRE(approval.steps.size() == 6);
    CHECK(approval.stages == 5);
    const auto& supervisor = approval.steps[0];
    CHECK(supervisor.name == "supervisor");
    CHECK(supervisor.rule == ApprovalRuleKind::any);
    REQUIRE(supervisor.approvers.size() == 1);
    CHECK(supervisor.approvers[0].kind == ApproverKind::role);
    CHECK(supervisor.approvers[0].name == "supervisor");
    CHECK(supervisor.stage == 0);
    CHECK_FALSE(supervisor.parallel);
    CHECK(supervisor.condition_text.empty());
    CHECK(result->where(supervisor.span) == "6:3");
    const auto& finance = approval.steps[2];
    CHECK(finance.rule == ApprovalRuleKind::all);
    REQUIRE(finance.approvers.size() == 2);
    CHECK(finance.approvers[0].kind == ApproverKind::person);
    CHECK(finance.approvers[0].name == "finance_director");
    CHECK(finance.approvers[1].name == "cfo");
    CHECK(finance.condition_text == "cost > 10000");
    CHECK(finance.stage == 2);
    CHECK(approval.steps[3].stage == 3);
    CHECK(approval.steps[3].parallel);
    CHECK(approval.steps[4].stage == 3);
    CHECK(approval.steps[4].rule == ApprovalRuleKind::count);
    CHECK(approval.steps[4].count == 2);
    const auto& manager = approval.steps[5];
    CHECK(manager.stage == 4);
    CHECK_FALSE(manager.parallel);
    REQUIRE(manager.approvers.size() == 1);
    CHECK(manager.approvers[0].kind == ApproverKind::manager_of_requester);
    CHECK(manager.approvers[0].name.empty());
    REQUIRE(approval.timeout);
    CHECK(approval.timeout->action == ApprovalTimeoutAction::escalate);
    CHECK(approval.timeout->length.business);
    CHECK(approval.timeout->length.calendar == "office_hours");
    CHECK(approval.timeout->length.duration_ms == 3LL * 24 * 3600 * 1000);
    CHECK(approval.timeout->length.business_length.days == 3);
    CHECK(approval.approved_state == "assigned");
    CHECK(approval.rejected_state == "cancelled");
}

TEST_CASE("a workflow that starts an approval holds its guards and outcome states",
          "[dsl][approval]") {
    auto result = compile_text(chain + corrective);
    CHECK(result->rendered() == "");
    REQUIRE(result->workflows.size() == 1);
    const WorkflowModel& workflow = result->workflows[0];
    REQUIRE(workflow.approvals.size() == 1);
    const WorkflowApprovalModel& use = workflow.approvals[0];
    CHECK(use.approval == 0);
    CHECK(use.name == "spend_approval");
    CHECK(use.approved == 3);
    CHECK(use.rejected == 4);
    REQUIRE(use.step_guards.size() == 6);
    CHECK_FALSE(use.step_guards[0]);
    CHECK_FALSE(use.step_guards[4]);
    CHECK_FALSE(use.step_guards[5]);
    REQUIRE(use.step_guards[1]);
    REQUIRE(use.step_guards[2]);
    REQUIRE(use.step_guards[3]);
    const FunctionModel& facilities = workflow.functions[*use.step_guards[1]];
    CHECK(facilities.name == "approval_spend_approval_facilities_guard");
    CHECK(facilities.kind == FunctionKind::guard);
    REQUIRE(facilities.inputs.size() == 1);
    CHECK(facilities.inputs[0].name == "cost");
    const FunctionModel& safety = workflow.functions[*use.step_guards[3]];
    CHECK(safety.name == "approval_spend_approval_safety_guard");
    CHECK(safety.inputs.at(0).name == "category");

    const auto& submit = workflow.events[1].alternatives[0];
    REQUIRE(submit.start);
    CHECK(*submit.start == 0);
    CHECK_FALSE(workflow.events[0].alternatives[0].start);

    const std::string& lua = workflow.lua;
    INFO(lua);
    CHECK(lua.find("local function approval_spend_approval_facilities_guard(cost)\n"
                   "  return cost > 100000\n") != std::string::npos);
    CHECK(lua.find("local function approval_spend_approval_safety_guard(category)\n"
                   "  return category == \"electrical\"\n") != std::string::npos);
}

TEST_CASE("approval errors on their own", "[dsl][approval]") {
    auto result = compile_text("calendar office in \"UTC\"\n"
                               "  every day 08:00-17:00\n"
                               "end\n"
                               "approval a\n"
                               "  step one: 0 of role x\n"
                               "  step one: 3 of ann, bob\n"
                               "  parallel\n"
                               "  end\n"
                               "  timeout 0h: remind\n"
                               "  timeout 2 business days on offce: reject\n"
                               "  on approved -> done\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E1003 5:13", "E1002 6:8", "E1004 6:13",
                                                          "E1005 7:3", "E1008 9:11", "E0506 10:3",
                                                          "E1007 4:10"});
    CHECK(result->diagnostics.items()[1].message == "duplicate step `one` in approval `a`");
    REQUIRE(result->diagnostics.items()[1].labels.size() == 1);
    CHECK(result->where(result->diagnostics.items()[1].labels[0].span) == "5:8");
    CHECK(result->diagnostics.items()[2].message ==
          "step `one` asks for 3 approvals but lists 2 approvers");
    CHECK(result->diagnostics.items()[6].message == "approval `a` has no `on rejected` line");
}

TEST_CASE("a timeout on an unknown calendar is E0603", "[dsl][approval]") {
    auto result = compile_text("calendar office in \"UTC\"\n"
                               "  every day 08:00-17:00\n"
                               "end\n"
                               "approval a\n"
                               "  step one: any of role x\n"
                               "  timeout 2 business days on offce: reject\n"
                               "  on approved -> done\n"
                               "  on rejected -> done\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0603 6:30"});
    CHECK(result->diagnostics.items()[0].hint == "did you mean `office`?");
}

TEST_CASE("approval errors where a workflow starts it", "[dsl][approval]") {
    auto result = compile_text(chain + "workflow w\n"
                                       "  field cost : text\n"
                                       "  states new (initial), assignd, cancelled (final)\n"
                                       "  on go: new -> new, start spend_aproval\n"
                                       "  on again: new -> new, start spend_approval\n"
                                       "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E1001 21:28", "E1006 15:18",
                                                          "E0301 7:56", "E0301 8:54", "E0203 10:53",
                                                          "E0203 10:64", "W0101 20:25"});
    const auto& items = result->diagnostics.items();
    CHECK(items[0].hint == "did you mean `spend_approval`?");
    CHECK(items[1].message ==
          "approval `spend_approval` names state `assigned`, which workflow `w` does not have");
    CHECK(items[1].hint == "did you mean `assignd`?");
    REQUIRE(items[1].labels.size() == 1);
    CHECK(result->where(items[1].labels[0].span) == "22:31");
}

TEST_CASE("a step condition that is not boolean is E0302", "[dsl][approval]") {
    auto result = compile_text("approval a\n"
                               "  step one: any of role x when cost + 1\n"
                               "  on approved -> new\n"
                               "  on rejected -> new\n"
                               "end\n"
                               "workflow w\n"
                               "  field cost : money = 0\n"
                               "  states new (initial)\n"
                               "  on go: new -> new, start a\n"
                               "end\n");
    CHECK(result->positions() == std::vector<std::string>{"E0302 2:32"});
}

TEST_CASE("approval syntax errors say what was expected", "[dsl][approval]") {
    auto result = compile_text("approval a\n"
                               "  step one: some of role x\n"
                               "  step two: any of manager of boss\n"
                               "  timeout 2 days: ignore\n"
                               "  on approved -> new\n"
                               "  on rejected -> new\n"
                               "end\n");
    CHECK(result->positions() ==
          std::vector<std::string>{"E0101 2:13", "E0101 3:31", "E0101 4:19"});
    const auto& items = result->diagnostics.items();
    CHECK(items[0].message == "expected `any of`, `all of` or `N of`, found `some`");
    CHECK(items[1].message == "expected `requester` or `approver`, found `boss`");
    CHECK(items[2].message == "expected `remind`, `escalate` or `reject`, found `ignore`");
}
