-- attacks: < on 8 MiB strings with a common prefix in a loop: each strcoll reads them whole
-- expect: budget
-- pending: F2, the budget does not bound time: took 109 s in a RelWithDebInfo build
local a = "x"
for i = 1, 23 do a = a .. a end
local b = a .. "y"
local n = 0
while true do if a < b then n = n + 1 end end
