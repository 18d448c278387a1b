// The forecast writers: the exact bytes of each format for a small hand-made list (titles with
// commas, semicolons, quotes, a backslash, a line break and non-ASCII text folded where a
// naive cut would split a character; an empty title; milliseconds), then 1,000 generated
// entries read back by checkers written here: a structural iCalendar validator (line lengths,
// CRLF, unfolding, BEGIN/END, required properties, unique UIDs), an RFC 4180 reader and
// nlohmann for JSON Lines. Last, docs/forecast.md's examples are the writers' own output.
#include "millwright/forecast.hpp"

#include "millwright/stdlib/format.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using millwright::ForecastEntry;
using millwright::Timestamp;
using Records = std::vector<std::vector<std::string>>;

Timestamp at(const std::string& text) {
    const auto ms = millwright::stdlib::parse_time(text);
    REQUIRE(ms);
    return Timestamp(std::chrono::milliseconds(*ms));
}

std::string time_text(Timestamp time) {
    return millwright::stdlib::format_time(time.time_since_epoch().count());
}

ForecastEntry entry(std::string rule, std::string title, std::string asset, std::string workflow,
                    std::string work_order, const std::string& due, const std::string& create_at,
                    std::string time_zone, std::string trigger) {
    ForecastEntry out;
    out.rule = std::move(rule);
    out.title = std::move(title);
    out.asset = std::move(asset);
    out.workflow = std::move(workflow);
    out.work_order = std::move(work_order);
    out.due = at(due);
    out.create_at = at(create_at);
    out.time_zone = std::move(time_zone);
    out.trigger = std::move(trigger);
    return out;
}

// The SUMMARY line of the third entry is 96 octets; its 76th octet is the last byte of the
// three-byte "–", so the fold moves two bytes back.
const std::string chiller_title =
    "Jährliche Wartung der Kälteanlage: Öl, Filter, Kältemittel – überprüfen";

std::vector<ForecastEntry> hand_made() {
    return {
        entry("air_handlers", "Service air handlers", "AHU-1", "preventive",
              "pm-air_handlers-AHU-1-20260302", "2026-03-02T08:00:00Z", "2026-02-23T08:00:00Z",
              "Europe/Berlin", "floating"),
        entry("pump_rounds",
              "Check pumps, valves; read \"gauges\" into C:\\rounds\nthen sign the log", "PUMP-7",
              "inspection", "pm-pump_rounds-PUMP-7-20260302", "2026-03-02T09:30:00.250Z",
              "2026-03-01T09:30:00.250Z", "UTC", "calendar"),
        entry("chiller", chiller_title, "KM-2", "inspection", "pm-chiller-KM-2-20260302",
              "2026-03-02T10:00:00Z", "2026-02-16T10:00:00Z", "Europe/Berlin", "combined"),
        entry("oil_change", "", "TRK-01", "inspection", "pm-oil_change-TRK-01-20260305",
              "2026-03-05T14:27:31.999Z", "2026-02-26T14:27:31.999Z", "UTC", "meter"),
    };
}

// ---- a structural iCalendar validator ------------------------------------------------------

bool is_continuation(unsigned char byte) {
    return (byte & 0xc0) == 0x80;
}

// Whether `text` is whole UTF-8 characters: no sequence cut at either end, none malformed.
bool is_whole_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if (is_continuation(lead) || lead > 0xf4 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (!is_continuation(static_cast<unsigned char>(text[i + k]))) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

struct IcsReport {
    std::vector<std::string> content_lines; ///< after unfolding
    std::vector<std::string> problems;      ///< empty for a well-formed calendar
    std::size_t events = 0;
};

void check_physical_lines(const std::string& text, IcsReport& report,
                          std::vector<std::string>& physical) {
    if (text.size() < 2 || text.compare(text.size() - 2, 2, "\r\n") != 0) {
        report.problems.push_back("the text does not end with CRLF");
    }
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t cr = text.find("\r\n", start);
        const std::size_t end = cr == std::string::npos ? text.size() : cr;
        const std::string line = text.substr(start, end - start);
        if (line.find_first_of("\r\n") != std::string::npos) {
            report.problems.push_back("a bare CR or LF in: " + line);
        }
        if (line.size() > 75) {
            report.problems.push_back(std::to_string(line.size()) + " octets: " + line);
        }
        if (!is_whole_utf8(line)) {
            report.problems.push_back("a UTF-8 sequence cut in: " + line);
        }
        physical.push_back(line);
        start = end + 2;
    }
}

