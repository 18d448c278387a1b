// Lua code generation, following docs/codegen-contract-draft.md: one chunk per workflow that
// returns its guards and actions as named local functions, plus the model tables the engine
// dispatches on. The output is meant to be read: one statement per line, a comment with the
// DSL location above every function, literals converted to the Lua value convention.
//
// Safety: definitions are untrusted. Everything that comes from the source reaches the chunk
// only as a quoted string with Lua escapes (never a long bracket), as a number rebuilt from its
// digits, as an identifier that has been mangled (Lua keywords, `rt`, `lib`, `_ENV` get a `_`),
// or inside a `--` comment from which every control character has been removed.
#include "check.hpp"
#include "line_map.hpp"
#include "literals.hpp"
#include "lua_limits.hpp"
#include "lua_text.hpp"
#include "program_model.hpp"
#include "table_lua.hpp"

#include "millwright/dsl/builtins.hpp"
#include "millwright/dsl/compile.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <utility>

namespace millwright::dsl {

namespace {

using ast::BinaryOp;
using ast::ExprKind;
using detail::basename_of;
using detail::collapse_blanks;
using detail::comment_text;
using detail::constant_of;
using detail::lua_identifier;
using detail::lua_key;
using detail::lua_string;
using detail::MatrixTable;
using detail::number_text;
using detail::Scope;
using detail::trim;

std::string location(const SourceSet& sources, SourceSpan span) {
    const Source& source = sources.get(span.source);
    const LineColumn at = source.locate(span.begin);
    return basename_of(source.name()) + ":" + std::to_string(at.line) + ":" +
           std::to_string(at.column);
}

std::string line_text_at(const SourceSet& sources, SourceSpan span) {
    const Source& source = sources.get(span.source);
    return trim(source.line_text(source.locate(span.begin).line));
}

SourceSpan cover(SourceSpan first, SourceSpan last) {
    return SourceSpan{first.source, first.begin, std::max(first.end, last.end)};
}

// ---------------------------------------------------------------------------------------------
// Expressions

/// Lua operator precedence, lowest first; atoms never need parentheses.
enum Precedence : int { p_or = 1, p_and, p_compare, p_concat, p_add, p_mul, p_unary, p_atom };

struct LuaExpr {
    std::string text;
    int precedence = p_atom;
};

std::string parenthesized(const LuaExpr& expr, bool needed) {
    return needed ? "(" + expr.text + ")" : expr.text;
}

/// Writes a decision table into the chunk (once) and returns the local that holds it.
using TableWriter = std::function<std::string(const ast::DecisionTable&)>;
/// Writes the set of a constant list literal (its items as Lua keys) into the chunk and
/// returns the expression that holds it (`lists[3]`).
using ListWriter = std::function<std::string(const std::vector<std::string>&, SourceSpan)>;

/// What one generated function reads and how it is written so far.
class FunctionEmitter {
public:
    FunctionEmitter(const SourceSet& sources, const Scope& scope, const detail::ExprTyper& typer,
                    const detail::ProgramScope& program, TableWriter tables, ListWriter lists)
        : sources_(&sources), scope_(&scope), typer_(&typer), program_(&program),
          tables_(std::move(tables)), lists_(std::move(lists)) {}

    void emit_guard(const ast::Expr& guard) {
        body_.push_back({"return " + expr(guard).text, guard.span});
    }

    void emit_actions(const std::vector<ast::Action>& actions) {
        for (const auto& action : actions) {
            emit_action(action);
        }
    }

    /// The body of a priority function: the overrides in order, each returning its level and
    /// its own text, then the matrix lookup (or the fixed level) with its reason.
    void emit_priority(const ast::PriorityClause& clause, const std::string& table) {
        std::vector<std::string> axes;
        if (clause.from_matrix) {
            for (const auto& argument : clause.arguments) {
                axes.push_back(named_value(argument.name));
            }
        }
        for (const auto& override_line : clause.overrides) {
            const std::string text = collapse_blanks(sources_->text_of(override_line.span));
            body_.push_back({"if " + expr(override_line.guard).text + " then", override_line.span});
            body_.push_back(
                {"  return " + lua_string(override_line.level.name) + ", " + lua_string(text),
                 override_line.span});
            body_.push_back({"end", override_line.span});
        }
        if (!clause.from_matrix) {
            body_.push_back({"return " + lua_string(clause.level.name) + ", " +
                                 lua_string("priority " + clause.level.name),
                             clause.span});
            return;
        }
        std::string lookup = table;
        std::string reason = lua_string("matrix " + clause.matrix.name + "[");
        for (std::size_t i = 0; i < axes.size(); ++i) {
            lookup += "[" + axes[i] + "]";
            reason += " .. " + axes[i] + " .. " + lua_string(i + 1 < axes.size() ? "][" : "]");
        }
        body_.push_back({"return " + lookup + ", " + reason, clause.span});
    }

    const std::vector<FunctionInput>& inputs() const { return inputs_; }
    /// The parameter list: the named parameters, and `...` when some inputs or locals live in
    /// `extra` (see lua_limits.hpp).
    std::string signature() const {
        std::string text;
        for (const auto& parameter : parameters_) {
            if (!parameter.starts_with("extra[")) {
                text += (text.empty() ? "" : ", ") + parameter;
            }
        }
        return uses_extra_ ? text + (text.empty() ? "..." : ", ...") : text;
    }
    /// Whether the body needs `local extra = {...}` first.
    bool uses_extra() const { return uses_extra_; }
    const std::vector<std::pair<std::string, SourceSpan>>& body() const { return body_; }

private:
    void emit_action(const ast::Action& action) {
        switch (action.kind) {
        case ast::ActionKind::set:
            emit_set(action);
            break;
        case ast::ActionKind::notify: {
            const std::string who = recipient(action.recipient);
            const std::string message = as_text(action.value);
            const std::string call =
                action.recipient.is_role ? "rt.notify_role(" + who : "rt.notify(" + who;
            body_.push_back({call + ", " + message + ")", action.span});
            break;
        }
        case ast::ActionKind::assign: {
            const std::string who = recipient(action.recipient);
            const std::string call =
                action.recipient.is_role ? "rt.assign_role(" + who : "rt.assign(" + who;
            body_.push_back({call + ")", action.span});
            break;
        }
        case ast::ActionKind::note:
            body_.push_back({"rt.note(" + as_text(action.value) + ")", action.span});
            break;
        case ast::ActionKind::classify:
            emit_classify(action);
            break;
        case ast::ActionKind::reserve:
            body_.push_back({"rt.reserve(" + as_text(action.value) + ", " +
                                 std::to_string(action.quantity) + ")",
                             action.span});
            break;
        }
    }

