-- attacks: a for loop with a table as its limit
-- expect: runtime "bad 'for' limit (number expected, got table)"
for i = 1, {} do end
