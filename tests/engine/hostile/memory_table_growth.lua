-- attacks: a table grown without end
-- expect: memory
-- limits: memory=4194304 instructions=100000000
local t = {}
for i = 1, 1e9 do t[i] = i end
