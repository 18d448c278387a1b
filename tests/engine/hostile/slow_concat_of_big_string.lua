-- attacks: a 16 MiB string concatenated again and again: each .. copies it whole
-- expect: budget
-- pending: F2, the budget does not bound time: about 250,000 copies of 16 MiB (today F1 ends it early with a false memory error)
local s = "x"
for i = 1, 24 do s = s .. s end
local n = 0
while true do
  local t = s .. "y"
  n = n + 1
end
