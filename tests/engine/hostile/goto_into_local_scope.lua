-- attacks: a goto jumping over a local into its scope
-- expect: syntax "<goto skip> at line 3 jumps into the scope of local 'x'"
goto skip
local x = 1
::skip::
return x
