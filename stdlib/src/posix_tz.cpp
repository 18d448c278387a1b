// A POSIX TZ string read left to right by a small cursor, one production per function; any
// deviation refuses the whole string (a zone then keeps date/tz's answer, so a half-read rule
// can never shift a clock).
#include "posix_tz.hpp"

#include <cctype>
#include <chrono>

namespace millwright::stdlib::detail {

namespace {

constexpr std::int32_t seconds_per_hour = 60 * 60;
constexpr int most_offset_hours = 24;  // POSIX: hh of an offset is 0 to 24
constexpr int most_change_hours = 167; // RFC 8536 section 3.3.1: -167 to 167 in a change's time

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool at_end() const { return pos_ == text_.size(); }

    /// An abbreviation: three or more letters, or "<...>" quoting three or more letters,
    /// digits, '+' and '-'.
    std::optional<std::string> name() {
        const bool quoted = eat('<');
        const std::size_t begin = pos_;
        while (!at_end() && (std::isalpha(static_cast<unsigned char>(peek())) ||
                             (quoted && (std::isdigit(static_cast<unsigned char>(peek())) ||
                                         peek() == '+' || peek() == '-')))) {
            ++pos_;
        }
        const std::size_t length = pos_ - begin;
        if (length < 3 || (quoted && !eat('>'))) {
            return std::nullopt;
        }
        return std::string(text_.substr(begin, length));
    }

    /// [+-]hh[:mm[:ss]] as seconds, hours at most `most_hours`.
    std::optional<std::int32_t> hours_minutes_seconds(int most_hours) {
        const bool negative = eat('-');
        if (!negative) {
            eat('+');
        }
        const std::optional<int> hours = number(1, 3);
        if (!hours || *hours > most_hours) {
            return std::nullopt;
        }
        std::int32_t seconds = *hours * seconds_per_hour;
        for (const std::int32_t unit : {60, 1}) {
            if (!eat(':')) {
                break;
            }
            const std::optional<int> part = number(2, 2);
            if (!part || *part > 59) {
                return std::nullopt;
            }
            seconds += *part * unit;
        }
        return negative ? -seconds : seconds;
    }

    /// Jn, n or Mm.w.d.
    std::optional<PosixDay> day() {
        PosixDay day;
        if (eat('M')) {
            day.kind = PosixDay::Kind::month_week_day;
            const bool read = field(day.month, 1, 12, 2) && eat('.') && field(day.week, 1, 5, 1) &&
                              eat('.') && field(day.weekday, 0, 6, 1);
            return read ? std::optional{day} : std::nullopt;
        }
        day.kind = eat('J') ? PosixDay::Kind::julian : PosixDay::Kind::zero_based;
        const auto number_of_day = number(1, 3);
        const int first = day.kind == PosixDay::Kind::julian ? 1 : 0;
        if (!number_of_day || *number_of_day < first || *number_of_day > 365) {
            return std::nullopt;
        }
        day.day = *number_of_day;
        return day;
    }

    /// A day, then optionally "/time".
    std::optional<PosixChange> change() {
        const std::optional<PosixDay> on = day();
        if (!on) {
            return std::nullopt;
        }
        PosixChange change{*on};
        if (eat('/')) {
            const auto time = hours_minutes_seconds(most_change_hours);
            if (!time) {
                return std::nullopt;
            }
            change.time = *time;
        }
        return change;
    }

    bool eat(char c) {
        if (!at_end() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    char peek() const { return text_[pos_]; }

private:
    /// A number of 1 to `digits` digits from `least` to `most`, into `out`.
    bool field(int& out, int least, int most, std::size_t digits) {
        const std::optional<int> value = number(1, digits);
        if (!value || *value < least || *value > most) {
            return false;
        }
        out = *value;
        return true;
    }

    /// A decimal number of `fewest` to `most` digits.
    std::optional<int> number(std::size_t fewest, std::size_t most) {
        const std::size_t begin = pos_;
        int value = 0;
        while (!at_end() && pos_ - begin < most &&
               std::isdigit(static_cast<unsigned char>(peek()))) {
            value = value * 10 + (text_[pos_++] - '0');
        }
        if (pos_ - begin < fewest) {
            return std::nullopt;
        }
        return value;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

std::chrono::sys_days day_in(const PosixDay& day, int year) {
    using namespace std::chrono;
    const std::chrono::year y{year};
    const sys_days january_1{y / January / 1};
    switch (day.kind) {
    case PosixDay::Kind::julian:
        // Day 60 is 1 March in every year, so leap years skip their 29 February.
        return january_1 + days{day.day - 1 + (y.is_leap() && day.day >= 60 ? 1 : 0)};
    case PosixDay::Kind::zero_based:
        return january_1 + days{day.day};
    case PosixDay::Kind::month_week_day:
        break;
    }
    const month m{static_cast<unsigned>(day.month)};
    const weekday wd{static_cast<unsigned>(day.weekday)};
    if (day.week == 5) {
        return sys_days{y / m / wd[last]};
    }
    // Every month has at least four of each weekday, so weeks 1 to 4 always exist.
    return sys_days{y / m / wd[static_cast<unsigned>(day.week)]};
}

std::int64_t instant_of(const PosixChange& change, int year, std::int32_t offset_before) {
    const std::int64_t midnight =
        std::chrono::sys_seconds{day_in(change.day, year)}.time_since_epoch().count();
    return midnight + change.time - offset_before;
}

} // namespace

std::optional<PosixTz> parse_posix_tz(std::string_view text) {
    Reader in(text);
    PosixTz tz;
    const auto std_name = in.name();
    const auto std_offset = std_name ? in.hours_minutes_seconds(most_offset_hours) : std::nullopt;
    if (!std_offset) {
        return std::nullopt;
    }
    tz.std_name = *std_name;
    tz.std_offset = -*std_offset;
    if (in.at_end()) {
        return tz;
    }
    PosixDst dst;
    const auto dst_name = in.name();
    if (!dst_name) {
        return std::nullopt;
    }
    dst.name = *dst_name;
    // Without an offset of its own, daylight-saving time is an hour ahead of standard time.
    dst.offset = tz.std_offset + seconds_per_hour;
    if (!in.at_end() && in.peek() != ',') {
        const auto offset = in.hours_minutes_seconds(most_offset_hours);
        if (!offset) {
            return std::nullopt;
        }
        dst.offset = -*offset;
    }
    const auto start = in.eat(',') ? in.change() : std::nullopt;
    const auto end = start && in.eat(',') ? in.change() : std::nullopt;
    if (!end || !in.at_end()) {
        return std::nullopt;
    }
    dst.start = *start;
    dst.end = *end;
    tz.dst = std::move(dst);
    return tz;
}

std::array<PosixTransition, 2> transitions_in(const PosixTz& tz, int year) {
    const PosixDst& dst = *tz.dst;
    return {PosixTransition{instant_of(dst.start, year, tz.std_offset), true},
            PosixTransition{instant_of(dst.end, year, dst.offset), false}};
}

} // namespace millwright::stdlib::detail
