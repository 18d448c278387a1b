-- attacks: # on a string is core Lua and works
-- expect: ok 3
return #"abc"
