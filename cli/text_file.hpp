// Reading the command's input files (--directory, --assets) whole, with a size cap: a mistaken
// path to a huge file is refused before it is read, as is a directory, and every failure says
// which option and why.
#pragma once

#include <cstdint>
#include <string>

namespace millwright::cli {

/// Files larger than this are refused: 256 MiB is far more than any directory or asset file.
inline constexpr std::uintmax_t max_input_file_bytes = 256u * 1024u * 1024u;

/// Reads the file at `path` into `text`; on failure prints `millwright: error: cannot read
/// WHAT `PATH`: REASON` to stderr and returns false.
bool read_text_file(const std::string& path, const char* what, std::string& text);

} // namespace millwright::cli
