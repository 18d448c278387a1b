-- attacks: a quoted string cut by the end of the line
-- expect: syntax "unfinished string near '"abc'"
return "abc
