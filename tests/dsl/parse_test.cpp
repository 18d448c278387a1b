// The parser: AST shapes and spans of valid programs, and for invalid ones the exact code,
// position and rendered message, with recovery so that every error is reported in one run.
#include "millwright/dsl/compile.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace millwright::dsl;

namespace {

/// One parse of `text`, kept together so spans can be turned back into text.
struct Parsed {
    SourceSet sources;
    DiagnosticList diagnostics;
    ast::Program program;

    explicit Parsed(std::string text, const CompileLimits& limits = {}) {
        const SourceId id = sources.add("test.mw", std::move(text));
        program = parse(sources, id, diagnostics, limits);
    }

    std::string_view text(SourceSpan span) const { return sources.text_of(span); }

    /// `code line:col` of each diagnostic, in order.
    std::vector<std::string> positions() const {
        std::vector<std::string> out;
        for (const auto& d : diagnostics.items()) {
            const LineColumn at = sources.get(d.span.source).locate(d.span.begin);
            out.push_back(d.code + " " + std::to_string(at.line) + ":" + std::to_string(at.column));
        }
        return out;
    }

    std::string rendered() const { return render_all(diagnostics, sources); }
};

const char* const corrective = R"(workflow corrective "Corrective maintenance"
  field asset    : text, required
  field category : plumbing | electrical | hvac | general
  field impact   : high | medium | low = medium
  field cost     : money = 0
  field parts    : list of text
  field due      : time = 2026-11-22T10:00:00Z
  field opened   : date = 2026-11-22
  field estimate : duration = 4h

  states new (initial), triaged, assigned, in_progress, on_hold,
         completed, closed (final), cancelled (final)

  on triage:   new -> triaged
  on assign:   triaged -> assigned          when cost <= 1000
                 assign to data.technician
               triaged -> awaiting_approval when cost > 1000, notify role facilities_manager "approve {id}"
  on complete: in_progress -> completed     requires notes, parts
                 notify requester "Is this fixed? Rate 1-5"
  on cancel:   any except closed, cancelled -> cancelled
                 note data.reason
  on reopen:   completed, closed -> in_progress      # several source states

  on enter on_hold: set hold_count = hold_count + 1
  on leave on_hold: notify assignee "work resumed"
end
)";

} // namespace

TEST_CASE("a workflow header gives name, title and a span of its line", "[dsl][parse]") {
    const Parsed p(corrective);
    REQUIRE(p.diagnostics.empty());
    REQUIRE(p.program.workflows.size() == 1);
    const ast::Workflow& w = p.program.workflows[0];
    CHECK(w.name.name == "corrective");
    CHECK(p.text(w.name.span) == "corrective");
    CHECK(w.title == "Corrective maintenance");
    CHECK(p.text(w.span) == "workflow corrective \"Corrective maintenance\"");
}

TEST_CASE("fields carry their type, flags and default", "[dsl][parse]") {
    const Parsed p(corrective);
    const auto& fields = p.program.workflows.at(0).fields;
    REQUIRE(fields.size() == 8);

    CHECK(fields[0].name.name == "asset");
    CHECK(fields[0].type.kind == ast::TypeKind::text);
    CHECK(fields[0].required);
    CHECK(p.text(*fields[0].required_span) == "required");
    CHECK(p.text(fields[0].span) == "field asset    : text, required");

    CHECK(fields[1].type.kind == ast::TypeKind::enumeration);
    REQUIRE(fields[1].type.enum_values.size() == 4);
    CHECK(fields[1].type.enum_values[3].name == "general");
    CHECK(p.text(fields[1].type.span) == "plumbing | electrical | hvac | general");

    REQUIRE(fields[2].default_value);
    CHECK(fields[2].default_value->kind == ast::ExprKind::name);
    CHECK(fields[2].default_value->text == "medium");

    CHECK(fields[3].type.kind == ast::TypeKind::money);
    CHECK(fields[3].default_value->kind == ast::ExprKind::number_literal);
    CHECK(fields[3].default_value->text == "0");

    CHECK(fields[4].type.kind == ast::TypeKind::list);
    CHECK(fields[4].type.element_kind == ast::TypeKind::text);
    CHECK(p.text(fields[4].type.span) == "list of text");

    CHECK(fields[5].default_value->kind == ast::ExprKind::timestamp_literal);
    CHECK(fields[5].default_value->integer == 1795341600000);
    CHECK(fields[6].default_value->kind == ast::ExprKind::date_literal);
    CHECK(fields[6].default_value->integer == 20779);
    CHECK(fields[7].default_value->kind == ast::ExprKind::duration_literal);
    CHECK(fields[7].default_value->integer == 4 * 3600 * 1000);
    CHECK(fields[7].default_value->text == "4h");
}

