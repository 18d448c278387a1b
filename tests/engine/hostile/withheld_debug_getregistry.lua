-- attacks: debug.getregistry, to reach the pristine functions
-- expect: runtime "attempt to index a nil value (global 'debug')"
return debug.getregistry()["millwright.sandbox"]
