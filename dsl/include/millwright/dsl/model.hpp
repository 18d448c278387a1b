// The compiled form of a workflow, handed from the dsl to the engine: the state machine as
// plain tables (the engine dispatches events in C++) plus one Lua chunk holding every guard
// and action as a named local function, and the line map from Lua lines back to DSL spans.
//
// Values inside Lua follow one convention, shared by codegen, the engine and the stdlib:
//   text, enumeration  -> string            number   -> number (float or integer)
//   money              -> integer, cents    bool     -> boolean
//   time               -> integer, milliseconds since 1970-01-01T00:00:00Z
//   date               -> integer, days since 1970-01-01
//   duration           -> integer, milliseconds
//   list of T          -> sequence table of T          unset -> nil
#pragma once

#include "millwright/dsl/ast.hpp"
#include "millwright/dsl/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace millwright::dsl {

using ast::TypeKind;

/// A field's type after checking.
struct ValueType {
    TypeKind kind = TypeKind::text;
    std::vector<std::string> enum_values;   ///< enumeration, or list of enumeration
    TypeKind element_kind = TypeKind::text; ///< for list
};

/// A constant in the Lua value convention above (monostate = unset).
using Scalar = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
struct Constant {
    Scalar scalar; ///< when not a list
    bool is_list = false;
    std::vector<Scalar> items; ///< when a list
};

struct FieldModel {
    std::string name;
    ValueType type;
    bool required = false; ///< must be given when the work order is created
    std::optional<Constant> default_value;
    SourceSpan span;
};

/// What the engine pushes, in order, as the arguments of a generated function.
enum class InputKind {
    field,     ///< the work order's field `name` (index `field`)
    data,      ///< the event's `data.name`, converted to the type codegen expects (`type`)
    actor,     ///< the event's `by`
    now,       ///< the event's `at` (time)
    requester, ///< who created the work order
    assignee,  ///< who the work order is assigned to (unset when nobody)
    state,     ///< the current state's name
    id,        ///< the work order id
};

struct FunctionInput {
    InputKind kind = InputKind::field;
    std::string name;      ///< field name or data key; empty otherwise
    std::size_t field = 0; ///< index into WorkflowModel::fields when kind == field
    ValueType type;        ///< the type the generated code expects
    std::string display;   ///< as written in the DSL: "cost", "data.technician", "actor"
};

enum class FunctionKind { guard, actions };

/// A generated `local function`, exported by name from the chunk's returned table.
struct FunctionModel {
    std::string name; ///< e.g. "assign_triaged_to_assigned_guard"
    FunctionKind kind = FunctionKind::guard;
    std::vector<FunctionInput> inputs;
    SourceSpan span;
};

struct TransitionModel {
    std::vector<std::size_t> from;      ///< state indexes, resolved (`any` expanded)
    std::size_t to = 0;                 ///< state index
    std::optional<std::size_t> guard;   ///< index into functions
    std::string guard_text;             ///< the guard as written, for `why_not`
    std::vector<std::size_t> required;  ///< field indexes that must be non-empty after the event
    std::optional<std::size_t> actions; ///< index into functions
    SourceSpan span;
    std::string text; ///< the alternative as written (one line)
};

struct EventModel {
    std::string name;
    std::vector<TransitionModel> alternatives; ///< in source order; the first whose source
                                               ///< state matches and guard holds is taken
    SourceSpan span;
};

struct StateModel {
    std::string name;
    bool initial = false;
    bool final = false;
    std::optional<std::size_t> on_enter; ///< index into functions
    std::optional<std::size_t> on_leave; ///< index into functions
    SourceSpan span;
};

/// Lua line (1-based) -> the DSL span it was generated from; index 0 is unused.
struct LineMap {
    std::vector<SourceSpan> lines;
    std::optional<SourceSpan> lookup(std::uint32_t lua_line) const;
};

/// Everything the engine needs to run one workflow.
struct WorkflowModel {
    std::string name;
    std::string title;
    SourceSpan span;
    std::vector<FieldModel> fields;
    std::vector<StateModel> states;
    std::size_t initial_state = 0;
    std::vector<EventModel> events;
    std::vector<FunctionModel> functions;
    std::vector<std::string> data_keys; ///< every `data.x` the workflow reads, sorted
    std::string chunk_name;             ///< "corrective.mw.lua" (the `@` is added by the loader)
    std::string lua;                    ///< the generated chunk
    LineMap line_map;
};

} // namespace millwright::dsl
