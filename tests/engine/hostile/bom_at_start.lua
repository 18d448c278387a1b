return 1
-- attacks: a UTF-8 byte order mark (luaL_loadbufferx does not skip it; only loadfile does)
-- expect: syntax "unexpected symbol near '<\239>'"
-- (the first line starts with the mark; this header may sit anywhere in a file)
