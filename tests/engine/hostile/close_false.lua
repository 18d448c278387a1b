-- attacks: local x <close> = false is allowed
-- expect: ok 2
local x <close> = false
return 2
