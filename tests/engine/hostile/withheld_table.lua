-- attacks: table.concat and table.move, C loops over whole tables
-- expect: runtime "attempt to index a nil value (global 'table')"
return table.concat({"a", "b"})
