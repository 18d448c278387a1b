-- attacks: string.rep, a terabyte in one C call
-- expect: runtime "attempt to index a nil value (global 'string')"
return string.rep("x", 1 << 40)
