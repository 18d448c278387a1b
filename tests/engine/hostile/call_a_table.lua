-- attacks: calling a table (a __call metamethod would be needed)
-- expect: runtime "attempt to call a table value (local 't')"
local t = {}
return t()
