-- attacks: a 1 MiB string concatenated 20 times: little live memory, but each new copy needs a collection first
-- expect: ok 20
-- limits: memory=4194304 instructions=100000000
-- pending: F1, a false memory error: the allocator takes a later request of the same size for Lua's retry of an earlier refused one (engine/src/lua/alloc.cpp)
local s = "x"
for i = 1, 20 do s = s .. s end
local n = 0
while n < 20 do
  local t = s .. "y"
  n = n + 1
end
return n
