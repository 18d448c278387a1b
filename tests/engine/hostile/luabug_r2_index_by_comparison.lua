-- attacks: R2: an upvalue indexed by a comparison (5.4.4 reads a dead register: "attempt to index a number value" where 5.4.8 returns 10; no crash)
-- expect: any
local t = {[true] = 10}
local function aux() return t[1 < 2] end
return aux()
