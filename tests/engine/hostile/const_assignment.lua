-- attacks: assigning to a <const> local
-- expect: syntax "attempt to assign to const variable 'x'"
local x <const> = 1
x = 2
