// The PEGTL grammar of the millwright DSL, one statement per line.
//
// Why line-oriented: the obvious grammar is one rule for the whole file (`workflow ... end`
// with nested event blocks). We parse one *line* at a time instead, and the parser (parse.cpp)
// assembles lines into workflows, events and alternatives. That costs a little (block
// structure such as "an action line belongs to the last alternative" lives in C++, not here),
// but it buys what facility managers need: a syntax error stops only its own line, the parser
// resumes at the next one, and every error in the file is reported in one run. A trailing
// `,` continues a statement on the next line, so the comma rule swallows line breaks.
//
// Conventions: every token rule consumes the blanks after it (so a failed `must<>` points at
// the next token, not at the space before it); the rules a parse tree keeps (see parse.cpp)
// are raw and never include trailing blanks. Each rule used under `must<>` has an entry in the
// error table at the end of this file naming what was expected.
#pragma once

#include <string>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace millwright::dsl::grammar {

using tao::pegtl::at;
using tao::pegtl::digit;
using tao::pegtl::eof;
using tao::pegtl::eol;
using tao::pegtl::eolf;
using tao::pegtl::if_must;
using tao::pegtl::must;
using tao::pegtl::not_at;
using tao::pegtl::not_one;
using tao::pegtl::one;
using tao::pegtl::opt;
using tao::pegtl::plus;
using tao::pegtl::rep;
using tao::pegtl::seq;
using tao::pegtl::sor;
using tao::pegtl::star;
using tao::pegtl::ascii::identifier_other;

// ---------------------------------------------------------------------------------------------
// The input: a memory input that also carries the expression nesting budget and the start of
// the string being read (so an unterminated string is reported where it opens).

/// The PEGTL input the parser runs on; one per statement, over the rest of the source.
class line_input : public tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> {
public:
    line_input(const char* begin, const char* end, unsigned max_depth)
        : memory_input(begin, end, std::string()), max_depth(max_depth) {}

    unsigned max_depth;
    unsigned depth = 0;
    const char* string_start = nullptr;
};

/// What kind of syntax problem a failed rule means; parse.cpp maps each to its code.
enum class error_kind {
    expected,            ///< E0101 expected ...
    unterminated_string, ///< E0102
    too_deep,            ///< E0103
    bad_escape,          ///< E0107 (an invalid escape inside a string)
};

/// Thrown by the control (and by `nested`) at the exact byte where parsing cannot go on.
struct syntax_error {
    error_kind kind = error_kind::expected;
    const char* at = nullptr;    ///< where the problem is
    const char* what = "";       ///< for `expected`: what the grammar wanted there
    const char* hint = "";       ///< an optional remedy
    const char* start = nullptr; ///< unterminated_string: the opening quote
};

/// Matches Rule with one more level of expression nesting; deeper than the input's
/// max_depth is E0103. This is what keeps `((((...` from exhausting the stack.
template <typename Rule>
struct nested {
    using rule_t = nested;
    using subs_t = tao::pegtl::type_list<Rule>;

    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
              template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        if constexpr (requires { in.depth; }) {
            const depth_guard level(in.depth);
            if (in.depth > in.max_depth) {
                throw syntax_error{error_kind::too_deep, in.current()};
            }
            return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
        } else {
            return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
        }
    }

private:
    struct depth_guard {
        unsigned& depth;
        explicit depth_guard(unsigned& counter) : depth(counter) { ++depth; }
        depth_guard(const depth_guard&) = delete;
        depth_guard& operator=(const depth_guard&) = delete;
        ~depth_guard() { --depth; }
    };
};

/// Matches `"` and remembers where it is, for E0102.
struct opening_quote {
    using rule_t = opening_quote;
    using subs_t = tao::pegtl::empty_list;

    template <typename ParseInput>
    [[nodiscard]] static bool match(ParseInput& in) {
        if (in.empty() || in.peek_char() != '"') {
            return false;
        }
        if constexpr (requires { in.string_start; }) {
            in.string_start = in.current();
        }
        in.bump(1);
        return true;
    }
};

// clang-format off

// ---------------------------------------------------------------------------------------------
// Lexical rules

struct blanks : star<one<' ', '\t'>> {};
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
/// The end of a physical line, after optional blanks and a comment.
struct line_end : seq<blanks, opt<comment>, eolf> {};
/// After a comma, line breaks, blank lines and comments are skipped: a line ending in `,`
/// continues on the next one.
struct continuation : star<sor<one<' ', '\t'>, seq<opt<comment>, eol>>> {};

template <typename Rule> struct tok : seq<Rule, blanks> {};

struct reserved_word : sor<
    TAO_PEGTL_KEYWORD("workflow"), TAO_PEGTL_KEYWORD("end"), TAO_PEGTL_KEYWORD("field"),
    TAO_PEGTL_KEYWORD("required"), TAO_PEGTL_KEYWORD("of"), TAO_PEGTL_KEYWORD("list"),
    TAO_PEGTL_KEYWORD("on"), TAO_PEGTL_KEYWORD("enter"), TAO_PEGTL_KEYWORD("leave"),
    TAO_PEGTL_KEYWORD("states"), TAO_PEGTL_KEYWORD("initial"), TAO_PEGTL_KEYWORD("final"),
    TAO_PEGTL_KEYWORD("any"), TAO_PEGTL_KEYWORD("except"), TAO_PEGTL_KEYWORD("when"),
    TAO_PEGTL_KEYWORD("requires"), TAO_PEGTL_KEYWORD("set"), TAO_PEGTL_KEYWORD("notify"),
    TAO_PEGTL_KEYWORD("assign"), TAO_PEGTL_KEYWORD("to"), TAO_PEGTL_KEYWORD("note"),
    TAO_PEGTL_KEYWORD("role"), TAO_PEGTL_KEYWORD("and"), TAO_PEGTL_KEYWORD("or"),
    TAO_PEGTL_KEYWORD("not"), TAO_PEGTL_KEYWORD("in"), TAO_PEGTL_KEYWORD("true"),
    TAO_PEGTL_KEYWORD("false"), TAO_PEGTL_KEYWORD("data"), TAO_PEGTL_KEYWORD("text"),
    TAO_PEGTL_KEYWORD("number"), TAO_PEGTL_KEYWORD("money"), TAO_PEGTL_KEYWORD("bool"),
    TAO_PEGTL_KEYWORD("time"), TAO_PEGTL_KEYWORD("date"), TAO_PEGTL_KEYWORD("duration")> {};

/// A name: `[A-Za-z_][A-Za-z0-9_]*` that is not a reserved word.
struct identifier : seq<not_at<reserved_word>, tao::pegtl::ascii::identifier> {};

// Names by role, so that an error says which name was expected.
struct workflow_name : tok<identifier> {};
struct field_name : tok<identifier> {};
struct state_name : tok<identifier> {};
/// Event names may be reserved words (`on assign:` reads naturally); only `enter` and
/// `leave` are taken, by the hooks.
struct event_identifier : seq<not_at<sor<TAO_PEGTL_KEYWORD("enter"), TAO_PEGTL_KEYWORD("leave")>>,
                              tao::pegtl::ascii::identifier> {};
struct event_name : tok<event_identifier> {};
struct enum_value : tok<identifier> {};
struct role_name : tok<identifier> {};
struct required_name : tok<identifier> {};

struct kw_workflow : tok<TAO_PEGTL_KEYWORD("workflow")> {};
struct kw_end : TAO_PEGTL_KEYWORD("end") {};
struct kw_field : tok<TAO_PEGTL_KEYWORD("field")> {};
struct kw_of : tok<TAO_PEGTL_KEYWORD("of")> {};
struct kw_list : tok<TAO_PEGTL_KEYWORD("list")> {};
struct kw_states : tok<TAO_PEGTL_KEYWORD("states")> {};
struct kw_on : tok<TAO_PEGTL_KEYWORD("on")> {};
struct kw_any : tok<TAO_PEGTL_KEYWORD("any")> {};
struct kw_except : tok<TAO_PEGTL_KEYWORD("except")> {};
struct kw_when : tok<TAO_PEGTL_KEYWORD("when")> {};
struct kw_requires : tok<TAO_PEGTL_KEYWORD("requires")> {};
struct kw_set : tok<TAO_PEGTL_KEYWORD("set")> {};
struct kw_notify : tok<TAO_PEGTL_KEYWORD("notify")> {};
struct kw_assign : tok<TAO_PEGTL_KEYWORD("assign")> {};
struct kw_to : tok<TAO_PEGTL_KEYWORD("to")> {};
struct kw_note : tok<TAO_PEGTL_KEYWORD("note")> {};
struct kw_role : tok<TAO_PEGTL_KEYWORD("role")> {};
struct kw_and : tok<TAO_PEGTL_KEYWORD("and")> {};
struct kw_or : tok<TAO_PEGTL_KEYWORD("or")> {};
struct kw_not : tok<TAO_PEGTL_KEYWORD("not")> {};
struct kw_in : tok<TAO_PEGTL_KEYWORD("in")> {};

