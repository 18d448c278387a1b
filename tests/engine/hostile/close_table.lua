-- attacks: a table without __close as a to-be-closed value
-- expect: runtime "variable 'x' got a non-closable value"
local x <close> = {}
return 1
