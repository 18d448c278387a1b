-- attacks: require, to load a C module or a Lua file from package.path
-- expect: runtime "attempt to call a nil value (global 'require')"
local os = require("os")
return os.getenv("HOME")