TEST_CASE("required and the default may come in either order", "[dsl][parse]") {
    const Parsed p("workflow w\n  field a : number = 1, required\n  field b : number, required = "
                   "2\nend\n");
    REQUIRE(p.diagnostics.empty());
    const auto& fields = p.program.workflows.at(0).fields;
    CHECK(fields[0].required);
    CHECK(fields[0].default_value->text == "1");
    CHECK(fields[1].required);
    CHECK(fields[1].default_value->text == "2");
}

TEST_CASE("a list of an enumeration keeps the values", "[dsl][parse]") {
    const Parsed p("workflow w\n  field trades : list of hvac | plumbing\nend\n");
    REQUIRE(p.diagnostics.empty());
    const ast::TypeRef& type = p.program.workflows.at(0).fields.at(0).type;
    CHECK(type.kind == ast::TypeKind::list);
    CHECK(type.element_kind == ast::TypeKind::enumeration);
    REQUIRE(type.enum_values.size() == 2);
    CHECK(type.enum_values[1].name == "plumbing");
}

TEST_CASE("states accumulate across a continued line with their flags", "[dsl][parse]") {
    const Parsed p(corrective);
    const auto& states = p.program.workflows.at(0).states;
    REQUIRE(states.size() == 8);
    CHECK(states[0].name.name == "new");
    CHECK(states[0].initial);
    CHECK_FALSE(states[0].final);
    CHECK(p.text(*states[0].initial_span) == "initial");
    CHECK(p.text(states[0].span) == "new (initial)");
    CHECK(states[5].name.name == "completed");
    CHECK(states[7].final);
    CHECK(p.text(*states[7].final_span) == "final");
}

TEST_CASE("a state may be initial and final at once", "[dsl][parse]") {
    const Parsed p("workflow w\n  states only (initial, final)\nend\n");
    REQUIRE(p.diagnostics.empty());
    const auto& state = p.program.workflows.at(0).states.at(0);
    CHECK(state.initial);
    CHECK(state.final);
}

TEST_CASE("events collect their alternatives and the action lines below them", "[dsl][parse]") {
    const Parsed p(corrective);
    const auto& events = p.program.workflows.at(0).events;
    REQUIRE(events.size() == 5);
    CHECK(events[1].event.name == "assign");
    CHECK(p.text(events[1].span) == "on assign:");

    const auto& alternatives = events[1].alternatives;
    REQUIRE(alternatives.size() == 2);
    const ast::Alternative& first = alternatives[0];
    CHECK(p.text(first.span) == "triaged -> assigned          when cost <= 1000");
    CHECK(first.from.states.at(0).name == "triaged");
    CHECK(first.to.name == "assigned");
    REQUIRE(first.guard);
    CHECK(first.guard->kind == ast::ExprKind::binary);
    CHECK(first.guard->binary_op == ast::BinaryOp::le);
    CHECK(p.text(first.guard->span) == "cost <= 1000");
    REQUIRE(first.actions.size() == 1);
    CHECK(first.actions[0].kind == ast::ActionKind::assign);
    CHECK(first.actions[0].recipient.who.kind == ast::ExprKind::data_ref);
    CHECK(first.actions[0].recipient.who.text == "technician");
    CHECK(p.text(first.actions[0].span) == "assign to data.technician");

    const ast::Alternative& second = alternatives[1];
    REQUIRE(second.actions.size() == 1);
    const ast::Action& notify = second.actions[0];
    CHECK(notify.kind == ast::ActionKind::notify);
    CHECK(notify.recipient.is_role);
    CHECK(notify.recipient.role.name == "facilities_manager");
    CHECK(notify.value.kind == ast::ExprKind::string_literal);
    CHECK(notify.value.text == "approve {id}");
}

TEST_CASE("requires lists fields, then actions follow a comma", "[dsl][parse]") {
    const Parsed p(corrective);
    const ast::Alternative& complete = p.program.workflows.at(0).events.at(2).alternatives.at(0);
    REQUIRE(complete.required.size() == 2);
    CHECK(complete.required[0].name == "notes");
    CHECK(p.text(complete.required[1].span) == "parts");
    REQUIRE(complete.actions.size() == 1);
    CHECK(complete.actions[0].recipient.who.kind == ast::ExprKind::name);
    CHECK(complete.actions[0].recipient.who.text == "requester");
}

