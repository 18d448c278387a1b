-- attacks: load, to compile text into code at run time
-- expect: runtime "attempt to call a nil value (global 'load')"
local f = load("return 1")
return f()
