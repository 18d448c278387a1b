-- attacks: a for loop with step 0
-- expect: runtime "'for' step is zero"
for i = 1, 10, 0 do end
