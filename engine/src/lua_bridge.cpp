// Values across the Lua boundary, and the rt.* effect functions. Each rt function checks its
// arguments the way Lua's own library does and raises a Lua error naming the problem; C++
// exceptions are caught here and turned into Lua errors, never allowed to cross into Lua.
#include "lua_bridge.hpp"

#include <lua.hpp>

#include <cmath>
#include <exception>
#include <string>
#include <string_view>

namespace millwright::detail {

using dsl::TypeKind;

namespace {

void push_scalar(lua_State* L, const Value& value, TypeKind kind) {
    switch (value.kind) {
    case Value::Kind::unset:
        lua_pushnil(L);
        return;
    case Value::Kind::boolean:
        lua_pushboolean(L, value.boolean ? 1 : 0);
        return;
    case Value::Kind::integer:
        lua_pushinteger(L, static_cast<lua_Integer>(value.integer));
        return;
    case Value::Kind::number:
        lua_pushnumber(L, static_cast<lua_Number>(value.number));
        return;
    case Value::Kind::text:
        lua_pushlstring(L, value.text.data(), value.text.size());
        return;
    case Value::Kind::list:
        (void)kind;
        lua_pushnil(L);
        return;
    }
}

} // namespace

void push_value(lua_State* L, const Value& value, const dsl::ValueType& type) {
    if (value.kind != Value::Kind::list) {
        push_scalar(L, value, type.kind);
        return;
    }
    const auto& items = value.items();
    lua_createtable(L, static_cast<int>(items.size()), 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
        push_scalar(L, items[i], type.element_kind);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
}

namespace {

constexpr lua_Integer max_list_items = 10000;

bool read_integer(lua_State* L, int index, std::int64_t& out) {
    if (lua_type(L, index) != LUA_TNUMBER) {
        return false;
    }
    int is_integer = 0;
    const lua_Integer integer = lua_tointegerx(L, index, &is_integer);
    if (!is_integer) {
        return false; // a float without an exact integer value
    }
    out = integer;
    return true;
}

bool read_scalar(lua_State* L, int index, TypeKind kind, const std::vector<std::string>& enums,
                 Value& out) {
    switch (kind) {
    case TypeKind::text:
    case TypeKind::enumeration: {
        if (lua_type(L, index) != LUA_TSTRING) {
            return false;
        }
        std::size_t length = 0;
        const char* text = lua_tolstring(L, index, &length);
        if (length > max_field_text_bytes) {
            return false;
        }
        out.set_text().assign(text, length);
        if (kind == TypeKind::enumeration) {
            for (const auto& value : enums) {
                if (value == out.text) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
    case TypeKind::number:
        if (lua_type(L, index) != LUA_TNUMBER) {
            return false;
        }
        out.set_number(static_cast<double>(lua_tonumber(L, index)));
        return std::isfinite(out.number);
    case TypeKind::boolean:
        if (lua_type(L, index) != LUA_TBOOLEAN) {
            return false;
        }
        out.set_boolean(lua_toboolean(L, index) != 0);
        return true;
    case TypeKind::money:
    case TypeKind::time:
    case TypeKind::date:
    case TypeKind::duration: {
        std::int64_t integer = 0;
        const bool ok = read_integer(L, index, integer);
        out.set_integer(integer);
        return ok;
    }
    case TypeKind::list:
        return false;
    }
    return false;
}

} // namespace

bool read_value(lua_State* L, int index, const dsl::ValueType& type, Value& out,
                std::string& problem) {
    index = lua_absindex(L, index);
    out = Value{};
    if (lua_isnil(L, index)) {
        return true;
    }
    bool ok = false;
    if (type.kind == TypeKind::list) {
        if (lua_type(L, index) == LUA_TTABLE) {
            const auto length = static_cast<lua_Integer>(lua_rawlen(L, index));
            ok = length <= max_list_items;
            auto& list = out.set_list();
            for (lua_Integer i = 1; ok && i <= length; ++i) {
                lua_rawgeti(L, index, i);
                Value item;
                ok = read_scalar(L, -1, type.element_kind, type.enum_values, item);
                lua_pop(L, 1);
                list.push_back(std::move(item));
            }
        }
    } else {
        ok = read_scalar(L, index, type.kind, type.enum_values, out);
    }
    if (!ok) {
        problem = describe(type) + " expected, got " + luaL_typename(L, index);
        out = Value{};
    }
    return ok;
}

namespace {

Evaluation& evaluation_of(lua_State* L) {
    return *static_cast<Evaluation*>(lua_touserdata(L, lua_upvalueindex(1)));
}

// Argument texts are read as views into the Lua strings, which stay valid while they are
// arguments on the stack: each is copied once, straight into the effect that keeps it.
std::string_view check_text(lua_State* L, int arg) {
    std::size_t length = 0;
    const char* text = luaL_checklstring(L, arg, &length);
    return {text, length};
}

// A recipient must be a non-empty text: notifying or assigning to nobody is a rule error.
std::string_view check_person(lua_State* L, int arg, const char* function) {
    if (lua_type(L, arg) != LUA_TSTRING) {
        luaL_error(L, "%s: the recipient is not set (text expected, got %s)", function,
                   luaL_typename(L, arg));
    }
    const std::string_view person = check_text(L, arg);
    if (person.empty()) {
        luaL_error(L, "%s: the recipient is empty", function);
    }
    return person;
}

// Appends an effect of `type` and lets `fill` set its other fields in place (no temporary
// Effect whose strings are moved). Arguments are checked before, so only a C++ exception can
// interrupt `fill`, and then the half-filled effect is removed again.
template <typename Fill>
void add_effect(Evaluation& evaluation, const char* type, Fill&& fill) {
    // The list moves into the decision after each event, so it starts empty every time; room
    // for a few effects up front spares the regrowth of 1 -> 2 -> 4.
    if (evaluation.effects.capacity() == 0) {
        evaluation.effects.reserve(4);
    }
    Effect& effect = evaluation.effects.emplace_back();
    try {
        effect.type = type;
        fill(effect);
    } catch (...) {
        evaluation.effects.pop_back();
        throw;
    }
}

// Runs `body`, turning a C++ exception into a Lua error. Lua's own errors (thrown by the C++
// build of Lua as a non-std exception) pass through untouched.
template <typename Body>
int guarded(lua_State* L, Body&& body) {
    const char* failure = nullptr;
    try {
        return body();
    } catch (const std::bad_alloc&) {
        failure = "not enough memory";
    } catch (const std::exception& error) {
        lua_pushstring(L, error.what());
        return lua_error(L);
    }
    return luaL_error(L, "%s", failure);
}

int rt_set(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view name = check_text(L, 1);
        const auto& fields = evaluation.workflow->fields;
        const auto it = fields.find(name); // NameIndex looks up views without a copy
        if (it == fields.end()) {
            return luaL_error(L, "set: `%s` is not a field", lua_tostring(L, 1));
        }
        const auto& field = evaluation.workflow->model->fields[it->second];
        Value value;
        std::string problem;
        if (!read_value(L, 2, field.type, value, problem)) {
            return luaL_error(L, "set %s: %s", lua_tostring(L, 1), problem.c_str());
        }
        evaluation.pending.set(it->second, std::move(value));
        return 0;
    });
}

int rt_notify(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view to = check_person(L, 1, "notify");
        const std::string_view text = check_text(L, 2);
        add_effect(evaluation, "notify", [&](Effect& effect) {
            effect.to = to;
            effect.text = text;
        });
        return 0;
    });
}

int rt_notify_role(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view role = check_text(L, 1);
        const std::string_view text = check_text(L, 2);
        add_effect(evaluation, "notify", [&](Effect& effect) {
            effect.role = role;
            effect.text = text;
        });
        return 0;
    });
}

