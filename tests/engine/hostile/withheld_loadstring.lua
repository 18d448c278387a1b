-- attacks: loadstring, Lua 5.1's name for load
-- expect: runtime "attempt to call a nil value (global 'loadstring')"
return loadstring("return 1")()
