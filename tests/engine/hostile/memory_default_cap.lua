-- attacks: string doubling under the default 64 MiB cap and budget
-- expect: memory
local s = 'x'
while true do s = s .. s end