    /// `classify with TABLE`: a loop over the table's rows. A `first` or `unique` table stops
    /// at the first row that matches (the checker made sure one does, and for `unique` that no
    /// other would); a `collect` table appends every matching row's outputs to lists. Then
    /// each output field is set.
    void emit_classify(const ast::Action& action) {
        const ast::DecisionTable& table = *program_->find_table(action.field.name);
        const std::string local = tables_(table);
        const SourceSpan span = action.span;
        std::vector<std::string> inputs;
        for (const auto& input : table.inputs) {
            inputs.push_back(named_value(input.name.name));
        }
        const bool collect = table.hit == ast::HitPolicy::collect;
        std::vector<std::string> targets;
        for (const auto& output : table.outputs) {
            const std::string& field = output.name;
            if (auto it = field_locals_.find(field); it != field_locals_.end()) {
                targets.push_back(it->second);
            } else if (const FunctionInput* input = find_input(InputKind::field, field)) {
                targets.push_back(parameters_[static_cast<std::size_t>(input - inputs_.data())]);
            } else {
                std::string target;
                if (new_local(field, target)) {
                    body_.push_back({"local " + target + (collect ? " = {}" : ""), span});
                } else if (collect) {
                    body_.push_back({target + " = {}", span});
                }
                targets.push_back(std::move(target));
                continue;
            }
            if (collect) {
                body_.push_back({targets.back() + " = {}", span});
            }
        }
        detail::TableLookupNames names{local, unique_name("i"), unique_name("row"),
                                       std::move(inputs), std::move(targets)};
        for (auto& line : detail::table_lookup_lua(table, names)) {
            body_.push_back({std::move(line), span});
        }
    }

    /// `set f = v` updates the parameter (or a local, when f is not an input) so later
    /// actions of the same block see the new value, then tells the engine.
    void emit_set(const ast::Action& action) {
        const std::string value = expr(action.value).text;
        const std::string& field = action.field.name;
        std::string target;
        if (auto it = field_locals_.find(field); it != field_locals_.end()) {
            target = it->second;
            body_.push_back({target + " = " + value, action.span});
        } else if (const FunctionInput* input = find_input(InputKind::field, field)) {
            target = parameters_[static_cast<std::size_t>(input - inputs_.data())];
            body_.push_back({target + " = " + value, action.span});
        } else {
            const bool named = new_local(field, target);
            body_.push_back({(named ? "local " : "") + target + " = " + value, action.span});
        }
        body_.push_back({"rt.set(" + lua_string(field) + ", " + target + ")", action.span});
    }

    std::string recipient(const ast::Recipient& recipient) {
        if (recipient.is_role) {
            return lua_string(recipient.role.name);
        }
        return expr(recipient.who).text;
    }

    /// Messages and notes are text; other values go through lib.to_text.
    std::string as_text(const ast::Expr& value) {
        const LuaExpr lua = expr(value);
        return text_of_value(lua, type_of(value));
    }

    static std::string text_of_value(const LuaExpr& lua, const ValueType& type) {
        if (type.kind == TypeKind::text || type.kind == TypeKind::enumeration) {
            return lua.text;
        }
        return "lib.to_text(" + lua.text + ", " + lua_string(detail::kind_name(type.kind)) + ")";
    }

    ValueType type_of(const ast::Expr& expr) const {
        const ValueType* type = typer_->type_of(expr);
        return type ? *type : ValueType{};
    }

    const FunctionInput* find_input(InputKind kind, const std::string& name) const {
        for (const auto& input : inputs_) {
            if (input.kind == kind && input.name == name) {
                return &input;
            }
        }
        return nullptr;
    }

    std::string unique_name(std::string name) {
        while (std::find(parameters_.begin(), parameters_.end(), name) != parameters_.end() ||
               std::any_of(field_locals_.begin(), field_locals_.end(),
                           [&](const auto& local) { return local.second == name; })) {
            name += '_';
        }
        return name;
    }

    /// The parameter holding an input, added on first use: a named parameter while there is
    /// room, else the next surplus argument, `extra[n]`.
    std::string input(FunctionInput wanted, std::string parameter) {
        if (const FunctionInput* found = find_input(wanted.kind, wanted.name)) {
            return parameters_[static_cast<std::size_t>(found - inputs_.data())];
        }
        std::string name;
        if (named_parameters_ < detail::max_named_parameters) {
            name = unique_name(lua_identifier(parameter));
            ++named_parameters_;
        } else {
            name = "extra[" + std::to_string(++surplus_parameters_) + "]";
            uses_extra_ = true;
        }
        inputs_.push_back(std::move(wanted));
        parameters_.push_back(name);
        return name;
    }

    /// Names where the value of `field` (no input) lives in this function: a new Lua local
    /// while there is room (true: declare it `local`), else a field of `extra` (false).
    bool new_local(const std::string& field, std::string& name) {
        const bool named = field_locals_.size() < detail::max_named_locals;
        if (named) {
            name = unique_name(lua_identifier(field));
        } else {
            name = "extra" + detail::lua_index("local " + field); // never an integer key
            uses_extra_ = true;
        }
        field_locals_.emplace(field, name);
        return named;
    }