std::vector<std::string> unfold(const std::vector<std::string>& physical, IcsReport& report) {
    std::vector<std::string> content;
    for (const std::string& line : physical) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            if (content.empty()) {
                report.problems.push_back("the first line is a continuation");
                continue;
            }
            content.back() += line.substr(1);
        } else {
            content.push_back(line);
        }
    }
    return content;
}

// Counts of each property name inside the component that is being read.
using PropertyCounts = std::map<std::string, int>;

void check_event(const PropertyCounts& counts, IcsReport& report) {
    for (const char* name : {"UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY", "DESCRIPTION"}) {
        const auto found = counts.find(name);
        const int count = found == counts.end() ? 0 : found->second;
        if (count != 1) {
            report.problems.push_back("VEVENT #" + std::to_string(report.events) + " has " +
                                      std::to_string(count) + " " + name);
        }
    }
}

void check_structure(IcsReport& report) {
    static const std::regex utc_basic(R"(\d{8}T\d{6}Z)");
    static const std::regex property_name(R"([A-Z][A-Z0-9-]*)");
    std::vector<std::string> open;
    std::vector<PropertyCounts> counts;
    std::set<std::string> uids;
    int calendars = 0;
    for (const std::string& line : report.content_lines) {
        const std::size_t colon = line.find(':');
        const std::string name = line.substr(0, colon);
        const std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (colon == std::string::npos || !std::regex_match(name, property_name)) {
            report.problems.push_back("not a content line: " + line);
            continue;
        }
        if (name == "BEGIN") {
            const bool fits = open.empty() ? value == "VCALENDAR" && calendars++ == 0
                                           : open.back() == "VCALENDAR" && value == "VEVENT";
            if (!fits) {
                report.problems.push_back("BEGIN:" + value + " out of place");
            }
            open.push_back(value);
            counts.emplace_back();
            continue;
        }
        if (open.empty()) {
            report.problems.push_back("outside VCALENDAR: " + line);
            continue;
        }
        if (name == "END") {
            if (open.back() != value) {
                report.problems.push_back("END:" + value + " closes " + open.back());
            }
            if (value == "VEVENT") {
                ++report.events;
                check_event(counts.back(), report);
            } else if (counts.back()["VERSION"] != 1 || counts.back()["PRODID"] != 1) {
                report.problems.push_back("VCALENDAR without exactly one VERSION and PRODID");
            }
            open.pop_back();
            counts.pop_back();
            continue;
        }
        ++counts.back()[name];
        if ((name == "DTSTAMP" || name == "DTSTART") && !std::regex_match(value, utc_basic)) {
            report.problems.push_back("not a UTC basic time: " + line);
        }
        if (name == "UID" && !uids.insert(value).second) {
            report.problems.push_back("UID used twice: " + value);
        }
    }
    if (!open.empty() || calendars != 1) {
        report.problems.push_back("BEGIN and END do not balance into one VCALENDAR");
    }
}

IcsReport validate_ics(const std::string& text) {
    IcsReport report;
    std::vector<std::string> physical;
    check_physical_lines(text, report, physical);
    report.content_lines = unfold(physical, report);
    check_structure(report);
    return report;
}

// ---- what the content lines should say, written independently of the writer ---------------

// RFC 5545 TEXT as the writer's contract says: `\`, `;`, `,` escaped, line breaks as `\n`,
// control characters other than tab left out.
std::string ics_text(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue; // the LF that follows writes the break
        } else if (c == '\n' || c == '\r') {
            out += "\\n";
        } else if (c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)) {
            out += c;
        }
    }
    return out;
}

