// The bad-input corpus of tests/engine/broken_inputs/ as C++ values: each case is one request
// line that the engine must refuse, with the error code and reason it must refuse it with.
// The files are text, so raw bytes and huge values are written as escapes and repetitions
// (`\xHH`, `{{N*TEXT}}`) that this reader expands; the format is in the corpus's README.md.
// Both the engine's runner (case by case, and as one replayed stream) and the CLI's test (the
// same stream through `millwright replay`) read the corpus through here, so they agree on it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace millwright::test {

/// One broken input.
struct BrokenInput {
    std::string file;           ///< the corpus file, e.g. "json_syntax.cases"
    int file_line = 0;          ///< where the case starts in it
    std::string name;           ///< e.g. "trailing_comma"
    std::string attacks;        ///< what it attacks
    std::string input;          ///< the request line, expanded (no line feed)
    std::string error;          ///< the expected error code
    std::string reason;         ///< the expected reason; `{line}` stands for the line's number
    bool reason_prefix = false; ///< the reason only has to start with `reason`
    std::string pending;        ///< why the case is skipped; empty when it is not
    std::string problem;        ///< what is wrong with how the case is written; empty if nothing

    /// "json_syntax.cases:12 trailing_comma", to name the case in a failure.
    std::string where() const { return file + ":" + std::to_string(file_line) + " " + name; }

    /// The expected reason for the line numbered `line`.
    std::string reason_at(std::uint64_t line) const {
        std::string text = reason;
        const std::string placeholder = "{line}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at)) {
            text.replace(at, placeholder.size(), std::to_string(line));
        }
        return text;
    }

    /// Whether `actual` is the reason expected for the line numbered `line`.
    bool reason_matches(const std::string& actual, std::uint64_t line) const {
        const std::string expected = reason_at(line);
        return reason_prefix ? actual.starts_with(expected) : actual == expected;
    }
};

/// The corpus's directory, the ruleset its cases run on, and the lines around them.
inline std::filesystem::path broken_inputs_dir() {
    return std::filesystem::path(MILLWRIGHT_TESTS_DIR) / "engine" / "broken_inputs";
}
inline std::filesystem::path broken_inputs_rules() {
    return broken_inputs_dir() / "rules.mw";
}
/// Creates work order J-1 at the instant every timed case uses.
inline const std::string broken_inputs_setup =
    R"({"at":"2026-03-02T08:00:00Z","type":"submit","workflow":"job","wo":"J-1","by":"rita","data":{"asset":"A-1"}})";
/// The known-good line served after each broken one.
inline const std::string broken_inputs_good_line =
    R"({"at":"2026-03-02T08:00:00Z","type":"bump","wo":"J-1","by":"tom"})";

namespace detail {

inline int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// Expands `\xHH` to a byte and `{{N*TEXT}}` to TEXT repeated N times; other text is copied.
/// Returns false (with `problem` set) on a malformed escape or repetition.
inline bool expand_input(std::string_view text, std::string& out, std::string& problem) {
    out.clear();
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "\\x") == 0 && i + 3 < text.size() && hex_digit(text[i + 2]) >= 0 &&
            hex_digit(text[i + 3]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 2]) * 16 + hex_digit(text[i + 3]));
            i += 4;
            continue;
        }
        if (text.compare(i, 2, "{{") == 0) {
            const std::size_t close = text.find("}}", i + 2);
            const std::size_t star = text.find('*', i + 2);
            if (close == std::string_view::npos || star == std::string_view::npos || star > close) {
                problem = "a `{{` without `N*TEXT}}`";
                return false;
            }
            const std::string count_text(text.substr(i + 2, star - i - 2));
            const std::size_t count = std::strtoull(count_text.c_str(), nullptr, 10);
            if (count == 0 || count_text.find_first_not_of("0123456789") != std::string::npos) {
                problem = "a repetition count that is not a positive number";
                return false;
            }
            const std::string_view unit = text.substr(star + 1, close - star - 1);
            out.reserve(out.size() + count * unit.size());
            for (std::size_t n = 0; n < count; ++n) {
                out.append(unit);
            }
            i = close + 2;
            continue;
        }
        out += text[i++];
    }
    return true;
}

