-- attacks: io, to read a file
-- expect: runtime "attempt to index a nil value (global 'io')"
local f = io.open("/etc/passwd", "r")
return f:read("a")
