-- attacks: xpcall, a Lua message handler that runs while an error unwinds
-- expect: runtime "attempt to call a nil value (global 'xpcall')"
return xpcall(error, function() while true do end end)
