// The command's verbs. Each registers its options on the CLI11 app and runs when chosen; all
// of them use only the public API in millwright/.
#pragma once

#include "millwright/ruleset.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include <functional>

namespace millwright::cli {

/// A verb's run function, called after parsing; returns the process exit code.
using Run = std::function<int()>;

Run add_check(CLI::App& app);
Run add_compile(CLI::App& app);
Run add_replay(CLI::App& app);
Run add_forecast(CLI::App& app);

/// Whether coloured output suits this stream (a terminal, and NO_COLOR unset).
bool wants_colour(int file_descriptor);

/// Loads the definitions at `path`, printing every diagnostic to stderr (in colour on a
/// terminal); null when any was an error.
std::shared_ptr<const Ruleset> load_rules_reporting(const std::string& path);

} // namespace millwright::cli
