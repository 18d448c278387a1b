// The one table of diagnostic texts, keyed by code. A check picks a code and fills in the
// arguments; it never writes prose of its own, so wording stays consistent and every message
// is documented (docs/diagnostics.md) and exercised (tests/dsl/bad/) exactly once.
//
// Messages start lowercase, are one sentence without a final period, and put names in
// backticks. Hints give the remedy. `{0}`, `{1}`... are filled from the arguments in order, in
// the message and the hint alike; the comment on each row says what each one holds. Where a
// hint is just `{n}`, the check passes the whole remedy (typically `did_you_mean()` from
// suggest.hpp, or a list of the names in scope via `quoted_list()`), and may pass "" for none.
#include "millwright/dsl/diagnostic.hpp"

namespace millwright::dsl {

namespace {

std::vector<MessageTemplate> make_table() {
    return {
        // ---- E01xx syntax (reported by the parser) ----------------------------------------
        // {0} what the grammar expected ("`:`", "a state name"), {1} what is there instead
        // ("`foo`", "end of line"), {2} a remedy or "".
        {"E0101", "expected {0}, found {1}", "{2}"},
        // no arguments; the span runs from the opening quote to the end of the line.
        {"E0102", "unterminated string", "close the string with `\"` on the same line"},
        // {0} the nesting limit (CompileLimits::max_expression_depth).
        {"E0103", "expression nested more than {0} levels deep",
         "split it into simpler expressions, or remove redundant parentheses"},
        // {0} the size of the source in bytes, {1} the limit (CompileLimits::max_source_bytes).
        {"E0104", "source is {0} bytes, more than the limit of {1}",
         "split the definitions into several files"},
        // no arguments; the span is the first action of the line.
        {"E0105", "action outside any transition or hook",
         "put the action under a transition of an `on EVENT:` line, or under an `on enter "
         "STATE:` or `on leave STATE:` hook"},
        // {0} what is not closed ("workflow", "matrix"), {1} its name; the span is its
        // header line.
        {"E0106", "{0} `{1}` has no `end`", "close the {0} with `end` on a line of its own"},
        // {0} the kind of literal ("timestamp", "date", "duration", "number", "escape",
        // "literal"), {1} the literal as written, {2} the spelling that works.
        {"E0107", "invalid {0} `{1}`", "{2}"},
        // {0} the Lua compiler's or loader's message; the span is the DSL construct the
        // offending Lua line was generated from (reported by the engine's trial load).
        {"E0108", "this is more than the rule VM can load: {0}",
         "split it (fewer fields read by one rule, shorter texts and lists, fewer decision "
         "tables in one workflow), or give the engine more memory"},
        // {0} how many items the list has, {1} the limit (CompileLimits::max_list_items).
        {"E0109", "list of {0} items, more than the limit of {1}",
         "keep long lists out of definitions: give the values as data, or test a field instead"},
        // {0} the first byte that is not well-formed UTF-8 ("0xE9"); the span is that byte.
        {"E0110", "the text is not valid UTF-8 here (byte {0})",
         "save the file as UTF-8: a character written in another encoding (Latin-1, Windows-1252) "
         "shows up like this"},

        // ---- E02xx names -------------------------------------------------------------------
        // {0} the unknown field, {1} did_you_mean() over the fields, or "".
        {"E0201", "unknown field `{0}`", "{1}"},
        // {0} the unknown state, {1} did_you_mean() over the states, or the declared states.
        {"E0202", "unknown state `{0}`", "{1}"},
        // {0} the unknown name in an expression, {1} did_you_mean() over fields, enum values
        // and builtin names, or "".
        {"E0203", "unknown name `{0}`", "{1}"},
        // {0} the field; add a label "first declared here" at the first declaration.
        {"E0204", "duplicate field `{0}`", "rename or remove one of the two declarations"},
        // {0} the state; add a label "first declared here".
        {"E0205", "duplicate state `{0}`", "rename or remove one of the two declarations"},
        // {0} the event; add a label "first handled here".
        {"E0206", "duplicate handler for event `{0}`",
         "list every alternative of `{0}` under one `on {0}:` line"},
        // {0} the workflow; add a label "first defined here".
        {"E0207", "duplicate workflow `{0}`", "rename one of the two workflows"},
        // {0} the unknown function, {1} did_you_mean() over the callable builtins, or "".
        {"E0208", "unknown function `{0}`", "{1}"},
        // {0} the field whose name is a builtin name.
        {"E0209", "field `{0}` has the name of a builtin",
         "rename the field: `actor`, `now`, `requester`, `assignee`, `state` and `id` are "
         "builtin names"},

        // ---- E03xx types -------------------------------------------------------------------
        // {0} the operator as written ("+", "<=", "not in"), {1} the operand types as a
        // phrase ("money and text", or "text" for a unary operator), {2} a remedy or "".
        {"E0301", "operator `{0}` does not apply to {1}", "{2}"},
        // {0} the type of the guard expression.
        {"E0302", "guard is {0}, not bool", "write a condition, e.g. `when cost > 1000`"},
        // {0} the field, {1} the field's type, {2} the value's type.
        {"E0303", "cannot set {1} field `{0}` to {2}", "give `{0}` a value of type {1}"},
        // {0} the field, {1} the field's type, {2} why the default is rejected ("it is not a
        // constant", "it is text").
        {"E0304", "default of `{0}` must be a constant {1}",
         "write a literal {1} value as the default; {2}"},
        // {0} the builtin, {1} what it takes ("(text)"), {2} what it was given ("(number,
        // number)").
        {"E0305", "`{0}` takes {1}, not {2}", "see the builtins in docs/language.md"},
        // {0} the value, {1} what it should belong to ("field `category`"), {2}
        // did_you_mean() over the enumeration's values, or the values listed.
        {"E0306", "`{0}` is not a value of {1}", "{2}"},
        // {0} the type of the recipient expression (not text).
        {"E0307", "recipient is {0}, not a person",
         "notify or assign a text field, `requester`, `assignee`, `actor`, `data.x`, a string "
         "or `role NAME`"},
        // {0} the list's type; the span is the value written in a message, note or `{name}`.
        {"E0308", "{0} cannot be written as text",
         "write one value, or the number of items with `length(...)`"},

        // ---- E04xx state machine -----------------------------------------------------------
        // {0} the workflow.
        {"E0401", "workflow `{0}` has no initial state",
         "mark one state `(initial)`, e.g. `states new (initial), done (final)`"},
        // {0} the workflow; add a label "also initial" at each further initial state.
        {"E0402", "workflow `{0}` has several initial states",
         "keep `(initial)` on exactly one state"},
        // {0} the final state the transition leaves.
        {"E0403", "transition out of final state `{0}`",
         "remove `(final)` from `{0}`, or remove the transition"},
        // {0} the name after `requires` (a state, event or builtin, not a field).
        {"E0404", "`{0}` is not a field and cannot be required",
         "list only field names after `requires`"},
        // no arguments; the span is the `any except ...` source.
        {"E0405", "`any except` excludes every state",
         "list the source states, or exclude fewer states"},

        // ---- E05xx priorities and matrices ------------------------------------------------
        // {0} the matrix, {1} the combination without a level ("impact = low, urgency =
        // high" or "urgency = low" for a missing column), {2} the remedy. The span is where
        // the cell should be: the end of a short row, the end of the header row, or the
        // matrix's `end` for a missing row.
        {"E0501", "matrix `{0}` has no cell for {1}", "{2}"},
        // {0} the row ("impact high"), {1} the number of columns of the header.
        {"E0502", "extra cell in row `{0}`",
         "the header has {1} columns: remove the level, or add its column to the header"},
        // {0} the value, {1} the axis, {2} did_you_mean() over the axis's values or the values.
        {"E0503", "`{0}` is not a value of axis `{1}`", "{2}"},
        // {0} the axis expected at this place, {1} the name written, {2} the layout.
        {"E0504", "expected axis `{0}`, found `{1}`", "{2}"},
        // {0} the level, {1} did_you_mean() over the levels, or the levels listed.
        {"E0505", "unknown priority level `{0}`", "{1}"},
        // {0} what is written twice ("row `impact high`", "matrix `m`", "`priorities` line",
        // "`priority` line", "level `P1`"); add a label "first written here".
        {"E0506", "duplicate {0}", "remove one of the two"},
        // no arguments; the span is the first matrix or `priority =` line.
        {"E0507", "no priority levels are declared",
         "declare them once, most urgent first: `priorities P1 \"Critical\", P2 \"High\", P3 "
         "\"Medium\", P4 \"Low\"`"},
        // {0} the unknown matrix, {1} did_you_mean() over the matrices, or "".
        {"E0508", "unknown matrix `{0}`", "{1}"},
        // {0} the matrix, {1} its number of axes, {2} the number of fields given, {3} the
        // axes as a call ("impact, urgency").
        {"E0509", "matrix `{0}` has {1} axes, not {2}",
         "give one enumeration field per axis: `{0}({3})`"},
        // {0} the field, {1} the axis, {2} the matrix, {3} why ("it is text", "its value
        // `critical` is not on the axis").
        {"E0510", "field `{0}` does not fit axis `{1}` of matrix `{2}`",
         "an axis takes an enumeration field whose values are all on the axis; {3}"},
        // {0} the field.
        {"E0511", "axis field `{0}` may be unset",
         "give `{0}` a default, or mark it `required`, so that every work order has a priority"},
        // {0} the name as written ("data.x", "actor").
        {"E0512", "`{0}` cannot be read in a priority override",
         "a priority is recomputed when fields change, so an override reads only fields"},

        // ---- E06xx timers -----------------------------------------------------------------
        // {0} the final state; add a label "declared final here".
        {"E0601", "timer in final state `{0}`",
         "a work order in a final state is done: put the timer on a state before it"},
        // {0} the duration as written.
        {"E0602", "timer duration `{0}` is not positive",
         "wait at least one second, e.g. `after 1h`"},
        // {0} the calendar, {1} did_you_mean() over the calendars, or the calendars listed, or
        // how to declare one.
        {"E0603", "unknown calendar `{0}`", "{1}"},
        // no arguments; the span is the second `-> STATE`.
        {"E0604", "timer has more than one transition", "keep one `-> STATE` per timer"},
        // {0} the name as written ("data.x", "actor").
        {"E0605", "`{0}` cannot be read when a timer fires",
         "a timer fires without an event, so it has no `data` and no `actor`; read fields, "
         "`now` or the other builtin names"},
        // {0} what counts business time ("this timer", "this target"), {1} the remedy.
        {"E0606", "{0} counts business time but names no calendar", "{1}"},

        // ---- E07xx calendars --------------------------------------------------------------
        // {0} the range as written, normalised ("17:00-12:00").
        {"E0701", "`{0}` closes before it opens",
         "write the opening time first; a shift that runs past midnight is two shifts, one "
         "until `24:00` and one from `00:00` on the next day"},
        // {0} the shift blamed (the one written later), {1} the one it overlaps, {2} the
        // weekday; add a label "overlaps this shift" at the other one.
        {"E0702", "shifts `{0}` and `{1}` overlap on {2}",
         "let one shift close before the next opens, or merge them into one"},
        // {0} the shift out of order, {1} the one listed before it; add a label "listed first".
        {"E0703", "shift `{0}` is listed after `{1}`, which opens later",
         "list the shifts of a day from the earliest to the latest"},
        // {0} the yearly date ("31 april", "the 5th thursday of november"), {1} the remedy.
        {"E0704", "{0} does not occur every year", "{1}"},
        // {0} the zone as written, {1} "did you mean `x`?" or how to write one.
        {"E0705", "`{0}` is not a time zone name", "{1}"},

        // ---- E08xx SLAs -------------------------------------------------------------------
        // {0} the SLA, {1} the levels without targets, quoted_list(); the span is the SLA's
        // name.
        {"E0801", "sla `{0}` has no targets for {1}",
         "add a line per level: `LEVEL response DURATION, resolution DURATION`"},
        // {0} the target as written.
        {"E0802", "target `{0}` is not positive", "give a time to respond or resolve, e.g. `4h`"},
        // {0} the percentage.
        {"E0803", "warning at {0}% is not between 1% and 99%",
         "warn before the target is due, e.g. `warn at 75%`"},
        // {0} the unknown SLA, {1} did_you_mean() over the SLAs, or "".
        {"E0804", "unknown sla `{0}`", "{1}"},
        // {0} the workflow.
        {"E0805", "workflow `{0}` has an sla but no priority",
         "an SLA sets targets per priority level: derive one with `priority = ...`"},
        // {0} the SLA, {1} the state, {2} the workflow; add a label "named here" at the state
        // in the SLA.
        {"E0806", "sla `{0}` names state `{1}`, which workflow `{2}` does not have",
         "use an SLA written for this workflow's states, or rename the state"},

        // ---- E09xx decision tables --------------------------------------------------------
        // {0} the value, {1} the input, {2} did_you_mean() over the input's values or the
        // values listed.
        {"E0901", "`{0}` is not a value of input `{1}`", "{2}"},
        // {0} the conditions written ("1 condition"), {1} the table, {2} its inputs ("2
        // inputs"), {3} the layout ("category VALUE, impact VALUE").
        {"E0902", "row has {0}, but table `{1}` has {2}",
         "a row gives one condition per input, in order: `{3}: ...`"},
        // {0} the input expected at this place, {1} the name written, {2} the layout.
        {"E0903", "expected a condition on input `{0}`, found `{1}`",
         "a row gives one condition per input, in order: `{2}: ...`"},
        // {0} the values written ("2 outputs"), {1} the table, {2} its outputs ("1 output"),
        // {3} the outputs ("team, calendar").
        {"E0904", "row has {0}, but table `{1}` has {2}",
         "give one value per output, in order: `{3}`"},
        // {0} the table, {1} an input not covered ("category = hvac, impact = low"), {2} the
        // remedy (with the number of such inputs). The span is the table's `end`.
        {"E0905", "no row of table `{0}` covers {1}", "{2}"},
        // {0} the table, {1} an input both rows match; the span is the later row; add a
        // label "also matches" at the earlier one.
        {"E0906", "rows of unique table `{0}` overlap on {1}",
         "make the two rows' conditions exclusive, or declare the table `hit first`"},
        // {0} the table, {1} its number of input combinations, {2} the limit.
        {"E0907", "table `{0}` has {1} input combinations, more than the {2} that can be checked",
         "split it into smaller tables, or give its inputs fewer values"},
        // {0} the unknown table, {1} did_you_mean() over the tables, or "".
        {"E0908", "unknown table `{0}`", "{1}"},
        // {0} the table, {1} the input or output without a field, {2} "input" or "output".
        {"E0909", "table `{0}` needs a field `{1}` for its {2}",
         "`classify with` reads the fields named like the table's inputs and sets the fields "
         "named like its outputs: declare `field {1} : ...`"},
        // {0} the field, {1} "input" or "output", {2} its name, {3} the table, {4} why.
        {"E0910", "field `{0}` does not fit {1} `{2}` of table `{3}`", "{4}"},
        // {0} the field, {1} the table.
        {"E0911", "input field `{0}` may be unset",
         "give `{0}` a default, or mark it `required`, so that table `{1}` always has a value "
         "to match"},

        // ---- E10xx approval chains ---------------------------------------------------------
        // {0} the unknown approval, {1} did_you_mean() over the approvals, or how to declare it.
        {"E1001", "unknown approval `{0}`", "{1}"},
        // {0} the step, {1} the approval; add a label "first declared here" at the first one.
        {"E1002", "duplicate step `{0}` in approval `{1}`", "give each step a name of its own"},
        // {0} the step, {1} the count as written; the span is the rule.
        {"E1003", "step `{0}` asks for {1} approvals",
         "a step needs at least one approval: write `any of`, or `N of` with N of 1 or more"},
        // {0} the step, {1} the count, {2} how many approvers it lists; the span is the rule.
        {"E1004", "step `{0}` asks for {1} approvals but lists {2} approvers",
         "lower the count, list more people, or name a role"},
        // no arguments; the span is the `parallel` line.
        {"E1005", "parallel group has no steps",
         "put the steps that run together between `parallel` and `end`, or remove the group"},
        // {0} the approval, {1} the state, {2} the workflow that starts it, {3} did_you_mean()
        // over its states, or the list of them; add a label "started here" at the `start`.
        {"E1006", "approval `{0}` names state `{1}`, which workflow `{2}` does not have", "{3}"},
        // {0} the approval, {1} `approved` or `rejected`; the span is the approval's name.
        {"E1007", "approval `{0}` has no `on {1}` line",
         "add `on {1} -> STATE`: where a work order goes when the chain is {1}"},
        // {0} the timeout as written.
        {"E1008", "timeout `{0}` is not positive",
         "give the time a step may wait, e.g. `3 business days`"},

        // ---- E11xx preventive maintenance ---------------------------------------------------
        // {0} the workflow a `create` line names, {1} did_you_mean() over the file's
        // workflows, or where the workflow must be defined.
        {"E1101", "unknown workflow `{0}`", "{1}"},
        // {0} the pm rule, {1} what it lacks ("schedule or condition", "`create` line"),
        // {2} how to add it; the span is the rule's name.
        {"E1102", "pm rule `{0}` has no {1}", "{2}"},
        // {0} the pm rule; the span is its condition line, with a label at the schedule.
        {"E1103", "pm rule `{0}` has both a schedule and a condition",
         "a rule has one trigger: split it into two rules"},
        // {0} the schedule as written up to its first part (`every 3 months`), {1} what the
        // starting date decides, as a remedy ("add `, starting YYYY-MM-DD`: it says which
        // months count").
        {"E1104", "`{0}` needs a `starting` date to count from", "{1}"},
        // {0} the part (`on the first monday`, `lead 7 days`), {1} the kind of schedule it
        // is in ("a weekly schedule", "a condition rule"), {2} the remedy.
        {"E1105", "`{0}` does not fit {1}", "{2}"},
        // {0} the rule parser's message; the span is the offending part inside the string.
        {"E1106", "invalid recurrence rule: {0}",
         "write the rule as RFC 5545 section 3.3.10 defines it, e.g. `FREQ=MONTHLY;BYDAY=1MO`"},
        // {0} the count or duration as written (`every 0 days`, `repeat 0 times`).
        {"E1107", "`{0}` must be more than zero", "{1}"},
        // {0} the clearing test as written, {1} what is wrong with it, {2} the remedy.
        {"E1108", "`clears when {0}` {1}", "{2}"},
        // {0} the reference as written (`asset.class`, `pm.due`).
        {"E1109", "`{0}` can be read only in a pm rule",
         "the fields of an asset are read in the `for assets where` and `create` lines of a "
         "`pm` rule"},
        // {0} the name as written, {1} where it cannot be read ("when assets are selected",
        // "when a pm rule creates a work order"), {2} why, or what to read instead.
        {"E1110", "`{0}` cannot be read {1}", "{2}"},
        // {0} the key after `pm.`, {1} did_you_mean() over the pm values, or their list.
        {"E1111", "unknown pm value `pm.{0}`", "{1}"},
        // {0} and {1} two times of day of one schedule, as written.
        {"E1112", "times of day `{0}` and `{1}` fall on different minutes",
         "a schedule falls on one minute of each hour it names: write two rules, or an `rrule` "
         "whose BYHOUR and BYMINUTE give every combination you mean"},

        // ---- W01xx lints -------------------------------------------------------------------
        // {0} the state, {1} the initial state.
        {"W0101", "state `{0}` is unreachable from the initial state `{1}`",
         "add a transition into `{0}`, or remove the state"},
        // {0} the event; add a label "taken first" at the unguarded alternative before it.
        {"W0102", "alternative of `{0}` can never be taken",
         "give the earlier alternative a `when` guard, or move this one above it"},
        // {0} the table, {1} an input no row covers, {2} how many ("1 input", "3 inputs").
        {"W0901", "no row of collect table `{0}` covers {1}",
         "its outputs are then empty lists ({2} in all); add a row if that is not meant"},
        // {0} the table; add a label "chosen instead" at the row chosen for an input it
        // matches.
        {"W0902", "row of table `{0}` is never chosen",
         "the rows above it match every input it matches: move it up, or remove it"},
    };
}

} // namespace

const std::vector<MessageTemplate>& message_table() {
    static const std::vector<MessageTemplate> table = make_table();
    return table;
}

} // namespace millwright::dsl
