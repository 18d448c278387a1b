// Loading a ruleset's chunks in a throwaway VM before the ruleset is handed out, so that a
// definition that checks always loads (issue 13). Codegen keeps chunks inside Lua's limits
// (dsl/src/lua_limits.hpp), but the Lua compiler is the judge: what it refuses here (a limit
// codegen does not foresee, a main body that runs out of memory) becomes diagnostic E0108 at
// the DSL construct the offending Lua line came from, and `millwright check` reports it like
// any other error. An Engine built from the ruleset then loads the same chunks the same way.
// Internal to the engine.
#pragma once

#include "millwright/dsl/diagnostic.hpp"
#include "millwright/ruleset.hpp"

#include "lua/state.hpp"
#include "ruleset_data.hpp"

namespace millwright::detail {

/// Loads and runs every workflow chunk of `data` in one fresh VM under `limits`, as an engine
/// would, and reports each failure as E0108 into `diagnostics`. True when every chunk loaded.
bool trial_load(const RulesetData& data, const lua::Limits& limits,
                dsl::DiagnosticList& diagnostics);

/// load_string with the trial load under `vm_limits` instead of the defaults (for tests of
/// E0108, which no definition within the default limits is known to reach).
LoadResult load_string_for_vm(std::string_view text, std::string name,
                              const lua::Limits& vm_limits);

} // namespace millwright::detail
