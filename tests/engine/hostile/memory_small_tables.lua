-- attacks: many small tables, each kept
-- expect: memory
-- limits: memory=4194304 instructions=100000000
local all = {}
while true do all[#all + 1] = {1, 2, 3} end
