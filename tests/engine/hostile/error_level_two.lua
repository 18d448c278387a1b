-- attacks: error(msg, 2), which Lua blames on the caller (line 7); a failure names the innermost definition frame, where error was called
-- expect: runtime "blame the caller"
-- line: 5
local function check()
  error("blame the caller", 2)
end
check()
