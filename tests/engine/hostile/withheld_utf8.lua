-- attacks: utf8.len, a C loop over a long string
-- expect: runtime "attempt to index a nil value (global 'utf8')"
return utf8.len("abc")
