// The --assets option shared by `replay` and `forecast`: an asset file (a JSON document or JSON
// Lines, docs/assets.md) loaded into an InMemoryAssets and given to an engine, with every
// problem printed as `FILE: error: ...`.
#pragma once

#include "millwright/assets.hpp"
#include "millwright/engine.hpp"

#include <memory>
#include <string>

namespace millwright::cli {

/// Loads the asset file at `path`; prints why it cannot and gives null then.
std::shared_ptr<InMemoryAssets> load_assets(const std::string& path);

/// Gives `engine` its assets (nothing when `assets` is null); prints each record a pm rule
/// cannot read, and returns false when there was one.
bool give_assets(Engine& engine, std::shared_ptr<InMemoryAssets> assets, const std::string& path);

} // namespace millwright::cli
