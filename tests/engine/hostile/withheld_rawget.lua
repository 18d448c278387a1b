-- attacks: rawget, reads around metamethods
-- expect: runtime "attempt to call a nil value (global 'rawget')"
return rawget({}, 1)
