-- attacks: a nested function's _ENV is the chunk's, not the host's
-- expect: ok true
local function f() return _ENV end
return f() == _ENV and f().io == nil
