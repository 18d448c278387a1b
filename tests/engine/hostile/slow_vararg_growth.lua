-- attacks: varargs one longer per tail call: each call copies them all (quadratic time)
-- expect: budget
-- pending: F2, the budget does not bound time: took 17.6 s in a RelWithDebInfo build
local function grow(n, ...)
  if n == 0 then return 0 end
  return grow(n - 1, 1, ...)
end
return grow(1000000)
