-- attacks: rawequal
-- expect: runtime "attempt to call a nil value (global 'rawequal')"
return rawequal(1, 1)
