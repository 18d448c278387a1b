-- attacks: _ENV = nil, then a global read
-- expect: runtime "attempt to index a nil value (upvalue '_ENV')"
_ENV = nil
return type
