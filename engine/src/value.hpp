// Field values inside the engine, and their conversions: from incoming JSON (already reduced
// to an InValue by whichever parser read it), to fixed-format JSON text, and to and from Lua.
// A value's meaning depends on its field's type (see millwright/dsl/model.hpp): money, time,
// date and duration are integers, number is a double, enumerations are text.
#pragma once

#include "millwright/dsl/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// The longest text a field may hold. Without a bound, an event that doubles a text field would
/// grow a work order without limit outside the Lua VM's memory cap.
inline constexpr std::size_t max_field_text_bytes = 1024 * 1024;

/// One field value. `kind` follows the field type; `unset` is a field never given.
struct Value {
    enum class Kind : std::uint8_t { unset, boolean, integer, number, text, list };
    Kind kind = Kind::unset;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string text;
    std::vector<Value> items;

    bool is_unset() const { return kind == Kind::unset; }
    /// Unset, an empty text or an empty list: what `requires` refuses.
    bool is_empty() const;
    bool operator==(const Value& other) const;
};

/// A scalar of incoming JSON, as a parser saw it. Strings point into the parser's buffer and
/// live only while the event is being handled.
struct InScalar {
    enum class Kind : std::uint8_t { null, boolean, integer, number, string, nested };
    Kind kind = Kind::null;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string_view text;
};

/// An incoming JSON value: a scalar, or an array of scalars stored in EventView::items.
struct InValue {
    InScalar scalar;
    bool is_array = false;
    std::uint32_t first = 0; ///< first item in EventView::items
    std::uint32_t count = 0;
};

/// Converts an incoming value to a field of type `type`. On failure returns false and writes
/// what was expected (e.g. "money (a number with at most 2 decimals)") to `expected`.
bool convert(const InValue& in, const std::vector<InScalar>& items, const dsl::ValueType& type,
             Value& out, std::string& expected);

/// The type's name as a person reads it in a reason: "money", "one of high, medium, low".
std::string describe(const dsl::ValueType& type);

/// Appends `value` as JSON (fixed formatting) for a field of type `type`.
void append_json(std::string& out, const Value& value, const dsl::ValueType& type);
/// Appends `text` as a JSON string with escapes.
void append_json_string(std::string& out, std::string_view text);
/// Appends an incoming value as JSON (for reasons that quote what was received).
void append_json(std::string& out, const InValue& in, const std::vector<InScalar>& items);

/// Converts a constant from the compiled model.
Value from_constant(const dsl::Constant& constant);

} // namespace millwright::detail
