// Decoding of literal spellings into the values the AST carries: timestamps to milliseconds
// since the epoch, dates to days since the epoch, durations to milliseconds, string escapes.
// The grammar only checks the *shape* of a literal; the calendar and range rules live here, so
// `2026-02-30` parses as a date and is then rejected with a precise E0107 and hint.
#pragma once

#include "millwright/dsl/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace millwright::dsl::literals {

/// A decoded value, or (when `value` is empty) the remedy to show as the E0107 hint.
struct Decoded {
    std::optional<std::int64_t> value;
    std::string hint;
};

/// RFC 3339 `2026-11-22T10:00:00Z` or `2026-11-22T10:00:00.250+01:00` -> ms since epoch.
Decoded decode_timestamp(std::string_view text);

/// `2026-11-22` -> days since 1970-01-01.
Decoded decode_date(std::string_view text);

/// `4h`, `4h30m`, `2 days`, `1 week` -> milliseconds (`day` is a fixed 24 hours).
Decoded decode_duration(std::string_view text);

/// A duration that decode_duration accepted, split by unit: weeks, days, and the rest in
/// milliseconds (`1w 2d 4h` -> 1, 2, 4h). A `business` word inside it (`3 business days`)
/// is skipped.
dsl::BusinessLengthModel split_duration(std::string_view text);

/// Checks a number spelling (`12`, `12.5`); empty value means invalid, else the value is 0.
Decoded check_number(std::string_view text);

/// The hint for a token that starts with a digit but is no literal (`12abc`, `1.5h`).
std::string malformed_hint(std::string_view text);

/// Decodes the escapes `\" \\ \n \t` of a string literal's body (without its quotes). Braces are
/// kept verbatim: `{name}` interpolation and `{{` are codegen's business.
std::string decode_string(std::string_view body);

} // namespace millwright::dsl::literals
