-- attacks: tonumber, a C loop over a long string
-- expect: runtime "attempt to call a nil value (global 'tonumber')"
return tonumber("0x10")
