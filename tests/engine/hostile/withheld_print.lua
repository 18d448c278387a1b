-- attacks: print, writes to the host's stdout
-- expect: runtime "attempt to call a nil value (global 'print')"
print("hello from a rule")
