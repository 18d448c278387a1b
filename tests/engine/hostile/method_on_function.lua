-- attacks: type:x(), a method call on a function
-- expect: runtime "attempt to index a function value (global 'type')"
return type:x()