    /// A field or builtin value read by name.
    std::string named_value(const std::string& name) {
        if (auto it = field_locals_.find(name); it != field_locals_.end()) {
            return it->second;
        }
        if (auto index = scope_->field_index(name)) {
            const auto& field = scope_->workflow().fields[*index];
            FunctionInput wanted{InputKind::field, name, *index, detail::value_type_of(field.type),
                                 name};
            return input(std::move(wanted), name);
        }
        const detail::BuiltinValue* builtin = detail::find_builtin_value(name);
        FunctionInput wanted{builtin->input, "", 0, ValueType{builtin->type, {}, TypeKind::text},
                             name};
        return input(std::move(wanted), name);
    }

    LuaExpr expr(const ast::Expr& e) {
        switch (e.kind) {
        case ExprKind::number_literal:
            if (type_of(e).kind == TypeKind::money) {
                return {std::to_string(detail::money_cents(e.text).value_or(0))};
            }
            return {number_text(e.text)};
        case ExprKind::string_literal:
            return string_expr(e);
        case ExprKind::bool_literal:
            return {e.boolean ? "true" : "false"};
        case ExprKind::duration_literal:
        case ExprKind::timestamp_literal:
        case ExprKind::date_literal:
            return converted_literal(e);
        case ExprKind::list_literal:
            return list_expr(e);
        case ExprKind::name:
            if (scope_->field_index(e.text) || field_locals_.count(e.text) != 0 ||
                detail::find_builtin_value(e.text) != nullptr) {
                return {named_value(e.text)};
            }
            return {lua_string(e.text)}; // an enum value
        case ExprKind::data_ref: {
            FunctionInput wanted{InputKind::data, e.text, 0, type_of(e), "data." + e.text};
            return {input(std::move(wanted), "data_" + e.text)};
        }
        case ExprKind::asset_ref: {
            FunctionInput wanted{InputKind::asset, e.text, 0, type_of(e), "asset." + e.text};
            return {input(std::move(wanted), "asset_" + e.text)};
        }
        case ExprKind::pm_ref: {
            FunctionInput wanted{InputKind::pm, e.text, 0, type_of(e), "pm." + e.text};
            return {input(std::move(wanted), "pm_" + e.text)};
        }
        case ExprKind::call:
            return call_expr(e);
        case ExprKind::unary:
            return unary_expr(e);
        case ExprKind::binary:
            return binary_expr(e);
        }
        return {"nil"};
    }

    /// A duration, time or date as an integer, with its DSL spelling in a short comment when
    /// that spelling cannot close the comment.
    LuaExpr converted_literal(const ast::Expr& e) {
        std::string text = std::to_string(e.integer);
        const std::string spelling = comment_text(sources_->text_of(e.span));
        if (!spelling.empty() && spelling.find(']') == std::string::npos && spelling != text) {
            text += " --[[ " + spelling + " ]]";
        }
        return {text};
    }

    LuaExpr string_expr(const ast::Expr& e) {
        const auto pieces = detail::split_interpolation(e.text);
        if (pieces.empty()) {
            return {lua_string("")};
        }
        std::vector<std::string> parts;
        for (const auto& piece : pieces) {
            if (!piece.is_name) {
                parts.push_back(lua_string(piece.text));
                continue;
            }
            const std::string value = named_value(piece.text);
            parts.push_back(text_of_value({value}, named_type(piece.text)));
        }
        if (parts.size() == 1) {
            return {parts.front()};
        }
        return {detail::concat_tree(parts), p_concat};
    }

    ValueType named_type(const std::string& name) const {
        if (const auto* field = scope_->find_field(name)) {
            return detail::value_type_of(field->type);
        }
        const detail::BuiltinValue* builtin = detail::find_builtin_value(name);
        return ValueType{builtin ? builtin->type : TypeKind::text, {}, TypeKind::text};
    }

    LuaExpr list_expr(const ast::Expr& e) {
        std::string text = "{";
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            text += (i == 0 ? "" : ", ") + expr(e.operands[i]).text;
        }
        return {text + "}"};
    }

    LuaExpr call_expr(const ast::Expr& e) {
        const Builtin* builtin = find_builtin(e.text);
        std::string text = "lib." + lua_identifier(builtin ? builtin->runtime_name : e.text) + "(";
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            text += (i == 0 ? "" : ", ") + expr(e.operands[i]).text;
        }
        return {text + ")"};
    }

    LuaExpr unary_expr(const ast::Expr& e) {
        const LuaExpr operand = expr(e.operands[0]);
        if (e.unary_op == ast::UnaryOp::logical_not) {
            return {"not " + parenthesized(operand, operand.precedence < p_unary), p_unary};
        }
        // `-` before a text starting with `-` would open a Lua comment.
        const bool needs = operand.precedence < p_atom || operand.text.front() == '-';
        return {"-" + parenthesized(operand, needs), p_unary};
    }

    LuaExpr infix(const LuaExpr& left, const std::string& op, const LuaExpr& right, int precedence,
                  bool associative) {
        const bool left_needs = left.precedence < precedence ||
                                (precedence == p_compare && left.precedence == precedence);
        const bool right_needs =
            right.precedence < precedence || (right.precedence == precedence && !associative);
        return {parenthesized(left, left_needs) + " " + op + " " +
                    parenthesized(right, right_needs),
                precedence};
    }

    LuaExpr binary_expr(const ast::Expr& e) {
        const BinaryOp op = e.binary_op;
        if (op == BinaryOp::in || op == BinaryOp::not_in) {
            return membership_expr(e);
        }
        const LuaExpr left = expr(e.operands[0]);
        const LuaExpr right = expr(e.operands[1]);
        const TypeKind left_kind = type_of(e.operands[0]).kind;
        switch (op) {
        case BinaryOp::logical_or:
            return infix(left, "or", right, p_or, true);
        case BinaryOp::logical_and:
            return infix(left, "and", right, p_and, true);
        case BinaryOp::eq:
            return infix(left, "==", right, p_compare, false);
        case BinaryOp::ne:
            return infix(left, "~=", right, p_compare, false);
        case BinaryOp::lt:
            return infix(left, "<", right, p_compare, false);
        case BinaryOp::le:
            return infix(left, "<=", right, p_compare, false);
        case BinaryOp::gt:
            return infix(left, ">", right, p_compare, false);
        case BinaryOp::ge:
            return infix(left, ">=", right, p_compare, false);
        case BinaryOp::add:
            if (left_kind == TypeKind::text) {
                return infix(left, "..", right, p_concat, true);
            }
            return infix(left, "+", right, p_add, false);
        case BinaryOp::sub:
            return infix(left, "-", right, p_add, false);
        case BinaryOp::mul:
            if (left_kind == TypeKind::money) {
                return {"lib.money_mul(" + left.text + ", " + right.text + ")"};
            }
            return infix(left, "*", right, p_mul, false);
        case BinaryOp::div:
            if (left_kind == TypeKind::money) {
                return {"lib.money_div(" + left.text + ", " + right.text + ")"};
            }
            return infix(left, "/", right, p_mul, false);
        default:
            return {"nil"};
        }
    }

