-- attacks: \256, a decimal escape past a byte
-- expect: syntax "decimal escape too large near '"\256"'"
return "\256"
