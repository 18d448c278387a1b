-- attacks: R4: a call whose arguments start on a later line (5.4.4 blames line 4, 5.4.7 line 5)
-- expect: runtime "attempt to call a nil value (local 'f')"
local f
local x = f
(
0
)
return x
