-- attacks: bytecode bytes inside a string literal are inert data
-- expect: ok 6
return #"\27Lua\x54\x00"
