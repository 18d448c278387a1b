-- attacks: os.exit, to end the host process
-- expect: runtime "attempt to index a nil value (global 'os')"
os.exit(1)
