// The abstract syntax tree of a definition file, as the parser builds it and before any
// check. Nodes are plain values (copyable, no parent pointers); every node carries the span
// of the text it came from. Names are not resolved here: the checker does that.
#pragma once

#include "millwright/dsl/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace millwright::dsl::ast {

struct Identifier {
    std::string name;
    SourceSpan span;
};

enum class TypeKind { text, number, money, boolean, time, date, duration, enumeration, list };

/// A field's declared type: a scalar keyword, an enumeration `a | b | c`, or `list of T`.
struct TypeRef {
    TypeKind kind = TypeKind::text;
    std::vector<Identifier> enum_values;    ///< for enumeration (and a list of enumeration)
    TypeKind element_kind = TypeKind::text; ///< for list: the element type (never list)
    SourceSpan span;
};

enum class ExprKind {
    number_literal,    ///< `text` holds the digits as written ("1000", "12.5")
    string_literal,    ///< `text` holds the decoded value
    bool_literal,      ///< `boolean`
    duration_literal,  ///< `integer` holds milliseconds; `text` the spelling ("3 days")
    timestamp_literal, ///< `integer` holds milliseconds since 1970-01-01T00:00:00Z
    date_literal,      ///< `integer` holds days since 1970-01-01
    list_literal,      ///< `operands` are the elements
    name,              ///< `text` is an identifier: a field, an enum value or a builtin name
    data_ref,          ///< `data.key`: `text` is the key
    call,              ///< `text` is the builtin's name, `operands` its arguments
    unary,             ///< `unary_op` applied to operands[0]
    binary,            ///< `binary_op` applied to operands[0] and operands[1]
};

enum class UnaryOp { negate, logical_not };

enum class BinaryOp {
    logical_or,
    logical_and,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    in,
    not_in,
    add,
    sub,
    mul,
    div
};

/// An expression. Operands are held by value; the tree depth is bounded by the parser.
struct Expr {
    ExprKind kind = ExprKind::number_literal;
    SourceSpan span;
    std::string text;
    std::int64_t integer = 0;
    bool boolean = false;
    UnaryOp unary_op = UnaryOp::negate;
    BinaryOp binary_op = BinaryOp::eq;
    std::vector<Expr> operands;
};

/// Who receives a notification or an assignment: `role NAME` or an expression
/// (a field, `requester`, `assignee`, `actor`, `data.x`, a string literal).
struct Recipient {
    bool is_role = false;
    Identifier role; ///< when is_role
    Expr who;        ///< otherwise
    SourceSpan span;
};

enum class ActionKind { set, notify, assign, note };

/// One action: `set FIELD = EXPR`, `notify RECIPIENT EXPR`, `assign to RECIPIENT`, `note EXPR`.
struct Action {
    ActionKind kind = ActionKind::set;
    SourceSpan span;
    Identifier field;    ///< set: the field assigned
    Expr value;          ///< set: the new value; notify: the message; note: the text
    Recipient recipient; ///< notify, assign
};

/// Where a transition may start: a list of states, `any`, or `any except a, b`.
struct SourceStates {
    bool any = false;
    std::vector<Identifier> states; ///< the listed states, or the excluded ones after `any`
    SourceSpan span;
};

/// One alternative of an event: `FROM -> TO [when EXPR] [requires f, g] [, action...]`
/// followed by any action lines that belong to it.
struct Alternative {
    SourceSpan span; ///< the alternative's own line (without following action lines)
    SourceStates from;
    Identifier to;
    std::optional<Expr> guard;
    std::vector<Identifier> required;
    std::vector<Action> actions;
};

/// `on EVENT:` and its alternatives, tried in order.
struct EventHandler {
    Identifier event;
    SourceSpan span;
    std::vector<Alternative> alternatives;
};

enum class HookKind { enter, leave };

/// `on enter STATE:` / `on leave STATE:` and their actions.
struct StateHook {
    HookKind kind = HookKind::enter;
    Identifier state;
    SourceSpan span;
    std::vector<Action> actions;
};

struct FieldDecl {
    Identifier name;
    TypeRef type;
    bool required = false;
    std::optional<SourceSpan> required_span;
    std::optional<Expr> default_value;
    SourceSpan span;
};

struct StateDecl {
    Identifier name;
    bool initial = false;
    bool final = false;
    std::optional<SourceSpan> initial_span;
    std::optional<SourceSpan> final_span;
    SourceSpan span;
};

struct Workflow {
    Identifier name;
    std::string title; ///< may be empty
    SourceSpan span;   ///< the `workflow` header line
    std::vector<FieldDecl> fields;
    std::vector<StateDecl> states;
    std::vector<EventHandler> events;
    std::vector<StateHook> hooks;
};

/// Everything one source file defines, in source order.
struct Program {
    SourceId source = 0;
    std::vector<Workflow> workflows;
};

} // namespace millwright::dsl::ast
