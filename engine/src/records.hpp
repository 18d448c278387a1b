// Helpers the host-record directories (people in directory.cpp, assets in assets.cpp) share:
// hash maps keyed by text that answer string_view look-ups without building a string, the
// envelope every file and change of theirs has (`{"people": [...]}`, `{"change": ..., "id":
// ...}`), and the small pieces of text their JSON-Pointer reasons are made of, so both phrase a
// problem alike. Internal to the engine.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace millwright::detail {

/// A transparent hash, so a TextMap is probed with a string_view as it is.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

/// A node-based hash map keyed by text: values keep their address when the map rehashes.
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

/// Caps on what one host record (a person of the directory, an asset) may hold, so that
/// loading a file or applying a change, and the rules that read the record, stay bounded
/// whatever the file holds. They match EngineOptions' defaults for events.
inline constexpr std::size_t max_record_name_bytes = 256;       ///< ids, names, roles, classes
inline constexpr std::size_t max_record_text_bytes = 64 * 1024; ///< an asset's other texts
inline constexpr std::size_t max_record_list_items = 1000;      ///< a list, a person's roles

/// ": a text of at most N bytes, got M" when `text` is longer than `cap`; else "".
std::string longer_than(std::string_view text, std::size_t cap);

/// `text` as a JSON string literal, for a reason (`unknown person "emp-99"`). Bytes that are
/// not UTF-8 (a host may build such a value) show as U+FFFD rather than throwing.
std::string json_quoted(std::string_view text);

/// `key` as a JSON Pointer token: "~" and "/" escaped as "~0" and "~1" (RFC 6901), so a
/// pointer in a reason stays unambiguous whatever the key.
std::string pointer_token(std::string_view key);

/// nlohmann's reason a text did not parse without its "[json.exception.parse_error.101] "
/// prefix, which means nothing to the person reading the reason. Parsing throws a parse_error
/// for bad syntax and an out_of_range for a number no double holds (`1e400`): callers catch
/// nlohmann's base class, so both read as invalid JSON.
std::string parse_error_text(const nlohmann::json::exception& error);

/// The array of records in a file `{"KEY": [...]}` that holds nothing else; null with
/// `problem` set (`missing people`, `/people: expected an array, got number`) otherwise.
const nlohmann::json* record_list(const nlohmann::json& document, const std::string& key,
                                  std::string& problem);

/// The name of a change (`{"change": "join", ...}`); null with `problem` set when `change` is
/// not an object or its `change` is missing or not a string.
const std::string* change_name(const nlohmann::json& change, std::string& problem);

/// The `id` a change names, not yet looked up; null with `problem` set when it is missing or
/// not a string.
const std::string* change_id(const nlohmann::json& change, std::string& problem);

} // namespace millwright::detail
