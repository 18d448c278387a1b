-- attacks: s = s .. s without end
-- expect: memory
-- limits: memory=4194304 instructions=100000000
local s = 'x'
while true do s = s .. s end
