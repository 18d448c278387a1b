// A generator of request-stream lines for differential tests: events with random members,
// keys, strings (escapes, \u escapes, surrogate pairs, raw UTF-8), numbers (edges of int64,
// uint64 and double included) and nesting, many of them then broken by truncation, flipped,
// inserted or deleted bytes, duplicated slices and stray brackets or quotes. Seeded, so a
// failure can be replayed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>

namespace millwright::test {

/// Generates event lines, most of them valid and then often broken by a few mutations.
class LineGenerator {
public:
    explicit LineGenerator(std::uint64_t seed) : random_(seed) {}

    std::string next() {
        std::string line = chance(3) ? top_level_value() : event();
        if (chance(50)) {
            const int mutations = 1 + below(3);
            for (int i = 0; i < mutations; ++i) {
                mutate(line);
            }
        }
        return line;
    }

private:
    std::uint64_t below(std::uint64_t n) { return random_() % n; }
    bool chance(std::uint64_t percent) { return below(100) < percent; }
    template <std::size_t N>
    const char* one_of(const char* const (&options)[N]) {
        return options[below(N)];
    }

    std::string space() {
        if (!chance(10)) {
            return "";
        }
        static const char* const spaces[] = {" ", "  ", "\t", "\r", "\n", " \r\n "};
        return one_of(spaces);
    }

    void append_utf8(std::string& out, std::uint32_t code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::string hex4(std::uint32_t code) {
        static const char lower[] = "0123456789abcdef";
        static const char upper[] = "0123456789ABCDEF";
        const char* digits = chance(50) ? lower : upper;
        std::string out = "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) {
            out += digits[(code >> shift) & 0xF];
        }
        return out;
    }

    std::uint32_t code_point() {
        switch (below(4)) {
        case 0:
            return 0x80 + static_cast<std::uint32_t>(below(0x780));
        case 1:
            return 0x800 + static_cast<std::uint32_t>(below(0xD800 - 0x800));
        case 2:
            return 0xE000 + static_cast<std::uint32_t>(below(0x2000));
        default:
            return 0x10000 + static_cast<std::uint32_t>(below(0x100000));
        }
    }

    std::string string_body() {
        std::string out;
        const auto length = below(chance(10) ? 40 : 10);
        for (std::uint64_t i = 0; i < length; ++i) {
            const auto roll = below(100);
            if (roll < 60) {
                out += static_cast<char>(chance(80) ? 'a' + below(26) : ' ' + below(95));
                if (out.back() == '"' || out.back() == '\\') {
                    out.back() = 'q';
                }
            } else if (roll < 70) {
                static const char* const escapes[] = {"\\\"", "\\\\", "\\/", "\\b",
                                                      "\\f",  "\\n",  "\\r", "\\t"};
                out += one_of(escapes);
            } else if (roll < 80) {
                const std::uint32_t code = code_point();
                if (code < 0x10000) {
                    out += hex4(code);
                } else {
                    const std::uint32_t offset = code - 0x10000;
                    out += hex4(0xD800 + (offset >> 10)) + hex4(0xDC00 + (offset & 0x3FF));
                }
            } else if (roll < 95) {
                append_utf8(out, code_point());
            } else if (roll < 99 || chance(80)) {
                out += hex4(static_cast<std::uint32_t>(below(0x80)));
            } else {
                // Rare invalid content: lone surrogates, bad escapes, raw controls.
                static const char* const broken[] = {"\\ud800", "\\udfff", "\\ud800\\u0041",
                                                     "\\x",     "\\u12",   "\x01",
                                                     "\x1f",    "\x7f",    "\\U0041"};
                out += one_of(broken);
            }
        }
        return out;
    }

    std::string string_value() { return "\"" + string_body() + "\""; }

    std::string digits(std::uint64_t count, bool leading_nonzero) {
        std::string out;
        for (std::uint64_t i = 0; i < count; ++i) {
            out += static_cast<char>('0' + (i == 0 && leading_nonzero ? 1 + below(9) : below(10)));
        }
        return out;
    }

    std::string number() {
        static const char* const edges[] = {"0",
                                            "-0",
                                            "-0.0",
                                            "9223372036854775807",
                                            "9223372036854775808",
                                            "-9223372036854775808",
                                            "-9223372036854775809",
                                            "18446744073709551615",
                                            "18446744073709551616",
                                            "99999999999999999999",
                                            "10000000000000000000",
                                            "1e308",
                                            "1.7976931348623157e308",
                                            "1.7976931348623159e308",
                                            "1e309",
                                            "2e-324",
                                            "3e-324",
                                            "4.9406564584124654e-324",
                                            "2.4703282292062327e-324",
                                            "2.4703282292062328e-324",
                                            "1e-400",
                                            "-1e-400",
                                            "0e99999999999",
                                            "1e-99999999999",
                                            "1e99999999999",
                                            "01",
                                            "-",
                                            "1.",
                                            ".5",
                                            "1e",
                                            "1e+",
                                            "-01",
                                            "00",
                                            "1E+2",
                                            "1e-0"};
        if (chance(10)) {
            return one_of(edges);
        }
        std::string out = chance(30) ? "-" : "";
        const auto integer_digits = chance(5) ? 1 + below(30) : 1 + below(6);
        out += chance(15) ? "0" : digits(integer_digits, true);
        if (chance(40)) {
            out += "." + digits(1 + below(chance(5) ? 30 : 4), false);
        }
        if (chance(20)) {
            out += chance(50) ? "e" : "E";
            if (chance(50)) {
                out += chance(50) ? "-" : "+";
            }
            out += digits(1 + below(3), false);
        }
        return out;
    }