/// Reads `=> code "reason"` or `=> code "prefix"...`; the reason is expanded as the input is.
inline bool parse_expectation(std::string_view text, BrokenInput& input) {
    if (!text.starts_with("=> ")) {
        return false;
    }
    text.remove_prefix(3);
    const std::size_t space = text.find(' ');
    if (space == std::string_view::npos) {
        return false;
    }
    input.error = std::string(text.substr(0, space));
    text.remove_prefix(space + 1);
    const std::size_t close = text.rfind('"');
    if (!text.starts_with('"') || close == 0) {
        return false;
    }
    std::string problem;
    if (!expand_input(text.substr(1, close - 1), input.reason, problem)) {
        return false;
    }
    const std::string_view rest = text.substr(close + 1);
    input.reason_prefix = rest == "...";
    return rest.empty() || input.reason_prefix;
}

} // namespace detail

/// Reads one corpus file. A case is a block of lines:
///   `## NAME: what it attacks`, then the input line (it may be empty), then
///   `=> CODE "reason"` (or `"prefix"...`), then optionally `pending: why`.
/// Other lines starting with `#` and blank lines between blocks are comments.
inline std::vector<BrokenInput> read_broken_inputs(const std::filesystem::path& path) {
    std::vector<BrokenInput> cases;
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    const std::string file = path.filename().string();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].starts_with("## ")) {
            continue;
        }
        BrokenInput input;
        input.file = file;
        input.file_line = static_cast<int>(i + 1);
        const std::string& head = lines[i];
        const std::size_t colon = head.find(": ");
        input.name = head.substr(3, colon == std::string::npos ? std::string::npos : colon - 3);
        if (colon != std::string::npos) {
            input.attacks = head.substr(colon + 2);
        } else {
            input.problem = "no `: what it attacks` after the name";
        }
        if (i + 2 >= lines.size()) {
            input.problem = "the case ends before its input and expectation";
            cases.push_back(std::move(input));
            break;
        }
        std::string problem;
        if (!detail::expand_input(lines[i + 1], input.input, problem) && input.problem.empty()) {
            input.problem = problem;
        }
        if (input.input.find('\n') != std::string::npos && input.problem.empty()) {
            input.problem = "the input holds a line feed, which would split it in a stream";
        }
        if (!detail::parse_expectation(lines[i + 2], input) && input.problem.empty()) {
            input.problem = "cannot read the expectation `" + lines[i + 2] + "`";
        }
        if (i + 3 < lines.size() && lines[i + 3].starts_with("pending: ")) {
            input.pending = lines[i + 3].substr(9);
        }
        cases.push_back(std::move(input));
        i += 2;
    }
    return cases;
}

/// Every case of every `.cases` file of the corpus, by file name and then in file order.
inline std::vector<BrokenInput> read_broken_inputs() {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (std::filesystem::directory_iterator it(broken_inputs_dir(), error), end;
         !error && it != end; it.increment(error)) {
        if (it->path().extension() == ".cases") {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<BrokenInput> cases;
    for (const auto& path : files) {
        auto more = read_broken_inputs(path);
        cases.insert(cases.end(), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
    }
    return cases;
}

/// The corpus as one request stream: the setup line, every case that is not pending (in
/// corpus order), then the known-good line; `lines` gets, per stream line from 1, the case it
/// holds (nullptr for the setup and the good line).
inline std::string broken_inputs_stream(const std::vector<BrokenInput>& cases,
                                        std::vector<const BrokenInput*>& lines) {
    lines.clear();
    std::string stream = broken_inputs_setup + "\n";
    lines.push_back(nullptr);
    for (const BrokenInput& input : cases) {
        if (!input.pending.empty() || !input.problem.empty()) {
            continue;
        }
        stream += input.input;
        stream += '\n';
        lines.push_back(&input);
    }
    stream += broken_inputs_good_line + "\n";
    lines.push_back(nullptr);
    return stream;
}

} // namespace millwright::test
