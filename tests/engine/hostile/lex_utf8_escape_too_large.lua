-- attacks: \u{...} past 2^31
-- expect: syntax "UTF-8 value too large near '"\u{80000000'"
return "\u{80000000}"
