-- attacks: coroutine, to yield out of the count hook or nest resumes
-- expect: runtime "attempt to index a nil value (global 'coroutine')"
local co = coroutine.wrap(function() while true do end end)
return co()
