-- attacks: endless tail calls (no stack growth)
-- expect: budget
local function f(n) return f(n + 1) end
return f(1)
