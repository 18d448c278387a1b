-- attacks: 1.0 % 0 is NaN
-- expect: ok true
local x = 1.0 % 0
return x ~= x
