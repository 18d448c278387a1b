// The one renderer of diagnostics (text and JSON) and the message-table lookup behind
// DiagnosticList::report. Line and column are computed here, from the source's line starts.
#include "millwright/dsl/diagnostic.hpp"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

namespace millwright::dsl {

namespace {

/// Fills `{0}`, `{1}`... in one pass, so braces inside an argument are never expanded again.
std::string fill(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const bool placeholder = pattern[i] == '{' && i + 2 < pattern.size() &&
                                 pattern[i + 1] >= '0' && pattern[i + 1] <= '9' &&
                                 pattern[i + 2] == '}';
        if (!placeholder) {
            out += pattern[i];
            continue;
        }
        const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
        if (index < args.size()) {
            out += args[index];
        }
        i += 2;
    }
    return out;
}

const MessageTemplate* find_template(const std::string& code) {
    const auto& table = message_table();
    const auto found = std::find_if(table.begin(), table.end(),
                                    [&](const MessageTemplate& row) { return row.code == code; });
    return found == table.end() ? nullptr : &*found;
}

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::error:
        return "error";
    case Severity::warning:
        return "warning";
    case Severity::note:
        return "note";
    }
    return "error";
}

/// ANSI escapes, or nothing when colour is off.
struct Palette {
    bool on = false;
    std::string_view bold() const { return on ? "\x1b[1m" : ""; }
    std::string_view reset() const { return on ? "\x1b[0m" : ""; }
    std::string_view gutter() const { return on ? "\x1b[1;34m" : ""; }
    std::string_view hint() const { return on ? "\x1b[1;32m" : ""; }
    std::string_view severity(Severity severity) const {
        if (!on) {
            return "";
        }
        switch (severity) {
        case Severity::error:
            return "\x1b[1;31m";
        case Severity::warning:
            return "\x1b[1;33m";
        case Severity::note:
            return "\x1b[1;36m";
        }
        return "";
    }
};

bool is_known(const SourceSet& sources, SourceSpan span) {
    return span.source < sources.size();
}

std::string location(const SourceSet& sources, SourceSpan span) {
    if (!is_known(sources, span)) {
        return "<unknown>";
    }
    const Source& source = sources.get(span.source);
    const LineColumn at = source.locate(span.begin);
    return source.name() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

/// `text` as it may be shown: a byte that is not part of well-formed UTF-8 becomes U+FFFD, so
/// what the terminal (or a JSON consumer) gets is always valid UTF-8.
std::string displayable(std::string_view text) {
    std::string out;
    while (const auto bad = invalid_utf8(text)) {
        out.append(text.substr(0, *bad)).append("\xEF\xBF\xBD");
        text.remove_prefix(*bad + 1);
    }
    return out.append(text);
}

/// The part of a long line an excerpt shows: about excerpt_before bytes before the column and
/// excerpt_width in all, on UTF-8 character boundaries. A line of 5,000 states then costs an
/// excerpt of its own size, not the line's, however many diagnostics point into it.
constexpr std::size_t excerpt_width = 160;
constexpr std::size_t excerpt_before = 40;

std::size_t back_to_boundary(std::string_view line, std::size_t at) {
    while (at > 0 && at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) {
        --at;
    }
    return at;
}

/// `   14 | text` and `      |   ^^^^`: the source line under a gutter, and the carets.
std::string excerpt(const SourceSet& sources, SourceSpan span, Severity severity,
                    const Palette& palette) {
    if (!is_known(sources, span)) {
        return {};
    }
    const Source& source = sources.get(span.source);
    const LineColumn at = source.locate(span.begin);
    std::string_view line = source.line_text(at.line);
    std::string number = std::to_string(at.line);
    const std::size_t width = std::max<std::size_t>(number.size(), 4) + 1;
    number.insert(0, width - number.size(), ' ');

    std::size_t column = at.column - 1;
    std::string_view before;
    std::string_view after;
    if (line.size() > excerpt_width) {
        const std::size_t first =
            back_to_boundary(line, column > excerpt_before ? column - excerpt_before : 0);
        const std::size_t last =
            back_to_boundary(line, std::min(line.size(), first + excerpt_width));
        before = first > 0 ? "..." : "";
        after = last < line.size() ? "..." : "";
        line = line.substr(first, last - first);
        column = column - first + before.size();
    }
    const std::string shown = std::string(before) + displayable(line) + std::string(after);
    // Up to the column, as shown: one space per character (a tab stays a tab).
    const std::size_t prefix = std::min(column - before.size(), line.size());
    const std::string ahead = std::string(before) + displayable(line.substr(0, prefix));
    std::string padding;
    for (const char c : ahead) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) {
            continue; // a UTF-8 continuation byte takes no column on screen
        }
        padding += c == '\t' ? '\t' : ' ';
    }
    padding.append(column > before.size() + line.size() ? column - before.size() - line.size() : 0,
                   ' ');
    const std::size_t on_line =
        column < before.size() + line.size() ? before.size() + line.size() - column : 0;
    const std::size_t length =
        std::min<std::size_t>(span.end - std::min(span.end, span.begin), on_line);
    const std::string carets(std::max<std::size_t>(length, 1), '^');

    std::string out;
    out.append(palette.gutter()).append(number).append(" |").append(palette.reset());
    out.append(shown.empty() ? "" : " ").append(shown).append("\n");
    out.append(palette.gutter()).append(std::string(width, ' ')).append(" |");
    out.append(palette.reset()).append(" ").append(padding);
    out.append(palette.severity(severity)).append(carets).append(palette.reset()).append("\n");
    return out;
}