// UTC basic form from the calendar, by std::chrono rather than the stdlib's formatter.
std::string ics_time(Timestamp time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss clock{std::chrono::floor<std::chrono::seconds>(time - day)};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02uT%02ld%02ld%02ldZ", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), long(clock.hours().count()),
                  long(clock.minutes().count()), long(clock.seconds().count()));
    return text;
}

std::vector<std::string> expected_content_lines(const std::vector<ForecastEntry>& entries,
                                                Timestamp stamp, const std::string& name) {
    std::vector<std::string> lines = {
        "BEGIN:VCALENDAR",    "VERSION:2.0",    "PRODID:-//millwright//forecast//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + ics_text(name)};
    for (const ForecastEntry& e : entries) {
        const std::string& headline = e.title.empty() ? e.rule : e.title;
        lines.insert(lines.end(),
                     {"BEGIN:VEVENT", "UID:" + ics_text(e.work_order) + "@millwright",
                      "DTSTAMP:" + ics_time(stamp), "DTSTART:" + ics_time(e.due), "DURATION:PT1H",
                      "SUMMARY:" + ics_text(headline + " (" + e.asset + ")"),
                      "DESCRIPTION:" +
                          ics_text("Rule: " + e.rule + "\nAsset: " + e.asset +
                                   "\nWorkflow: " + e.workflow + "\nWork order: " + e.work_order +
                                   "\nCreated at: " + time_text(e.create_at)),
                      "END:VEVENT"});
    }
    lines.push_back("END:VCALENDAR");
    return lines;
}

// ---- an RFC 4180 reader --------------------------------------------------------------------

// Records of CRLF-terminated rows of comma-separated fields; a quoted field may hold commas,
// CR, LF and doubled quotes. No value for text that is not RFC 4180: a quote inside an
// unquoted field, an unterminated quote, text after a closing quote, a row without its CRLF.
std::optional<Records> read_csv(std::string_view text) {
    Records records;
    std::vector<std::string> row;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::string field;
        if (text[pos] == '"') {
            for (++pos;; ++pos) {
                if (pos >= text.size()) {
                    return std::nullopt;
                }
                if (text[pos] == '"') {
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        field += '"';
                        ++pos;
                        continue;
                    }
                    ++pos;
                    break;
                }
                field += text[pos];
            }
        } else {
            for (; pos < text.size() && text[pos] != ',' && text[pos] != '\r'; ++pos) {
                if (text[pos] == '"' || text[pos] == '\n') {
                    return std::nullopt;
                }
                field += text[pos];
            }
        }
        row.push_back(std::move(field));
        if (pos < text.size() && text[pos] == ',') {
            ++pos;
            continue;
        }
        if (text.compare(pos, 2, "\r\n") != 0) {
            return std::nullopt;
        }
        records.push_back(std::move(row));
        row.clear();
        pos += 2;
    }
    if (!row.empty()) {
        return std::nullopt; // the text ended after a comma
    }
    return records;
}

std::vector<std::string> csv_fields(const ForecastEntry& e) {
    return {time_text(e.due), time_text(e.create_at), e.rule,    e.title,    e.asset,
            e.workflow,       e.work_order,           e.trigger, e.time_zone};
}

// ---- 1,000 generated entries ---------------------------------------------------------------