struct colon : tok<one<':'>> {};
struct comma : seq<one<','>, continuation> {};
struct arrow : tok<TAO_PEGTL_STRING("->")> {};
struct equals_sign : tok<one<'='>> {};
struct open_paren : tok<one<'('>> {};
struct close_paren : tok<one<')'>> {};
struct open_bracket : tok<one<'['>> {};
struct close_bracket : tok<one<']'>> {};
struct pipe : tok<one<'|'>> {};

// ---------------------------------------------------------------------------------------------
// Literals. Numeric-looking rules are tried longest shape first (timestamp, date, durations,
// number); anything else that starts with a digit is a malformed literal (E0107), so `12abc`
// is one clear error instead of a number followed by a stray name.

struct digits : plus<digit> {};
struct date_shape : seq<rep<4, digit>, one<'-'>, digits, one<'-'>, digits> {};
struct utc_offset : sor<one<'Z'>, seq<one<'+', '-'>, digits, one<':'>, digits>> {};
struct timestamp_literal : seq<date_shape, one<'T'>, digits, one<':'>, digits,
                               opt<one<':'>, digits, opt<one<'.'>, digits>>, opt<utc_offset>,
                               not_at<identifier_other>> {};
struct date_literal : seq<date_shape, not_at<sor<identifier_other, one<'.'>>>> {};
struct duration_unit_letter : one<'w', 'd', 'h', 'm', 's'> {};
/// `4h`, `30m`, `4h30m`.
struct duration_compact : seq<plus<digits, duration_unit_letter>, not_at<identifier_other>> {};
struct duration_unit_word : sor<
    TAO_PEGTL_KEYWORD("weeks"), TAO_PEGTL_KEYWORD("week"), TAO_PEGTL_KEYWORD("days"),
    TAO_PEGTL_KEYWORD("day"), TAO_PEGTL_KEYWORD("hours"), TAO_PEGTL_KEYWORD("hour"),
    TAO_PEGTL_KEYWORD("minutes"), TAO_PEGTL_KEYWORD("minute"), TAO_PEGTL_KEYWORD("seconds"),
    TAO_PEGTL_KEYWORD("second")> {};
/// `3 days`, `1 hour`.
struct duration_spelled : seq<digits, plus<one<' ', '\t'>>, duration_unit_word> {};
struct number_literal : seq<digits, opt<one<'.'>, digits>,
                            not_at<sor<identifier_other, one<'.'>>>> {};
struct malformed_literal : seq<digit, star<sor<identifier_other, one<'.'>>>> {};

struct escaped_char : one<'"', '\\', 'n', 't'> {};
struct escape : seq<one<'\\'>, must<escaped_char>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\r', '\n'>> {};
struct closing_quote : one<'"'> {};
/// `"..."`; `{name}` interpolation markers stay in the text for codegen.
struct string_literal : seq<opening_quote, star<string_char>, must<closing_quote>> {};

struct true_literal : TAO_PEGTL_KEYWORD("true") {};
struct false_literal : TAO_PEGTL_KEYWORD("false") {};

// ---------------------------------------------------------------------------------------------
// Expressions, lowest precedence first:
//   or < and < not (prefix) < comparison (non-associative) < + - < * / < unary - < primary

struct expression;

struct data_key : tao::pegtl::ascii::identifier {};
/// `data.key`: a field of the event's data.
struct data_ref : seq<TAO_PEGTL_KEYWORD("data"), one<'.'>, must<data_key>> {};
/// `asset.class` and `pm.due`: what a preventive-maintenance rule reads about the asset and
/// the occurrence it is creating a work order for.
struct context_key : tao::pegtl::ascii::identifier {};
struct asset_ref : seq<TAO_PEGTL_KEYWORD("asset"), one<'.'>, must<context_key>> {};
struct pm_ref : seq<TAO_PEGTL_KEYWORD("pm"), one<'.'>, must<context_key>> {};
struct argument_list : seq<expression, star<comma, must<expression>>> {};
/// `lower(x)`: the name is followed directly by `(`.
struct call : seq<identifier, one<'('>, blanks, opt<argument_list>, must<close_paren>> {};
struct list_literal : seq<open_bracket, opt<argument_list>, must<close_bracket>> {};
struct paren_expr : seq<open_paren, must<expression>, must<close_paren>> {};

struct primary_body : sor<paren_expr, list_literal, string_literal, timestamp_literal,
                          date_literal, duration_spelled, duration_compact, number_literal,
                          malformed_literal, true_literal, false_literal, data_ref, asset_ref,
                          pm_ref, call, identifier> {};
struct primary : seq<primary_body, blanks> {};

struct op_negate : tok<seq<one<'-'>, not_at<one<'>'>>>> {};
struct unary;
struct negation : seq<op_negate, must<nested<unary>>> {};
struct unary : sor<negation, primary> {};

struct op_mul : tok<one<'*'>> {};
struct op_div : tok<one<'/'>> {};
struct term : seq<unary, star<sor<op_mul, op_div>, must<unary>>> {};

struct op_add : tok<one<'+'>> {};
struct op_sub : tok<seq<one<'-'>, not_at<one<'>'>>>> {};
struct additive : seq<term, star<sor<op_add, op_sub>, must<term>>> {};

struct op_ne : tok<TAO_PEGTL_STRING("!=")> {};
struct op_le : tok<TAO_PEGTL_STRING("<=")> {};
struct op_ge : tok<TAO_PEGTL_STRING(">=")> {};
struct op_eq : tok<one<'='>> {};
struct op_lt : tok<one<'<'>> {};
struct op_gt : tok<one<'>'>> {};
struct op_not_in : seq<kw_not, kw_in> {};
struct op_in : kw_in {};
struct comparison_op : sor<op_ne, op_le, op_ge, op_eq, op_lt, op_gt, op_not_in, op_in> {};
/// Comparisons do not chain: `a < b < c` is an error, not `(a < b) < c`.
struct unchained : not_at<comparison_op> {};
struct comparison : seq<additive, opt<comparison_op, must<additive>, must<unchained>>> {};

struct not_expr;
struct logical_not : seq<kw_not, must<nested<not_expr>>> {};
struct not_expr : sor<logical_not, comparison> {};
struct and_expr : seq<not_expr, star<kw_and, must<not_expr>>> {};
struct or_expr : seq<and_expr, star<kw_or, must<and_expr>>> {};
struct expression : nested<or_expr> {};

// ---------------------------------------------------------------------------------------------
// Types

struct scalar_type_word : sor<
    TAO_PEGTL_KEYWORD("text"), TAO_PEGTL_KEYWORD("number"), TAO_PEGTL_KEYWORD("money"),
    TAO_PEGTL_KEYWORD("bool"), TAO_PEGTL_KEYWORD("time"), TAO_PEGTL_KEYWORD("date"),
    TAO_PEGTL_KEYWORD("duration")> {};
struct scalar_type : tok<scalar_type_word> {};
/// `a | b | c`: two or more values.
struct enum_type : seq<enum_value, plus<pipe, must<enum_value>>> {};
struct element_type : sor<scalar_type, enum_type> {};
struct list_type : seq<kw_list, must<kw_of>, must<element_type>> {};
struct type_ref : sor<list_type, scalar_type, enum_type> {};

// ---------------------------------------------------------------------------------------------
// Actions and recipients

struct role_recipient : seq<kw_role, must<role_name>> {};
struct recipient : sor<role_recipient, primary> {};
struct set_action : seq<kw_set, must<field_name>, must<equals_sign>, must<expression>> {};
struct notify_action : seq<kw_notify, must<recipient>, must<expression>> {};
struct assign_action : seq<kw_assign, must<kw_to>, must<recipient>> {};
struct note_action : seq<kw_note, must<expression>> {};
struct classify_action;
struct action : sor<set_action, notify_action, assign_action, note_action, classify_action> {};
struct action_list : seq<action, star<comma, must<action>>> {};

// ---------------------------------------------------------------------------------------------
// Statements. Each ends with a lookahead for the end of the line, named for the error table
// (`field_end`, ...), so a stray token is reported with what could have come instead.

struct end_of_line : at<line_end> {};

struct title : seq<string_literal, blanks> {};
struct workflow_header : seq<kw_workflow, must<workflow_name>, opt<title>> {};
struct workflow_end : end_of_line {};
struct workflow_stmt : seq<workflow_header, must<workflow_end>> {};

struct end_decl : kw_end {};
struct end_stmt : seq<end_decl, blanks, must<end_of_line>> {};

struct required_word : TAO_PEGTL_KEYWORD("required") {};
struct required_flag : tok<required_word> {};
struct field_default : seq<equals_sign, must<expression>> {};
struct field_options : opt<sor<seq<comma, must<required_flag>, opt<field_default>>,
                               seq<field_default, opt<comma, must<required_flag>>>>> {};
struct field_decl : seq<kw_field, must<field_name>, must<colon>, must<type_ref>,
                        field_options> {};
struct field_end : end_of_line {};
struct field_stmt : seq<field_decl, must<field_end>> {};

struct initial_word : TAO_PEGTL_KEYWORD("initial") {};
struct final_word : TAO_PEGTL_KEYWORD("final") {};
struct state_flag : sor<tok<initial_word>, tok<final_word>> {};
struct state_flags : seq<open_paren, must<state_flag>, star<comma, must<state_flag>>,
                         must<close_paren>> {};