    /// Whether `e` is a literal whose Lua text is a constant (a string without `{...}`, a
    /// number, true or false, a time or duration, an enumeration value).
    bool is_constant(const ast::Expr& e) const {
        switch (e.kind) {
        case ExprKind::number_literal:
        case ExprKind::bool_literal:
        case ExprKind::duration_literal:
        case ExprKind::timestamp_literal:
        case ExprKind::date_literal:
            return true;
        case ExprKind::string_literal: {
            const auto pieces = detail::split_interpolation(e.text);
            return pieces.empty() || (pieces.size() == 1 && !pieces.front().is_name);
        }
        case ExprKind::name:
            return !scope_->field_index(e.text) && field_locals_.count(e.text) == 0 &&
                   detail::find_builtin_value(e.text) == nullptr;
        default:
            return false;
        }
    }

    /// `x in ["a", "b", ...]` with more than a few constant items looks `x` up in a set the
    /// chunk builds once, in constant time however long the list (`lists[1][x] == true`);
    /// shorter and other lists are inlined as `(x == a or x == b)` (Lua's compiler is quadratic
    /// in a long `or` chain, but E0109 caps a list); `x in list_field` calls lib.includes. A
    /// subject that is itself a comparison stays inlined: Lua 5.4.4 miscompiles a table indexed
    /// by one (fixed in 5.4.8).
    LuaExpr membership_expr(const ast::Expr& e) {
        const bool negated = e.binary_op == BinaryOp::not_in;
        const LuaExpr value = expr(e.operands[0]);
        const ast::Expr& list = e.operands[1];
        if (list.kind != ExprKind::list_literal) {
            const LuaExpr items = expr(list);
            const std::string call = "lib.includes(" + items.text + ", " + value.text + ")";
            return negated ? LuaExpr{"not " + call, p_unary} : LuaExpr{call};
        }
        if (list.operands.empty()) {
            return {negated ? "true" : "false"};
        }
        const bool constant = std::all_of(list.operands.begin(), list.operands.end(),
                                          [&](const ast::Expr& item) { return is_constant(item); });
        constexpr std::size_t longest_inlined = 4; // a short `or` chain reads better
        if (constant && value.precedence == p_atom && list.operands.size() > longest_inlined) {
            std::vector<std::string> keys;
            for (const auto& item : list.operands) {
                keys.push_back(expr(item).text);
            }
            const std::string set = lists_(keys, list.span);
            return {set + "[" + value.text + "]" + (negated ? " ~= true" : " == true"), p_compare};
        }
        const std::string compare = negated ? " ~= " : " == ";
        const std::string join = negated ? " and " : " or ";
        const std::string subject = parenthesized(value, value.precedence <= p_compare);
        std::string text;
        for (std::size_t i = 0; i < list.operands.size(); ++i) {
            const LuaExpr item = expr(list.operands[i]);
            text += (i == 0 ? "" : join) + subject + compare +
                    parenthesized(item, item.precedence <= p_compare);
        }
        return {"(" + text + ")"};
    }

    const SourceSet* sources_;
    const Scope* scope_;
    const detail::ExprTyper* typer_;
    const detail::ProgramScope* program_;
    TableWriter tables_;
    ListWriter lists_;
    std::size_t named_parameters_ = 0;
    std::size_t surplus_parameters_ = 0;
    bool uses_extra_ = false;
    std::vector<FunctionInput> inputs_;
    std::vector<std::string> parameters_;
    std::map<std::string, std::string> field_locals_; ///< field -> local declared by `set`
    std::vector<std::pair<std::string, SourceSpan>> body_;
};

// ---------------------------------------------------------------------------------------------
// Workflows

/// One function to generate, in source order.
struct FunctionJob {
    std::uint32_t order = 0;
    FunctionKind kind = FunctionKind::guard;
    std::string base_name;
    SourceSpan span;
    const ast::Expr* guard = nullptr;
    const std::vector<ast::Action>* actions = nullptr;
    std::optional<std::size_t>* slot = nullptr; ///< where the model keeps the function index
    const ast::PriorityClause* priority = nullptr;
};

std::string source_part(const ast::SourceStates& from) {
    if (!from.any) {
        return from.states.empty() ? "none" : from.states.front().name;
    }
    return from.states.empty() ? "any" : "any_except_" + from.states.front().name;
}

class WorkflowGenerator {
public:
    WorkflowGenerator(const ast::Workflow& workflow, const SourceSet& sources,
                      const detail::ProgramScope& program)
        : workflow_(&workflow), sources_(&sources), program_(&program), scope_(workflow),
          typer_(scope_, scratch_) {
        // The checker already reported everything; this run only records expression types.
        detail::check_types(scope_, typer_, scratch_);
        const ValueType boolean{TypeKind::boolean, {}, TypeKind::text};
        for (const ast::Approval* approval : started_approvals()) {
            for (const auto& step : approval->steps) {
                if (step.condition) {
                    typer_.type(*step.condition, &boolean);
                }
            }
        }
        const auto& rules = program_->program().pm_rules;
        for (std::size_t r = 0; r < rules.size(); ++r) {
            if (rules[r].creates.empty() ||
                rules[r].creates.front().workflow.name != workflow_->name.name) {
                continue;
            }
            pm_functions_.push_back({r, std::nullopt, std::nullopt, {}});
            for (const auto& [selector, span] : rules[r].selectors) {
                detail::check_condition_type(selector, typer_, scratch_);
            }
            detail::check_action_types(scope_, rules[r].creates.front().actions, typer_, scratch_);
        }
    }

