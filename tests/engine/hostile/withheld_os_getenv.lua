-- attacks: os.getenv, to read the environment (and secrets in it)
-- expect: runtime "attempt to index a nil value (global 'os')"
return os.getenv("HOME")
