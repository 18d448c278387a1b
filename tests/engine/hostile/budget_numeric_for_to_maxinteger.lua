-- attacks: a numeric for up to math.maxinteger
-- expect: budget
local n = 0
for i = 1, 9223372036854775807 do n = n + 1 end
