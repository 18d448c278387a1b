// Turns a directory event's data back into a JSON change object and hands it to the directory.
// Directory events are rare next to work-order events, so building a nlohmann object here costs
// nothing that matters.
#include "directory_event.hpp"

#include <string>

namespace millwright::detail {

namespace {

constexpr const char* bad_change = "bad_directory_change";

/// The scalar as JSON; false when it is an object or array (which the flat change never holds).
bool to_json(const InScalar& in, nlohmann::json& out) {
    switch (in.kind) {
    case InScalar::Kind::null:
        out = nullptr;
        return true;
    case InScalar::Kind::boolean:
        out = in.boolean;
        return true;
    case InScalar::Kind::integer:
        out = in.integer;
        return true;
    case InScalar::Kind::number:
        out = in.number;
        return true;
    case InScalar::Kind::string:
        out = std::string(in.text);
        return true;
    case InScalar::Kind::nested:
        return false;
    }
    return false;
}

void reject(Decision& decision, const char* error, std::string reason) {
    decision.ok = false;
    decision.error = error;
    decision.reason = std::move(reason);
}

} // namespace

std::string flat_change(const EventView& event, nlohmann::json& change) {
    change = nlohmann::json::object();
    for (const auto& entry : event.data) {
        const std::string key(entry.key);
        nlohmann::json value;
        bool flat = true;
        if (entry.value.is_array) {
            value = nlohmann::json::array();
            for (std::uint32_t i = 0; i < entry.value.count && flat; ++i) {
                nlohmann::json item;
                flat = to_json(event.items[entry.value.first + i], item);
                value.push_back(std::move(item));
            }
        } else {
            flat = to_json(entry.value.scalar, value);
        }
        if (!flat) {
            return key;
        }
        change[key] = std::move(value);
    }
    return {};
}

void apply_directory_event(Directory* directory, const EventView& event, Decision& decision) {
    if (directory == nullptr) {
        reject(decision, "no_directory",
               "the engine has no directory to change (replay: give one with --directory)");
        return;
    }
    nlohmann::json change;
    if (const std::string nested = flat_change(event, change); !nested.empty()) {
        reject(decision, bad_change,
               "/data/" + nested + ": a directory change holds strings, arrays of strings " +
                   "and null, not objects");
        return;
    }
    const std::string problem = directory->apply(change);
    if (problem.empty()) {
        decision.ok = true;
        return;
    }
    // The directory names the value within the change; within the line that is under /data.
    reject(decision, bad_change, problem.front() == '/' ? "/data" + problem : "/data: " + problem);
}

} // namespace millwright::detail
