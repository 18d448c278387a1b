-- attacks: assert
-- expect: runtime "attempt to call a nil value (global 'assert')"
assert(false, "x")
