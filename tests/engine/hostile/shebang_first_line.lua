#!/usr/bin/env lua
-- attacks: a #! first line (only loadfile skips it)
-- expect: syntax "unexpected symbol near '#'"
return 1
