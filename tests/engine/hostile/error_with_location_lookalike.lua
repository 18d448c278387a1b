-- attacks: a message that looks like a location prefix
-- expect: runtime "not a location"
error("other.mw.lua:99: not a location", 0)
