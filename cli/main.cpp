// millwright: check, compile and replay work-order rules, and forecast their preventive
// maintenance, from the command line.
#include "verbs.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include <unistd.h>

namespace millwright::cli {

bool wants_colour(int file_descriptor) {
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(file_descriptor) != 0 && (no_colour == nullptr || *no_colour == '\0');
}

std::shared_ptr<const Ruleset> load_rules_reporting(const std::string& path) {
    const LoadResult rules = load_path(path);
    const bool colour = wants_colour(STDERR_FILENO);
    for (const auto& diagnostic : rules.diagnostics) {
        std::fputs((colour ? diagnostic.rendered_colour : diagnostic.rendered).c_str(), stderr);
    }
    return rules.ruleset;
}

} // namespace millwright::cli

int main(int argc, char** argv) {
    CLI::App app{"millwright: a rules and workflow engine for maintenance work orders"};
    app.require_subcommand(1);
    // CLI11's usage errors read like the command's own (`millwright: error: --to is required`);
    // set before the verbs are added, which copy it.
    app.failure_message([](const CLI::App* failing, const CLI::Error& error) {
        return "millwright: error: " + CLI::FailureMessage::simple(failing, error);
    });
    millwright::cli::Run check = millwright::cli::add_check(app);
    millwright::cli::Run compile = millwright::cli::add_compile(app);
    millwright::cli::Run replay = millwright::cli::add_replay(app);
    millwright::cli::Run forecast = millwright::cli::add_forecast(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version print and succeed; every other parse error is a usage error,
        // which exits 2 (CLI11's own codes, 105 and up, would mean nothing to a script).
        return app.exit(error) == 0 ? 0 : 2;
    }
    try {
        if (app.got_subcommand("check")) {
            return check();
        }
        if (app.got_subcommand("compile")) {
            return compile();
        }
        if (app.got_subcommand("replay")) {
            return replay();
        }
        if (app.got_subcommand("forecast")) {
            return forecast();
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "millwright: error: %s\n", error.what());
        return 2;
    }
    return 2;
}
