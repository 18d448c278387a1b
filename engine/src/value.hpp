// Field values inside the engine, and their conversions: from incoming JSON (already reduced
// to an InValue by whichever parser read it), to fixed-format JSON text, and to and from Lua.
// A value's meaning depends on its field's type (see millwright/dsl/model.hpp): money, time,
// date and duration are integers, number is a double, enumerations are text.
#pragma once

#include "millwright/dsl/model.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace millwright::detail {

/// The longest text a field may hold. Without a bound, an event that doubles a text field would
/// grow a work order without limit outside the Lua VM's memory cap.
inline constexpr std::size_t max_field_text_bytes = 1024 * 1024;

/// One field value. `kind` follows the field type; `unset` is a field never given.
///
/// A work order holds one Value per field, so its size is most of a work order's memory: the
/// scalars, the text and the list share one union (40 bytes instead of 80 for separate
/// members), and a list's items live behind a pointer. Read the member that `kind` names; write
/// through the set_* functions, which release whatever the value held before.
struct Value {
    enum class Kind : std::uint8_t { unset, boolean, integer, number, text, list };
    using List = std::vector<Value>;

    Kind kind = Kind::unset;
    union {
        bool boolean;
        std::int64_t integer = 0;
        double number;
        std::string text; ///< when kind is text
        List* list_;      ///< when kind is list; owned, never null
    };

    Value() noexcept {}
    Value(const Value& other) { copy_from(other); }
    Value(Value&& other) noexcept { move_from(other); }
    Value& operator=(const Value& other) {
        if (this != &other) {
            if (kind == Kind::text && other.kind == Kind::text) {
                text = other.text; // reuses this text's buffer
            } else {
                release();
                copy_from(other);
            }
        }
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            release();
            move_from(other);
        }
        return *this;
    }
    ~Value() { release(); }

    void set_boolean(bool value) {
        release();
        kind = Kind::boolean;
        boolean = value;
    }
    void set_integer(std::int64_t value) {
        release();
        kind = Kind::integer;
        integer = value;
    }
    void set_number(double value) {
        release();
        kind = Kind::number;
        number = value;
    }
    /// Makes the value a text and returns it, empty, to be filled in.
    std::string& set_text() {
        release();
        new (&text) std::string();
        kind = Kind::text;
        return text;
    }
    /// Makes the value a list of `size` unset items and returns the items.
    List& set_list(std::size_t size = 0) {
        release();
        list_ = new List(size);
        kind = Kind::list;
        return *list_;
    }
    /// The items of a list (kind must be list).
    const List& items() const { return *list_; }
    List& items() { return *list_; }

    bool is_unset() const { return kind == Kind::unset; }
    /// Unset, an empty text or an empty list: what `requires` refuses.
    bool is_empty() const;
    bool operator==(const Value& other) const;

private:
    // Frees a text or list and leaves the value unset. Most values released on the hot path
    // are scalars or unset: the test is small enough for GCC to inline, and only freeing is a
    // call (as one function, GCC kept it out of line, a call for every temporary Value).
    // Forcing it inline everywhere saved a few more instructions but grew the hot code.
    void release() noexcept {
        if (kind == Kind::text || kind == Kind::list) {
            free_storage();
        }
        kind = Kind::unset;
        integer = 0;
    }
    [[gnu::noinline]] void free_storage() noexcept {
        if (kind == Kind::text) {
            text.~basic_string();
        } else {
            delete list_;
        }
    }
    // Both expect this value to hold no text or list (just built or released).
    void copy_from(const Value& other) {
        if (other.kind == Kind::text) {
            new (&text) std::string(other.text);
        } else if (other.kind == Kind::list) {
            list_ = new List(*other.list_);
        } else {
            // Whichever scalar is there: all of them fit in these 8 bytes.
            std::memcpy(&integer, &other.integer, sizeof integer);
        }
        kind = other.kind;
    }
    void move_from(Value& other) noexcept {
        if (other.kind == Kind::text) {
            new (&text) std::string(std::move(other.text));
            other.text.~basic_string();
        } else {
            std::memcpy(&integer, &other.integer, sizeof integer); // a scalar or the list pointer
        }
        kind = other.kind;
        other.kind = Kind::unset;
        other.integer = 0;
    }
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

/// Writes JSON text into a buffer on the stack and appends it to `out` in one piece (on
/// flush(), destruction, or when the buffer fills). Decision lines are built from dozens of
/// short keys and values; through std::string each piece cost a non-inlined append with its
/// capacity and null-terminator bookkeeping, here it is a bounds check and a memcpy.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}
    ~JsonWriter() { flush(); }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    // The small members below are forced inline: they run a few dozen times per decision
    // line and are a bounds check and a store once inlined (GCC otherwise kept raw() out of
    // line, a call per key).
    /// Appends `size` bytes as they are.
    [[gnu::always_inline]] void raw(const char* data, std::size_t size) {
        if (size > static_cast<std::size_t>(end_ - pos_)) {
            raw_slow(data, size);
            return;
        }
        std::memcpy(pos_, data, size);
        pos_ += size;
    }
    void raw(std::string_view text) { raw(text.data(), text.size()); }
    /// Appends a string literal, its length known at compile time (e.g. `,"key":`).
    template <std::size_t N>
    [[gnu::always_inline]] void literal(const char (&text)[N]) {
        raw(text, N - 1);
    }
    [[gnu::always_inline]] void put(char c) {
        if (pos_ == end_) {
            flush_cold();
        }
        *pos_++ = c;
    }
    /// Appends `value` in decimal.
    void unsigned_number(std::uint64_t value);
    /// Appends `text` as a JSON string with escapes.
    void string(std::string_view text);
    /// Room for `size` bytes written directly at the returned pointer, then committed with
    /// commit(end). `size` must be at most buffer_size.
    [[gnu::always_inline]] char* reserve(std::size_t size) {
        if (size > static_cast<std::size_t>(end_ - pos_)) {
            flush_cold();
        }
        return pos_;
    }
    void commit(char* end) { pos_ = end; }
    /// Moves what is buffered to `out`.
    void flush() {
        out_.append(buffer_, static_cast<std::size_t>(pos_ - buffer_));
        pos_ = buffer_;
    }

    static constexpr std::size_t buffer_size = 2048;

private:
    // flush() out of line, so that callers' fast paths stay small (no saved registers).
    [[gnu::noinline, gnu::cold]] void flush_cold() { flush(); }
    void raw_slow(const char* data, std::size_t size);
    void escaped(std::string_view text);

    std::string& out_;
    char buffer_[buffer_size];
    char* pos_ = buffer_;
    char* const end_ = buffer_ + buffer_size;
};

/// Writes `value` as JSON (fixed formatting) for a field of type `type`.
void write_json(JsonWriter& out, const Value& value, const dsl::ValueType& type);

/// Converts a constant from the compiled model.
Value from_constant(const dsl::Constant& constant);

} // namespace millwright::detail
