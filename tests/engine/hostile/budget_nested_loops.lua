-- attacks: loops nested three deep, each short
-- expect: budget
local n = 0
for a = 1, 1000 do
  for b = 1, 1000 do
    for c = 1, 1000 do n = n + 1 end
  end
end
return n
