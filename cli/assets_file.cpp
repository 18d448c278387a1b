// The --assets option (see assets_file.hpp).
#include "assets_file.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace millwright::cli {

std::shared_ptr<InMemoryAssets> load_assets(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "millwright: error: cannot open assets `%s`\n", path.c_str());
        return nullptr;
    }
    std::ostringstream text;
    text << file.rdbuf();
    auto assets = std::make_shared<InMemoryAssets>();
    if (const auto problem = assets->load_text(text.str()); !problem.empty()) {
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
