-- attacks: a decimal literal past maxinteger becomes a float
-- expect: ok 9.2233720368548e+18
return 9223372036854775808
