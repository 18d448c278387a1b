-- attacks: a float for loop up to 1/0
-- expect: budget
local n = 0
for i = 1, 1 / 0 do n = n + 1 end
