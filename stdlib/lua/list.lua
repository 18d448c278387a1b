-- list.lua: builtins on lists (Lua sequences), embedded into the stdlib table `lib`.
-- Runs once when `lib` is built, receives it (the C++ builtins registered so far) and returns
-- a table of functions to merge into it. Globals are read here, once, so later changes to the
-- globals cannot change a builtin.
local lib, error, ipairs, type = ..., error, ipairs, type

local function type_error(arg, name, expected, value)
  error("bad argument #" .. arg .. " to '" .. name .. "' (" .. expected .. " expected, got " ..
    type(value) .. ")", 0)
end

-- Whether `list` holds `value` (codegen emits it for `x in list_field`); linear in the list.
local function includes(list, value)
  if type(list) ~= "table" then
    type_error(1, "includes", "table", list)
  end
  for _, item in ipairs(list) do
    if item == value then
      return true
    end
  end
  return false
end

return {
  includes = includes,
}
