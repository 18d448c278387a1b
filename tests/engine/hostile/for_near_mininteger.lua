-- attacks: a descending for loop ending at mininteger does not wrap around
-- expect: ok 2
local n = 0
for i = -9223372036854775807, -9223372036854775807 - 1, -1 do n = n + 1 end
return n
