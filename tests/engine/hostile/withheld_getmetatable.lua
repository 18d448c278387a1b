-- attacks: getmetatable, to reach the string library through ""
-- expect: runtime "attempt to call a nil value (global 'getmetatable')"
return getmetatable("").__index
