-- attacks: a loop just past a smaller budget
-- expect: budget
-- limits: instructions=20000
local n = 0
for i = 1, 30000 do n = n + i end
return n
