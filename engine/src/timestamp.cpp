// Timestamps and durations in and out of the public API, on the stdlib's RFC 3339 reader and
// writer, so a host (and the command line) read and write times exactly as request streams and
// decisions do.
#include "millwright/event.hpp"

#include "millwright/stdlib/format.hpp"

namespace millwright {

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    if (const auto ms = stdlib::parse_time(text)) {
        return Timestamp{std::chrono::milliseconds{*ms}};
    }
    if (const auto days = stdlib::parse_date(text)) {
        return Timestamp{std::chrono::sys_days{std::chrono::days{*days}}};
    }
    return std::nullopt;
}

std::string format_timestamp(Timestamp t) {
    return stdlib::format_time(t.time_since_epoch().count());
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    if (const auto ms = stdlib::parse_duration(text)) {
        return std::chrono::milliseconds{*ms};
    }
    return std::nullopt;
}

std::string format_duration(std::chrono::milliseconds duration) {
    return stdlib::format_duration(duration.count());
}

} // namespace millwright
