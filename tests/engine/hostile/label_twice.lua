-- attacks: a label defined twice (Lua 5.4.4 names the line after the first label's)
-- expect: syntax "label 'a' already defined on line 4"
::a::
::a::
