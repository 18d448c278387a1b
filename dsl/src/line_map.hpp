// LuaWriter: builds a Lua chunk line by line and records, for every line, the DSL span it was
// generated from (our version of Fennel's source map). Codegen never writes a newline itself,
// so the line map cannot drift from the text.
#pragma once

#include "millwright/dsl/model.hpp"

#include <string>

namespace millwright::dsl::detail {

class LuaWriter {
public:
    LuaWriter();

    /// Appends one line (`text` must hold no line break) generated from `span`.
    void line(const std::string& text, SourceSpan span);
    /// The number of lines written so far.
    std::uint32_t line_count() const;

    const std::string& text() const { return text_; }
    const LineMap& line_map() const { return map_; }

private:
    std::string text_;
    LineMap map_;
};

} // namespace millwright::dsl::detail