TEST_CASE("source states: any except, and several listed", "[dsl][parse]") {
    const Parsed p(corrective);
    const auto& events = p.program.workflows.at(0).events;
    const ast::SourceStates& cancel = events.at(3).alternatives.at(0).from;
    CHECK(cancel.any);
    REQUIRE(cancel.states.size() == 2);
    CHECK(cancel.states[1].name == "cancelled");
    CHECK(p.text(cancel.span) == "any except closed, cancelled");
    CHECK(events.at(3).alternatives.at(0).actions.at(0).kind == ast::ActionKind::note);

    const ast::SourceStates& reopen = events.at(4).alternatives.at(0).from;
    CHECK_FALSE(reopen.any);
    REQUIRE(reopen.states.size() == 2);
    CHECK(reopen.states[0].name == "completed");
}

TEST_CASE("hooks hold their inline actions", "[dsl][parse]") {
    const Parsed p(corrective);
    const auto& hooks = p.program.workflows.at(0).hooks;
    REQUIRE(hooks.size() == 2);
    CHECK(hooks[0].kind == ast::HookKind::enter);
    CHECK(hooks[0].state.name == "on_hold");
    CHECK(p.text(hooks[0].span) == "on enter on_hold: set hold_count = hold_count + 1");
    const ast::Action& set = hooks[0].actions.at(0);
    CHECK(set.kind == ast::ActionKind::set);
    CHECK(set.field.name == "hold_count");
    CHECK(set.value.binary_op == ast::BinaryOp::add);
    CHECK(hooks[1].kind == ast::HookKind::leave);
}

TEST_CASE("a trailing comma continues an alternative's actions on the next line", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial), b\n  on go: a -> b when x > 1,\n"
                   "      notify requester \"moved\",\n      note \"done\"\nend\n");
    REQUIRE(p.diagnostics.empty());
    const auto& alternative = p.program.workflows.at(0).events.at(0).alternatives.at(0);
    CHECK(alternative.actions.size() == 2);
    CHECK(alternative.guard->binary_op == ast::BinaryOp::gt);
}

TEST_CASE("precedence: or < and < not < comparison < + - < * / < unary minus", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n"
                   "  on go: a -> a when not x = 1 and y or -a * 2 + b > c\nend\n");
    REQUIRE(p.diagnostics.empty());
    const ast::Expr& guard = *p.program.workflows.at(0).events.at(0).alternatives.at(0).guard;
    REQUIRE(guard.binary_op == ast::BinaryOp::logical_or);
    const ast::Expr& conjunction = guard.operands[0];
    CHECK(conjunction.binary_op == ast::BinaryOp::logical_and);
    CHECK(conjunction.operands[0].kind == ast::ExprKind::unary);
    CHECK(conjunction.operands[0].unary_op == ast::UnaryOp::logical_not);
    CHECK(p.text(conjunction.operands[0].operands[0].span) == "x = 1");
    const ast::Expr& comparison = guard.operands[1];
    CHECK(comparison.binary_op == ast::BinaryOp::gt);
    const ast::Expr& sum = comparison.operands[0];
    CHECK(sum.binary_op == ast::BinaryOp::add);
    CHECK(p.text(sum.span) == "-a * 2 + b");
    CHECK(sum.operands[0].binary_op == ast::BinaryOp::mul);
    CHECK(sum.operands[0].operands[0].unary_op == ast::UnaryOp::negate);
}

TEST_CASE("operators of one level associate to the left", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n  on go: a -> a when a - b - c = d\nend\n");
    const ast::Expr& guard = *p.program.workflows.at(0).events.at(0).alternatives.at(0).guard;
    const ast::Expr& difference = guard.operands[0];
    CHECK(p.text(difference.span) == "a - b - c");
    CHECK(p.text(difference.operands[0].span) == "a - b");
}

