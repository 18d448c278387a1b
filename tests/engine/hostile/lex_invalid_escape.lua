-- attacks: an escape Lua does not know
-- expect: syntax "invalid escape sequence near '"\q'"
return "\q"
