-- attacks: warn, writes to the host's stderr
-- expect: runtime "attempt to call a nil value (global 'warn')"
warn("@on")