struct state_item : seq<identifier, blanks, opt<state_flags>> {};
struct states_decl : seq<kw_states, must<state_item>, star<comma, must<state_item>>> {};
struct states_end : end_of_line {};
struct states_stmt : seq<states_decl, must<states_end>> {};

struct any_states : seq<kw_any, opt<kw_except, must<state_name>,
                                    star<comma, must<state_name>>>> {};
struct listed_states : seq<state_name, star<comma, must<state_name>>> {};
struct source_states : sor<any_states, listed_states> {};
struct target_state : state_name {};
struct guard_clause : seq<kw_when, must<expression>> {};
/// `start NAME` ahead: after `requires f,` it starts a chain rather than naming a field
/// `start` (the word is not reserved, so without this look-ahead the list would take it).
struct start_ahead : seq<TAO_PEGTL_KEYWORD("start"), blanks, tao::pegtl::ascii::identifier> {};
struct requires_clause : seq<kw_requires, must<required_name>,
                             star<comma, not_at<start_ahead>, required_name>> {};
/// `FROM -> TO [when EXPR] [requires f, g] [, ACTION | , start CHAIN]...`
struct start_clause;
struct alternative : seq<source_states, must<arrow>, must<target_state>, opt<guard_clause>,
                         opt<requires_clause>, star<comma, sor<start_clause, must<action>>>> {};
struct alternative_end : end_of_line {};
struct alternative_stmt : seq<alternative, must<alternative_end>> {};

struct enter_word : TAO_PEGTL_KEYWORD("enter") {};
struct leave_word : TAO_PEGTL_KEYWORD("leave") {};
struct hook_header : seq<kw_on, sor<tok<enter_word>, tok<leave_word>>, must<state_name>,
                         must<colon>> {};
struct actions_end : end_of_line {};
struct hook_rest : sor<end_of_line, seq<action_list, must<actions_end>>> {};
struct hook_stmt : seq<hook_header, must<hook_rest>> {};

struct event_header : seq<kw_on, must<event_name>, must<colon>> {};
struct event_rest : sor<end_of_line, seq<alternative, must<alternative_end>>> {};
struct event_stmt : seq<event_header, must<event_rest>> {};

struct action_stmt : seq<action_list, must<actions_end>> {};

// ---------------------------------------------------------------------------------------------
// Priorities and matrices. None of their words is reserved (a field may be called `priority`),
// so each statement first looks one token ahead before it commits with `must<>`: `priority ->
// x` stays a transition out of a state called `priority`.

struct kw_priorities : tok<TAO_PEGTL_KEYWORD("priorities")> {};
struct kw_matrix : tok<TAO_PEGTL_KEYWORD("matrix")> {};
struct kw_priority : tok<TAO_PEGTL_KEYWORD("priority")> {};
struct kw_but : tok<TAO_PEGTL_KEYWORD("but")> {};

/// A lookahead for a name; it keeps no parse-tree node (an `at<identifier>` would).
struct name_ahead : at<tao::pegtl::ascii::identifier> {};

struct level_name : tok<identifier> {};
struct matrix_name : tok<identifier> {};
struct axis_name : tok<identifier> {};
struct axis_value : tok<identifier> {};
struct cell : tok<identifier> {};

/// `P1 "Critical"`: a level and its optional title.
struct level_item : seq<identifier, blanks, opt<title>> {};
struct priorities_decl : seq<kw_priorities, name_ahead, must<level_item>,
                             star<comma, must<level_item>>> {};
struct priorities_end : end_of_line {};
struct priorities_stmt : seq<priorities_decl, must<priorities_end>> {};

/// `impact: high | medium | low` (an axis may have a single value).
struct axis_colon : colon {};
struct axis_decl : seq<axis_name, must<axis_colon>, must<axis_value>, star<pipe, must<axis_value>>> {};
struct matrix_axes : seq<open_paren, must<axis_decl>, star<comma, must<axis_decl>>,
                         must<close_paren>> {};
struct matrix_decl : seq<kw_matrix, name_ahead, must<matrix_name>, must<matrix_axes>> {};
struct matrix_end : end_of_line {};
struct matrix_stmt : seq<matrix_decl, must<matrix_end>> {};

/// The header row: `urgency: high medium low`.
struct matrix_columns : seq<axis_name, colon, star<axis_value>> {};
/// `impact high`: one axis and its value, as a row starts.
struct row_key : seq<axis_name, axis_value> {};
/// `impact high: P1 P2 P3`.
struct matrix_row : seq<row_key, star<comma, must<row_key>>, must<colon>, star<cell>> {};
struct row_end : end_of_line {};
struct matrix_row_stmt : seq<sor<matrix_row, matrix_columns>, must<row_end>> {};

/// `priority = facility_priority(impact, urgency)`.
struct priority_matrix : seq<identifier, blanks, one<'('>, blanks, must<field_name>,
                             star<comma, must<field_name>>, must<close_paren>> {};
struct priority_source : sor<priority_matrix, level_name> {};
struct priority_decl : seq<kw_priority, equals_sign, must<priority_source>> {};
struct priority_end : end_of_line {};
struct priority_stmt : seq<priority_decl, must<priority_end>> {};

/// `but P1 when category = electrical and impact = high`.
struct override_decl : seq<kw_but, name_ahead, must<level_name>, must<kw_when>,
                           must<expression>> {};
struct override_end : end_of_line {};
struct override_stmt : seq<override_decl, must<override_end>> {};

// ---------------------------------------------------------------------------------------------
// Timers: `after 3 business days on office in awaiting_approval: -> escalated, notify ...`.
// `after` is no reserved word either: a digit must follow it.

struct kw_after : tok<TAO_PEGTL_KEYWORD("after")> {};
struct business_word : TAO_PEGTL_KEYWORD("business") {};
/// `3 business days`: `business` inside a spelled duration.
struct business_duration : seq<digits, plus<one<' ', '\t'>>, business_word,
                               plus<one<' ', '\t'>>, duration_unit_word> {};
/// `4h business`, `3 days business`.
struct timer_business : tok<business_word> {};
struct timer_length : sor<seq<business_duration, blanks>,
                          seq<sor<duration_spelled, duration_compact>, blanks,
                              opt<timer_business>>> {};
struct calendar_name : tok<identifier> {};
struct timer_calendar : seq<kw_on, must<calendar_name>> {};
struct timer_in : kw_in {};
struct timer_header : seq<kw_after, at<digit>, must<timer_length>, opt<timer_calendar>,
                          must<timer_in>, must<state_name>, must<colon>> {};
struct timer_transition : seq<arrow, must<target_state>> {};
struct timer_item : sor<timer_transition, action> {};
struct timer_rest : sor<end_of_line, seq<timer_item, star<comma, must<timer_item>>,
                                         must<actions_end>>> {};
struct timer_stmt : seq<timer_header, must<timer_rest>> {};

// ---------------------------------------------------------------------------------------------
// Calendars: `calendar office "Office" in "Europe/Berlin"`, then lines of opening hours,
// holidays, yearly holidays and closures, and `end`. Times of day are `HH:MM` (24:00 closes a
// day); their ranges are checked by the parser, their order and overlaps by the checker.

struct kw_calendar : tok<TAO_PEGTL_KEYWORD("calendar")> {};
struct kw_every : tok<TAO_PEGTL_KEYWORD("every")> {};
struct zone_in : kw_in {};
struct time_zone : seq<string_literal, blanks> {};
struct calendar_decl : seq<kw_calendar, name_ahead, must<calendar_name>, opt<title>,
                           must<zone_in>, must<time_zone>> {};
struct calendar_end : end_of_line {};
struct calendar_stmt : seq<calendar_decl, must<calendar_end>> {};

struct weekday_word : sor<
    TAO_PEGTL_KEYWORD("monday"), TAO_PEGTL_KEYWORD("tuesday"), TAO_PEGTL_KEYWORD("wednesday"),
    TAO_PEGTL_KEYWORD("thursday"), TAO_PEGTL_KEYWORD("friday"), TAO_PEGTL_KEYWORD("saturday"),
    TAO_PEGTL_KEYWORD("sunday"), TAO_PEGTL_KEYWORD("mon"), TAO_PEGTL_KEYWORD("tue"),
    TAO_PEGTL_KEYWORD("wed"), TAO_PEGTL_KEYWORD("thu"), TAO_PEGTL_KEYWORD("fri"),
    TAO_PEGTL_KEYWORD("sat"), TAO_PEGTL_KEYWORD("sun")> {};
