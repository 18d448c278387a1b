-- attacks: string.find, a pattern with exponential backtracking
-- expect: runtime "attempt to index a nil value (global 'string')"
return string.find(("a"):rep(30), "(a*)*b")
