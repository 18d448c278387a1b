-- attacks: v:x(), a method call on nil
-- expect: runtime "attempt to index a nil value (local 'v')"
local v
return v:x()
