-- attacks: pcall, to catch the budget error and keep looping
-- expect: runtime "attempt to call a nil value (global 'pcall')"
while true do
  pcall(function() while true do end end)
end
