-- attacks: a generic for over a function that never returns nil
-- expect: budget
for x in function() return 1 end do end
