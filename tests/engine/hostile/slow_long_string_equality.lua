-- attacks: == on two equal 8 MiB strings in a loop: each memcmp reads them whole
-- expect: budget
-- pending: F2, the budget does not bound time: took 122 s in a RelWithDebInfo build
local a, b = "x", "x"
for i = 1, 23 do a = a .. a; b = b .. b end
local n = 0
while true do if a == b then n = n + 1 end end
