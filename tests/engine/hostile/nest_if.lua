-- attacks: 300 nested if statements
-- expect: syntax "C stack overflow"
-- line: none
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
if true then
return 1
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
