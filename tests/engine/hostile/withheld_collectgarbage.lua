-- attacks: collectgarbage, to stop the collector and exhaust memory
-- expect: runtime "attempt to call a nil value (global 'collectgarbage')"
collectgarbage("stop")
