// The name-to-function tables of the C++ builtins, one per source file, as Lua's own libraries
// register theirs. register.cpp gathers them into `lib`. Internal to the stdlib.
#pragma once

#include <lauxlib.h>

namespace millwright::stdlib::detail {

/// length, lower, upper, trim, contains, starts_with, to_text (text.cpp).
extern const luaL_Reg text_functions[];

/// money_mul, money_div (money.cpp).
extern const luaL_Reg money_functions[];

/// business_time, add_business_time, is_open, next_open (calendar_lua.cpp); they take the
/// calendars (a light userdata of a CalendarsByName, possibly null) as their one upvalue.
extern const luaL_Reg calendar_functions[];

} // namespace millwright::stdlib::detail
