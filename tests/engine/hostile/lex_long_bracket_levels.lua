-- attacks: long brackets of other levels inside a long string
-- expect: ok " a ]=] b ]===] c "
return [==[ a ]=] b ]===] c ]==]