struct weekday : seq<weekday_word, blanks> {};
struct month_word : sor<
    TAO_PEGTL_KEYWORD("january"), TAO_PEGTL_KEYWORD("february"), TAO_PEGTL_KEYWORD("march"),
    TAO_PEGTL_KEYWORD("april"), TAO_PEGTL_KEYWORD("may"), TAO_PEGTL_KEYWORD("june"),
    TAO_PEGTL_KEYWORD("july"), TAO_PEGTL_KEYWORD("august"), TAO_PEGTL_KEYWORD("september"),
    TAO_PEGTL_KEYWORD("october"), TAO_PEGTL_KEYWORD("november"), TAO_PEGTL_KEYWORD("december"),
    TAO_PEGTL_KEYWORD("jan"), TAO_PEGTL_KEYWORD("feb"), TAO_PEGTL_KEYWORD("mar"),
    TAO_PEGTL_KEYWORD("apr"), TAO_PEGTL_KEYWORD("jun"), TAO_PEGTL_KEYWORD("jul"),
    TAO_PEGTL_KEYWORD("aug"), TAO_PEGTL_KEYWORD("sep"), TAO_PEGTL_KEYWORD("oct"),
    TAO_PEGTL_KEYWORD("nov"), TAO_PEGTL_KEYWORD("dec")> {};
struct month : seq<month_word, blanks> {};

/// `08:00`.
struct clock_time : seq<digits, one<':'>, digits, not_at<identifier_other>> {};
struct range_dash : tok<one<'-'>> {};
/// `08:00-12:00`.
struct shift : seq<clock_time, blanks, must<range_dash>, must<clock_time>, blanks> {};
struct day_word : tok<TAO_PEGTL_KEYWORD("day")> {};
struct every_day : seq<kw_every, day_word> {};
/// `mon-fri`, `sat`.
struct day_range : seq<weekday, opt<range_dash, must<weekday>>> {};
struct hours_line : seq<sor<every_day, day_range>, must<shift>, star<comma, must<shift>>> {};

struct calendar_date : seq<date_literal, blanks> {};
struct holidays_line : seq<tok<TAO_PEGTL_KEYWORD("holidays")>, must<calendar_date>,
                           star<comma, must<calendar_date>>> {};
/// `1st` ... `5th` or `last`.
struct ordinal : sor<TAO_PEGTL_KEYWORD("1st"), TAO_PEGTL_KEYWORD("2nd"), TAO_PEGTL_KEYWORD("3rd"),
                     TAO_PEGTL_KEYWORD("4th"), TAO_PEGTL_KEYWORD("5th"),
                     TAO_PEGTL_KEYWORD("last")> {};
/// `4th thursday of november`.
struct month_of : kw_of {};
struct yearly_weekday : seq<ordinal, blanks, must<weekday>, must<month_of>, must<month>> {};
/// `25 december`.
struct day_of_month : digits {};
struct yearly_date : seq<day_of_month, blanks, must<month>> {};
struct yearly_rule : sor<yearly_weekday, yearly_date> {};
struct yearly_line : seq<kw_every, must<yearly_rule>> {};
/// `closed 2026-11-27` (the whole day) or `closed 2026-11-27 12:00-17:00`.
struct closed_line : seq<tok<TAO_PEGTL_KEYWORD("closed")>, must<calendar_date>, opt<shift>> {};
struct calendar_row_end : end_of_line {};
struct calendar_row_stmt : seq<sor<hours_line, yearly_line, holidays_line, closed_line>,
                               must<calendar_row_end>> {};

// ---------------------------------------------------------------------------------------------
// SLAs: `sla standard "Standard targets"`, a line of targets per priority level, the states
// that start, stop and pause the clocks, a warning point, and `end`. A target is written like
// a timer's duration: `4h`, `2 business days on office_hours`.

struct kw_sla : tok<TAO_PEGTL_KEYWORD("sla")> {};
struct sla_name : tok<identifier> {};
struct sla_decl : seq<kw_sla, name_ahead, must<sla_name>, opt<title>> {};
struct sla_end : end_of_line {};
struct sla_stmt : seq<sla_decl, must<sla_end>> {};

struct sla_target : seq<timer_length, opt<timer_calendar>> {};
struct kw_response : tok<TAO_PEGTL_KEYWORD("response")> {};
struct kw_resolution : tok<TAO_PEGTL_KEYWORD("resolution")> {};
struct sla_comma : comma {};
/// `P1 response 1h, resolution 4h`.
struct sla_level : seq<identifier, blanks, kw_response, must<sla_target>, must<sla_comma>,
                       must<kw_resolution>, must<sla_target>> {};
struct clock_word : sor<TAO_PEGTL_KEYWORD("response"), TAO_PEGTL_KEYWORD("resolution")> {};
struct clock_event : sor<TAO_PEGTL_KEYWORD("starts"), TAO_PEGTL_KEYWORD("stops")> {};
struct clock_event_tok : seq<clock_event, blanks> {};
struct kw_at : tok<TAO_PEGTL_KEYWORD("at")> {};
struct kw_while : tok<TAO_PEGTL_KEYWORD("while")> {};
/// `response stops at assigned`, `resolution starts at triaged`.
struct clock_line : seq<clock_word, blanks, must<clock_event_tok>, must<kw_at>, must<state_name>,
                        star<comma, must<state_name>>> {};
/// `pause while on_hold`.
struct pause_line : seq<tok<TAO_PEGTL_KEYWORD("pause")>, must<kw_while>, must<state_name>,
                        star<comma, must<state_name>>> {};
struct percent : seq<digits, one<'%'>> {};
/// `warn at 75%`.
struct warn_line : seq<tok<TAO_PEGTL_KEYWORD("warn")>, must<kw_at>, must<percent>> {};
struct sla_row_end : end_of_line {};
struct sla_row_stmt : seq<sor<clock_line, pause_line, warn_line, sla_level>, must<sla_row_end>> {};

/// `sla standard` inside a workflow: the SLA its work orders are measured against.
struct workflow_sla : seq<kw_sla, name_ahead, must<sla_name>> {};
struct workflow_sla_stmt : seq<workflow_sla, must<end_of_line>> {};

// ---------------------------------------------------------------------------------------------
// Approval chains: `approval spend "Spend approval"`, then steps (`step NAME: RULE APPROVERS
// [when EXPR]`), `parallel` ... `end` around steps that run together, at most one `timeout`
// line, `on approved -> STATE`, `on rejected -> STATE` and `end`. None of these words is
// reserved: a name must follow `approval` and `step`, a digit `timeout`.

struct kw_approval : tok<TAO_PEGTL_KEYWORD("approval")> {};
struct approval_name : tok<identifier> {};
struct approval_decl : seq<kw_approval, name_ahead, must<approval_name>, opt<title>> {};
struct approval_end : end_of_line {};
struct approval_stmt : seq<approval_decl, must<approval_end>> {};

struct kw_step : tok<TAO_PEGTL_KEYWORD("step")> {};
struct step_name : tok<identifier> {};
/// `any of`, `all of`, `2 of`.
struct rule_word : sor<TAO_PEGTL_KEYWORD("any"), TAO_PEGTL_KEYWORD("all"), digits> {};
struct step_of : kw_of {};
struct step_rule : seq<rule_word, blanks, must<step_of>> {};
struct relative_word : sor<TAO_PEGTL_KEYWORD("requester"), TAO_PEGTL_KEYWORD("approver")> {};
struct relative_subject : tok<relative_word> {};
/// `role facilities_manager`, `manager of requester`, `manager of approver`, or a person id.
struct approver_role : seq<kw_role, must<role_name>> {};
struct approver_manager : seq<tok<TAO_PEGTL_KEYWORD("manager")>, kw_of, must<relative_subject>> {};
struct approver_person : tok<identifier> {};
struct approver : sor<approver_role, approver_manager, approver_person> {};
struct step_decl : seq<kw_step, name_ahead, must<step_name>, must<colon>, must<step_rule>,
                       must<approver>, star<comma, must<approver>>, opt<guard_clause>> {};
/// `parallel` on a line of its own opens a group that `end` closes.
struct parallel_decl : seq<TAO_PEGTL_KEYWORD("parallel"), blanks, at<line_end>> {};
struct timeout_action_word : sor<TAO_PEGTL_KEYWORD("remind"), TAO_PEGTL_KEYWORD("escalate"),
                                 TAO_PEGTL_KEYWORD("reject")> {};
struct timeout_action : tok<timeout_action_word> {};
/// `timeout 3 business days on office_hours: escalate`.
struct timeout_decl : seq<tok<TAO_PEGTL_KEYWORD("timeout")>, at<digit>, must<timer_length>,
                          opt<timer_calendar>, must<colon>, must<timeout_action>> {};
struct outcome_word : sor<TAO_PEGTL_KEYWORD("approved"), TAO_PEGTL_KEYWORD("rejected")> {};
/// `on approved -> assigned`, `on rejected -> cancelled`.
struct outcome_decl : seq<kw_on, outcome_word, blanks, must<arrow>, must<target_state>> {};
struct approval_row_end : end_of_line {};
struct approval_row_stmt : seq<sor<step_decl, parallel_decl, timeout_decl, outcome_decl>,
                               must<approval_row_end>> {};

/// `start spend_approval` after a transition: the chain the transition starts.
struct start_clause : seq<tok<TAO_PEGTL_KEYWORD("start")>, name_ahead, must<approval_name>> {};

// ---------------------------------------------------------------------------------------------
// Decision tables: `table routing(category: a | b, urgent: bool) -> team, calendar hit first`,
// rows `category a, urgent -: electricians, office_hours`, and `end`. Neither `table` nor
// `classify` is reserved: a name must follow `table`, and `with` must follow `classify`.

