-- attacks: 1 % 0 on integers
-- expect: runtime "attempt to perform 'n%0'"
local z = 0
return 1 % z
