// The business-time builtins: calendar arithmetic (calendar.hpp) for generated code. Each names
// its calendar by text; the calendars a workflow may name come with `lib` (push_lib), as an
// upvalue, so the functions stay pure: they read their arguments and the immutable calendars.
// Times and durations are integer milliseconds, as everywhere in generated code.
#include "millwright/stdlib/calendar.hpp"
#include "millwright/stdlib/register.hpp"

#include "arguments.hpp"
#include "modules.hpp"

#include <chrono>
#include <string>

namespace millwright::stdlib {

namespace {

constexpr std::size_t max_calendar_name = 256;

// The calendar argument `arg` names, or a Lua error saying which calendars there are.
const BusinessCalendar& check_calendar(lua_State* L, int arg, const char* name) {
    const std::string_view wanted = detail::check_text(L, arg, name, max_calendar_name);
    const auto* calendars =
        static_cast<const CalendarsByName*>(lua_touserdata(L, lua_upvalueindex(1)));
    if (calendars != nullptr) {
        if (const auto found = calendars->find(wanted); found != calendars->end()) {
            return *found->second;
        }
    }
    std::string known;
    if (calendars != nullptr) {
        for (const auto& [calendar_name, calendar] : *calendars) {
            known += (known.empty() ? "" : ", ") + calendar_name;
        }
    }
    const std::string detail =
        "unknown calendar '" + std::string(wanted) + "'" +
        (known.empty() ? "; no calendar is defined" : "; the calendars are " + known);
    detail::argument_error(L, arg, name, detail.c_str());
}

Instant check_instant(lua_State* L, int arg, const char* name) {
    return Instant(std::chrono::milliseconds(detail::check_integer(L, arg, name)));
}

void push_instant(lua_State* L, const std::optional<Instant>& instant) {
    if (instant) {
        lua_pushinteger(L, instant->time_since_epoch().count());
    } else {
        lua_pushnil(L); // never: the calendar does not open again
    }
}

// business_time(from, to, calendar): the business time in [from, to).
int business_time(lua_State* L) {
    constexpr const char* name = "business_time";
    return detail::guarded(L, name, [&] {
        const Instant from = check_instant(L, 1, name);
        const Instant to = check_instant(L, 2, name);
        const BusinessCalendar& calendar = check_calendar(L, 3, name);
        lua_pushinteger(L, business_between(calendar, from, to).count());
        return 1;
    });
}

// add_business_time(from, length, calendar): when `length` of business time has passed.
int add_business_time(lua_State* L) {
    constexpr const char* name = "add_business_time";
    return detail::guarded(L, name, [&] {
        const Instant from = check_instant(L, 1, name);
        const std::int64_t length = detail::check_integer(L, 2, name);
        const BusinessCalendar& calendar = check_calendar(L, 3, name);
        if (length < 0) {
            detail::argument_error(L, 2, name, "negative duration");
        }
        push_instant(L, add_business(calendar, from, std::chrono::milliseconds(length)));
        return 1;
    });
}

// is_open(at, calendar)
int open_at(lua_State* L) {
    constexpr const char* name = "is_open";
    return detail::guarded(L, name, [&] {
        const Instant at = check_instant(L, 1, name);
        lua_pushboolean(L, is_open(check_calendar(L, 2, name), at) ? 1 : 0);
        return 1;
    });
}

// next_open(at, calendar)
int next_opening(lua_State* L) {
    constexpr const char* name = "next_open";
    return detail::guarded(L, name, [&] {
        const Instant at = check_instant(L, 1, name);
        push_instant(L, next_open(check_calendar(L, 2, name), at));
        return 1;
    });
}

} // namespace

namespace detail {
const luaL_Reg calendar_functions[] = {
    {"business_time", business_time},
    {"add_business_time", add_business_time},
    {"is_open", open_at},
    {"next_open", next_opening},
    {nullptr, nullptr},
};
} // namespace detail

} // namespace millwright::stdlib
