-- attacks: a local _ENV only sees what the chunk puts in it
-- expect: ok "string"
local _ENV = {t = type}
return t("x")