    /// The functions of a pm rule that creates work orders of this workflow, compiled into its
    /// chunk, and the asset keys they read (sorted by key, then type).
    struct PmFunctions {
        std::size_t rule = 0; ///< index into the program's pm rules
        std::optional<std::size_t> selector;
        std::optional<std::size_t> create;
        std::vector<AssetKeyModel> asset_keys;
    };

    /// Valid after generate().
    const std::vector<PmFunctions>& pm_functions() const { return pm_functions_; }

    WorkflowModel generate() {
        model_.name = workflow_->name.name;
        model_.title = workflow_->title;
        model_.span = workflow_->span;
        model_.chunk_name = basename_of(sources_->get(workflow_->span.source).name()) + ".lua";
        fill_fields();
        fill_states();
        fill_events();
        fill_timers();
        fill_sla();
        fill_approvals();
        fill_data_keys();
        write_chunk(collect_jobs());
        fill_pm_asset_keys();
        return std::move(model_);
    }

private:
    void fill_fields() {
        for (const auto& field : workflow_->fields) {
            FieldModel model{field.name.name, detail::value_type_of(field.type), field.required,
                             std::nullopt, field.span};
            if (field.default_value) {
                model.default_value = constant_of(*field.default_value, model.type);
            }
            model_.fields.push_back(std::move(model));
        }
    }

    void fill_states() {
        for (std::size_t i = 0; i < workflow_->states.size(); ++i) {
            const auto& state = workflow_->states[i];
            model_.states.push_back({state.name.name, state.initial, state.final, std::nullopt,
                                     std::nullopt, state.span});
            if (state.initial) {
                model_.initial_state = i;
            }
        }
    }

    void fill_events() {
        for (const auto& handler : workflow_->events) {
            EventModel event{handler.event.name, {}, handler.span};
            for (const auto& alternative : handler.alternatives) {
                event.alternatives.push_back(transition_of(alternative));
            }
            model_.events.push_back(std::move(event));
        }
    }

    void fill_timers() {
        for (const auto& timer : workflow_->timers) {
            TimerModel model;
            model.state = scope_.state_index(timer.state.name).value_or(0);
            model.duration_ms = timer.duration_ms;
            model.business = timer.business;
            if (timer.business) {
                model.business_length = literals::split_duration(timer.duration_text);
            }
            model.calendar = detail::calendar_name(timer.business, timer.calendar, *program_);
            if (!timer.targets.empty()) {
                model.target = scope_.state_index(timer.targets.front().name);
            }
            model.span = timer.span;
            model.text = line_text_at(*sources_, timer.span);
            model_.timers.push_back(std::move(model));
        }
    }

    void fill_sla() {
        if (workflow_->slas.empty()) {
            return;
        }
        const auto& use = workflow_->slas.front();
        const auto& slas = program_->program().slas;
        for (std::size_t i = 0; i < slas.size(); ++i) {
            if (slas[i].name.name != use.name) {
                continue;
            }
            const SlaModel sla = detail::sla_model(slas[i], *program_);
            auto indexes = [&](const std::vector<std::string>& names) {
                std::vector<std::size_t> states;
                for (const auto& name : names) {
                    states.push_back(scope_.state_index(name).value_or(0));
                }
                return states;
            };
            model_.sla = WorkflowSlaModel{i,
                                          use.name,
                                          indexes(sla.response_starts),
                                          indexes(sla.response_stops),
                                          indexes(sla.resolution_starts),
                                          indexes(sla.resolution_stops),
                                          indexes(sla.paused),
                                          use.span};
            return;
        }
    }

    TransitionModel transition_of(const ast::Alternative& alternative) const {
        TransitionModel transition;
        transition.from = scope_.expand_sources(alternative.from);
        transition.to = scope_.state_index(alternative.to.name).value_or(0);
        if (alternative.guard) {
            transition.guard_text = std::string(sources_->text_of(alternative.guard->span));
        }
        for (const auto& name : alternative.required) {
            if (auto index = scope_.field_index(name.name)) {
                transition.required.push_back(*index);
            }
        }
        transition.span = alternative.span;
        transition.text = line_text_at(*sources_, alternative.span);
        return transition;
    }

    /// The approvals the workflow's transitions start, each once, in order of first `start`.
    std::vector<const ast::Approval*> started_approvals() const {
        std::vector<const ast::Approval*> approvals;
        for (const auto& handler : workflow_->events) {
            for (const auto& alternative : handler.alternatives) {
                if (alternative.starts.empty()) {
                    continue;
                }
                const ast::Approval* approval =
                    program_->find_approval(alternative.starts.front().name);
                if (approval != nullptr &&
                    std::find(approvals.begin(), approvals.end(), approval) == approvals.end()) {
                    approvals.push_back(approval);
                }
            }
        }
        return approvals;
    }

    void fill_approvals() {
        const auto& all = program_->program().approvals;
        const auto started = started_approvals();
        for (const ast::Approval* approval : started) {
            WorkflowApprovalModel model;
            model.approval = static_cast<std::size_t>(approval - all.data());
            model.name = approval->name.name;
            model.step_guards.resize(approval->steps.size());
            // The first outcome line of each kind counts (a second one is E0506).
            for (auto it = approval->outcomes.rbegin(); it != approval->outcomes.rend(); ++it) {
                const std::size_t state = scope_.state_index(it->state.name).value_or(0);
                (it->approved ? model.approved : model.rejected) = state;
            }
            model_.approvals.push_back(std::move(model));
        }
        for (std::size_t e = 0; e < workflow_->events.size(); ++e) {
            const auto& handler = workflow_->events[e];
            for (std::size_t a = 0; a < handler.alternatives.size(); ++a) {
                const auto& starts = handler.alternatives[a].starts;
                if (starts.empty()) {
                    continue;
                }
                const ast::Approval* approval = program_->find_approval(starts.front().name);
                const auto found = std::find(started.begin(), started.end(), approval);
                if (found != started.end()) {
                    model_.events[e].alternatives[a].start =
                        static_cast<std::size_t>(found - started.begin());
                }
            }
        }
    }

