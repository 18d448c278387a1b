-- attacks: a for loop ending at maxinteger does not wrap around
-- expect: ok 2
local n = 0
for i = 9223372036854775806, 9223372036854775807 do n = n + 1 end
return n
