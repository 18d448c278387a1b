-- attacks: error() with a function
-- expect: runtime "(error object is a function value)"
error(type)
