-- attacks: 1 // 0 written with constants (not folded at compile time)
-- expect: runtime "attempt to divide by zero"
return 1 // 0