struct kw_table : tok<TAO_PEGTL_KEYWORD("table")> {};
struct kw_hit : tok<TAO_PEGTL_KEYWORD("hit")> {};
struct kw_classify : tok<TAO_PEGTL_KEYWORD("classify")> {};
struct kw_with : tok<TAO_PEGTL_KEYWORD("with")> {};
struct table_name : tok<identifier> {};
struct input_name : tok<identifier> {};
struct output_name : tok<identifier> {};
/// A value in a table: a name, or `true` / `false` for a bool input.
struct table_word : sor<true_literal, false_literal, identifier> {};
struct input_value : tok<table_word> {};
struct bool_input : tok<TAO_PEGTL_KEYWORD("bool")> {};
struct input_colon : colon {};
/// `category: plumbing | electrical` or `urgent: bool`.
struct input_values : sor<bool_input, seq<input_value, star<pipe, must<input_value>>>> {};
struct input_decl : seq<input_name, must<input_colon>, must<input_values>> {};
struct table_inputs : seq<open_paren, must<input_decl>, star<comma, must<input_decl>>,
                          must<close_paren>> {};
/// A long `table` line may break before `->` and before `hit`.
struct table_arrow : seq<continuation, arrow> {};
struct hit_word : sor<TAO_PEGTL_KEYWORD("first"), TAO_PEGTL_KEYWORD("unique"),
                      TAO_PEGTL_KEYWORD("collect")> {};
struct hit_policy : seq<hit_word, blanks> {};
struct table_hit : seq<continuation, kw_hit, must<hit_policy>> {};
struct table_decl : seq<kw_table, name_ahead, must<table_name>, must<table_inputs>,
                        must<table_arrow>, must<output_name>, star<comma, must<output_name>>,
                        must<table_hit>> {};
struct table_end : end_of_line {};
struct table_stmt : seq<table_decl, must<table_end>> {};

/// `-`: any value.
struct any_value : tok<seq<one<'-'>, not_at<one<'>'>>>> {};
struct value_set : seq<input_value, star<pipe, must<input_value>>> {};
struct negated_set : seq<kw_not, must<value_set>> {};
struct condition_test : sor<any_value, negated_set, value_set> {};
/// `impact high`, `impact -`, `impact high | medium`, `impact not low`.
struct condition : seq<input_name, must<condition_test>> {};
struct output_value : seq<sor<string_literal, identifier>, blanks> {};
struct table_row : seq<condition, star<comma, must<condition>>, must<colon>, must<output_value>,
                       star<comma, must<output_value>>> {};
struct table_row_end : end_of_line {};
struct table_row_stmt : seq<table_row, must<table_row_end>> {};

/// `classify with routing`: sets the fields named like the table's outputs.
struct classify_action : seq<kw_classify, kw_with, must<table_name>> {};

// ---------------------------------------------------------------------------------------------
// Preventive maintenance: `pm air_handlers "Service air handlers"`, then the assets it covers
// (`for assets where EXPR`), one trigger (a schedule `every ...` or `rrule "..."`, or a
// condition `when READING > LIMIT`), its policies, `create WORKFLOW with ...` and `end`. None of
// these words is reserved: a name must follow `pm`. The parts of a schedule may come in any
// order (`every year in march on the first monday`, `every month on the 1st at 07:00`); the
// checker says which parts fit which period. Options follow after commas, so a long schedule
// wraps: `every 3 months on the last friday, starting 2026-01-30, lead 7 days`.

struct kw_pm : tok<TAO_PEGTL_KEYWORD("pm")> {};
struct pm_name : tok<identifier> {};
struct pm_decl : seq<kw_pm, name_ahead, must<pm_name>, opt<title>> {};
struct pm_end : end_of_line {};
struct pm_stmt : seq<pm_decl, must<pm_end>> {};

/// `for assets where asset.class = "AHU"`.
struct assets_word : tok<TAO_PEGTL_KEYWORD("assets")> {};
struct where_word : tok<TAO_PEGTL_KEYWORD("where")> {};
struct pm_assets : seq<tok<TAO_PEGTL_KEYWORD("for")>, must<assets_word>, must<where_word>,
                       must<expression>> {};

/// `3 months`, `day`: the period of a time schedule, with how many of them (1 when absent).
struct period_word : sor<
    TAO_PEGTL_KEYWORD("hours"), TAO_PEGTL_KEYWORD("hour"), TAO_PEGTL_KEYWORD("days"),
    TAO_PEGTL_KEYWORD("day"), TAO_PEGTL_KEYWORD("weeks"), TAO_PEGTL_KEYWORD("week"),
    TAO_PEGTL_KEYWORD("months"), TAO_PEGTL_KEYWORD("month"), TAO_PEGTL_KEYWORD("years"),
    TAO_PEGTL_KEYWORD("year")> {};
struct every_count : seq<digits, not_at<identifier_other>, blanks> {};
struct pm_period : seq<opt<every_count>, period_word, blanks> {};
/// `10000 miles`: every so many units of a meter, named like its readings.
struct meter_name : tok<identifier> {};
struct pm_meter : seq<every_count, not_at<period_word>, meter_name> {};
struct pm_or : kw_or {};
struct pm_every : sor<seq<pm_period, opt<pm_or, must<pm_meter>>>,
                      seq<pm_meter, opt<pm_or, must<pm_period>>>> {};

/// `first`, `2nd`, `last`, `2nd last`: which such weekday of the month (or year).
struct ordinal_word : sor<
    TAO_PEGTL_KEYWORD("first"), TAO_PEGTL_KEYWORD("second"), TAO_PEGTL_KEYWORD("third"),
    TAO_PEGTL_KEYWORD("fourth"), TAO_PEGTL_KEYWORD("fifth"), TAO_PEGTL_KEYWORD("1st"),
    TAO_PEGTL_KEYWORD("2nd"), TAO_PEGTL_KEYWORD("3rd"), TAO_PEGTL_KEYWORD("4th"),
    TAO_PEGTL_KEYWORD("5th")> {};
struct last_word : TAO_PEGTL_KEYWORD("last") {};
struct from_last : tok<last_word> {};
struct pm_nth : sor<seq<ordinal_word, blanks, opt<from_last>>, seq<last_word, blanks>> {};
struct the_word : tok<TAO_PEGTL_KEYWORD("the")> {};
/// `the first monday`, `the last friday`.
struct nth_weekday : seq<opt<the_word>, pm_nth, weekday> {};
/// `the last day` (of the month).
struct last_day : seq<opt<the_word>, last_word, blanks, day_word> {};
/// `the 15th`, `the 1st`.
struct day_number : seq<digits, sor<TAO_PEGTL_STRING("st"), TAO_PEGTL_STRING("nd"),
                                    TAO_PEGTL_STRING("rd"), TAO_PEGTL_STRING("th")>,
                        not_at<identifier_other>> {};
struct month_day : seq<opt<the_word>, day_number, blanks> {};
struct weekdays_word : tok<TAO_PEGTL_KEYWORD("weekdays")> {};
struct pm_day : sor<nth_weekday, last_day, month_day, weekdays_word, day_range> {};
/// Items of a list are separated by `,` or `and` (`on monday, thursday`, `at 07:00 and
/// 19:00`); a `,` that is not followed by another item starts an option instead.
struct list_and : sor<comma, kw_and> {};
struct pm_days : seq<kw_on, must<pm_day>, star<list_and, pm_day>> {};
struct pm_months : seq<kw_in, month, star<list_and, month>> {};
struct pm_time : seq<clock_time, blanks> {};
struct pm_times : seq<kw_at, must<pm_time>, star<list_and, pm_time>> {};
struct pm_zone : seq<kw_in, time_zone> {};
struct completion_word : tok<TAO_PEGTL_KEYWORD("completion")> {};
/// `after last completion`: a floating schedule, counted from when the last one was done.
struct after_completion : seq<tok<TAO_PEGTL_KEYWORD("after")>, opt<tok<last_word>>,
                              must<completion_word>> {};
struct schedule_part : sor<pm_days, pm_months, pm_times, pm_zone, after_completion> {};

struct pm_duration : seq<sor<duration_spelled, duration_compact>, blanks> {};
struct times_word : tok<TAO_PEGTL_KEYWORD("times")> {};
struct pm_starting : seq<tok<TAO_PEGTL_KEYWORD("starting")>, must<calendar_date>> {};
struct pm_until : seq<tok<TAO_PEGTL_KEYWORD("until")>, must<calendar_date>> {};
struct repeat_count : seq<digits, blanks> {};
struct pm_repeat : seq<tok<TAO_PEGTL_KEYWORD("repeat")>, must<repeat_count>, must<times_word>> {};
struct pm_lead : seq<tok<TAO_PEGTL_KEYWORD("lead")>, must<pm_duration>> {};
struct pm_season : seq<tok<TAO_PEGTL_KEYWORD("season")>, must<month>, must<range_dash>,
                       must<month>> {};
struct schedule_option : sor<pm_starting, pm_until, pm_repeat, pm_lead, pm_season> {};

/// `every 3 months on the last friday at 07:00, starting 2026-01-30, lead 7 days`.
struct every_line : seq<kw_every, must<pm_every>, star<schedule_part>,
                        star<comma, must<schedule_option>>> {};
