-- attacks: 2^1024 is infinity
-- expect: ok inf
return 2 ^ 1024
