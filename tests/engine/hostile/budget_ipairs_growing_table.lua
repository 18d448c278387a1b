-- attacks: ipairs over a table that grows as it is walked: an endless iterator
-- expect: budget
local t = {1}
for i, v in ipairs(t) do
  t[i + 1] = v
end
