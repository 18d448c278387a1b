-- attacks: ordering a number against a string
-- expect: runtime "attempt to compare number with string"
return 1 < "2"