TEST_CASE("membership, lists, calls and literals build their nodes", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n"
                   "  on go: a -> a when x not in [\"a\", \"b\"] and lower(y) in z and "
                   "now + 2 hours > due and flag = true\nend\n");
    REQUIRE(p.diagnostics.empty());
    const ast::Expr& guard = *p.program.workflows.at(0).events.at(0).alternatives.at(0).guard;
    const ast::Expr& not_in = guard.operands[0].operands[0].operands[0];
    CHECK(not_in.binary_op == ast::BinaryOp::not_in);
    CHECK(not_in.operands[1].kind == ast::ExprKind::list_literal);
    CHECK(not_in.operands[1].operands.size() == 2);
    const ast::Expr& in = guard.operands[0].operands[0].operands[1];
    CHECK(in.binary_op == ast::BinaryOp::in);
    CHECK(in.operands[0].kind == ast::ExprKind::call);
    CHECK(in.operands[0].text == "lower");
    CHECK(p.text(in.operands[0].span) == "lower(y)");
    const ast::Expr& later = guard.operands[0].operands[1];
    CHECK(later.operands[0].operands[1].kind == ast::ExprKind::duration_literal);
    CHECK(later.operands[0].operands[1].text == "2 hours");
    CHECK(later.operands[0].operands[1].integer == 7200000);
    CHECK(guard.operands[1].operands[1].kind == ast::ExprKind::bool_literal);
    CHECK(guard.operands[1].operands[1].boolean);
}

TEST_CASE("strings decode escapes and keep interpolation braces", "[dsl][parse]") {
    const Parsed p(R"(workflow w
  states a (initial)
  on enter a: note "say \"hi\"\tto {requester} {{not}}\n"
end
)");
    REQUIRE(p.diagnostics.empty());
    const ast::Expr& text = p.program.workflows.at(0).hooks.at(0).actions.at(0).value;
    CHECK(text.text == "say \"hi\"\tto {requester} {{not}}\n");
}

TEST_CASE("several workflows in one file, with comments and blank lines", "[dsl][parse]") {
    const Parsed p("# header\n\nworkflow a\nend\n  # between\nworkflow b \"B\"\nend");
    REQUIRE(p.diagnostics.empty());
    REQUIRE(p.program.workflows.size() == 2);
    CHECK(p.program.workflows[1].title == "B");
}

TEST_CASE("an empty source is an empty program", "[dsl][parse]") {
    const Parsed p("");
    CHECK(p.diagnostics.empty());
    CHECK(p.program.workflows.empty());
}

// ---- errors ----------------------------------------------------------------------------------

TEST_CASE("a syntax error names what was expected at the exact column", "[dsl][parse]") {
    const Parsed p("workflow w\n  field cost  money\nend\n");
    REQUIRE(p.positions() == std::vector<std::string>{"E0101 2:15"});
    CHECK(p.rendered() == "test.mw:2:15: error: expected `:`, found `money`\n"
                          "    2 |   field cost  money\n"
                          "      |               ^^^^^\n");
}

TEST_CASE("every broken line is reported once and parsing goes on", "[dsl][parse]") {
    const Parsed p("workflow w\n"
                   "  field a : text\n"
                   "  field b : nonsense\n"
                   "  states x (initial), y\n"
                   "  on go x -> y\n"
                   "    x -> x\n"
                   "    note \"belongs to the broken event\"\n"
                   "  on stop: x -> y when\n"
                   "  field c : number\n"
                   "end\n");
    CHECK(p.positions() == std::vector<std::string>{"E0101 3:13", "E0101 5:9", "E0101 8:23"});
    const ast::Workflow& w = p.program.workflows.at(0);
    CHECK(w.fields.size() == 2); // a and c
    CHECK(w.states.size() == 2);
    CHECK(w.events.empty()); // both `on` lines were broken; their block is skipped quietly
}

TEST_CASE("the E0101 message shows the expected set and a hint when there is one", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n  on go: a => b\nend\n");
    REQUIRE(p.diagnostics.items().size() == 1);
    const Diagnostic& d = p.diagnostics.items()[0];
    CHECK(d.message == "expected `->`, found `=`");
    CHECK(d.hint == "a transition is written `from -> to`");
}

TEST_CASE("a mistyped statement keyword is pointed out", "[dsl][parse]") {
    const Parsed p("workflow w\n  feild x : text\nend\n");
    REQUIRE(p.positions() == std::vector<std::string>{"E0101 2:3"});
    CHECK(p.diagnostics.items()[0].hint == "did you mean `field`?");
    CHECK(p.diagnostics.items()[0].message.ends_with("found `feild`"));
}

