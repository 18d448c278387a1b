-- attacks: 1 / 0 is float infinity, not an error
-- expect: ok inf
return 1 / 0
