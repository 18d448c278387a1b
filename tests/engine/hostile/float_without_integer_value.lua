-- attacks: a bitwise operator on 1.5
-- expect: runtime "number (local 'x') has no integer representation"
local x = 1.5
return x | 0
