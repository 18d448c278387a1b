-- attacks: error() with nothing
-- expect: runtime "nil"
error()
