// Reading events. The replay path uses simdjson's DOM parser on each line: it validates the
// whole line (so a malformed one is always caught), picks its SIMD kernel at run time and
// reuses its tape, several times cheaper than building an nlohmann DOM per line. (simdjson
// 3.0's On-Demand API was measured too, but in Debian's build it compiles to the portable
// fallback kernel and cannot tell trailing garbage after the object.) Hosts calling
// Engine::handle with an Event (nlohmann) go through view_event instead; both fill the same
// EventView.
#include "event_view.hpp"

#include "millwright/stdlib/format.hpp"

#include <simdjson.h>

#include <new>

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

// The DOM parser of simdjson validates the whole line and picks its SIMD kernel at run time;
// its tape is reused from line to line, so no allocation happens per event.
namespace dom = simdjson::dom;

struct LineReader::Impl {
    dom::parser parser;
};

LineReader::LineReader(unsigned max_depth) : impl_(std::make_unique<Impl>()) {
    // The depth bound makes a 100,000-deep line a clean error; capacity grows on demand.
    if (impl_->parser.allocate(64 * 1024, max_depth) != simdjson::SUCCESS) {
        throw std::bad_alloc();
    }
}

LineReader::~LineReader() = default;

std::size_t LineReader::padding() {
    return simdjson::SIMDJSON_PADDING;
}

namespace {

std::string error_text(simdjson::error_code code) {
    switch (code) {
    case simdjson::DEPTH_ERROR:
        return "JSON nested too deeply";
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        return "invalid or truncated JSON";
    case simdjson::UTF8_ERROR:
        return "invalid UTF-8";
    case simdjson::UNCLOSED_STRING:
        return "unterminated string";
    default:
        return std::string("invalid JSON (") + simdjson::error_message(code) + ")";
    }
}

InScalar read_scalar(dom::element value) {
    InScalar out;
    switch (value.type()) {
    case dom::element_type::NULL_VALUE:
        out.kind = InScalar::Kind::null;
        break;
    case dom::element_type::BOOL:
        out.kind = InScalar::Kind::boolean;
        out.boolean = value.get_bool().value_unsafe();
        break;
    case dom::element_type::STRING:
        out.kind = InScalar::Kind::string;
        out.text = value.get_string().value_unsafe();
        break;
    case dom::element_type::INT64:
        out.kind = InScalar::Kind::integer;
        out.integer = value.get_int64().value_unsafe();
        break;
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
        out.kind = InScalar::Kind::number;
        out.number = value.get_double().value_unsafe();
        break;
    case dom::element_type::ARRAY:
    case dom::element_type::OBJECT:
        out.kind = InScalar::Kind::nested;
        break;
    }
    return out;
}

InValue read_value(dom::element value, EventView& event) {
    InValue out;
    if (value.type() != dom::element_type::ARRAY) {
        out.scalar = read_scalar(value);
        return out;
    }
    dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) {
        return out;
    }
    out.is_array = true;
    out.first = static_cast<std::uint32_t>(event.items.size());
    for (dom::element item : array) {
        event.items.push_back(read_scalar(item));
    }
    out.count = static_cast<std::uint32_t>(event.items.size()) - out.first;
    return out;
}

bool read_text(dom::element value, std::string_view name, std::string_view& out,
               std::string& problem) {
    if (value.get_string().get(out) != simdjson::SUCCESS) {
        problem = "`" + std::string(name) + "` must be a string";
        return false;
    }
    return true;
}

bool read_member(std::string_view key, dom::element value, EventView& event, std::string& problem) {
    if (key == "at") {
        if (!read_text(value, key, event.at_text, problem)) {
            return false;
        }
        const auto at = stdlib::parse_time(event.at_text);
        if (!at) {
            problem = "`at` is not an RFC 3339 timestamp";
            return false;
        }
        event.has_at = true;
        event.at_ms = *at;
        return true;
    }
    if (key == "type") {
        return read_text(value, key, event.type, problem);
    }
    if (key == "wo") {
        return read_text(value, key, event.wo, problem);
    }
    if (key == "workflow") {
        event.has_workflow = true;
        return read_text(value, key, event.workflow, problem);
    }
    if (key == "by") {
        return read_text(value, key, event.by, problem);
    }
    if (key == "data") {
        dom::object data;
        if (value.get_object().get(data) != simdjson::SUCCESS) {
            problem = "`data` must be an object";
            return false;
        }
        for (const auto field : data) {
            event.data.push_back({field.key, read_value(field.value, event)});
        }
        return true;
    }
    problem =
        "unknown key `" + std::string(key) + "` (an event has at, type, wo, workflow, by and data)";
    return false;
}

} // namespace

std::string LineReader::read(std::string_view line, std::size_t capacity, EventView& event) {
    event.clear();
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
        return "empty line";
    }
    (void)capacity; // the caller guarantees padding() readable bytes past the line
    dom::element document;
    if (auto error = impl_->parser.parse(line.data(), line.size(), false).get(document)) {
        return error_text(error);
    }
    dom::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS) {
        return "a line must be a JSON object";
    }
    std::string problem;
    for (const auto member : object) {
        if (!read_member(member.key, member.value, event, problem)) {
            return problem;
        }
    }
    return {};
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
