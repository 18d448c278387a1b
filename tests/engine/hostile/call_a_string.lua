-- attacks: calling a string that names a function
-- expect: runtime "attempt to call a string value (local 's')"
local s = "print"
return s()
