-- attacks: _G, the way back to the full globals table
-- expect: runtime "attempt to index a nil value (global '_G')"
return _G.load