std::string headline(const SourceSet& sources, SourceSpan span, Severity severity,
                     const std::string& message, const Palette& palette) {
    std::string out;
    out.append(palette.bold()).append(location(sources, span)).append(":");
    out.append(palette.reset()).append(" ");
    out.append(palette.severity(severity)).append(severity_name(severity)).append(":");
    out.append(palette.reset()).append(" ");
    out.append(palette.bold()).append(message).append(palette.reset()).append("\n");
    return out;
}

/// Adds file, line, column, end_line and end_column of a span to a JSON object.
void add_position(nlohmann::ordered_json& out, const SourceSet& sources, SourceSpan span) {
    if (!is_known(sources, span)) {
        out["file"] = "";
        out["line"] = 0;
        out["column"] = 0;
        out["end_line"] = 0;
        out["end_column"] = 0;
        return;
    }
    const Source& source = sources.get(span.source);
    const LineColumn begin = source.locate(span.begin);
    const LineColumn end = source.locate(std::max(span.begin, span.end));
    out["file"] = source.name();
    out["line"] = begin.line;
    out["column"] = begin.column;
    out["end_line"] = end.line;
    out["end_column"] = end.column;
}

} // namespace

bool DiagnosticList::keeps(SourceId source, Severity severity) {
    if (kept_.size() <= source) {
        kept_.resize(source + 1, 0);
        dropped_.resize(source + 1);
    }
    if (kept_[source] < max_kept_per_source) {
        ++kept_[source];
        return true;
    }
    ++(severity == Severity::error ? dropped_[source].errors : dropped_[source].warnings);
    return false;
}

void DiagnosticList::add(Diagnostic diagnostic) {
    if (keeps(diagnostic.span.source, diagnostic.severity)) {
        items_.push_back(std::move(diagnostic));
    }
}

DiagnosticList::Dropped DiagnosticList::dropped(SourceId source) const {
    return source < dropped_.size() ? dropped_[source] : Dropped{};
}

std::size_t DiagnosticList::count() const {
    std::size_t total = items_.size();
    for (const Dropped& dropped : dropped_) {
        total += dropped.errors + dropped.warnings;
    }
    return total;
}

Diagnostic& DiagnosticList::report(const std::string& code, SourceSpan span,
                                   const std::vector<std::string>& args) {
    const Severity severity =
        !code.empty() && code.front() == 'W' ? Severity::warning : Severity::error;
    if (!keeps(span.source, severity)) {
        scratch_ = Diagnostic{};
        return scratch_;
    }
    Diagnostic diagnostic;
    diagnostic.code = code;
    diagnostic.span = span;
    diagnostic.severity = severity;
    if (const MessageTemplate* row = find_template(code)) {
        diagnostic.message = fill(row->message, args);
        diagnostic.hint = fill(row->hint, args);
    } else {
        diagnostic.message = "unknown diagnostic code `" + code + "`"; // a bug in a check
    }
    items_.push_back(std::move(diagnostic));
    return items_.back();
}

bool DiagnosticList::has_errors() const {
    return error_count() > 0;
}

std::size_t DiagnosticList::error_count() const {
    std::size_t errors = static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
    for (const Dropped& dropped : dropped_) {
        errors += dropped.errors;
    }
    return errors;
}

std::string render(const Diagnostic& diagnostic, const SourceSet& sources,
                   const RenderOptions& options) {
    const Palette palette{options.colour};
    std::string out =
        headline(sources, diagnostic.span, diagnostic.severity, diagnostic.message, palette);
    out += excerpt(sources, diagnostic.span, diagnostic.severity, palette);
    if (!diagnostic.hint.empty()) {
        out.append(palette.hint()).append("hint:").append(palette.reset());
        out.append(" ").append(diagnostic.hint).append("\n");
    }
    for (const Label& label : diagnostic.labels) {
        out += headline(sources, label.span, Severity::note, label.text, palette);
        out += excerpt(sources, label.span, Severity::note, palette);
    }
    return out;
}

std::string render_all(const DiagnosticList& diagnostics, const SourceSet& sources,
                       const RenderOptions& options) {
    std::string out;
    for (const Diagnostic& diagnostic : diagnostics.items()) {
        if (!out.empty()) {
            out += "\n";
        }
        out += render(diagnostic, sources, options);
    }
    return out;
}

std::string to_json(const Diagnostic& diagnostic, const SourceSet& sources) {
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const Label& label : diagnostic.labels) {
        nlohmann::ordered_json entry = nlohmann::ordered_json::object();
        add_position(entry, sources, label.span);
        entry["text"] = label.text;
        labels.push_back(std::move(entry));
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["code"] = diagnostic.code;
    out["severity"] = severity_name(diagnostic.severity);
    add_position(out, sources, diagnostic.span);
    out["message"] = diagnostic.message;
    out["hint"] = diagnostic.hint;
    out["labels"] = std::move(labels);
    // Text from a source with invalid UTF-8 shows U+FFFD instead of throwing type_error.316.
    return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace millwright::dsl
