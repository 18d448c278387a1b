-- attacks: s = s .. 'x' in a loop: each concatenation copies the whole string (quadratic, but small under the budget)
-- expect: budget
local s = ""
for i = 1, 10000000 do s = s .. "x" end
return #s
