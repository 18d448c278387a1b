-- attacks: narrow non-tail recursion: the default budget stops it before the stack is full
-- expect: budget
local function f(n) return 1 + f(n + 1) end
return f(1)
