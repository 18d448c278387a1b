// The engine's view of one incoming event, filled either from a JSON line (JsonLine, the
// replay path) or from a host's millwright::Event (nlohmann). Holding string views and a flat
// array of list items keeps the per-event path free of allocations once buffers are warm.
#pragma once

#include "millwright/event.hpp"
#include "value.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::detail {

struct DataEntry {
    std::string_view key;
    InValue value;
};

struct EventView {
    bool has_at = false;
    std::int64_t at_ms = 0;
    std::string_view at_text;
    std::string_view type;
    std::string_view wo;
    std::string_view workflow;
    std::string_view by;
    bool has_workflow = false;
    std::vector<DataEntry> data;
    std::vector<InScalar> items; ///< list items referenced by InValue::first/count

    void clear();
    const DataEntry* find(std::string_view key) const;
};

/// Reads JSON lines into EventViews in one validating pass. One reader per engine; not
/// thread-safe. Views it fills are valid until the next read and while the line lives.
class LineReader {
public:
    explicit LineReader(unsigned max_depth);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Parses `line` into `event`. `capacity` is how many readable bytes start at line.data().
    /// The line is read in place when at least padding() bytes follow it, the first of them
    /// a line feed, carriage return, space or other control character (as in a replay block
    /// or a padded copy); otherwise it is copied first. Returns an empty string on success,
    /// otherwise why the line is malformed (the event's contents are then unspecified).
    std::string read(std::string_view line, std::size_t capacity, EventView& event);

    /// Bytes past the end of a line that read() may load (it reads 16 bytes at a time).
    static std::size_t padding();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Fills `event` from a host's Event; views point into `source` (and into `scratch`, which
/// holds the at-text when `source.at_text` is empty). Returns an empty string on success,
/// otherwise why the event is malformed (e.g. data nested too deeply).
std::string view_event(const Event& source, unsigned max_depth, std::string& scratch,
                       EventView& event);

} // namespace millwright::detail