std::vector<ForecastEntry> generated(std::size_t count) {
    // Titles that exercise every escape and fold: separators, quotes, CRLF, a lone CR, a
    // control character, a tab, and long runs of two-, three- and four-byte characters whose
    // lengths put the fold at every offset inside a character as the index suffix grows.
    const std::vector<std::string> titles = {
        "",
        "Service air handlers",
        "Check pumps, valves; read \"gauges\"\nthen sign",
        "Back\\slash; semi; comma, CRLF\r\nlone CR\rend",
        "Bell\x07 and\ttab",
        "a lone CR\rand nothing else to quote",
        "Überprüfung der Kältemaschine – Öl, Filter, Kältemittel, Dichtungen und Ventile",
        "冷却塔の定期点検：ファン、ベルト、ノズル、充填材、散水槽、ドレン、防錆処理の確認",
        "Rounds 🔧🔩🪛 tools: 🧰 box, 🪜 ladder; 🔦 torch, 🧯 extinguisher, 🦺 "
        "vest "
        "🛠",
        std::string(120, 'x'),
    };
    const std::vector<std::string> triggers = {"calendar", "floating", "meter", "combined"};
    const std::vector<std::string> zones = {"UTC", "Europe/Berlin", "America/New_York"};
    const Timestamp start = at("2026-01-01T00:00:00Z");
    std::vector<ForecastEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
        ForecastEntry e;
        e.rule = "rule_" + std::to_string(i % 11);
        e.title = titles[i % titles.size()];
        if (!e.title.empty() && i % 2 == 1) {
            e.title += " #" + std::to_string(i);
        }
        e.asset = "ASSET-" + std::to_string(i % 97) + (i % 5 == 0 ? ", annex" : "");
        e.workflow = i % 3 == 0 ? "preventive" : "inspection";
        e.work_order = "pm-" + e.rule + "-" + std::to_string(i);
        e.due = start + std::chrono::minutes(37 * i) + std::chrono::milliseconds(i % 1000);
        e.create_at = e.due - std::chrono::hours(24 * (i % 8));
        e.trigger = triggers[i % triggers.size()];
        e.time_zone = zones[i % zones.size()];
        entries.push_back(std::move(e));
    }
    return entries;
}

// ---- docs/forecast.md ----------------------------------------------------------------------

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The content of the first fenced block after the heading line `heading`; empty if none.
std::string block_after(const std::string& doc, const std::string& heading) {
    const std::size_t section = doc.find("\n" + heading + "\n");
    if (section == std::string::npos) {
        return "";
    }
    const std::size_t fence = doc.find("\n```", section + 1);
    if (fence == std::string::npos) {
        return "";
    }
    const std::size_t begin = doc.find('\n', fence + 1) + 1;
    const std::size_t end = doc.find("\n```", begin - 1);
    return end == std::string::npos ? "" : doc.substr(begin, end + 1 - begin);
}

