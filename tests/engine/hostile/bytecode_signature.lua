Lua = 1
-- attacks: a chunk starting with the bytecode signature "\27Lua" (it is text, loaded in mode 't')
-- expect: syntax "attempt to load a binary chunk (mode is 't')"
-- line: none
-- (the first line holds the ESC byte; this header may sit anywhere in a file)
