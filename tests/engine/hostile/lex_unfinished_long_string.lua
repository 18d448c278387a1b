-- attacks: a long string that never closes
-- expect: syntax "unfinished long string (starting at line 3) near <eof>"
return [[ never closed