TEST_CASE("only workflow, matrix, priorities, calendar, sla, table, approval and pm start a "
          "top-level statement",
          "[dsl][parse]") {
    const Parsed p("grid m(a, b)\n  high: P1\nend\nworkflow w\nend\n");
    CHECK(p.positions() == std::vector<std::string>{"E0101 1:1"}); // the block once
    CHECK(p.diagnostics.items()[0].message ==
          "expected `workflow`, `matrix`, `priorities`, `calendar`, `sla`, `table`, `approval` "
          "or `pm`, found `grid`");
    CHECK(p.program.workflows.size() == 1);
}

TEST_CASE("a string without its closing quote is E0102 at the quote", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n  on enter a: note \"open\nend\n");
    REQUIRE(p.positions() == std::vector<std::string>{"E0102 3:20"});
    CHECK(p.rendered() == "test.mw:3:20: error: unterminated string\n"
                          "    3 |   on enter a: note \"open\n"
                          "      |                    ^^^^^\n"
                          "hint: close the string with `\"` on the same line\n");
}

TEST_CASE("100,000 nested parentheses are one E0103, not a stack overflow", "[dsl][parse]") {
    const std::string deep = std::string(100000, '(') + "x" + std::string(100000, ')');
    const Parsed p("workflow w\n  states a (initial)\n  on go: a -> a when " + deep +
                   "\n  on stop: a -> a\nend\n");
    REQUIRE(p.positions().size() == 1);
    CHECK(p.diagnostics.items()[0].code == "E0103");
    CHECK(p.diagnostics.items()[0].message == "expression nested more than 64 levels deep");
    const auto& events = p.program.workflows.at(0).events;
    REQUIRE(events.size() == 1); // the broken line is dropped, and parsing went on
    CHECK(events[0].event.name == "stop");
}

TEST_CASE("100,000 nested `not` are one E0103", "[dsl][parse]") {
    std::string nots;
    for (int i = 0; i < 100000; ++i) {
        nots += "not ";
    }
    const Parsed p("workflow w\n  states a (initial)\n  on go: a -> a when " + nots + "x\nend\n");
    REQUIRE(p.positions().size() == 1);
    CHECK(p.diagnostics.items()[0].code == "E0103");
}

TEST_CASE("a long flat chain is as deep as it is long", "[dsl][parse]") {
    std::string chain = "x";
    for (int i = 0; i < 100000; ++i) {
        chain += " + x";
    }
    const Parsed p("workflow w\n  states a (initial)\n  on go: a -> a when " + chain +
                   " > 0\nend\n");
    REQUIRE(p.positions() == std::vector<std::string>{"E0103 3:22"});
}

TEST_CASE("nesting within the limit parses", "[dsl][parse]") {
    const std::string deep = std::string(60, '(') + "x" + std::string(60, ')');
    const Parsed p("workflow w\n  states a (initial)\n  on go: a -> a when " + deep + "\nend\n");
    CHECK(p.diagnostics.empty());
    const Parsed limited("workflow w\n  states a (initial)\n  on go: a -> a when ((x))\nend\n",
                         CompileLimits{2, 1024});
    CHECK(limited.positions() == std::vector<std::string>{"E0103 3:24"}); // at `x`
}

TEST_CASE("a source over the size limit is E0104 and an empty program", "[dsl][parse]") {
    const Parsed p("workflow w\nend\n", CompileLimits{64, 8});
    REQUIRE(p.positions() == std::vector<std::string>{"E0104 1:1"});
    CHECK(p.diagnostics.items()[0].message == "source is 15 bytes, more than the limit of 8");
    CHECK(p.program.workflows.empty());
}

TEST_CASE("an action line with nothing above it is E0105, once for the run", "[dsl][parse]") {
    const Parsed p("workflow w\n  field f : text\n  note \"a\"\n  note \"b\"\nend\n");
    CHECK(p.positions() == std::vector<std::string>{"E0105 3:3"});
}

TEST_CASE("a transition without an `on EVENT:` above it is reported once", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial)\n  a -> a\n  a -> a\nend\n");
    CHECK(p.positions() == std::vector<std::string>{"E0101 3:3"});
    CHECK(p.diagnostics.items()[0].message ==
          "expected `on EVENT:` before a transition, found `a`");
}

