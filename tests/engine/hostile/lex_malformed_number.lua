-- attacks: a number glued to a name
-- expect: syntax "malformed number near '3x'"
return 3x
