-- attacks: overwrites the allowed globals; the next chunk must get fresh ones
-- expect: ok nil
type = nil
ipairs = nil
error = function() end
return type
