-- attacks: rawset, writes around metamethods
-- expect: runtime "attempt to call a nil value (global 'rawset')"
rawset({}, 1, 2)
