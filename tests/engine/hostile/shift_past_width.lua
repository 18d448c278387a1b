-- attacks: shifts by 64 and more are zero
-- expect: ok 0
local n = 64
return 1 << n
