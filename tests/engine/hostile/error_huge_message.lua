-- attacks: error() with a 1 MiB message
-- expect: runtime "xxxxxxxxxxxxxxxx"...
local s = "x"
for i = 1, 20 do s = s .. s end
error(s, 0)