/// `rrule "FREQ=MONTHLY;BYDAY=1MO" at 09:00`: an iCalendar recurrence rule as it stands.
struct rrule_text : seq<string_literal, blanks> {};
struct rrule_line : seq<tok<TAO_PEGTL_KEYWORD("rrule")>, must<rrule_text>,
                        star<sor<pm_times, pm_zone>>, star<comma, must<schedule_option>>> {};

/// `temperature > 90`: a reading compared with a limit.
struct reading_name : tok<identifier> {};
struct reading_op : sor<op_ge, op_le, op_gt, op_lt> {};
struct reading_limit : seq<opt<one<'-'>>, number_literal, blanks> {};
struct reading_test : seq<reading_name, must<reading_op>, must<reading_limit>> {};
struct sustained : seq<tok<TAO_PEGTL_KEYWORD("for")>, must<pm_duration>> {};
/// `when temperature > 90 for 30 minutes`: a condition trigger.
struct pm_condition : seq<kw_when, must<reading_test>, opt<sustained>> {};
/// `clears when temperature < 80`: when the condition counts as over.
struct pm_clears : seq<tok<TAO_PEGTL_KEYWORD("clears")>, must<kw_when>, must<reading_test>> {};

struct previous_word : tok<TAO_PEGTL_KEYWORD("previous")> {};
struct open_word : tok<TAO_PEGTL_KEYWORD("open")> {};
struct skip_word : TAO_PEGTL_KEYWORD("skip") {};
struct create_anyway : seq<tok<TAO_PEGTL_KEYWORD("create")>, opt<tok<TAO_PEGTL_KEYWORD("anyway")>>> {};
struct open_policy : sor<seq<skip_word, blanks>, create_anyway> {};
/// `if previous open: skip` or `if previous open: create anyway`.
struct previous_open : seq<tok<TAO_PEGTL_KEYWORD("if")>, must<previous_word>, must<open_word>,
                           must<colon>, must<open_policy>> {};
struct catch_up_word : sor<TAO_PEGTL_KEYWORD("latest"), TAO_PEGTL_KEYWORD("all")> {};
struct catch_up_policy : seq<tok<TAO_PEGTL_KEYWORD("create")>, must<catch_up_word>, blanks> {};
/// `if missed: create latest` (the default) or `if missed: create all`: what a fixed schedule
/// does when the clock passes several occurrences at once. Tried before previous_open, which
/// commits to `previous` after `if`.
struct missed_policy : seq<tok<TAO_PEGTL_KEYWORD("if")>, tok<TAO_PEGTL_KEYWORD("missed")>,
                           must<colon>, must<catch_up_policy>> {};
struct shift_word : sor<skip_word, TAO_PEGTL_KEYWORD("earlier"), TAO_PEGTL_KEYWORD("later")> {};
struct shift_policy : seq<shift_word, blanks> {};
struct gap_word : tok<TAO_PEGTL_KEYWORD("gap")> {};
/// `on missing day: later` (the 31st of a 30-day month), `on dst gap: skip`.
struct missing_day : seq<kw_on, tok<TAO_PEGTL_KEYWORD("missing")>, must<day_word>, must<colon>,
                         must<shift_policy>> {};
struct dst_gap : seq<kw_on, tok<TAO_PEGTL_KEYWORD("dst")>, must<gap_word>, must<colon>,
                     must<shift_policy>> {};

/// `reserve "filter-20x20" x 2`: parts the new work order needs.
struct part_name : seq<string_literal, blanks> {};
struct times_sign : tok<TAO_PEGTL_KEYWORD("x")> {};
struct quantity : seq<digits, blanks> {};
struct reserve_item : seq<tok<TAO_PEGTL_KEYWORD("reserve")>, at<one<'"'>>, must<part_name>,
                          must<times_sign>, must<quantity>> {};
/// `trade = hvac`: a field of the new work order.
struct field_value : seq<field_name, equals_sign, must<expression>> {};
struct create_item : sor<reserve_item, notify_action, assign_action, note_action, field_value> {};
/// `create preventive with trade = hvac, reserve "filter-20x20" x 2`.
struct create_line : seq<tok<TAO_PEGTL_KEYWORD("create")>, must<workflow_name>,
                         opt<kw_with, must<create_item>, star<comma, must<create_item>>>> {};

struct pm_row_end : end_of_line {};
struct pm_row_stmt : seq<sor<pm_assets, every_line, rrule_line, pm_condition, pm_clears,
                             missed_policy, previous_open, missing_day, dst_gap, create_line>,
                         must<pm_row_end>> {};

/// The statements that may open a block or stand alone outside any block. Inside a block they
/// are recognised too, so that a forgotten `end` costs one E0106, not an error per line.
struct top_statement : sor<workflow_stmt, priorities_stmt, matrix_stmt, calendar_stmt,
                           sla_stmt, table_stmt, approval_stmt, pm_stmt> {};

/// Any statement that may appear inside `workflow ... end`. The block openers of
/// top_statement are here too (a forgotten `end` costs one E0106), except `sla NAME`, which
/// inside a workflow names the workflow's SLA.
struct statement : sor<workflow_stmt, end_stmt, field_stmt, states_stmt, hook_stmt, event_stmt,
                       priority_stmt, override_stmt, timer_stmt, priorities_stmt, matrix_stmt,
                       calendar_stmt, table_stmt, approval_stmt, pm_stmt, workflow_sla_stmt,
                       action_stmt, alternative_stmt> {};

/// Any statement that may appear inside `matrix ... end`.
struct matrix_statement : sor<end_stmt, top_statement, matrix_row_stmt> {};

/// Any statement that may appear inside `sla ... end`.
struct sla_statement : sor<end_stmt, top_statement, sla_row_stmt> {};

/// Any statement that may appear inside `approval ... end`.
struct approval_statement : sor<end_stmt, top_statement, approval_row_stmt> {};

/// Any statement that may appear inside `pm ... end`.
struct pm_statement : sor<end_stmt, top_statement, pm_row_stmt> {};

/// Any statement that may appear inside `calendar ... end`.
struct calendar_statement : sor<end_stmt, top_statement, calendar_row_stmt> {};

/// Any statement that may appear inside `table ... end`.
struct table_statement : sor<end_stmt, top_statement, table_row_stmt> {};

/// A blank or comment-only line.
struct blank_line : seq<blanks, opt<comment>, eolf> {};
/// One line (with its continuations) inside a workflow: what the parser runs per statement.
struct line : sor<blank_line, seq<blanks, must<statement>, line_end>> {};
/// One line inside a matrix.
struct matrix_line : sor<blank_line, seq<blanks, must<matrix_statement>, line_end>> {};
/// One line inside an SLA.
struct sla_line : sor<blank_line, seq<blanks, must<sla_statement>, line_end>> {};
/// One line inside an approval.
struct approval_line : sor<blank_line, seq<blanks, must<approval_statement>, line_end>> {};
/// One line inside a preventive-maintenance rule.
struct pm_line : sor<blank_line, seq<blanks, must<pm_statement>, line_end>> {};
/// One line inside a calendar.
struct calendar_line : sor<blank_line, seq<blanks, must<calendar_statement>, line_end>> {};
/// One line inside a decision table.
struct table_line : sor<blank_line, seq<blanks, must<table_statement>, line_end>> {};
/// One line outside any block: `workflow`, `matrix` or `priorities`.
struct top_line : sor<blank_line, seq<blanks, must<top_statement>, line_end>> {};

/// The whole file, for `analyze` only (the parser drives `line` and `top_line` itself).
struct file : seq<star<sor<seq<blanks, opt<comment>, eol>, seq<blanks, statement, line_end>,
                           seq<blanks, matrix_statement, line_end>,
                           seq<blanks, calendar_statement, line_end>,
                           seq<blanks, sla_statement, line_end>,
                           seq<blanks, approval_statement, line_end>,
                           seq<blanks, table_statement, line_end>,
                           seq<blanks, pm_statement, line_end>>>,
                  blanks, opt<comment>, eof> {};

// clang-format on

// ---------------------------------------------------------------------------------------------
// The error table: what each rule under `must<>` stands for in "expected X, found Y".

struct error_entry {
    const char* expected = nullptr;
    const char* hint = "";
    error_kind kind = error_kind::expected;
};

template <typename Rule>
inline constexpr error_entry error_for{};

/// The remedy of every error in a `table` line before its outputs.
inline constexpr const char* table_layout =
    "a table is written `table NAME(input: a | b, ...) -> output, ... hit first`";

// clang-format off
template <> inline constexpr error_entry error_for<workflow_name>{"a workflow name"};
template <> inline constexpr error_entry error_for<field_name>{"a field name"};
template <> inline constexpr error_entry error_for<state_name>{"a state name"};
template <> inline constexpr error_entry error_for<target_state>{"the target state"};
template <> inline constexpr error_entry error_for<event_name>{
    "an event name, `enter` or `leave`"};
