-- attacks: rawlen
-- expect: runtime "attempt to call a nil value (global 'rawlen')"
return rawlen({})
