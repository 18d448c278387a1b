// Source texts and spans. Every AST node carries a SourceSpan (a source id plus a half-open
// byte range); line and column are computed only when something is rendered, from the
// source's table of line starts, so the parser never tracks them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::dsl {

/// Index of a Source inside its SourceSet.
using SourceId = std::uint32_t;

/// A half-open byte range [begin, end) inside one source.
struct SourceSpan {
    SourceId source = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    bool operator==(const SourceSpan&) const = default;
};

/// A 1-based line and column (columns count bytes, as compilers usually do).
struct LineColumn {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// One definition text with its display name (usually the file path as given). A UTF-8 byte
/// order mark at its start is kept in the text but is no part of line 1: the text begins after
/// it (see body_start).
class Source {
public:
    Source(std::string name, std::string text);

    const std::string& name() const { return name_; }
    const std::string& text() const { return text_; }
    /// Where the definitions start: 3 after a UTF-8 byte order mark, else 0.
    std::uint32_t body_start() const { return line_starts_.front(); }

    /// Line and column of a byte offset; offsets past the end map to the last position.
    LineColumn locate(std::uint32_t offset) const;
    /// The text of a 1-based line, without its line terminator.
    std::string_view line_text(std::uint32_t line) const;
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::string name_;
    std::string text_;
    std::vector<std::uint32_t> line_starts_;
};

/// The offset of the first byte of `text` that is not part of well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short), if any.
std::optional<std::size_t> invalid_utf8(std::string_view text);

/// The sources of one compilation; ids are indexes and stay valid while the set lives.
class SourceSet {
public:
    SourceId add(std::string name, std::string text);
    const Source& get(SourceId id) const { return sources_.at(id); }
    std::size_t size() const { return sources_.size(); }
    /// The exact text a span covers.
    std::string_view text_of(SourceSpan span) const;

private:
    std::vector<Source> sources_;
};

} // namespace millwright::dsl
