-- attacks: package.loadlib, to load a shared library
-- expect: runtime "attempt to index a nil value (global 'package')"
return package.loadlib("libc.so.6", "system")
