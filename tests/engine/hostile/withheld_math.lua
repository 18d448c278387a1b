-- attacks: math.random, not deterministic
-- expect: runtime "attempt to index a nil value (global 'math')"
return math.random()
