-- attacks: a to-be-closed 4th value in a generic for (needs __close)
-- expect: runtime "variable '(for state)' got a non-closable value"
for i in ipairs({1}), {}, 0, {} do end
