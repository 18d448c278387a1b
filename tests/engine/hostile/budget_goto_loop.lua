-- attacks: a loop made of goto
-- expect: budget
::top::
goto top
