-- attacks: dofile, to run a file from disk
-- expect: runtime "attempt to call a nil value (global 'dofile')"
dofile("/etc/passwd")