    void fill_data_keys() {
        std::set<std::string> keys;
        detail::for_each_root_expr(*workflow_, [&](const ast::Expr& root) {
            detail::for_each_expr(root, [&](const ast::Expr& expr) {
                if (expr.kind == ExprKind::data_ref) {
                    keys.insert(expr.text);
                }
            });
        });
        model_.data_keys.assign(keys.begin(), keys.end());
    }

    std::vector<FunctionJob> collect_jobs() {
        std::vector<FunctionJob> jobs;
        for (std::size_t e = 0; e < workflow_->events.size(); ++e) {
            const auto& handler = workflow_->events[e];
            for (std::size_t a = 0; a < handler.alternatives.size(); ++a) {
                const auto& alternative = handler.alternatives[a];
                auto& transition = model_.events[e].alternatives[a];
                const std::string base = handler.event.name + "_" + source_part(alternative.from) +
                                         "_to_" + alternative.to.name;
                if (alternative.guard) {
                    jobs.push_back({alternative.span.begin, FunctionKind::guard, base + "_guard",
                                    alternative.span, &*alternative.guard, nullptr,
                                    &transition.guard});
                }
                if (!alternative.actions.empty()) {
                    const SourceSpan span =
                        cover(alternative.actions.front().span, alternative.actions.back().span);
                    jobs.push_back({span.begin, FunctionKind::actions, base + "_actions", span,
                                    nullptr, &alternative.actions, &transition.actions});
                }
            }
        }
        for (std::size_t t = 0; t < workflow_->timers.size(); ++t) {
            const auto& timer = workflow_->timers[t];
            if (timer.actions.empty()) {
                continue;
            }
            jobs.push_back({timer.span.begin, FunctionKind::actions,
                            "after_" + timer.state.name + "_actions", timer.span, nullptr,
                            &timer.actions, &model_.timers[t].actions});
        }
        if (!workflow_->priorities.empty()) {
            const auto& clause = workflow_->priorities.front();
            jobs.push_back({clause.span.begin, FunctionKind::priority, "priority", clause.span,
                            nullptr, nullptr, &priority_function_, &clause});
        }
        for (const auto& hook : workflow_->hooks) {
            auto index = scope_.state_index(hook.state.name);
            if (hook.actions.empty() || !index) {
                continue;
            }
            const bool enter = hook.kind == ast::HookKind::enter;
            auto& state = model_.states[*index];
            jobs.push_back({hook.span.begin, FunctionKind::actions,
                            std::string(enter ? "enter_" : "leave_") + hook.state.name + "_actions",
                            hook.span, nullptr, &hook.actions,
                            enter ? &state.on_enter : &state.on_leave});
        }
        const auto started = started_approvals();
        for (std::size_t k = 0; k < started.size(); ++k) {
            const ast::Approval& approval = *started[k];
            for (std::size_t i = 0; i < approval.steps.size(); ++i) {
                const auto& step = approval.steps[i];
                if (!step.condition) {
                    continue;
                }
                jobs.push_back({step.span.begin, FunctionKind::guard,
                                "approval_" + approval.name.name + "_" + step.name.name + "_guard",
                                step.span, &*step.condition, nullptr,
                                &model_.approvals[k].step_guards[i]});
            }
        }
        add_pm_jobs(jobs);
        std::stable_sort(jobs.begin(), jobs.end(),
                         [](const auto& a, const auto& b) { return a.order < b.order; });
        return jobs;
    }

    /// A pm rule's asset selector (a guard) and `create` items (actions), in its own file order
    /// among the workflow's functions.
    void add_pm_jobs(std::vector<FunctionJob>& jobs) {
        const auto& rules = program_->program().pm_rules;
        for (auto& functions : pm_functions_) {
            const ast::PmRule& rule = rules[functions.rule];
            const std::string base = "pm_" + rule.name.name;
            if (!rule.selectors.empty()) {
                const auto& [selector, span] = rule.selectors.front();
                jobs.push_back({span.begin, FunctionKind::guard, base + "_assets_guard", span,
                                &selector, nullptr, &functions.selector});
            }
            const ast::PmCreate& create = rule.creates.front();
            if (!create.actions.empty()) {
                jobs.push_back({create.span.begin, FunctionKind::actions, base + "_create_actions",
                                create.span, nullptr, &create.actions, &functions.create});
            }
        }
    }

    void fill_pm_asset_keys() {
        for (auto& functions : pm_functions_) {
            std::vector<AssetKeyModel> keys;
            for (const auto& slot : {functions.selector, functions.create}) {
                if (!slot) {
                    continue;
                }
                for (const auto& input : model_.functions[*slot].inputs) {
                    if (input.kind == InputKind::asset) {
                        keys.push_back({input.name, input.type});
                    }
                }
            }
            const auto order = [](const AssetKeyModel& a, const AssetKeyModel& b) {
                return a.key != b.key ? a.key < b.key
                                      : detail::type_name(a.type) < detail::type_name(b.type);
            };
            const auto same = [](const AssetKeyModel& a, const AssetKeyModel& b) {
                return a.key == b.key && detail::same_type(a.type, b.type);
            };
            std::sort(keys.begin(), keys.end(), order);
            keys.erase(std::unique(keys.begin(), keys.end(), same), keys.end());
            functions.asset_keys = std::move(keys);
        }
    }

    std::string unique_function_name(const std::string& base) {
        std::string name = lua_identifier(base);
        for (int n = 2; taken_.count(name) != 0; ++n) {
            name = lua_identifier(base) + "_" + std::to_string(n);
        }
        taken_.insert(name);
        return name;
    }