std::string without_cr(std::string text) {
    std::string out;
    for (const char c : text) {
        if (c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

TEST_CASE("forecast JSON Lines are exact: key order, escapes, milliseconds, no empty title",
          "[forecast]") {
    std::string out = "kept\n";
    millwright::write_forecast_jsonl(hand_made(), out);
    CHECK(out ==
          "kept\n"
          "{\"due\":\"2026-03-02T08:00:00Z\",\"create_at\":\"2026-02-23T08:00:00Z\",\"rule\":"
          "\"air_handlers\",\"title\":\"Service air handlers\",\"asset\":\"AHU-1\",\"workflow\":"
          "\"preventive\",\"wo\":\"pm-air_handlers-AHU-1-20260302\",\"trigger\":\"floating\","
          "\"time_zone\":\"Europe/Berlin\"}\n"
          "{\"due\":\"2026-03-02T09:30:00.250Z\",\"create_at\":\"2026-03-01T09:30:00.250Z\","
          "\"rule\":\"pump_rounds\",\"title\":\"Check pumps, valves; read \\\"gauges\\\" into "
          "C:\\\\rounds\\nthen sign the log\",\"asset\":\"PUMP-7\",\"workflow\":\"inspection\","
          "\"wo\":\"pm-pump_rounds-PUMP-7-20260302\",\"trigger\":\"calendar\",\"time_zone\":"
          "\"UTC\"}\n"
          "{\"due\":\"2026-03-02T10:00:00Z\",\"create_at\":\"2026-02-16T10:00:00Z\",\"rule\":"
          "\"chiller\",\"title\":\"Jährliche Wartung der Kälteanlage: Öl, Filter, Kältemittel – "
          "überprüfen\",\"asset\":\"KM-2\",\"workflow\":\"inspection\",\"wo\":"
          "\"pm-chiller-KM-2-20260302\",\"trigger\":\"combined\",\"time_zone\":"
          "\"Europe/Berlin\"}\n"
          "{\"due\":\"2026-03-05T14:27:31.999Z\",\"create_at\":\"2026-02-26T14:27:31.999Z\","
          "\"rule\":\"oil_change\",\"asset\":\"TRK-01\",\"workflow\":\"inspection\",\"wo\":"
          "\"pm-oil_change-TRK-01-20260305\",\"trigger\":\"meter\",\"time_zone\":\"UTC\"}\n");
}

TEST_CASE("forecast CSV is exact: header, quoting only where needed, CRLF rows", "[forecast]") {
    std::string out = "kept\r\n";
    millwright::write_forecast_csv(hand_made(), out);
    CHECK(out ==
          "kept\r\n"
          "due,create_at,rule,title,asset,workflow,wo,trigger,time_zone\r\n"
          "2026-03-02T08:00:00Z,2026-02-23T08:00:00Z,air_handlers,Service air handlers,AHU-1,"
          "preventive,pm-air_handlers-AHU-1-20260302,floating,Europe/Berlin\r\n"
          "2026-03-02T09:30:00.250Z,2026-03-01T09:30:00.250Z,pump_rounds,\"Check pumps, valves; "
          "read \"\"gauges\"\" into C:\\rounds\nthen sign the log\",PUMP-7,inspection,"
          "pm-pump_rounds-PUMP-7-20260302,calendar,UTC\r\n"
          "2026-03-02T10:00:00Z,2026-02-16T10:00:00Z,chiller,\"Jährliche Wartung der "
          "Kälteanlage: Öl, Filter, Kältemittel – überprüfen\",KM-2,inspection,"
          "pm-chiller-KM-2-20260302,combined,Europe/Berlin\r\n"
          "2026-03-05T14:27:31.999Z,2026-02-26T14:27:31.999Z,oil_change,,TRK-01,inspection,"
          "pm-oil_change-TRK-01-20260305,meter,UTC\r\n");
}

TEST_CASE("forecast iCalendar is exact: escapes, folds between characters, whole seconds",
          "[forecast]") {
    std::string out;
    millwright::write_forecast_ics(hand_made(), at("2026-03-01T00:00:00Z"), "Plant 4, north wing",
                                   out);
    CHECK(out ==
          "BEGIN:VCALENDAR\r\n"
          "VERSION:2.0\r\n"
          "PRODID:-//millwright//forecast//EN\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "METHOD:PUBLISH\r\n"
          "X-WR-CALNAME:Plant 4\\, north wing\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:pm-air_handlers-AHU-1-20260302@millwright\r\n"
          "DTSTAMP:20260301T000000Z\r\n"
          "DTSTART:20260302T080000Z\r\n"
          "DURATION:PT1H\r\n"
          "SUMMARY:Service air handlers (AHU-1)\r\n"
          "DESCRIPTION:Rule: air_handlers\\nAsset: AHU-1\\nWorkflow: preventive\\nWork or\r\n"
          " der: pm-air_handlers-AHU-1-20260302\\nCreated at: 2026-02-23T08:00:00Z\r\n"
          "END:VEVENT\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:pm-pump_rounds-PUMP-7-20260302@millwright\r\n"
          "DTSTAMP:20260301T000000Z\r\n"
          "DTSTART:20260302T093000Z\r\n"
          "DURATION:PT1H\r\n"
          "SUMMARY:Check pumps\\, valves\\; read \"gauges\" into C:\\\\rounds\\nthen sign the\r\n"
          "  log (PUMP-7)\r\n"
          "DESCRIPTION:Rule: pump_rounds\\nAsset: PUMP-7\\nWorkflow: inspection\\nWork or\r\n"
          " der: pm-pump_rounds-PUMP-7-20260302\\nCreated at: 2026-03-01T09:30:00.250Z\r\n"
          "END:VEVENT\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:pm-chiller-KM-2-20260302@millwright\r\n"
          "DTSTAMP:20260301T000000Z\r\n"
          "DTSTART:20260302T100000Z\r\n"
          "DURATION:PT1H\r\n"
          "SUMMARY:Jährliche Wartung der Kälteanlage: Öl\\, Filter\\, Kältemittel \r\n"
          " – überprüfen (KM-2)\r\n"
          "DESCRIPTION:Rule: chiller\\nAsset: KM-2\\nWorkflow: inspection\\nWork order: p\r\n"
          " m-chiller-KM-2-20260302\\nCreated at: 2026-02-16T10:00:00Z\r\n"
          "END:VEVENT\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:pm-oil_change-TRK-01-20260305@millwright\r\n"
          "DTSTAMP:20260301T000000Z\r\n"
          "DTSTART:20260305T142731Z\r\n"
          "DURATION:PT1H\r\n"
          "SUMMARY:oil_change (TRK-01)\r\n"
          "DESCRIPTION:Rule: oil_change\\nAsset: TRK-01\\nWorkflow: inspection\\nWork ord\r\n"
          " er: pm-oil_change-TRK-01-20260305\\nCreated at: 2026-02-26T14:27:31.999Z\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");

    // The fold above is the interesting one: a cut at 75 octets would split the "–".
    const std::string summary = "SUMMARY:Jährliche Wartung der Kälteanlage: Öl\\, Filter\\, "
                                "Kältemittel – überprüfen (KM-2)";
    REQUIRE(summary.size() > 75);
    CHECK(is_continuation(static_cast<unsigned char>(summary[75])));
    CHECK(is_continuation(static_cast<unsigned char>(summary[74])));
    const IcsReport report = validate_ics(out);
    CHECK(report.problems == std::vector<std::string>{});
    CHECK(report.events == 4);
}

TEST_CASE("forecast iCalendar text drops control characters and truncates before 1970 too",
          "[forecast]") {
    std::vector<ForecastEntry> entries = {entry("r",
                                                "a\r\nb\rc\x01"
                                                "d\te\x7f",
                                                "A", "w", "wo;1,2", "1969-12-31T23:59:59.500Z",
                                                "1969-12-31T23:59:59.500Z", "UTC", "calendar")};
    std::string out;
    millwright::write_forecast_ics(entries, at("1969-12-31T23:59:59.999Z"), "", out);
    const std::string event = out.substr(out.find("BEGIN:VEVENT"));
    CHECK(event ==
          "BEGIN:VEVENT\r\n"
          "UID:wo\\;1\\,2@millwright\r\n"
          "DTSTAMP:19691231T235959Z\r\n"
          "DTSTART:19691231T235959Z\r\n"
          "DURATION:PT1H\r\n"
          "SUMMARY:a\\nb\\ncd\te (A)\r\n"
          "DESCRIPTION:Rule: r\\nAsset: A\\nWorkflow: w\\nWork order: wo\\;1\\,2\\nCreated a\r\n"
          " t: 1969-12-31T23:59:59.500Z\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");
    CHECK(out.find("X-WR-CALNAME:\r\n") != std::string::npos);
}

TEST_CASE("forecast iCalendar folding ends on text that is not UTF-8", "[forecast]") {
    // 200 stray continuation bytes: no character boundary to move back to, so the fold cuts
    // at 75 octets rather than looping.
    std::vector<ForecastEntry> entries = {entry("r", std::string(200, '\x80'), "A", "w", "wo",
                                                "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
                                                "UTC", "calendar")};
    std::string out;
    millwright::write_forecast_ics(entries, at("2026-01-01T00:00:00Z"), "n", out);
    const std::size_t summary = out.find("SUMMARY:");
    const std::size_t first_break = out.find("\r\n", summary);
    CHECK(first_break - summary == 75);
    CHECK(out.substr(first_break, 3) == "\r\n ");
    CHECK(out.compare(out.size() - 15, 15, "END:VCALENDAR\r\n") == 0);
}

TEST_CASE("an empty forecast is a header row, a calendar without events, no lines", "[forecast]") {
    std::string jsonl;
    millwright::write_forecast_jsonl({}, jsonl);
    CHECK(jsonl.empty());
    std::string csv;
    millwright::write_forecast_csv({}, csv);
    CHECK(csv == "due,create_at,rule,title,asset,workflow,wo,trigger,time_zone\r\n");
    std::string ics;
    millwright::write_forecast_ics({}, at("2026-01-01T00:00:00Z"), "empty", ics);
    CHECK(ics == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//millwright//forecast//EN\r\n"
                 "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:empty\r\n"
                 "END:VCALENDAR\r\n");
}

TEST_CASE("1,000 forecast entries make a well-formed calendar with the expected content lines",
          "[forecast]") {
    const auto entries = generated(1000);
    const Timestamp stamp = at("2026-01-01T00:00:00.750Z");
    const std::string name = "Site 1; north, \"main\" building – Überwachung";
    std::string out;
    millwright::write_forecast_ics(entries, stamp, name, out);

    const IcsReport report = validate_ics(out);
    CHECK(report.problems == std::vector<std::string>{});
    CHECK(report.events == 1000);
    const auto expected = expected_content_lines(entries, stamp, name);
    REQUIRE(report.content_lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("content line " << i);
        CHECK(report.content_lines[i] == expected[i]);
    }

    // The validator can fail: a line one octet too long, a bare LF, a lost END, a second UID.
    std::string long_line = out;
    long_line.insert(long_line.rfind("END:VCALENDAR"), "X-LONG:" + std::string(69, 'x') + "\r\n");
    const auto long_problems = validate_ics(long_line).problems;
    REQUIRE(long_problems.size() == 1);
    CHECK(long_problems[0].rfind("76 octets: X-LONG:", 0) == 0);
    std::string bare_lf = out;
    bare_lf.erase(bare_lf.find("\r\n"), 1);
    CHECK_FALSE(validate_ics(bare_lf).problems.empty());
    std::string lost_end = out;
    lost_end.erase(lost_end.find("END:VEVENT\r\n"), 12);
    CHECK_FALSE(validate_ics(lost_end).problems.empty());
    std::string twice = out;
    twice.insert(twice.find("DTSTAMP:"), "UID:pm-rule_0-0@millwright\r\n");
    CHECK_FALSE(validate_ics(twice).problems.empty());
}

TEST_CASE("forecast CSV defuses fields a spreadsheet would run as formulas", "[forecast]") {
    ForecastEntry entry;
    entry.due = entry.create_at = Timestamp{std::chrono::milliseconds{1772438400000}};
    entry.rule = "pumps";
    entry.title = "=HYPERLINK(\"http://x\",\"open\")";
    entry.asset = "@SUM(1+1)";
    entry.workflow = "-preventive";
    entry.work_order = "+pumps/P-1/2026-03-02";
    entry.trigger = "calendar";
    entry.time_zone = "\tUTC";
    std::string out;
    millwright::write_forecast_csv({entry}, out);
    CHECK(out == "due,create_at,rule,title,asset,workflow,wo,trigger,time_zone\r\n"
                 "2026-03-02T08:00:00Z,2026-03-02T08:00:00Z,pumps,"
                 "\"'=HYPERLINK(\"\"http://x\"\",\"\"open\"\")\",'@SUM(1+1),'-preventive,"
                 "'+pumps/P-1/2026-03-02,calendar,'\tUTC\r\n");
    // A sign or an @ further in is data, as is every other field.
    entry.title = "Pumps: check A-1 @ 3 bar = fine";
    out.clear();
    millwright::write_forecast_csv({entry}, out);
    CHECK(out.find(",Pumps: check A-1 @ 3 bar = fine,") != std::string::npos);
}

TEST_CASE("forecast CSV reads back as the original fields", "[forecast]") {
    for (const auto& entries : {hand_made(), generated(1000)}) {
        std::string out;
        millwright::write_forecast_csv(entries, out);
        const auto records = read_csv(out);
        REQUIRE(records);
        REQUIRE(records->size() == entries.size() + 1);
        CHECK(records->front() == std::vector<std::string>{"due", "create_at", "rule", "title",
                                                           "asset", "workflow", "wo", "trigger",
                                                           "time_zone"});
        for (std::size_t i = 0; i < entries.size(); ++i) {
            INFO("row " << i + 1);
            CHECK((*records)[i + 1] == csv_fields(entries[i]));
        }
    }
    CHECK_FALSE(read_csv("a,\"b\r\n")); // the reader refuses what is not RFC 4180
    CHECK_FALSE(read_csv("a,b\"c\r\n"));
    CHECK_FALSE(read_csv("a,b\n"));
}

TEST_CASE("forecast JSON Lines read back as the original values, keys in order", "[forecast]") {
    for (const auto& entries : {hand_made(), generated(1000)}) {
        std::string out;
        millwright::write_forecast_jsonl(entries, out);
        std::istringstream lines(out);
        std::string line;
        std::size_t i = 0;
        while (std::getline(lines, line)) {
            REQUIRE(i < entries.size());
            const ForecastEntry& e = entries[i++];
            INFO(line);
            const auto object = nlohmann::ordered_json::parse(line);
            std::vector<std::string> keys;
            for (const auto& item : object.items()) {
                keys.push_back(item.key());
            }
            std::vector<std::string> expected_keys = {"due",   "create_at", "rule",
                                                      "title", "asset",     "workflow",
                                                      "wo",    "trigger",   "time_zone"};
            if (e.title.empty()) {
                expected_keys.erase(expected_keys.begin() + 3);
            }
            CHECK(keys == expected_keys);
            CHECK(at(object["due"].get<std::string>()) == e.due);
            CHECK(at(object["create_at"].get<std::string>()) == e.create_at);
            CHECK(object["rule"] == e.rule);
            CHECK(object.value("title", "") == e.title);
            CHECK(object["asset"] == e.asset);
            CHECK(object["workflow"] == e.workflow);
            CHECK(object["wo"] == e.work_order);
            CHECK(object["trigger"] == e.trigger);
            CHECK(object["time_zone"] == e.time_zone);
        }
        CHECK(i == entries.size());
        CHECK(out.back() == '\n');
    }
}

TEST_CASE("docs/forecast.md shows the writers' exact output", "[forecast][docs]") {
    const std::string doc = read_text(MILLWRIGHT_SOURCE_DIR "/docs/forecast.md");
    REQUIRE_FALSE(doc.empty());
    const std::string jsonl = block_after(doc, "## JSON Lines");
    const std::string csv = block_after(doc, "## CSV");
    const std::string ics = block_after(doc, "## iCalendar");
    REQUIRE_FALSE(jsonl.empty());

    // The JSON Lines example is the list of entries the other two examples show.
    std::vector<ForecastEntry> entries;
    std::istringstream lines(jsonl);
    std::string line;
    while (std::getline(lines, line)) {
        const auto object = nlohmann::json::parse(line);
        const auto text = [&](const char* key) { return object.at(key).get<std::string>(); };
        entries.push_back(entry(text("rule"), object.value("title", ""), text("asset"),
                                text("workflow"), text("wo"), text("due"), text("create_at"),
                                text("time_zone"), text("trigger")));
    }
    CHECK(entries.size() == 3);

    std::string written;
    millwright::write_forecast_jsonl(entries, written);
    CHECK(written == jsonl);
    written.clear();
    millwright::write_forecast_csv(entries, written);
    CHECK(without_cr(written) == csv); // the page shows CRLF line ends as plain line breaks
    written.clear();
    millwright::write_forecast_ics(entries, at("2026-03-01T00:00:00Z"), "Plant 4 maintenance",
                                   written);
    CHECK(without_cr(written) == ics);
}
