-- attacks: string.dump, to produce bytecode
-- expect: runtime "attempt to index a nil value (global 'string')"
return string.dump(type)