    void write_chunk(const std::vector<FunctionJob>& jobs) {
        const std::string file = basename_of(sources_->get(workflow_->span.source).name());
        const SourceSpan header = workflow_->span;
        writer_.line(comment_text("-- " + model_.chunk_name + ": generated by millwright from " +
                                  file + ", workflow " + model_.name + "."),
                     header);
        writer_.line(comment_text("-- Do not edit: change the .mw file and run `millwright "
                                  "compile " +
                                  file + " --emit lua`."),
                     header);
        writer_.line("local rt, lib, _ENV = ...", header);
        // Lua allows 200 locals in a function, the chunk's main one too: a workflow with more
        // functions (and tables they may use) than fit writes them in `do ... end` blocks that
        // export them.
        const std::size_t most_locals = jobs.size() + program_->program().tables.size() + 2;
        split_ = most_locals > detail::max_chunk_locals;
        if (split_) {
            writer_.line("local exports = {}", header);
            open_group();
        }
        for (const auto& job : jobs) {
            if (split_ && group_locals_ >= detail::max_chunk_locals) {
                close_group();
                open_group();
            }
            write_function(job);
        }
        if (split_) {
            close_group();
            writer_.line("", header);
            writer_.line("return exports", header);
        } else {
            writer_.line("", header);
            writer_.line("return {", header);
            for (const auto& function : model_.functions) {
                writer_.line("  " + function.name + " = " + function.name + ",", header);
            }
            writer_.line("}", header);
        }
        model_.lua = writer_.text();
        model_.line_map = writer_.line_map();
    }

    /// One line of the chunk, indented inside a `do` block.
    void emit(const std::string& text, SourceSpan span) {
        writer_.line(text.empty() || !split_ ? text : "  " + text, span);
    }

    void open_group() {
        writer_.line("", workflow_->span);
        writer_.line("do", workflow_->span);
        group_locals_ = 0;
        group_functions_.clear();
        tables_.clear(); // a table used again is written again, in its new block
        lists_declared_ = false;
    }

    void close_group() {
        emit("", workflow_->span);
        for (const auto& name : group_functions_) {
            emit("exports." + name + " = " + name, workflow_->span);
        }
        writer_.line("end", workflow_->span);
    }

    /// The set of a constant list (see FunctionEmitter::membership_expr), written above the
    /// function that uses it; the chunk-level `lists` holds every one.
    std::string write_list(const std::vector<std::string>& keys, SourceSpan span) {
        if (!lists_declared_) {
            emit("", workflow_->span);
            emit("local lists = {}", workflow_->span);
            lists_declared_ = true;
            ++group_locals_;
        }
        const std::string set = "lists[" + std::to_string(++list_count_) + "]";
        constexpr std::size_t keys_per_line = 8;
        emit("", span);
        if (keys.size() <= keys_per_line) {
            std::string items;
            for (const auto& key : keys) {
                items += (items.empty() ? "" : ", ") + ("[" + key + "] = true");
            }
            emit(set + " = { " + items + " }", span);
            return set;
        }
        emit(set + " = {", span);
        for (std::size_t first = 0; first < keys.size(); first += keys_per_line) {
            std::string items;
            for (std::size_t i = first; i < std::min(keys.size(), first + keys_per_line); ++i) {
                items += "[" + keys[i] + "] = true,";
                items += i + 1 < std::min(keys.size(), first + keys_per_line) ? " " : "";
            }
            emit("  " + items, span);
        }
        emit("}", span);
        return set;
    }

    /// The matrix a priority function looks up, as a local table above the function.
    std::string write_matrix(const ast::Matrix& matrix) {
        const MatrixTable table = detail::matrix_table(matrix, *program_);
        const std::string name = unique_function_name(matrix.name.name);
        ++group_locals_;
        emit("", workflow_->span);
        emit(comment_text("-- " + location(*sources_, matrix.span) + "  " +
                          collapse_blanks(line_text_at(*sources_, matrix.span))),
             matrix.span);
        std::vector<std::size_t> prefix;
        write_table_level(table, prefix, "", "local " + name + " = ", "");
        return name;
    }

    /// A decision table, as a local array of rows right above the first function that uses
    /// it: per input the set of values the row accepts (absent for `-`), then the outputs.
    std::string write_table(const ast::DecisionTable& table) {
        if (auto it = tables_.find(table.name.name); it != tables_.end()) {
            return it->second;
        }
        // The local must not be hidden by a function's parameter, which is named after a field
        // or a builtin value.
        std::string name = lua_identifier(table.name.name);
        for (int n = 2; taken_.count(name) != 0 || shadowed(name); ++n) {
            name = lua_identifier(table.name.name) + "_" + std::to_string(n);
        }
        taken_.insert(name);
        tables_.emplace(table.name.name, name);
        ++group_locals_;
        emit("", workflow_->span);
        emit(comment_text("-- " + location(*sources_, table.span) + "  " +
                          collapse_blanks(line_text_at(*sources_, table.span))),
             table.span);
        emit("local " + name + " = {", table.span);
        for (const auto& row : table.rows) {
            emit("  " + detail::table_row_lua(table, row) + ",", row.span);
        }
        emit("}", table.span);
        return name;
    }

    /// Whether a parameter may be called `name`: parameters are named after fields, `data_`
    /// keys and builtin values, with `_` appended on a collision.
    bool shadowed(const std::string& name) const {
        auto is_parameter_of = [&](const std::string& base) {
            return name.starts_with(base) &&
                   name.find_first_not_of('_', base.size()) == std::string::npos;
        };
        for (const auto& field : workflow_->fields) {
            if (is_parameter_of(lua_identifier(field.name.name))) {
                return true;
            }
        }
        for (const auto& key : model_.data_keys) {
            if (is_parameter_of(lua_identifier("data_" + key))) {
                return true;
            }
        }
        for (const auto& builtin : detail::builtin_values()) {
            if (is_parameter_of(lua_identifier(builtin.name))) {
                return true;
            }
        }
        return false;
    }

