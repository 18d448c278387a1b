-- attacks: the iterator ipairs returns is a C function; calling it directly is harmless
-- expect: ok 1
local next_item = ipairs({})
return next_item({7}, 0)
