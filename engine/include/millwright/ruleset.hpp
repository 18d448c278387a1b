// A ruleset: the compiled, immutable form of a set of definition files (.mw). Loading never
// throws on a bad definition: it returns the diagnostics instead. One ruleset may be shared,
// read-only, by any number of engines on any threads.
#pragma once

#include "millwright/diagnostic.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace millwright {

namespace detail {
struct RulesetData;
}

/// Compiled definitions. Immutable once built; safe to share between threads and engines.
class Ruleset {
public:
    /// Names of the workflows it defines, in the order the files and definitions came.
    std::vector<std::string> workflow_names() const;
    /// Whether a workflow of that name is defined.
    bool has_workflow(std::string_view name) const;
    /// The generated Lua chunk of a workflow (what `millwright compile --emit lua` prints);
    /// empty when there is no such workflow.
    std::string generated_lua(std::string_view workflow) const;

    /// Internal representation, for the engine only.
    const detail::RulesetData& data() const { return *data_; }
    explicit Ruleset(std::shared_ptr<const detail::RulesetData> data);

private:
    std::shared_ptr<const detail::RulesetData> data_;
};

/// The outcome of loading definitions: a ruleset when there was no error, and every
/// diagnostic (errors and warnings) in file order.
struct LoadResult {
    std::shared_ptr<const Ruleset> ruleset; ///< null when any error was found
    /// The first 100 diagnostics of each file, then, for each file that has more, a note (no
    /// code) saying how many were left out.
    std::vector<Diagnostic> diagnostics;
    std::size_t omitted_errors = 0;   ///< errors left out after the first 100 of a file
    std::size_t omitted_warnings = 0; ///< warnings left out likewise

    bool ok() const { return ruleset != nullptr; }
    /// Errors found, those left out included.
    std::size_t error_count() const;
    /// Warnings found, those left out included.
    std::size_t warning_count() const;
};

/// Compiles one definition text. `name` is how diagnostics name it (e.g. "corrective.mw").
LoadResult load_string(std::string_view text, std::string name);

/// Compiles one file, or every `*.mw` file below a directory (sorted by path, so the result
/// does not depend on the order the file system lists them). A path that cannot be read is an
/// error diagnostic (code E0001) naming it, never an exception.
LoadResult load_path(const std::filesystem::path& path);

/// Compiles several files or directories into one ruleset (as `millwright check a b`).
/// A workflow defined twice across files is error E0207.
LoadResult load_paths(const std::vector<std::filesystem::path>& paths);

} // namespace millwright
