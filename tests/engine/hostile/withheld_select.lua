-- attacks: select, to count or slice huge varargs in C
-- expect: runtime "attempt to call a nil value (global 'select')"
return select('#', 1, 2, 3)
