-- attacks: error(false)
-- expect: runtime "false"
error(false)
