-- attacks: a long comment in the middle of an expression
-- expect: ok 2
return 1 --[[ + 100 ]] + 1
