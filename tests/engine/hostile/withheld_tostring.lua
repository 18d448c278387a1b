-- attacks: tostring, shows addresses (nondeterministic output)
-- expect: runtime "attempt to call a nil value (global 'tostring')"
return tostring({})
