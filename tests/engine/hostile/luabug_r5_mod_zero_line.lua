-- attacks: R5: % by zero reports the right line under the count hook
-- expect: runtime "attempt to perform 'n%0'"
-- line: 7
local function f(a, b)
  local x = a + 1
  local y = x
  return a % b
end
return f(1, 0)
