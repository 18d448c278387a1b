-- attacks: setmetatable, a __gc finalizer that runs outside any budget
-- expect: runtime "attempt to call a nil value (global 'setmetatable')"
setmetatable({}, {__gc = function() while true do end end})
