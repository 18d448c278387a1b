-- attacks: 1 // 0 on integers
-- expect: runtime "attempt to divide by zero"
local z = 0
return 1 // z
