-- attacks: R2c: the shape generated code would have, lib[a == b] in a local function (5.4.4: "attempt to index a function value"; 5.4.8: "T")
-- expect: any
local lib = {[true] = "T", [false] = "F"}
local function rule(a, b) return lib[a == b] end
return rule(1, 1)
