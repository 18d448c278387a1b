-- attacks: pairs, hash order is not deterministic
-- expect: runtime "attempt to call a nil value (global 'pairs')"
for k in pairs({a = 1}) do return k end
