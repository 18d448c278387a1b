// Reading events. The replay path reads each line with JsonLine, which validates the whole
// line while this file picks out the event's members, so no DOM is built and walked after.
// (simdjson's DOM parser did this before; its fixed cost per call was most of the time spent
// on a ~110-byte line.) Hosts calling Engine::handle with an Event (nlohmann) go through
// view_event instead; both fill the same EventView.
#include "event_view.hpp"

#include "json_line.hpp"
#include "millwright/stdlib/format.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace millwright::detail {

void EventView::clear() {
    has_at = false;
    at_ms = 0;
    at_text = {};
    type = {};
    wo = {};
    workflow = {};
    by = {};
    has_workflow = false;
    data.clear();
    items.clear();
}

const DataEntry* EventView::find(std::string_view key) const {
    for (const auto& entry : data) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

struct LineReader::Impl {
    unsigned max_depth;
    JsonLineScratch scratch;
    std::string padded; ///< a copy of a line JsonLine cannot read in place
};

LineReader::LineReader(unsigned max_depth) : impl_(std::make_unique<Impl>()) {
    impl_->max_depth = max_depth;
}

LineReader::~LineReader() = default;

std::size_t LineReader::padding() {
    return json_line_padding;
}

namespace {

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

/// A text member that is not a string: the problem is noted and the value validated. Out of
/// line (as refuse_key), so that read_text and read_member stay small enough to inline.
[[gnu::noinline]] bool refuse_text(JsonLine& json, std::string_view name, std::string& problem) {
    problem = "`" + std::string(name) + "` must be a string";
    return json.skip_value();
}

[[gnu::always_inline]] inline bool read_text(JsonLine& json, std::string_view name,
                                             std::string_view& out, std::string& problem) {
    if (json.peek() == '"') {
        return json.read_string(out);
    }
    return refuse_text(json, name, problem);
}

bool read_at(JsonLine& json, EventView& event, std::string& problem) {
    if (!read_text(json, "at", event.at_text, problem) || !problem.empty()) {
        return json.ok();
    }
    const auto at = stdlib::parse_time(event.at_text);
    if (!at) {
        problem = "`at` is not an RFC 3339 timestamp";
        return true;
    }
    event.has_at = true;
    event.at_ms = *at;
    return true;
}

/// A data value: a scalar, or an array whose items go to event.items (objects and arrays
/// inside are validated and kept as Kind::nested).
bool read_data_value(JsonLine& json, EventView& event, InValue& value) {
    if (json.peek() != '[') {
        return json.read_scalar(value.scalar);
    }
    value.is_array = true;
    value.first = static_cast<std::uint32_t>(event.items.size());
    if (json.enter_array()) {
        do {
            if (!json.read_scalar(event.items.emplace_back())) {
                return false;
            }
        } while (json.next_item());
    }
    value.count = static_cast<std::uint32_t>(event.items.size()) - value.first;
    return json.ok();
}

/// The first key of `data` (in line order) that repeats an earlier one, if any (the empty key
/// too). JSON leaves duplicate keys to the reader, and "the last one wins" would let a line say
/// two things at once; such a line is refused instead.
std::optional<std::string_view> repeated_key(const std::vector<DataEntry>& data) {
    constexpr std::size_t compared_pairwise = 16; // beyond, sorting costs less
    if (data.size() <= compared_pairwise) {
        for (std::size_t i = 1; i < data.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (data[i].key == data[j].key) {
                    return data[i].key;
                }
            }
        }
        return std::nullopt;
    }
    std::vector<std::pair<std::string_view, std::size_t>> keys; // key, position
    keys.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        keys.emplace_back(data[i].key, i);
    }
    std::sort(keys.begin(), keys.end());
    std::size_t first_repeat = data.size();
    for (std::size_t i = 1; i < keys.size(); ++i) {
        if (keys[i].first == keys[i - 1].first) {
            first_repeat = std::min(first_repeat, keys[i].second);
        }
    }
    if (first_repeat == data.size()) {
        return std::nullopt;
    }
    return data[first_repeat].key;
}

bool read_data(JsonLine& json, EventView& event, std::string& problem) {
    if (json.peek() != '{') {
        problem = "`data` must be an object";
        return json.skip_value();
    }
    if (json.enter_object()) {
        do {
            DataEntry& entry = event.data.emplace_back();
            if (!json.read_key(entry.key) || !read_data_value(json, event, entry.value)) {
                return false;
            }
        } while (json.next_member());
    }
    if (!json.ok()) {
        return false;
    }
    if (const auto key = repeated_key(event.data)) {
        problem = "key `" + std::string(*key) + "` appears twice in `data`";
    }
    return true;
}

/// A key that is not one of the six: the problem is noted and the value validated.
[[gnu::noinline]] bool refuse_key(JsonLine& json, std::string_view key, std::string& problem) {
    problem =
        "unknown key `" + std::string(key) + "` (an event has at, type, wo, workflow, by and data)";
    return json.skip_value();
}

/// The six members of an event.
enum class Member : unsigned { at, type, wo, workflow, by, data, unknown };

/// Which member `key` names, told apart by length and first byte before one comparison: this
/// runs for every key of every line.
Member member_of(std::string_view key) {
    switch (key.size()) {
    case 2:
        return key == "at"   ? Member::at
               : key == "by" ? Member::by
               : key == "wo" ? Member::wo
                             : Member::unknown;
    case 4:
        return key == "type" ? Member::type : key == "data" ? Member::data : Member::unknown;
    case 8:
        return key == "workflow" ? Member::workflow : Member::unknown;
    default:
        return Member::unknown;
    }
}

