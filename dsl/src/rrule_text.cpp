// RRULE text, part by part. The text is split at `;` into `NAME=value` parts, each name looked
// up in one table that says how its value is read and where it goes in the model; values are
// read strictly (digits and signs as RFC 5545's grammar has them, weekdays as two letters), so
// an error always points at one part or one list item. The combinations the RFC forbids are
// checked after every part has been read, against the part that breaks them.
#include "rrule_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace millwright::dsl {

namespace {

constexpr std::array<const char*, 7> weekday_codes{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
constexpr std::array<const char*, 7> frequency_names{"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                                                     "WEEKLY",   "MONTHLY",  "YEARLY"};
constexpr std::array<const char*, 3> skip_names{"OMIT", "BACKWARD", "FORWARD"};

std::string upper(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

/// The index of `text` (case-insensitive) in `names`, or -1.
template <std::size_t N>
int index_of(std::string_view text, const std::array<const char*, N>& names) {
    const std::string wanted = upper(text);
    for (std::size_t i = 0; i < N; ++i) {
        if (wanted == names[i]) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

/// A piece of the text with its place in it.
struct Piece {
    std::string_view text;
    std::size_t offset = 0;
};

/// One `NAME=value` rule part.
struct Part {
    Piece whole;
    Piece name;
    Piece value;
    std::string key; ///< the name in capitals
};

/// The first problem met; parsing stops there.
struct Failure {
    std::size_t offset;
    std::size_t length;
    std::string message;
};

Failure failure_at(const Piece& piece, std::string message) {
    return {piece.offset, piece.text.size(), std::move(message)};
}

/// The comma-separated items of a value (an empty item is kept, to be reported).
std::vector<Piece> items_of(const Piece& value) {
    std::vector<Piece> items;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = value.text.find(',', begin);
        const std::size_t end = comma == std::string_view::npos ? value.text.size() : comma;
        items.push_back({value.text.substr(begin, end - begin), value.offset + begin});
        if (comma == std::string_view::npos) {
            return items;
        }
        begin = comma + 1;
    }
}

/// `[+|-]digits` (a sign only when `signed_allowed`) as an integer, or nothing.
std::optional<std::int64_t> integer_of(std::string_view text, bool signed_allowed) {
    bool negative = false;
    if (signed_allowed && !text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return negative ? -value : value;
}

/// Days since 1970-01-01 of a date, or nothing when the date does not exist.
std::optional<std::int64_t> day_number(std::int64_t year, std::int64_t month, std::int64_t day) {
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days{date}.time_since_epoch().count();
}

/// Reads the value of one part into the model. Each reader returns the problem, if any.
class PartReader {
public:
    explicit PartReader(RecurrenceModel& model) : model_(model) {}

    std::optional<Failure> read(const Part& part) {
        const std::string& key = part.key;
        if (key == "FREQ") {
            return read_frequency(part);
        }
        if (key == "INTERVAL" || key == "COUNT") {
            return read_positive(part);
        }
        if (key == "UNTIL") {
            return read_until(part);
        }
        if (key == "BYDAY") {
            return read_weekdays(part);
        }
        if (key == "WKST") {
            const int day = index_of(part.value.text, weekday_codes);
            if (day < 0) {
                return failure_at(part.value, "WKST value " + quoted(part.value.text) +
                                                  " is not a weekday (SU, MO, TU, WE, TH, FR, SA)");
            }
            model_.week_start = day;
            return std::nullopt;
        }
        if (key == "SKIP") {
            const int skip = index_of(part.value.text, skip_names);
            if (skip < 0) {
                return failure_at(part.value, "SKIP value " + quoted(part.value.text) +
                                                  " is not OMIT, BACKWARD or FORWARD");
            }
            model_.missing_day = static_cast<RecurrenceSkip>(skip);
            return std::nullopt;
        }
        if (key == "RSCALE") {
            if (upper(part.value.text) != "GREGORIAN") {
                return failure_at(part.value, "RSCALE value " + quoted(part.value.text) +
                                                  " is not supported (only GREGORIAN)");
            }
            return std::nullopt;
        }
        return read_numbers(part);
    }

    /// Whether `key` names a rule part this reader knows.
    static bool knows(const std::string& key) {
        static constexpr std::array<const char*, 16> keys{
            "FREQ",     "UNTIL", "COUNT",      "INTERVAL",  "BYSECOND", "BYMINUTE",
            "BYHOUR",   "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
            "BYSETPOS", "WKST",  "RSCALE",     "SKIP"};
        return std::find(keys.begin(), keys.end(), key) != keys.end();
    }

private:
    std::optional<Failure> read_frequency(const Part& part) {
        const int frequency = index_of(part.value.text, frequency_names);
        if (frequency < 0) {
            return failure_at(part.value,
                              "FREQ value " + quoted(part.value.text) +
                                  " is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, "
                                  "MONTHLY, YEARLY");
        }
        model_.frequency = static_cast<RecurrenceFrequency>(frequency);
        return std::nullopt;
    }

    std::optional<Failure> read_positive(const Part& part) {
        const std::optional<std::int64_t> value = integer_of(part.value.text, false);
        if (!value) {
            const bool long_digits = part.value.text.size() > 18 &&
                                     std::all_of(part.value.text.begin(), part.value.text.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; });
            return failure_at(part.value, part.key + " value " + quoted(part.value.text) +
                                              (long_digits ? " is too large" : " is not a number"));
        }
        if (*value < 1) {
            return failure_at(part.value, part.key + " value " + std::to_string(*value) +
                                              " must be at least 1");
        }
        if (part.key == "COUNT") {
            model_.count = *value;
        } else {
            model_.interval = *value;
        }
        return std::nullopt;
    }

    std::optional<Failure> read_until(const Part& part) {
        const std::string_view text = part.value.text;
        const bool has_time = text.size() >= 15 && (text[8] == 'T' || text[8] == 't');
        const bool utc = has_time && text.size() == 16 && (text[15] == 'Z' || text[15] == 'z');
        const bool shaped = text.size() == 8 || (has_time && (text.size() == 15 || utc));
        const auto digits = [&](std::size_t from, std::size_t count) {
            return integer_of(text.substr(from, count), false);
        };
        const auto year = shaped ? digits(0, 4) : std::nullopt;
        const auto month = shaped ? digits(4, 2) : std::nullopt;
        const auto day = shaped ? digits(6, 2) : std::nullopt;
        const auto hour = has_time ? digits(9, 2) : std::optional<std::int64_t>{23};
        const auto minute = has_time ? digits(11, 2) : std::optional<std::int64_t>{59};
        const auto second = has_time ? digits(13, 2) : std::optional<std::int64_t>{59};
        if (!year || !month || !day || !hour || !minute || !second) {
            return failure_at(part.value,
                              "UNTIL value " + quoted(text) +
                                  " is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, "
                                  "with Z for UTC)");
        }
        const std::optional<std::int64_t> days = day_number(*year, *month, *day);
        if (!days) {
            return failure_at(part.value, "UNTIL value " + quoted(text) + " is not a valid date");
        }
        if (*hour > 23 || *minute > 59 || *second > 59) {
            return failure_at(part.value, "UNTIL value " + quoted(text) + " is not a valid time");
        }
        model_.until =
            RecurrenceUntilModel{utc, *days * 86400 + *hour * 3600 + *minute * 60 + *second};
        return std::nullopt;
    }

    std::optional<Failure> read_weekdays(const Part& part) {
        for (const Piece& item : items_of(part.value)) {
            if (item.text.empty()) {
                return failure_at(item, "BYDAY has an empty value");
            }
            const std::size_t code_at = item.text.size() >= 2 ? item.text.size() - 2 : 0;
            const int weekday = index_of(item.text.substr(code_at), weekday_codes);
            const std::string_view ordinal_text = item.text.substr(0, code_at);
            const std::optional<std::int64_t> ordinal = ordinal_text.empty()
                                                            ? std::optional<std::int64_t>{0}
                                                            : integer_of(ordinal_text, true);
            if (weekday < 0 || !ordinal || (!ordinal_text.empty() && ordinal_text.back() == '+')) {
                return failure_at(item, "BYDAY value " + quoted(item.text) +
                                            " is not a weekday (SU, MO, TU, WE, TH, FR, SA), "
                                            "optionally after an ordinal such as 2 or -1");
            }
            if (!ordinal_text.empty() && (*ordinal == 0 || *ordinal < -53 || *ordinal > 53)) {
                return failure_at(item, "BYDAY ordinal " + std::to_string(*ordinal) +
                                            (*ordinal == 0 ? " is out of range -53 to -1 or 1 to 53"
                                                           : " is out of range -53 to 53"));
            }
            model_.by_day.push_back({weekday, static_cast<int>(*ordinal)});
        }
        return std::nullopt;
    }

    /// The integer lists: BYSECOND ... BYSETPOS, with their ranges.
    std::optional<Failure> read_numbers(const Part& part) {
        struct NumberList {
            const char* key;
            std::vector<int> RecurrenceModel::*list;
            int low; ///< the lowest value; negative for lists counted from either end
            int high;
        };
        static const std::array<NumberList, 8> lists{{
            {"BYSECOND", &RecurrenceModel::by_second, 0, 60},
            {"BYMINUTE", &RecurrenceModel::by_minute, 0, 59},
            {"BYHOUR", &RecurrenceModel::by_hour, 0, 23},
            {"BYMONTHDAY", &RecurrenceModel::by_month_day, -31, 31},
            {"BYYEARDAY", &RecurrenceModel::by_year_day, -366, 366},
            {"BYWEEKNO", &RecurrenceModel::by_week_no, -53, 53},
            {"BYMONTH", &RecurrenceModel::by_month, 1, 12},
            {"BYSETPOS", &RecurrenceModel::by_set_pos, -366, 366},
        }};
        const auto found = std::find_if(lists.begin(), lists.end(), [&](const NumberList& list) {
            return part.key == list.key;
        });
        for (const Piece& item : items_of(part.value)) {
            if (item.text.empty()) {
                return failure_at(item, part.key + " has an empty value");
            }
            const std::optional<std::int64_t> value = integer_of(item.text, true);
            if (!value) {
                return failure_at(item,
                                  part.key + " value " + quoted(item.text) + " is not a number");
            }
            const bool from_either_end = found->low < 0;
            const std::string range =
                std::to_string(found->low) + " to " + std::to_string(found->high);
            if (*value < found->low || *value > found->high) {
                return failure_at(item, part.key + " value " + std::to_string(*value) +
                                            " is out of range " + range);
            }
            if (from_either_end && *value == 0) {
                return failure_at(item, part.key + " value 0 is out of range " +
                                            std::to_string(found->low) + " to -1 or 1 to " +
                                            std::to_string(found->high));
            }
            (model_.*(found->list)).push_back(static_cast<int>(*value));
        }
        return std::nullopt;
    }

    RecurrenceModel& model_;
};

/// Splits the text after its prefix into parts and reads each one; the first problem stops it.
std::optional<Failure> read_parts(std::string_view text, std::size_t begin,
                                  std::vector<Part>& parts, RecurrenceModel& model) {
    PartReader reader(model);
    while (true) {
        const std::size_t semicolon = text.find(';', begin);
        const std::size_t end = semicolon == std::string_view::npos ? text.size() : semicolon;
        Part part;
        part.whole = {text.substr(begin, end - begin), begin};
        const std::size_t equals = part.whole.text.find('=');
        if (part.whole.text.empty()) {
            return Failure{begin, 0, "empty rule part"};
        }
        if (equals == 0) {
            return failure_at(part.whole, "rule part " + quoted(part.whole.text) + " has no name");
        }
        part.name = {part.whole.text.substr(0, equals), begin};
        part.key = upper(part.name.text);
        if (!PartReader::knows(part.key)) {
            return failure_at(part.name, "unknown rule part " + quoted(part.name.text));
        }
        if (equals == std::string_view::npos || equals + 1 == part.whole.text.size()) {
            return failure_at(part.whole, "rule part " + quoted(part.name.text) + " has no value");
        }
        part.value = {part.whole.text.substr(equals + 1), begin + equals + 1};
        const bool repeated = std::any_of(parts.begin(), parts.end(),
                                          [&](const Part& other) { return other.key == part.key; });
        if (repeated) {
            return failure_at(part.name, "rule part " + quoted(part.name.text) + " is given twice");
        }
        if (std::optional<Failure> failure = reader.read(part)) {
            return failure;
        }
        parts.push_back(part);
        if (semicolon == std::string_view::npos) {
            return std::nullopt;
        }
        begin = semicolon + 1;
    }
}

const Part* find_part(const std::vector<Part>& parts, std::string_view key) {
    const auto found =
        std::find_if(parts.begin(), parts.end(), [&](const Part& part) { return part.key == key; });
    return found == parts.end() ? nullptr : &*found;
}

/// The combinations RFC 5545 section 3.3.10 forbids, blamed on the part that breaks them.
std::optional<Failure> check_combination(const std::vector<Part>& parts,
                                         const RecurrenceModel& model) {
    using F = RecurrenceFrequency;
    const F frequency = model.frequency;
    const auto part = [&](std::string_view key) { return find_part(parts, key); };
    const Part* count = part("COUNT");
    const Part* until = part("UNTIL");
    if (count && until) {
        const Part* later = count->whole.offset > until->whole.offset ? count : until;
        return failure_at(later->whole, "COUNT and UNTIL cannot both be given");
    }
    const std::string with =
        std::string(" is not allowed with FREQ=") + frequency_names[static_cast<int>(frequency)];
    if (const Part* week_no = part("BYWEEKNO"); week_no && frequency != F::yearly) {
        return failure_at(week_no->whole, "BYWEEKNO is only allowed with FREQ=YEARLY");
    }
    if (const Part* year_day = part("BYYEARDAY");
        year_day && (frequency == F::daily || frequency == F::weekly || frequency == F::monthly)) {
        return failure_at(year_day->whole, "BYYEARDAY" + with);
    }
    if (const Part* month_day = part("BYMONTHDAY"); month_day && frequency == F::weekly) {
        return failure_at(month_day->whole, "BYMONTHDAY" + with);
    }
    if (const Part* weekdays = part("BYDAY")) {
        const std::vector<Piece> items = items_of(weekdays->value);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const RecurrenceWeekdayModel& entry = model.by_day[i];
            if (entry.ordinal == 0) {
                continue;
            }
            const std::string numbered = "numbered BYDAY " + std::to_string(entry.ordinal) +
                                         weekday_codes[static_cast<std::size_t>(entry.weekday)];
            if (frequency != F::monthly && frequency != F::yearly) {
                return failure_at(items[i],
                                  numbered + " is only allowed with FREQ=MONTHLY or FREQ=YEARLY");
            }
            if (!model.by_week_no.empty()) {
                return failure_at(items[i], numbered + " is not allowed with BYWEEKNO");
            }
        }
    }
    const Part* set_pos = part("BYSETPOS");
    const bool other_by_part = std::any_of(parts.begin(), parts.end(), [](const Part& p) {
        return p.key.rfind("BY", 0) == 0 && p.key != "BYSETPOS";
    });
    if (set_pos && !other_by_part) {
        return failure_at(set_pos->whole, "BYSETPOS needs another BYxxx rule part");
    }
    return std::nullopt;
}

std::string join(const std::vector<int>& values) {
    std::string text;
    for (const int value : values) {
        text += (text.empty() ? "" : ",") + std::to_string(value);
    }
    return text;
}

/// `20271231T235959Z` (UTC) or `20271231T235959` (local).
std::string until_text(const RecurrenceUntilModel& until) {
    const std::int64_t days = (until.seconds >= 0 ? until.seconds : until.seconds - 86399) / 86400;
    const std::int64_t time = until.seconds - days * 86400;
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02d%s",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(time / 3600),
                  static_cast<int>(time / 60 % 60), static_cast<int>(time % 60),
                  until.utc ? "Z" : "");
    return buffer;
}

} // namespace

RruleParse parse_rrule(std::string_view text) {
    RruleParse result;
    RecurrenceModel model;
    std::vector<Part> parts;
    const std::size_t begin = upper(text.substr(0, 6)) == "RRULE:" ? 6 : 0;
    std::optional<Failure> failure;
    if (begin == text.size()) {
        failure = Failure{0, text.size(), "FREQ is required"};
    } else {
        failure = read_parts(text, begin, parts, model);
    }
    if (!failure && !find_part(parts, "FREQ")) {
        failure = Failure{0, text.size(), "FREQ is required"};
    }
    if (!failure) {
        failure = check_combination(parts, model);
    }
    if (failure) {
        result.offset = failure->offset;
        result.length = failure->length;
        result.message = std::move(failure->message);
        return result;
    }
    result.model = std::move(model);
    return result;
}

std::string format_rrule(const RecurrenceModel& model) {
    std::string text;
    const auto add = [&](const std::string& part) { text += (text.empty() ? "" : ";") + part; };
    const auto add_list = [&](const char* key, const std::vector<int>& values) {
        if (!values.empty()) {
            add(std::string(key) + "=" + join(values));
        }
    };
    const bool skips = model.missing_day != RecurrenceSkip::omit;
    if (skips) {
        add("RSCALE=GREGORIAN");
    }
    add(std::string("FREQ=") + frequency_names[static_cast<std::size_t>(model.frequency)]);
    if (model.interval != 1) {
        add("INTERVAL=" + std::to_string(model.interval));
    }
    if (model.count) {
        add("COUNT=" + std::to_string(*model.count));
    }
    if (model.until) {
        add("UNTIL=" + until_text(*model.until));
    }
    add_list("BYMONTH", model.by_month);
    add_list("BYWEEKNO", model.by_week_no);
    add_list("BYYEARDAY", model.by_year_day);
    add_list("BYMONTHDAY", model.by_month_day);
    if (!model.by_day.empty()) {
        std::string days;
        for (const RecurrenceWeekdayModel& entry : model.by_day) {
            days += (days.empty() ? "" : ",") +
                    (entry.ordinal == 0 ? std::string() : std::to_string(entry.ordinal)) +
                    weekday_codes[static_cast<std::size_t>(entry.weekday)];
        }
        add("BYDAY=" + days);
    }
    add_list("BYHOUR", model.by_hour);
    add_list("BYMINUTE", model.by_minute);
    add_list("BYSECOND", model.by_second);
    add_list("BYSETPOS", model.by_set_pos);
    if (model.week_start != 1) {
        add(std::string("WKST=") + weekday_codes[static_cast<std::size_t>(model.week_start)]);
    }
    if (skips) {
        add(std::string("SKIP=") + skip_names[static_cast<std::size_t>(model.missing_day)]);
    }
    return text;
}

} // namespace millwright::dsl
