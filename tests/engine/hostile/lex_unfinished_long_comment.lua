-- attacks: a long comment that never closes
-- expect: syntax "unfinished long comment (starting at line 3) near <eof>"
--[==[ never closed ]]
return 1
