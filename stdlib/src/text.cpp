// Text builtins: length, lower, upper, trim, contains, starts_with, and to_text (a value as
// text, for string interpolation). Each runs in time linear in its input: text arguments are
// capped at max_text_bytes (length and to_text's identity cases are O(1) and take any size),
// case mapping is ASCII only, and `contains` falls back to Knuth-Morris-Pratt for long parts,
// so no input can make it quadratic.
#include "arguments.hpp"
#include "modules.hpp"

#include "millwright/stdlib/format.hpp"
#include "millwright/stdlib/register.hpp"

#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::stdlib {

namespace {

std::string_view check_capped_text(lua_State* L, int arg, const char* name) {
    return detail::check_text(L, arg, name, max_text_bytes);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Knuth-Morris-Pratt: O(text + part) in every case.
bool kmp_contains(std::string_view text, std::string_view part) {
    std::vector<std::size_t> border(part.size(), 0);
    for (std::size_t i = 1, k = 0; i < part.size(); ++i) {
        while (k > 0 && part[i] != part[k]) {
            k = border[k - 1];
        }
        if (part[i] == part[k]) {
            ++k;
        }
        border[i] = k;
    }
    for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
        while (k > 0 && text[i] != part[k]) {
            k = border[k - 1];
        }
        if (text[i] == part[k]) {
            ++k;
        }
        if (k == part.size()) {
            return true;
        }
    }
    return false;
}

/// Whether `part` occurs in `text`; linear, or bounded by text x 32 for short parts.
bool text_contains(std::string_view text, std::string_view part) {
    constexpr std::size_t short_part = 32;
    if (part.size() <= short_part) {
        return text.find(part) != std::string_view::npos;
    }
    return part.size() <= text.size() && kmp_contains(text, part);
}

int length(lua_State* L) {
    constexpr const char* name = "length";
    switch (lua_type(L, 1)) {
    case LUA_TSTRING:
        lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
        return 1;
    case LUA_TTABLE:
        lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
        return 1;
    default:
        detail::type_error(L, 1, name, "string or table");
    }
}

template <char First, char Last, int Shift>
int map_ascii(lua_State* L, const char* name) {
    return detail::guarded(L, name, [&] {
        const std::string_view text = check_capped_text(L, 1, name);
        luaL_Buffer buffer;
        char* out = luaL_buffinitsize(L, &buffer, text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            out[i] = c >= First && c <= Last ? static_cast<char>(c + Shift) : c;
        }
        luaL_pushresultsize(&buffer, text.size());
        return 1;
    });
}

int lower(lua_State* L) {
    return map_ascii<'A', 'Z', 'a' - 'A'>(L, "lower");
}

int upper(lua_State* L) {
    return map_ascii<'a', 'z', 'A' - 'a'>(L, "upper");
}

int trim(lua_State* L) {
    const std::string_view text = check_capped_text(L, 1, "trim");
    std::size_t first = 0;
    std::size_t last = text.size();
    while (first < last && is_space(text[first])) {
        ++first;
    }
    while (last > first && is_space(text[last - 1])) {
        --last;
    }
    if (first == 0 && last == text.size()) {
        lua_pushvalue(L, 1);
    } else {
        lua_pushlstring(L, text.data() + first, last - first);
    }
    return 1;
}

int contains(lua_State* L) {
    constexpr const char* name = "contains";
    return detail::guarded(L, name, [&] {
        const std::string_view text = check_capped_text(L, 1, name);
        const std::string_view part = check_capped_text(L, 2, name);
        lua_pushboolean(L, text_contains(text, part));
        return 1;
    });
}

int starts_with(lua_State* L) {
    constexpr const char* name = "starts_with";
    const std::string_view text = check_capped_text(L, 1, name);
    const std::string_view prefix = check_capped_text(L, 2, name);
    lua_pushboolean(L, text.starts_with(prefix));
    return 1;
}

void push_string(lua_State* L, const std::string& text) {
    lua_pushlstring(L, text.data(), text.size());
}

/// The integer argument of to_text for a kind stored as an integer (money, time, ...).
std::int64_t check_kind_integer(lua_State* L, const char* name) {
    return detail::check_integer(L, 1, name);
}

int to_text(lua_State* L) {
    constexpr const char* name = "to_text";
    return detail::guarded(L, name, [&] {
        const std::string_view kind = check_capped_text(L, 2, name);
        if (kind == "text" || kind == "enumeration") {
            if (lua_type(L, 1) != LUA_TSTRING) {
                detail::type_error(L, 1, name, "string");
            }
            lua_pushvalue(L, 1);
        } else if (kind == "number") {
            if (lua_type(L, 1) != LUA_TNUMBER) {
                detail::type_error(L, 1, name, "number");
            }
            if (lua_isinteger(L, 1)) {
                std::array<char, 24> buffer{};
                const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                                  static_cast<std::int64_t>(lua_tointeger(L, 1)));
                lua_pushlstring(L, buffer.data(),
                                static_cast<std::size_t>(result.ptr - buffer.data()));
            } else {
                push_string(L, format_number(lua_tonumber(L, 1)));
            }
        } else if (kind == "money") {
            push_string(L, format_money(check_kind_integer(L, name)));
        } else if (kind == "duration") {
            push_string(L, format_duration(check_kind_integer(L, name)));
        } else if (kind == "time") {
            push_string(L, format_time(check_kind_integer(L, name)));
        } else if (kind == "date") {
            push_string(L, format_date(check_kind_integer(L, name)));
        } else if (kind == "bool" || kind == "boolean") {
            if (lua_type(L, 1) != LUA_TBOOLEAN) {
                detail::type_error(L, 1, name, "boolean");
            }
            lua_pushstring(L, lua_toboolean(L, 1) ? "true" : "false");
        } else {
            const std::string kind_text(kind);
            detail::argument_error(L, 2, name,
                                   lua_pushfstring(L, "unknown kind '%s'", kind_text.c_str()));
        }
        return 1;
    });
}

} // namespace

namespace detail {
const luaL_Reg text_functions[] = {
    {"length", length},   {"lower", lower},       {"upper", upper},
    {"trim", trim},       {"contains", contains}, {"starts_with", starts_with},
    {"to_text", to_text}, {nullptr, nullptr},
};
} // namespace detail

} // namespace millwright::stdlib
