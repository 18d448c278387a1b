// Sources and their tables of line starts: line and column are computed only when something
// is rendered, by a binary search over the offsets where lines begin.
#include "millwright/dsl/source.hpp"

#include <algorithm>
#include <utility>

namespace millwright::dsl {

Source::Source(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
        }
    }
}

LineColumn Source::locate(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    // The last line start that is <= offset.
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(after - line_starts_.begin());
    return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view Source::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) {
        return {};
    }
    const std::uint32_t begin = line_starts_[line - 1];
    std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                   : static_cast<std::uint32_t>(text_.size());
    if (end > begin && text_[end - 1] == '\r') {
        --end;
    }
    return std::string_view(text_).substr(begin, end - begin);
}

SourceId SourceSet::add(std::string name, std::string text) {
    sources_.emplace_back(std::move(name), std::move(text));
    return static_cast<SourceId>(sources_.size() - 1);
}

std::string_view SourceSet::text_of(SourceSpan span) const {
    const std::string& text = get(span.source).text();
    const std::size_t begin = std::min<std::size_t>(span.begin, text.size());
    const std::size_t end = std::clamp<std::size_t>(span.end, begin, text.size());
    return std::string_view(text).substr(begin, end - begin);
}

} // namespace millwright::dsl
