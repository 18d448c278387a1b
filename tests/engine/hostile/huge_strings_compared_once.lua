-- attacks: one comparison of two 8 MiB strings with a common prefix
-- expect: ok true
local a, b = "x", "x"
for i = 1, 23 do a = a .. a; b = b .. b end
return a == b and a < b .. "y"
