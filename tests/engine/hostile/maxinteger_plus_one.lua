-- attacks: integer overflow wraps around
-- expect: ok -9223372036854775808
return 9223372036854775807 + 1
