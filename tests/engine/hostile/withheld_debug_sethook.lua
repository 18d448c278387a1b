-- attacks: debug.sethook, to remove the instruction budget's hook
-- expect: runtime "attempt to index a nil value (global 'debug')"
debug.sethook()
while true do end