int rt_assign(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view to = check_person(L, 1, "assign");
        add_effect(evaluation, "assign", [&](Effect& effect) { effect.to = to; });
        evaluation.assignee_changed = true;
        evaluation.new_assignee = to;
        return 0;
    });
}

int rt_assign_role(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view role = check_text(L, 1);
        add_effect(evaluation, "assign", [&](Effect& effect) { effect.role = role; });
        evaluation.assignee_changed = true;
        evaluation.new_assignee.assign("role:").append(role);
        return 0;
    });
}

int rt_note(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        if (lua_isnil(L, 1)) {
            return luaL_error(L, "note: the text is not set");
        }
        const std::string_view text = check_text(L, 1);
        add_effect(evaluation, "note", [&](Effect& effect) { effect.text = text; });
        return 0;
    });
}

// rt.reserve(part, quantity): parts a pm rule's new work order needs (its `create` line).
int rt_reserve(lua_State* L) {
    return guarded(L, [L] {
        auto& evaluation = evaluation_of(L);
        const std::string_view part = check_text(L, 1);
        std::int64_t quantity = 0;
        if (!read_integer(L, 2, quantity) || quantity < 1) {
            return luaL_error(L, "bad argument #2 to 'reserve' (positive integer expected)");
        }
        add_effect(evaluation, "reserve", [&](Effect& effect) {
            effect.text = part;
            effect.quantity = quantity;
        });
        return 0;
    });
}

} // namespace

void push_runtime_table(lua_State* L, Evaluation* evaluation) {
    static const luaL_Reg functions[] = {
        {"set", rt_set},
        {"notify", rt_notify},
        {"notify_role", rt_notify_role},
        {"assign", rt_assign},
        {"assign_role", rt_assign_role},
        {"note", rt_note},
        {"reserve", rt_reserve},
        {nullptr, nullptr},
    };
    lua_createtable(L, 0, 7);
    lua_pushlightuserdata(L, evaluation);
    luaL_setfuncs(L, functions, 1);
}

} // namespace millwright::detail
