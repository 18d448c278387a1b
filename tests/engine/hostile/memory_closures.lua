-- attacks: a closure per iteration, each kept
-- expect: memory
-- limits: memory=4194304 instructions=100000000
local all = {}
while true do
  local n = #all
  all[n + 1] = function() return n end
end
