-- attacks: a step that overflows the control variable at once
-- expect: ok 1
local n = 0
for i = 1, 9223372036854775807, 9223372036854775807 do n = n + 1 end
return n
