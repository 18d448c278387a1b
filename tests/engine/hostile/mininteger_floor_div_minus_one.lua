-- attacks: mininteger // -1 (a trap in C) wraps in Lua
-- expect: ok -9223372036854775808
local m = -9223372036854775807 - 1
return m // -1
