// The forecast's three written forms: JSON Lines, CSV and iCalendar. Times go through the
// stdlib's RFC 3339 formatter and JSON strings through the decision lines' JsonWriter, so a
// forecast line reads exactly like a decision line. The writers favour plain code over speed:
// a forecast is thousands of lines, not millions, so the iCalendar writer builds each content
// line in a string and folds it afterwards instead of folding as it escapes.
#include "millwright/forecast.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "millwright/stdlib/format.hpp"
#include "value.hpp"

namespace millwright {

namespace {

using detail::JsonWriter;

std::int64_t milliseconds(Timestamp time) {
    return time.time_since_epoch().count();
}

// ---- JSON Lines ----------------------------------------------------------------------------

// A time between quotes: its text holds digits, signs and the fixed letters of RFC 3339, never
// a character to escape.
void write_json_time(JsonWriter& out, Timestamp time) {
    char* target = out.reserve(stdlib::max_formatted_size + 2);
    *target++ = '"';
    target = stdlib::write_time(target, milliseconds(time));
    *target++ = '"';
    out.commit(target);
}

void write_json_entry(JsonWriter& out, const ForecastEntry& entry) {
    out.literal("{\"due\":");
    write_json_time(out, entry.due);
    out.literal(",\"create_at\":");
    write_json_time(out, entry.create_at);
    out.literal(",\"rule\":");
    out.string(entry.rule);
    if (!entry.title.empty()) {
        out.literal(",\"title\":");
        out.string(entry.title);
    }
    out.literal(",\"asset\":");
    out.string(entry.asset);
    out.literal(",\"workflow\":");
    out.string(entry.workflow);
    out.literal(",\"wo\":");
    out.string(entry.work_order);
    out.literal(",\"trigger\":");
    out.string(entry.trigger);
    out.literal(",\"time_zone\":");
    out.string(entry.time_zone);
    out.literal("}\n");
}

// ---- CSV -----------------------------------------------------------------------------------

/// True when a spreadsheet would read the cell as a formula (or a formula's continuation):
/// asset ids and titles come from the host's data, and a forecast opened in a spreadsheet must
/// not run what someone wrote into them.
bool reads_as_formula(std::string_view text) {
    return !text.empty() &&
           std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

void append_csv_field(std::string& out, std::string_view text) {
    const bool formula = reads_as_formula(text);
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += formula ? "'" : "";
        out += text;
        return;
    }
    out += '"';
    out += formula ? "'" : "";
    for (const char c : text) {
        if (c == '"') {
            out += '"'; // RFC 4180: a quote inside a quoted field is doubled
        }
        out += c;
    }
    out += '"';
}

void append_csv_time(std::string& out, Timestamp time) {
    char text[stdlib::max_formatted_size];
    out.append(text, stdlib::write_time(text, milliseconds(time)));
}

void append_csv_row(std::string& out, const ForecastEntry& entry) {
    append_csv_time(out, entry.due);
    out += ',';
    append_csv_time(out, entry.create_at);
    for (const std::string* field : {&entry.rule, &entry.title, &entry.asset, &entry.workflow,
                                     &entry.work_order, &entry.trigger, &entry.time_zone}) {
        out += ',';
        append_csv_field(out, *field);
    }
    out += "\r\n";
}

// ---- iCalendar -----------------------------------------------------------------------------

// RFC 5545 section 3.1: a content line longer than this many octets (without its CRLF) is
// folded; a continuation line's leading space counts towards its own 75.
constexpr std::size_t max_line_octets = 75;

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

// Appends one content line, folded, with its CRLF. A cut that would fall inside a UTF-8
// sequence moves back to the sequence's first byte; at most three bytes back, since a valid
// sequence has at most three continuation bytes (invalid text is cut where it must be, so a
// long run of stray continuation bytes cannot stall the loop).
void append_folded(std::string& out, std::string_view line) {
    std::size_t room = max_line_octets;
    while (line.size() > room) {
        std::size_t cut = room;
        for (int back = 0; back < 3 && is_utf8_continuation(line[cut]); ++back) {
            --cut;
        }
        if (is_utf8_continuation(line[cut])) {
            cut = room;
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = max_line_octets - 1;
    }
    out.append(line);
    out += "\r\n";
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

// Appends `text` as an RFC 5545 TEXT value (section 3.3.11): `\`, `;` and `,` escaped with a
// backslash, a line break (LF, CRLF or a lone CR) as `\n`. The grammar has no place for other
// control characters, so they are left out; a tab stays, as TEXT allows it.
void append_ics_text(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n' || c == '\r') {
            out += "\\n";
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '\t' || !is_control(c)) {
            out += c;
        }
    }
}

// The time in iCalendar's basic UTC form, "20260302T090000Z": the RFC 3339 text without its
// separators and without its fraction, since iCalendar times have whole seconds. Cutting the
// text truncates towards the earlier second, also before 1970, as the text's fields already do.
void append_ics_time(std::string& out, Timestamp time) {
    char text[stdlib::max_formatted_size];
    const char* const end = stdlib::write_time(text, milliseconds(time));
    for (const char* c = text; c != end && *c != '.' && *c != 'Z'; ++c) {
        const bool is_separator = *c == ':' || (*c == '-' && c != text); // keep a year's sign
        if (!is_separator) {
            out += *c;
        }
    }
    out += 'Z';
}

std::string rfc3339(Timestamp time) {
    return stdlib::format_time(milliseconds(time));
}

void append_event(std::string& out, const ForecastEntry& entry, Timestamp stamp) {
    append_folded(out, "BEGIN:VEVENT");
    std::string line = "UID:";
    append_ics_text(line, entry.work_order + "@millwright");
    append_folded(out, line);

    line = "DTSTAMP:";
    append_ics_time(line, stamp);
    append_folded(out, line);
    line = "DTSTART:";
    append_ics_time(line, entry.due);
    append_folded(out, line);
    append_folded(out, "DURATION:PT1H");

    line = "SUMMARY:";
    append_ics_text(line,
                    (entry.title.empty() ? entry.rule : entry.title) + " (" + entry.asset + ")");
    append_folded(out, line);

    line = "DESCRIPTION:";
    append_ics_text(line, "Rule: " + entry.rule + "\nAsset: " + entry.asset + "\nWorkflow: " +
                              entry.workflow + "\nWork order: " + entry.work_order +
                              "\nCreated at: " + rfc3339(entry.create_at));
    append_folded(out, line);
    append_folded(out, "END:VEVENT");
}

} // namespace

void write_forecast_jsonl(const std::vector<ForecastEntry>& entries, std::string& out) {
    JsonWriter writer(out);
    for (const ForecastEntry& entry : entries) {
        write_json_entry(writer, entry);
    }
}

void write_forecast_csv(const std::vector<ForecastEntry>& entries, std::string& out) {
    out += "due,create_at,rule,title,asset,workflow,wo,trigger,time_zone\r\n";
    for (const ForecastEntry& entry : entries) {
        append_csv_row(out, entry);
    }
}

void write_forecast_ics(const std::vector<ForecastEntry>& entries, Timestamp stamp,
                        const std::string& name, std::string& out) {
    append_folded(out, "BEGIN:VCALENDAR");
    append_folded(out, "VERSION:2.0");
    append_folded(out, "PRODID:-//millwright//forecast//EN");
    append_folded(out, "CALSCALE:GREGORIAN");
    append_folded(out, "METHOD:PUBLISH");
    std::string line = "X-WR-CALNAME:";
    append_ics_text(line, name);
    append_folded(out, line);
    for (const ForecastEntry& entry : entries) {
        append_event(out, entry, stamp);
    }
    append_folded(out, "END:VCALENDAR");
}

} // namespace millwright
