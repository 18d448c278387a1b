-- attacks: b:x(), a method call on a boolean
-- expect: runtime "attempt to index a boolean value (local 'b')"
local b = true
return b:x()
