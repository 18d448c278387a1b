-- attacks: ipairs() without an argument
-- expect: runtime "bad argument #1 to 'ipairs' (value expected)"
return ipairs()
