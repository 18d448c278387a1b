-- attacks: next, hash order is not deterministic
-- expect: runtime "attempt to call a nil value (global 'next')"
return next({a = 1})
