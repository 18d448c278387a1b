-- attacks: a table with ever more string keys (each key a new string)
-- expect: memory
-- limits: memory=4194304 instructions=100000000
local t, k = {}, "k"
while true do k = k .. "k"; t[k] = true end