    std::string scalar() {
        static const char* const literals[] = {"true", "false", "null"};
        switch (below(4)) {
        case 0:
        case 1:
            return string_value();
        case 2:
            return number();
        default:
            return one_of(literals);
        }
    }

    std::string value(int depth) {
        const auto roll = below(100);
        if (depth > 0 && roll < 10) {
            std::string out = "[" + space();
            const auto count = below(4);
            for (std::uint64_t i = 0; i < count; ++i) {
                out += (i ? "," + space() : "") + value(depth - 1) + space();
            }
            return out + "]";
        }
        if (depth > 0 && roll < 18) {
            std::string out = "{" + space();
            const auto count = below(4);
            for (std::uint64_t i = 0; i < count; ++i) {
                out += (i ? "," + space() : "") + string_value() + space() + ":" + space() +
                       value(depth - 1) + space();
            }
            return out + "}";
        }
        if (chance(1)) {
            return deep_value();
        }
        return scalar();
    }

    std::string deep_value() {
        // Around the default limit, with objects and arrays mixed.
        const auto depth = 55 + below(15);
        std::string open;
        std::string close;
        for (std::uint64_t i = 0; i < depth; ++i) {
            if (chance(70)) {
                open += "[";
                close = "]" + close;
            } else {
                open += R"({"k":)";
                close = "}" + close;
            }
        }
        return open + (chance(50) ? scalar() : std::string(chance(50) ? "[]" : "{}")) + close;
    }

    std::string timestamp() {
        if (chance(5)) {
            static const char* const wrong[] = {"\"yesterday\"", "\"2026-02-30T00:00:00Z\"",
                                                "\"2026-01-05 08:00:31Z\"", "17", "null"};
            return one_of(wrong);
        }
        char text[32];
        std::snprintf(text, sizeof text, "\"2026-%02d-%02dT%02d:%02d:%02dZ\"",
                      static_cast<int>(1 + below(12)), static_cast<int>(1 + below(28)),
                      static_cast<int>(below(24)), static_cast<int>(below(60)),
                      static_cast<int>(below(60)));
        return text;
    }

    std::string key(const char* name) {
        if (!chance(5)) {
            return "\"" + std::string(name) + "\"";
        }
        std::string out = "\"";
        for (const char* c = name; *c; ++c) {
            out += chance(50) ? hex4(static_cast<unsigned char>(*c)) : std::string(1, *c);
        }
        return out + "\"";
    }

    std::string data() {
        if (chance(3)) {
            return value(2);
        }
        std::string out = "{" + space();
        const auto count = below(6);
        for (std::uint64_t i = 0; i < count; ++i) {
            out += (i ? "," + space() : "") + string_value() + space() + ":" + space() + value(3) +
                   space();
        }
        return out + "}";
    }

    std::string event() {
        static const char* const names[] = {"at", "type", "wo", "workflow", "by", "data"};
        std::string out = space() + "{" + space();
        bool first = true;
        for (const char* name : names) {
            if (chance(15)) {
                continue;
            }
            std::string member_value;
            const std::string_view member(name);
            if (member == "at") {
                member_value = timestamp();
            } else if (member == "data") {
                member_value = data();
            } else {
                member_value = chance(3) ? value(1) : string_value();
            }
            const int copies = chance(3) ? 2 : 1;
            for (int i = 0; i < copies; ++i) {
                out += (first ? "" : "," + space()) + key(name) + space() + ":" + space() +
                       member_value + space();
                first = false;
            }
        }
        if (chance(3)) {
            out += (first ? "" : ",") + string_value() + ":" + value(1);
        }
        return out + "}" + space();
    }

    std::string top_level_value() { return space() + value(2) + space(); }

    void mutate(std::string& line) {
        static const char interesting[] = {
            '"',    '\\',   '{',    '}',    '[',    ']',    ',',    ':',    ' ',    '\t',   '0',
            '1',    '-',    '.',    'e',    't',    'n',    'u',    '\0',   '\x01', '\x1f', '\x7f',
            '\x80', '\xbf', '\xc0', '\xc3', '\xe0', '\xed', '\xf0', '\xf4', '\xf5', '\xff'};
        const auto byte = [&]() {
            return chance(70) ? interesting[below(sizeof interesting)]
                              : static_cast<char>(below(256));
        };
        const auto at = [&]() { return line.empty() ? 0 : below(line.size() + 1); };
        switch (below(7)) {
        case 0: // truncate
            line.resize(at());
            break;
        case 1: // replace a byte
            if (!line.empty()) {
                line[below(line.size())] = byte();
            }
            break;
        case 2: // insert bytes
            line.insert(at(), std::string(1 + below(2), byte()));
            break;
        case 3: // delete a byte
            if (!line.empty()) {
                line.erase(below(line.size()), 1);
            }
            break;
        case 4: { // duplicate a slice
            const auto from = at();
            const auto length = below(line.size() - from + 1);
            line.insert(at(), line.substr(from, length));
            break;
        }
        case 5: { // wrap a stretch in brackets
            const auto from = at();
            line.insert(from, chance(50) ? "[" : "{\"k\":");
            break;
        }
        default: // a bracket or quote added at either end
            if (chance(50)) {
                line.insert(0, 1, "[{\""[below(3)]);
            } else {
                line.push_back("]}\""[below(3)]);
            }
            break;
        }
    }

    std::mt19937_64 random_;
};

} // namespace millwright::test
