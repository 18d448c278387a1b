-- attacks: local _ENV <const> = 10 (CVE-2022-28805, patched in Debian's 5.4.4)
-- expect: runtime "attempt to index a number value"...
local _ENV <const> = 10
return x
