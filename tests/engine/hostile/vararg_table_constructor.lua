-- attacks: {...} of a vararg list grown to 2000 values
-- expect: ok 2000
local function grow(n, ...)
  if n == 0 then local t = {...} return #t end
  return grow(n - 1, n, ...)
end
return grow(2000)