/// Reads one member of the event. Returns false if the line is invalid JSON; a member that
/// is valid JSON but not a valid event member sets `problem` instead.
bool read_member(Member member, std::string_view key, JsonLine& json, EventView& event,
                 std::string& problem) {
    switch (member) {
    case Member::at:
        return read_at(json, event, problem);
    case Member::type:
        return read_text(json, key, event.type, problem);
    case Member::wo:
        return read_text(json, key, event.wo, problem);
    case Member::workflow:
        event.has_workflow = true;
        return read_text(json, key, event.workflow, problem);
    case Member::by:
        return read_text(json, key, event.by, problem);
    case Member::data:
        return read_data(json, event, problem);
    case Member::unknown:
        break;
    }
    return refuse_key(json, key, problem);
}

/// Walks the whole line. The first member problem stops the extraction, but the rest of the
/// line is still validated: invalid JSON anywhere is the reason given, as before.
bool read_event(JsonLine& json, EventView& event, std::string& problem) {
    if (json.peek() != '{') {
        if (json.skip_value() && json.finish()) {
            problem = "a line must be a JSON object";
        }
        return json.ok();
    }
    unsigned given = 0; // the members read so far: a second one is refused, not overwritten
    if (json.enter_object()) {
        do {
            std::string_view key;
            if (!json.read_key(key)) {
                return false;
            }
            const Member member = member_of(key);
            if (problem.empty() && member != Member::unknown) {
                const unsigned bit = 1u << static_cast<unsigned>(member);
                if ((given & bit) != 0) {
                    problem = "key `" + std::string(key) + "` appears twice";
                }
                given |= bit;
            }
            const bool valid = problem.empty() ? read_member(member, key, json, event, problem)
                                               : json.skip_value();
            if (!valid) {
                return false;
            }
        } while (json.next_member());
    }
    return json.ok() && json.finish();
}

} // namespace

std::string LineReader::read(std::string_view line, std::size_t capacity, EventView& event) {
    event.clear();
    if (line.empty() || (static_cast<unsigned char>(line[0]) <= ' ' && is_blank(line))) {
        return "empty line";
    }
    auto& impl = *impl_;
    if (capacity < line.size() + json_line_padding || !JsonLine::is_terminated(line)) {
        impl.padded.assign(line);
        impl.padded.append(json_line_padding, ' ');
        line = std::string_view(impl.padded.data(), line.size());
    }
    JsonLine json(line, impl.max_depth, impl.scratch);
    std::string problem;
    if (!read_event(json, event, problem)) {
        return json.error();
    }
    return problem;
}

namespace {

bool too_deep(const nlohmann::json& value, unsigned max_depth) {
    // Iterative, so a hostile 100,000-deep value cannot overflow the stack here.
    std::vector<std::pair<const nlohmann::json*, unsigned>> pending{{&value, 1}};
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        if (!node->is_structured()) {
            continue;
        }
        if (depth > max_depth) {
            return true;
        }
        for (const auto& child : *node) {
            pending.emplace_back(&child, depth + 1);
        }
    }
    return false;
}

InScalar scalar_of(const nlohmann::json& value) {
    InScalar out;
    if (value.is_boolean()) {
        out.kind = InScalar::Kind::boolean;
        out.boolean = value.get<bool>();
    } else if (value.is_number_integer()) {
        out.kind = InScalar::Kind::integer;
        out.integer = value.is_number_unsigned()
                          ? static_cast<std::int64_t>(value.get<std::uint64_t>())
                          : value.get<std::int64_t>();
    } else if (value.is_number_float()) {
        out.kind = InScalar::Kind::number;
        out.number = value.get<double>();
    } else if (value.is_string()) {
        out.kind = InScalar::Kind::string;
        out.text = value.get_ref<const std::string&>();
    } else if (value.is_structured()) {
        out.kind = InScalar::Kind::nested;
    }
    return out;
}

} // namespace

std::string view_event(const Event& source, unsigned max_depth, std::string& scratch,
                       EventView& event) {
    event.clear();
    if (!source.data.is_object()) {
        return "`data` must be an object";
    }
    if (too_deep(source.data, max_depth - 1)) {
        return "JSON nested too deeply";
    }
    event.has_at = true;
    event.at_ms = source.at.time_since_epoch().count();
    if (source.at_text.empty()) {
        scratch = stdlib::format_time(event.at_ms);
        event.at_text = scratch;
    } else {
        event.at_text = source.at_text;
    }
    event.type = source.type;
    event.wo = source.wo;
    event.workflow = source.workflow;
    event.has_workflow = !source.workflow.empty();
    event.by = source.by;
    for (auto it = source.data.begin(); it != source.data.end(); ++it) {
        const nlohmann::json& value = it.value();
        DataEntry entry;
        entry.key = it.key(); // a reference into the object's own key, stable while it lives
        if (value.is_array()) {
            entry.value.is_array = true;
            entry.value.first = static_cast<std::uint32_t>(event.items.size());
            for (const auto& item : value) {
                event.items.push_back(scalar_of(item));
            }
            entry.value.count = static_cast<std::uint32_t>(event.items.size()) - entry.value.first;
        } else {
            entry.value.scalar = scalar_of(value);
        }
        event.data.push_back(entry);
    }
    return {};
}

} // namespace millwright::detail
