// The shared envelope checks and reason texts of records.hpp; each returns the first problem in
// the exact words both directories document.
#include "records.hpp"

namespace millwright::detail {

std::string json_quoted(std::string_view text) {
    return nlohmann::json(std::string(text))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

std::string longer_than(std::string_view text, std::size_t cap) {
    if (text.size() <= cap) {
        return {};
    }
    return ": a text of at most " + std::to_string(cap) + " bytes, got " +
           std::to_string(text.size());
}

std::string parse_error_text(const nlohmann::json::exception& error) {
    std::string what = error.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) {
        what.erase(0, bracket + 2);
    }
    return what;
}

const nlohmann::json* record_list(const nlohmann::json& document, const std::string& key,
                                  std::string& problem) {
    if (!document.is_object()) {
        problem = "expected an object with \"" + key + "\", got " + document.type_name();
        return nullptr;
    }
    for (const auto& [name, value] : document.items()) {
        if (name != key) {
            problem = "/" + pointer_token(name) + ": unknown key (expected " + key + ")";
            return nullptr;
        }
    }
    const auto found = document.find(key);
    if (found == document.end()) {
        problem = "missing " + key;
        return nullptr;
    }
    if (!found->is_array()) {
        problem = "/" + key + ": expected an array, got " + found->type_name();
        return nullptr;
    }
    return &*found;
}

const std::string* change_name(const nlohmann::json& change, std::string& problem) {
    if (!change.is_object()) {
        problem = std::string("expected an object, got ") + change.type_name();
        return nullptr;
    }
    const auto kind = change.find("change");
    if (kind == change.end()) {
        problem = "missing change";
        return nullptr;
    }
    if (!kind->is_string()) {
        problem = std::string("/change: expected a string, got ") + kind->type_name();
        return nullptr;
    }
    return &kind->get_ref<const std::string&>();
}

const std::string* change_id(const nlohmann::json& change, std::string& problem) {
    const auto id = change.find("id");
    if (id == change.end()) {
        problem = "missing id";
        return nullptr;
    }
    if (!id->is_string()) {
        problem = std::string("/id: expected a string, got ") + id->type_name();
        return nullptr;
    }
    return &id->get_ref<const std::string&>();
}

} // namespace millwright::detail
