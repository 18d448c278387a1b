-- attacks: loadfile, to compile a file from disk
-- expect: runtime "attempt to call a nil value (global 'loadfile')"
return loadfile("/etc/passwd")