template <> inline constexpr error_entry error_for<enum_value>{"an enumeration value"};
template <> inline constexpr error_entry error_for<role_name>{"a role name"};
template <> inline constexpr error_entry error_for<required_name>{"a field name"};
template <> inline constexpr error_entry error_for<data_key>{"a key after `data.`"};
template <> inline constexpr error_entry error_for<kw_of>{"`of`", "a list type is written `list of TYPE`"};
template <> inline constexpr error_entry error_for<kw_to>{"`to`", "write `assign to WHO`"};
template <> inline constexpr error_entry error_for<colon>{"`:`"};
template <> inline constexpr error_entry error_for<arrow>{"`->`", "a transition is written `from -> to`"};
template <> inline constexpr error_entry error_for<equals_sign>{"`=`"};
template <> inline constexpr error_entry error_for<close_paren>{"`)`"};
template <> inline constexpr error_entry error_for<close_bracket>{"`]`"};
template <> inline constexpr error_entry error_for<escaped_char>{
    "an escape", "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`", error_kind::bad_escape};
template <> inline constexpr error_entry error_for<closing_quote>{
    "`\"`", "", error_kind::unterminated_string};
template <> inline constexpr error_entry error_for<expression>{"an expression"};
template <> inline constexpr error_entry error_for<nested<unary>>{"an expression"};
template <> inline constexpr error_entry error_for<nested<not_expr>>{"an expression"};
template <> inline constexpr error_entry error_for<unary>{"an expression"};
template <> inline constexpr error_entry error_for<term>{"an expression"};
template <> inline constexpr error_entry error_for<not_expr>{"an expression"};
template <> inline constexpr error_entry error_for<and_expr>{"an expression"};
template <> inline constexpr error_entry error_for<additive>{"an expression"};
template <> inline constexpr error_entry error_for<unchained>{
    "`and` or `or`", "comparisons do not chain: write `a < b and b < c`"};
template <> inline constexpr error_entry error_for<type_ref>{
    "a type (`text`, `number`, `money`, `bool`, `time`, `date`, `duration`, `list of ...` "
    "or an enumeration `a | b`)",
    "an enumeration lists two or more values: `low | medium | high`"};
template <> inline constexpr error_entry error_for<element_type>{
    "an element type (`text`, `number`, ... or an enumeration `a | b`)"};
template <> inline constexpr error_entry error_for<required_flag>{"`required`"};
template <> inline constexpr error_entry error_for<state_flag>{"`initial` or `final`"};
template <> inline constexpr error_entry error_for<state_item>{"a state name"};
template <> inline constexpr error_entry error_for<recipient>{
    "a recipient (`role NAME`, a field, `requester`, `assignee`, `actor`, `data.key` or a "
    "string)"};
template <> inline constexpr error_entry error_for<action>{
    "an action (`set`, `notify`, `assign to`, `note` or `classify with`)"};
template <> inline constexpr error_entry error_for<end_of_line>{"end of line"};
template <> inline constexpr error_entry error_for<workflow_end>{"a title string or end of line"};
template <> inline constexpr error_entry error_for<field_end>{
    "`, required`, `= DEFAULT` or end of line"};
template <> inline constexpr error_entry error_for<states_end>{"`,` or end of line"};
template <> inline constexpr error_entry error_for<alternative_end>{
    "`when`, `requires`, `,` and an action, or end of line"};
template <> inline constexpr error_entry error_for<actions_end>{"`,` and an action, or end of line"};
template <> inline constexpr error_entry error_for<hook_rest>{"an action or end of line"};
template <> inline constexpr error_entry error_for<event_rest>{
    "a transition `from -> to` or end of line"};
template <> inline constexpr error_entry error_for<statement>{
    "a statement (`field`, `states`, `on`, a transition `from -> to`, an action or `end`)"};
template <> inline constexpr error_entry error_for<workflow_stmt>{"`workflow`"};
template <> inline constexpr error_entry error_for<top_statement>{
    "`workflow`, `matrix`, `priorities`, `calendar`, `sla`, `table`, `approval` or `pm`"};
template <> inline constexpr error_entry error_for<sla_name>{"an SLA name"};
template <> inline constexpr error_entry error_for<approval_name>{"an approval name"};
template <> inline constexpr error_entry error_for<approval_end>{"a title string or end of line"};
template <> inline constexpr error_entry error_for<step_name>{"a step name"};
template <> inline constexpr error_entry error_for<step_of>{"`of`", "a step is written `step NAME: any of role ROLE`"};
template <> inline constexpr error_entry error_for<step_rule>{
    "`any of`, `all of` or `N of`", "a step is written `step NAME: any of role ROLE`"};
template <> inline constexpr error_entry error_for<approver>{
    "an approver (`role ROLE`, a person, `manager of requester`)"};
template <> inline constexpr error_entry error_for<relative_subject>{
    "`requester` or `approver`", "write `manager of requester` or `manager of approver`"};
template <> inline constexpr error_entry error_for<timeout_action>{
    "`remind`, `escalate` or `reject`"};
template <> inline constexpr error_entry error_for<approval_row_end>{"`,`, `when` or end of line"};
template <> inline constexpr error_entry error_for<approval_statement>{
    "`step`, `parallel`, `timeout`, `on approved`, `on rejected` or `end`"};
template <> inline constexpr error_entry error_for<sla_end>{"a title string or end of line"};
template <> inline constexpr error_entry error_for<sla_target>{
    "a target (`4h`, `2 days`, `3 business days on CALENDAR`)"};
template <> inline constexpr error_entry error_for<sla_comma>{
    "`,` and the resolution target", "a level's targets are written `P1 response 1h, resolution 4h`"};
template <> inline constexpr error_entry error_for<kw_resolution>{"`resolution`",
    "a level's targets are written `P1 response 1h, resolution 4h`"};
template <> inline constexpr error_entry error_for<clock_event_tok>{"`starts` or `stops`"};
template <> inline constexpr error_entry error_for<kw_at>{"`at`"};
template <> inline constexpr error_entry error_for<kw_while>{"`while`"};
template <> inline constexpr error_entry error_for<percent>{"a percentage such as `75%`"};
template <> inline constexpr error_entry error_for<sla_row_end>{"`,` or end of line"};
template <> inline constexpr error_entry error_for<sla_statement>{
    "targets (`P1 response 1h, resolution 4h`), `response stops at STATE`, `pause while "
    "STATE`, `warn at 75%` or `end`"};
template <> inline constexpr error_entry error_for<zone_in>{
    "`in` and the time zone", "a calendar is written `calendar NAME in \"Europe/Berlin\"`"};
template <> inline constexpr error_entry error_for<time_zone>{
    "the time zone as a string", "write an IANA name such as `\"Europe/Berlin\"` or `\"UTC\"`"};
template <> inline constexpr error_entry error_for<calendar_end>{"end of line"};
template <> inline constexpr error_entry error_for<weekday>{
    "a weekday (`mon` ... `sun`, or `monday` ... `sunday`)"};
template <> inline constexpr error_entry error_for<month>{
    "a month (`january` ... `december`, or `jan` ... `dec`)"};
template <> inline constexpr error_entry error_for<month_of>{
    "`of`", "a yearly weekday is written `4th thursday of november`"};
template <> inline constexpr error_entry error_for<clock_time>{"a time of day `HH:MM`"};
template <> inline constexpr error_entry error_for<range_dash>{"`-`", "a range is written `08:00-17:00`"};
template <> inline constexpr error_entry error_for<shift>{
    "opening hours `HH:MM-HH:MM`", "write the hours after the days: `mon-fri 08:00-17:00`"};
template <> inline constexpr error_entry error_for<calendar_date>{"a date `YYYY-MM-DD`"};
template <> inline constexpr error_entry error_for<yearly_rule>{
    "a yearly date (`25 december`, `4th thursday of november`, `last monday of may`) or `day`"};
template <> inline constexpr error_entry error_for<calendar_row_end>{"`,` or end of line"};
template <> inline constexpr error_entry error_for<calendar_statement>{
    "opening hours (`mon-fri 08:00-17:00`, `every day 00:00-24:00`), `holidays`, `every`, "
    "`closed` or `end`"};
template <> inline constexpr error_entry error_for<level_name>{"a priority level"};
template <> inline constexpr error_entry error_for<level_item>{"a priority level"};
template <> inline constexpr error_entry error_for<priorities_end>{"`,` or end of line"};
template <> inline constexpr error_entry error_for<matrix_name>{"a matrix name"};
template <> inline constexpr error_entry error_for<axis_name>{"an axis name"};
template <> inline constexpr error_entry error_for<axis_value>{"a value of the axis"};
template <> inline constexpr error_entry error_for<axis_colon>{
    "`:` and the values of the axis", "a matrix is written `matrix NAME(axis: a | b, axis: a | b)`"};
template <> inline constexpr error_entry error_for<axis_decl>{
    "an axis `NAME: value | value`", "a matrix is written `matrix NAME(axis: a | b, axis: a | b)`"};
template <> inline constexpr error_entry error_for<matrix_axes>{
    "`(` and the axes", "a matrix is written `matrix NAME(axis: a | b, axis: a | b)`"};
