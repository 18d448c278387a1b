// The map from generated Lua lines back to DSL spans, and the writer that fills it.
#include "line_map.hpp"

namespace millwright::dsl {

std::optional<SourceSpan> LineMap::lookup(std::uint32_t lua_line) const {
    if (lua_line == 0 || lua_line >= lines.size()) {
        return std::nullopt;
    }
    return lines[lua_line];
}

namespace detail {

LuaWriter::LuaWriter() {
    map_.lines.emplace_back(); // index 0 is unused: Lua lines count from 1
}

void LuaWriter::line(const std::string& text, SourceSpan span) {
    text_ += text;
    text_ += '\n';
    map_.lines.push_back(span);
}

std::uint32_t LuaWriter::line_count() const {
    return static_cast<std::uint32_t>(map_.lines.size() - 1);
}

} // namespace detail

} // namespace millwright::dsl
