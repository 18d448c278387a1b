-- attacks: U9: ordering strings with embedded NULs (safe in the C locale)
-- expect: ok true
return ("a\0b" < "a\0c") and not ("a\0" < "a") and ("a" < "a\0")
