-- attacks: R2b: a write through the same dead register (5.4.4 writes into victim and returns "written"; 5.4.8 returns nil)
-- expect: any
local t = {}
local victim = {}
local function set(a, b, v) t[a < b] = v end
local function g(a, b, c) local x = victim; return 1 end
g(0, 0, 0)
set(1, 2, "written")
return victim[true]