TEST_CASE("a missing end is E0106 at the workflow header", "[dsl][parse]") {
    const Parsed p("\nworkflow first\n  states a (initial)\nworkflow second\n");
    CHECK(p.positions() == std::vector<std::string>{"E0106 2:1", "E0106 4:1"});
    CHECK(p.diagnostics.items()[0].message == "workflow `first` has no `end`");
    CHECK(p.program.workflows.size() == 2); // both kept for the checker
}

TEST_CASE("invalid literals are E0107 with the spelling that works", "[dsl][parse]") {
    const Parsed p("workflow w\n"
                   "  field a : date = 2026-02-30\n"
                   "  field b : time = 2026-11-22T10:00:00\n"
                   "  field c : duration = 2days\n"
                   "  field d : text = \"\\q\"\n"
                   "  field e : number = 1.2.3\n"
                   "end\n");
    CHECK(p.positions() == std::vector<std::string>{"E0107 2:20", "E0107 3:20", "E0107 4:24",
                                                    "E0107 5:21", "E0107 6:22"});
    CHECK(p.diagnostics.items()[0].message == "invalid date `2026-02-30`");
    CHECK(p.diagnostics.items()[2].message == "invalid literal `2days`");
    CHECK(p.diagnostics.items()[3].message == "invalid escape `\\q`");
    CHECK(p.program.workflows.at(0).fields.size() == 4); // the bad escape stops its line
}

TEST_CASE("a reserved word where a name is expected says so", "[dsl][parse]") {
    const Parsed p("workflow w\n  field date : date\nend\n");
    REQUIRE(p.positions() == std::vector<std::string>{"E0101 2:9"});
    CHECK(p.diagnostics.items()[0].message == "expected a field name, found `date`");
    CHECK(p.diagnostics.items()[0].hint ==
          "`date` is a reserved word and cannot be used as a name");
}

TEST_CASE("CRLF line ends parse like LF, continuations included", "[dsl][parse]") {
    const Parsed p(
        "workflow w\r\n  states a (initial), # first\r\n    b\r\n  on go: a -> b\r\nend\r\n");
    REQUIRE(p.diagnostics.empty());
    const ast::Workflow& w = p.program.workflows.at(0);
    CHECK(w.states.size() == 2);
    CHECK(p.text(w.events.at(0).alternatives.at(0).span) == "a -> b");
}

TEST_CASE("an unfinished continuation at the end of the file is an error there", "[dsl][parse]") {
    const Parsed p("workflow w\n  states a (initial),");
    CHECK(p.positions() == std::vector<std::string>{"E0101 2:22", "E0106 1:1"});
    CHECK(p.diagnostics.items()[0].message == "expected a state name, found end of file");
}

TEST_CASE("a decision table parses into inputs, outputs, policy and rows", "[dsl][parse][table]") {
    const Parsed p("table t(a: x | y, b: bool) -> o, p hit unique\n"
                   "  a x, b -: one, \"t w o\"\n"
                   "  a not x, b true: three, four\n"
                   "end\n");
    REQUIRE(p.diagnostics.empty());
    REQUIRE(p.program.tables.size() == 1);
    const auto& table = p.program.tables[0];
    CHECK(table.name.name == "t");
    REQUIRE(table.inputs.size() == 2);
    CHECK(table.inputs[1].is_bool);
    CHECK(table.inputs[1].values.size() == 2);
    REQUIRE(table.outputs.size() == 2);
    CHECK(table.outputs[1].name == "p");
    CHECK(table.hit == ast::HitPolicy::unique);
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0].conditions[1].any);
    CHECK(table.rows[0].outputs[1].text == "t w o");
    CHECK(table.rows[0].outputs[1].quoted);
    CHECK(table.rows[1].conditions[0].negated);
    CHECK(table.rows[1].conditions[0].values.at(0).name == "x");
    CHECK(table.rows[1].conditions[1].values.at(0).name == "true");
    CHECK(table.end_span.has_value());
}

TEST_CASE("a broken table header costs one error, and a table without end is E0106",
          "[dsl][parse][table]") {
    const Parsed broken("table t(a x) -> o hit first\n  a x: one\n  a y: two\nend\n"
                        "workflow w\nend\n");
    CHECK(broken.positions() == std::vector<std::string>{"E0101 1:11"});
    CHECK(broken.program.workflows.size() == 1);
    const Parsed open("table t(a: x) -> o hit first\n  a x: one\nworkflow w\nend\n");
    CHECK(open.positions() == std::vector<std::string>{"E0106 1:1"});
    CHECK(open.program.tables.size() == 1);
}
