-- attacks: type() without an argument
-- expect: runtime "bad argument #1 to 'type' (value expected)"
return type()
