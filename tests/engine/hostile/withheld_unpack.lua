-- attacks: unpack, Lua 5.1's global, to push a huge number of values
-- expect: runtime "attempt to call a nil value (global 'unpack')"
return unpack({1, 2, 3})
