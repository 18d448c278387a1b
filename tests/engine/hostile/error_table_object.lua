-- attacks: error() with a table
-- expect: runtime "(error object is a table value)"
error({code = 1})
