-- attacks: a for loop with string bounds: the VM converts them itself, no string library needed
-- expect: ok 3.0
local n = 0
for i = "1", "2" do n = n + i end
return n
