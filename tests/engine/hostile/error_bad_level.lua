-- attacks: error() with a level that is not a number
-- expect: runtime "bad argument #2 to 'error' (number expected, got string)"
error("x", "y")
