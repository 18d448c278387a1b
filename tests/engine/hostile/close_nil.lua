-- attacks: local x <close> = nil is allowed
-- expect: ok 1
local x <close> = nil
return 1
