// The --assets option (see assets_file.hpp).
#include "assets_file.hpp"
#include "text_file.hpp"

#include <cstdio>

namespace millwright::cli {

std::shared_ptr<InMemoryAssets> load_assets(const std::string& path) {
    std::string text;
    if (!read_text_file(path, "assets", text)) {
        return nullptr;
    }
    auto assets = std::make_shared<InMemoryAssets>();
    if (const auto problem = assets->load_text(text); !problem.empty()) {
        std::fprintf(stderr, "%s: error: %s\n", path.c_str(), problem.c_str());
        return nullptr;
    }
    return assets;
}

bool give_assets(Engine& engine, std::shared_ptr<InMemoryAssets> assets, const std::string& path) {
    if (!assets) {
        return true;
    }
    const auto problems = engine.set_assets(std::move(assets));
    for (const auto& problem : problems) {
        std::fprintf(stderr, "%s: error: %s\n", path.c_str(), problem.c_str());
    }
    return problems.empty();
}

} // namespace millwright::cli
