// `millwright check PATH...`: compile and lint definitions, print every diagnostic, exit 1 when
// any is an error.
#include "verbs.hpp"

#include "millwright/ruleset.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace millwright::cli {

namespace {
struct CheckOptions {
    std::vector<std::string> paths;
    std::string format = "text";
};

void print_summary(const LoadResult& result) {
    const auto errors = result.error_count();
    const auto warnings = result.warning_count();
    if (errors == 0 && warnings == 0) {
        return;
    }
    std::printf("%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
}
} // namespace

Run add_check(CLI::App& app) {
    auto options = std::make_shared<CheckOptions>();
    auto* verb = app.add_subcommand("check", "Compile and lint definitions (.mw files or folders)");
    verb->add_option("paths", options->paths, "Definition files or folders")->required();
    verb->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));
    return [options] {
        std::vector<std::filesystem::path> paths(options->paths.begin(), options->paths.end());
        const LoadResult result = load_paths(paths);
        const bool colour = options->format == "text" && wants_colour(STDOUT_FILENO);
        for (const auto& diagnostic : result.diagnostics) {
            if (options->format == "json") {
                std::printf("%s\n", diagnostic.json.c_str());
            } else {
                const auto& text = colour ? diagnostic.rendered_colour : diagnostic.rendered;
                std::printf("%s%s", text.c_str(), text.empty() || text.back() == '\n' ? "" : "\n");
            }
        }
        if (options->format == "text") {
            print_summary(result);
        }
        return result.error_count() > 0 ? 1 : 0;
    };
}

} // namespace millwright::cli
