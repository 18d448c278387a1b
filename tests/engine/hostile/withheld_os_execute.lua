-- attacks: os.execute, to run a shell command
-- expect: runtime "attempt to index a nil value (global 'os')"
return os.execute("id")
