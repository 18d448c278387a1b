-- attacks: _VERSION is absent too (nothing of the base library but three functions)
-- expect: ok nil
return _VERSION
