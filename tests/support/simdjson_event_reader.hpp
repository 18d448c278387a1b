// The reader the replay path used before JsonLine: simdjson's DOM parser, then a walk of the
// DOM into an EventView. The tests keep it as the oracle JsonLine must agree with (simdjson is
// a trusted, independently written validator), so it only needs to be right, not fast.
#pragma once

#include "event_view.hpp"
#include "millwright/stdlib/format.hpp"

#include <simdjson.h>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace millwright::test {

class SimdjsonEventReader {
public:
    explicit SimdjsonEventReader(unsigned max_depth) {
        if (parser_.allocate(64 * 1024, max_depth) != simdjson::SUCCESS) {
            throw std::runtime_error("simdjson could not allocate its parser");
        }
    }

    /// Bytes that must be readable past the end of a line given to read().
    static constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;

    /// "" or why the line is malformed, in the texts the engine gave with this reader.
    std::string read(std::string_view line, detail::EventView& event) {
        event.clear();
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            return "empty line";
        }
        simdjson::dom::element document;
        if (auto error = parser_.parse(line.data(), line.size(), false).get(document)) {
            return error_text(error);
        }
        simdjson::dom::object object;
        if (document.get_object().get(object) != simdjson::SUCCESS) {
            return "a line must be a JSON object";
        }
        std::string problem;
        std::set<std::string_view> given;
        for (const auto member : object) {
            if (!given.insert(member.key).second) {
                return "key `" + std::string(member.key) + "` appears twice";
            }
            if (!read_member(member.key, member.value, event, problem)) {
                return problem;
            }
        }
        return {};
    }

private:
    using Element = simdjson::dom::element;
    using Type = simdjson::dom::element_type;

    static std::string error_text(simdjson::error_code code) {
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

    static detail::InScalar read_scalar(Element value) {
        detail::InScalar out;
        using Kind = detail::InScalar::Kind;
        switch (value.type()) {
        case Type::NULL_VALUE:
            out.kind = Kind::null;
            break;
        case Type::BOOL:
            out.kind = Kind::boolean;
            out.boolean = value.get_bool().value_unsafe();
            break;
        case Type::STRING:
            out.kind = Kind::string;
            out.text = value.get_string().value_unsafe();
            break;
        case Type::INT64:
            out.kind = Kind::integer;
            out.integer = value.get_int64().value_unsafe();
            break;
        case Type::UINT64:
        case Type::DOUBLE:
            out.kind = Kind::number;
            out.number = value.get_double().value_unsafe();
            break;
        case Type::ARRAY:
        case Type::OBJECT:
            out.kind = Kind::nested;
            break;
        }
        return out;
    }

    static detail::InValue read_value(Element value, detail::EventView& event) {
        detail::InValue out;
        if (value.type() != Type::ARRAY) {
            out.scalar = read_scalar(value);
            return out;
        }
        out.is_array = true;
        out.first = static_cast<std::uint32_t>(event.items.size());
        // The array is held in a local: iterating value_unsafe() of the temporary result
        // dangles once optimised (GCC warns, and the RelWithDebInfo build crashed).
        simdjson::dom::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) {
            return out;
        }
        for (Element item : array) {
            event.items.push_back(read_scalar(item));
        }
        out.count = static_cast<std::uint32_t>(event.items.size()) - out.first;
        return out;
    }

    static bool read_text(Element value, std::string_view name, std::string_view& out,
                          std::string& problem) {
        if (value.get_string().get(out) != simdjson::SUCCESS) {
            problem = "`" + std::string(name) + "` must be a string";
            return false;
        }
        return true;
    }

    static bool read_member(std::string_view key, Element value, detail::EventView& event,
                            std::string& problem) {
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
            simdjson::dom::object data;
            if (value.get_object().get(data) != simdjson::SUCCESS) {
                problem = "`data` must be an object";
                return false;
            }
            std::set<std::string_view> keys;
            std::optional<std::string_view> repeated;
            for (const auto field : data) {
                event.data.push_back({field.key, read_value(field.value, event)});
                if (!keys.insert(field.key).second && !repeated) {
                    repeated = field.key;
                }
            }
            if (repeated) {
                problem = "key `" + std::string(*repeated) + "` appears twice in `data`";
                return false;
            }
            return true;
        }
        problem = "unknown key `" + std::string(key) +
                  "` (an event has at, type, wo, workflow, by and data)";
        return false;
    }

    simdjson::dom::parser parser_;
};

} // namespace millwright::test
