// `millwright compile FILE --emit lua`: print the Lua generated for each workflow in FILE.
#include "verbs.hpp"

#include "millwright/ruleset.hpp"

#include <cstdio>
#include <string>

#include <unistd.h>

namespace millwright::cli {

namespace {
struct CompileOptions {
    std::string file;
    std::string emit = "lua";
    std::string workflow;
};
} // namespace

Run add_compile(CLI::App& app) {
    auto options = std::make_shared<CompileOptions>();
    auto* verb = app.add_subcommand("compile", "Compile a definition file and print the result");
    verb->add_option("file", options->file, "Definition file (.mw)")->required();
    verb->add_option("--emit", options->emit, "What to print")->check(CLI::IsMember({"lua"}));
    verb->add_option("--workflow", options->workflow, "Only this workflow");
    return [options] {
        const LoadResult result = load_path(options->file);
        const bool colour = wants_colour(STDERR_FILENO);
        for (const auto& diagnostic : result.diagnostics) {
            const auto& text = colour ? diagnostic.rendered_colour : diagnostic.rendered;
            std::fprintf(stderr, "%s", text.c_str());
        }
        if (!result.ok()) {
            return 1;
        }
        bool printed = false;
        for (const auto& name : result.ruleset->workflow_names()) {
            if (!options->workflow.empty() && name != options->workflow) {
                continue;
            }
            std::fputs(result.ruleset->generated_lua(name).c_str(), stdout);
            printed = true;
        }
        if (!printed && !options->workflow.empty()) {
            std::fprintf(stderr, "millwright: error: no workflow `%s` in %s\n",
                         options->workflow.c_str(), options->file.c_str());
            return 1;
        }
        return 0;
    };
}

} // namespace millwright::cli
