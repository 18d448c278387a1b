-- attacks: a 16 MiB string built by doubling under the default cap
-- expect: ok 16777216
local s = "x"
for i = 1, 24 do s = s .. s end
return #s
