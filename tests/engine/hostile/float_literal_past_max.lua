-- attacks: 1e400 is infinity
-- expect: ok inf
return 1e400
