-- attacks: n:floor(), a method call on a number
-- expect: runtime "attempt to index a number value (local 'n')"
local n = 5
return n:floor()
