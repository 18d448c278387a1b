-- attacks: an attribute Lua does not know
-- expect: syntax "unknown attribute 'static'"
local x <static> = 1
