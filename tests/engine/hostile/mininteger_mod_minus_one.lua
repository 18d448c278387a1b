-- attacks: mininteger % -1 (a trap in C)
-- expect: ok 0
local m = -9223372036854775807 - 1
return m % -1