    /// One level of the nested table: the last axis on one line, outer axes one per line.
    void write_table_level(const MatrixTable& table, std::vector<std::size_t>& prefix,
                           const std::string& indent, const std::string& head,
                           const std::string& tail) {
        const auto& axes = table.model.axes;
        const std::size_t depth = prefix.size();
        const auto levels = program_->level_names();
        if (depth + 1 == axes.size()) {
            std::string cells;
            for (std::size_t i = 0; i < axes[depth].values.size(); ++i) {
                prefix.push_back(i);
                const std::size_t level = table.model.cell(prefix);
                prefix.pop_back();
                cells += (cells.empty() ? "" : ", ") + lua_key(axes[depth].values[i]) + " = " +
                         lua_string(level < levels.size() ? levels[level] : "");
            }
            auto row = table.row_spans.find(prefix);
            const SourceSpan span = row != table.row_spans.end() ? row->second : table.model.span;
            emit(indent + head + "{ " + cells + " }" + tail, span);
            return;
        }
        emit(indent + head + "{", table.model.span);
        for (std::size_t i = 0; i < axes[depth].values.size(); ++i) {
            prefix.push_back(i);
            write_table_level(table, prefix, indent + "  ", lua_key(axes[depth].values[i]) + " = ",
                              ",");
            prefix.pop_back();
        }
        emit(indent + "}" + tail, table.model.span);
    }

    void write_function(const FunctionJob& job) {
        FunctionEmitter emitter(
            *sources_, scope_, typer_, *program_,
            [this](const ast::DecisionTable& table) { return write_table(table); },
            [this](const std::vector<std::string>& keys, SourceSpan span) {
                return write_list(keys, span);
            });
        if (job.guard != nullptr) {
            emitter.emit_guard(*job.guard);
        } else if (job.priority != nullptr) {
            const ast::Matrix* matrix = job.priority->from_matrix
                                            ? program_->find_matrix(job.priority->matrix.name)
                                            : nullptr;
            emitter.emit_priority(*job.priority, matrix ? write_matrix(*matrix) : "");
        } else {
            emitter.emit_actions(*job.actions);
        }
        const std::string name = unique_function_name(job.base_name);
        emit("", workflow_->span);
        emit(comment_text("-- " + location(*sources_, job.span) + "  " +
                          collapse_blanks(line_text_at(*sources_, job.span))),
             job.span);
        emit("local function " + name + "(" + emitter.signature() + ")", job.span);
        if (emitter.uses_extra()) {
            emit("  local extra = {...}", job.span);
        }
        for (const auto& [text, span] : emitter.body()) {
            emit("  " + text, span);
        }
        emit("end", job.span);
        ++group_locals_;
        group_functions_.push_back(name);
        *job.slot = model_.functions.size();
        model_.functions.push_back({name, job.kind, emitter.inputs(), job.span});
        if (job.priority != nullptr) {
            fill_priority(*job.priority, emitter.inputs());
        }
    }

    void fill_priority(const ast::PriorityClause& clause,
                       const std::vector<FunctionInput>& inputs) {
        PriorityModel priority;
        priority.levels = program_->level_names();
        priority.span = clause.span;
        priority.function = *priority_function_;
        if (clause.from_matrix) {
            priority.matrix = clause.matrix.name;
            for (const auto& argument : clause.arguments) {
                priority.axes.push_back(scope_.field_index(argument.name).value_or(0));
            }
        } else {
            priority.fixed = program_->level_index(clause.level.name);
        }
        for (const auto& override_line : clause.overrides) {
            priority.overrides.push_back(
                {program_->level_index(override_line.level.name).value_or(0),
                 collapse_blanks(sources_->text_of(override_line.span)), override_line.span});
        }
        std::set<std::size_t> fields;
        for (const auto& input : inputs) {
            if (input.kind == InputKind::field) {
                fields.insert(input.field);
            }
        }
        priority.depends_on.assign(fields.begin(), fields.end());
        model_.priority = std::move(priority);
    }

    const ast::Workflow* workflow_;
    const SourceSet* sources_;
    const detail::ProgramScope* program_;
    std::optional<std::size_t> priority_function_;
    DiagnosticList scratch_;
    Scope scope_;
    detail::ExprTyper typer_;
    WorkflowModel model_;
    detail::LuaWriter writer_;
    std::set<std::string> taken_;
    std::map<std::string, std::string> tables_; ///< table name -> its local in the block
    bool split_ = false;                        ///< whether functions are written in `do` blocks
    std::size_t group_locals_ = 0;              ///< locals of the current block (or the chunk)
    std::vector<std::string> group_functions_;  ///< the functions of the current block
    bool lists_declared_ = false;               ///< whether the block has its `lists` yet
    std::size_t list_count_ = 0;
    std::vector<PmFunctions> pm_functions_;
};

} // namespace

ProgramModel generate_program(const ast::Program& program, const SourceSet& sources) {
    const detail::ProgramScope shared(program);
    ProgramModel model;
    if (!program.priority_levels.empty()) {
        for (const auto& level : program.priority_levels.front().levels) {
            model.levels.push_back({level.name.name, level.title, level.span});
        }
    }
    for (const auto& matrix : program.matrices) {
        model.matrices.push_back(detail::matrix_table(matrix, shared).model);
    }
    for (const auto& calendar : program.calendars) {
        model.calendars.push_back(detail::calendar_model(calendar));
    }
    for (const auto& sla : program.slas) {
        model.slas.push_back(detail::sla_model(sla, shared));
    }
    for (const auto& approval : program.approvals) {
        model.approvals.push_back(detail::approval_model(approval, shared, sources));
    }
    for (const auto& rule : program.pm_rules) {
        std::size_t workflow = 0;
        while (program.workflows[workflow].name.name != rule.creates.front().workflow.name) {
            ++workflow; // the checker made sure it exists
        }
        model.pm_rules.push_back(detail::pm_model(rule, workflow, sources));
    }
    for (const auto& workflow : program.workflows) {
        WorkflowGenerator generator(workflow, sources, shared);
        model.workflows.push_back(generator.generate());
        for (const auto& functions : generator.pm_functions()) {
            PmModel& pm = model.pm_rules[functions.rule];
            pm.selector = functions.selector;
            pm.create = functions.create;
            pm.asset_keys = functions.asset_keys;
        }
    }
    return model;
}

std::vector<WorkflowModel> generate(const ast::Program& program, const SourceSet& sources) {
    return generate_program(program, sources).workflows;
}

} // namespace millwright::dsl
