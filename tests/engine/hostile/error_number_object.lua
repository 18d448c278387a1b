-- attacks: error() with a float
-- expect: runtime "1e+308"
error(1e308, 0)