template <> inline constexpr error_entry error_for<matrix_end>{"end of line"};
template <> inline constexpr error_entry error_for<row_key>{"an axis and its value"};
template <> inline constexpr error_entry error_for<row_end>{"a priority level or end of line"};
template <> inline constexpr error_entry error_for<matrix_statement>{
    "a matrix row (`AXIS VALUE: LEVEL ...`), the header row (`AXIS: VALUE ...`) or `end`"};
template <> inline constexpr error_entry error_for<priority_source>{
    "a matrix lookup `MATRIX(field, field)` or a priority level"};
template <> inline constexpr error_entry error_for<priority_end>{
    "end of line", "write each override on a line of its own: `but LEVEL when CONDITION`"};
template <> inline constexpr error_entry error_for<kw_when>{"`when`",
    "an override is written `but LEVEL when CONDITION`"};
template <> inline constexpr error_entry error_for<override_end>{"end of line"};
template <> inline constexpr error_entry error_for<timer_length>{
    "a duration (`3 days`, `4h`, `3 business days`)"};
template <> inline constexpr error_entry error_for<calendar_name>{"a calendar name"};
template <> inline constexpr error_entry error_for<timer_in>{
    "`in`", "a timer is written `after DURATION [business] [on CALENDAR] in STATE: ACTIONS`"};
template <> inline constexpr error_entry error_for<timer_rest>{
    "an action, `-> STATE` or end of line"};
template <> inline constexpr error_entry error_for<timer_item>{
    "an action (`set`, `notify`, `assign to`, `note` or `classify with`) or `-> STATE`"};
template <> inline constexpr error_entry error_for<table_name>{"a table name"};
template <> inline constexpr error_entry error_for<input_name>{"an input name"};
template <> inline constexpr error_entry error_for<output_name>{"an output name"};
template <> inline constexpr error_entry error_for<input_value>{"a value of the input"};
template <> inline constexpr error_entry error_for<input_colon>{
    "`:` and the values of the input", table_layout};
template <> inline constexpr error_entry error_for<input_values>{
    "the values of the input (`a | b`) or `bool`"};
template <> inline constexpr error_entry error_for<input_decl>{
    "an input `NAME: value | value`", table_layout};
template <> inline constexpr error_entry error_for<table_inputs>{
    "`(` and the inputs", table_layout};
template <> inline constexpr error_entry error_for<table_arrow>{
    "`->` and the outputs", table_layout};
template <> inline constexpr error_entry error_for<table_hit>{
    "`hit` and the hit policy",
    "end the `table` line with `hit first`, `hit unique` or `hit collect`"};
template <> inline constexpr error_entry error_for<hit_policy>{
    "a hit policy (`first`, `unique` or `collect`)"};
template <> inline constexpr error_entry error_for<table_end>{"end of line"};
template <> inline constexpr error_entry error_for<condition_test>{
    "a condition (`-`, a value, `a | b` or `not a`)"};
template <> inline constexpr error_entry error_for<condition>{"an input and its condition"};
template <> inline constexpr error_entry error_for<output_value>{
    "an output value (a name or a string)"};
template <> inline constexpr error_entry error_for<value_set>{"a value of the input"};
template <> inline constexpr error_entry error_for<table_row_end>{
    "`,` and an output value, or end of line"};
template <> inline constexpr error_entry error_for<context_key>{"a key after the `.`"};
template <> inline constexpr error_entry error_for<pm_name>{"a name for the pm rule"};
template <> inline constexpr error_entry error_for<pm_end>{"a title string or end of line"};
template <> inline constexpr error_entry error_for<assets_word>{
    "`assets`", "the assets are chosen with `for assets where CONDITION`"};
template <> inline constexpr error_entry error_for<where_word>{
    "`where`", "the assets are chosen with `for assets where CONDITION`"};
template <> inline constexpr error_entry error_for<pm_every>{
    "a period or a meter (`3 months`, `day`, `10000 miles`)",
    "a schedule is written `every 3 months ...` or `every 10000 miles`"};
template <> inline constexpr error_entry error_for<pm_meter>{
    "a meter interval such as `10000 miles`",
    "`or` joins a period and a meter: `every 6 months or 10000 miles`"};
template <> inline constexpr error_entry error_for<pm_period>{
    "a period such as `6 months`",
    "`or` joins a meter and a period: `every 10000 miles or 6 months`"};
template <> inline constexpr error_entry error_for<pm_day>{
    "a day (`monday`, `mon-fri`, `weekdays`, `the first monday`, `the 15th`, `the last day`)"};
template <> inline constexpr error_entry error_for<pm_time>{"a time of day `HH:MM`"};
template <> inline constexpr error_entry error_for<completion_word>{
    "`completion`", "a floating schedule is written `every 90 days after last completion`"};
template <> inline constexpr error_entry error_for<repeat_count>{"a number of times"};
template <> inline constexpr error_entry error_for<times_word>{
    "`times`", "write `repeat 10 times`"};
template <> inline constexpr error_entry error_for<pm_duration>{"a duration (`7 days`, `12h`)"};
template <> inline constexpr error_entry error_for<schedule_option>{
    "an option (`starting DATE`, `until DATE`, `repeat N times`, `lead DURATION` or `season "
    "MONTH-MONTH`)",
    "the parts of a schedule (`on`, `in`, `at`) come before the first `,`"};
template <> inline constexpr error_entry error_for<rrule_text>{
    "the rule as a string", "write `rrule \"FREQ=MONTHLY;BYDAY=1MO\"`"};
template <> inline constexpr error_entry error_for<reading_test>{
    "a reading compared with a limit (`temperature > 90`)"};
template <> inline constexpr error_entry error_for<reading_op>{
    "`>`, `>=`, `<` or `<=`", "a reading is compared with a limit: `temperature > 90`"};
template <> inline constexpr error_entry error_for<reading_limit>{"a number"};
template <> inline constexpr error_entry error_for<previous_word>{
    "`previous` or `missed`",
    "write `if previous open: skip` or `if previous open: create anyway`, or "
    "`if missed: create latest` or `if missed: create all`"};
template <> inline constexpr error_entry error_for<catch_up_policy>{"`create latest` or `create all`"};
template <> inline constexpr error_entry error_for<catch_up_word>{"`latest` or `all`"};
template <> inline constexpr error_entry error_for<open_word>{
    "`open`", "write `if previous open: skip` or `if previous open: create anyway`"};
template <> inline constexpr error_entry error_for<open_policy>{"`skip` or `create anyway`"};
template <> inline constexpr error_entry error_for<day_word>{
    "`day`", "write `on missing day: skip`, `earlier` or `later`"};
template <> inline constexpr error_entry error_for<gap_word>{
    "`gap`", "write `on dst gap: skip`, `earlier` or `later`"};
template <> inline constexpr error_entry error_for<shift_policy>{"`skip`, `earlier` or `later`"};
template <> inline constexpr error_entry error_for<part_name>{"the part as a string"};
template <> inline constexpr error_entry error_for<times_sign>{
    "`x` and a quantity", "write `reserve \"filter-20x20\" x 2`"};
template <> inline constexpr error_entry error_for<quantity>{"a quantity"};
template <> inline constexpr error_entry error_for<create_item>{
    "a field value (`trade = hvac`), `reserve \"PART\" x N`, `assign to`, `notify` or `note`"};
template <> inline constexpr error_entry error_for<pm_row_end>{"`,` and an option, or end of line"};
template <> inline constexpr error_entry error_for<pm_statement>{
    "`for assets where`, a schedule (`every ...`, `rrule`), a condition (`when ...`), "
    "`clears when`, `if previous open:`, `if missed:`, `on missing day:`, `on dst gap:`, "
    "`create` or `end`"};
template <> inline constexpr error_entry error_for<table_statement>{
    "a table row (`INPUT VALUE, INPUT VALUE: OUTPUT, ...`) or `end`"};
// clang-format on

/// The control: like PEGTL's normal one, but a failed `must<>` throws a syntax_error built from
/// the error table (a rule used under `must<>` without an entry does not compile).
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
    /// Every rule rewinds on failure, even under `must<>` (where PEGTL would leave the input
    /// wherever a partial match stopped): an error then points at the start of the construct
    /// that is wrong, `found \`nonsense\`` rather than the end of the line after it.
    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
              template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        constexpr auto mode =
            M == tao::pegtl::rewind_mode::dontcare ? tao::pegtl::rewind_mode::required : M;
        return tao::pegtl::normal<Rule>::template match<A, mode, Action, Control>(in, st...);
    }

    template <typename ParseInput, typename... States>
    [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
        constexpr error_entry entry = error_for<Rule>;
        static_assert(entry.expected != nullptr, "a rule under must<> needs an error_for entry");
        const char* start = nullptr;
        if constexpr (requires { in.string_start; }) {
            start = in.string_start;
        }
        throw syntax_error{entry.kind, in.current(), entry.expected, entry.hint, start};
    }
};

} // namespace millwright::dsl::grammar

namespace tao::pegtl {

template <typename Name, typename Rule>
struct analyze_traits<Name, millwright::dsl::grammar::nested<Rule>>
    : analyze_traits<Name, typename seq<Rule>::rule_t> {};

template <typename Name>
struct analyze_traits<Name, millwright::dsl::grammar::opening_quote> : analyze_any_traits<> {};

} // namespace tao::pegtl
