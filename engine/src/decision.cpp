// Writing decisions. Keys come in one fixed order and numbers in one fixed format, so a
// replay's output is byte-identical from run to run and machine to machine.
#include "millwright/decision.hpp"

#include "value.hpp"

#include <charconv>

namespace millwright {

void Decision::clear() {
    seq = 0;
    at.clear();
    line.reset();
    wo.clear();
    event.clear();
    ok = false;
    from.clear();
    to.clear();
    version.reset();
    changes.clear();
    effects.clear();
    error.clear();
    reason.clear();
    why_not.clear();
    origin.clear();
}

namespace {

using detail::append_json_string;

// Appends a `,"key":` literal in one go, its length known at compile time.
template <std::size_t N>
void append_key(std::string& out, const char (&key)[N]) {
    out.append(key, N - 1);
}

// Appends `[item,item,...]`, each item written by `append_item`.
template <typename Items, typename AppendItem>
void append_array(std::string& out, const Items& items, AppendItem append_item) {
    out.push_back('[');
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        append_item(out, items[i]);
    }
    out.push_back(']');
}

void append_unsigned(std::string& out, std::uint64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, static_cast<std::size_t>(result.ptr - digits));
}

void append_effect(std::string& out, const Effect& effect) {
    out += "{\"type\":";
    append_json_string(out, effect.type);
    if (!effect.to.empty()) {
        append_key(out, ",\"to\":");
        append_json_string(out, effect.to);
    }
    if (!effect.role.empty()) {
        append_key(out, ",\"role\":");
        append_json_string(out, effect.role);
    }
    if (effect.type == "notify") {
        append_key(out, ",\"message\":");
        append_json_string(out, effect.text);
    } else if (effect.type == "note") {
        append_key(out, ",\"text\":");
        append_json_string(out, effect.text);
    }
    out.push_back('}');
}

void append_trial(std::string& out, const GuardTrial& trial) {
    out += "{\"transition\":";
    append_json_string(out, trial.transition);
    append_key(out, ",\"guard\":");
    append_json_string(out, trial.guard);
    append_key(out, ",\"where\":");
    append_json_string(out, trial.where);
    append_key(out, ",\"saw\":");
    out.push_back('{');
    for (std::size_t i = 0; i < trial.saw.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        append_json_string(out, trial.saw[i].first);
        out.push_back(':');
        out += trial.saw[i].second;
    }
    out += "}}";
}

} // namespace

void Decision::append_json(std::string& out) const {
    out += "{\"seq\":";
    append_unsigned(out, seq);
    if (!at.empty()) {
        append_key(out, ",\"at\":");
        append_json_string(out, at);
    }
    if (line) {
        append_key(out, ",\"line\":");
        append_unsigned(out, *line);
    }
    if (!wo.empty()) {
        append_key(out, ",\"wo\":");
        append_json_string(out, wo);
    }
    if (!event.empty()) {
        append_key(out, ",\"event\":");
        append_json_string(out, event);
    }
    append_key(out, ",\"ok\":");
    out += ok ? "true" : "false";
    if (!from.empty()) {
        append_key(out, ",\"from\":");
        append_json_string(out, from);
    }
    if (!to.empty()) {
        append_key(out, ",\"to\":");
        append_json_string(out, to);
    }
    if (version) {
        append_key(out, ",\"version\":");
        append_unsigned(out, *version);
    }
    if (ok) {
        append_key(out, ",\"changes\":");
        out.push_back('{');
        for (std::size_t i = 0; i < changes.size(); ++i) {
            if (i != 0) {
                out.push_back(',');
            }
            append_json_string(out, changes[i].field);
            out.push_back(':');
            out += changes[i].value_json;
        }
        out.push_back('}');
        append_key(out, ",\"effects\":");
        append_array(out, effects, append_effect);
    }
    if (!error.empty()) {
        append_key(out, ",\"error\":");
        append_json_string(out, error);
        append_key(out, ",\"reason\":");
        append_json_string(out, reason);
    }
    if (!why_not.empty()) {
        append_key(out, ",\"why_not\":");
        append_array(out, why_not, append_trial);
    }
    if (!origin.empty()) {
        append_key(out, ",\"origin\":");
        append_json_string(out, origin);
    }
    out.push_back('}');
}

nlohmann::ordered_json Decision::to_json() const {
    std::string text;
    append_json(text);
    return nlohmann::ordered_json::parse(text);
}

} // namespace millwright
