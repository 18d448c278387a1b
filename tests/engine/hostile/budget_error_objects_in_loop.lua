-- attacks: error inside a loop: the first one ends the call
-- expect: runtime "again"
while true do
  error("again", 0)
end
