-- attacks: string arithmetic, which Lua 5.4 does through the string metatable
-- expect: runtime "attempt to perform arithmetic on a string value (constant '10')"
return "10" + 1
