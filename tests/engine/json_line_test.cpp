// The replay path's JSON line reader (JsonLine, driven by LineReader): hand-written cases for
// each rule of RFC 8259 and UTF-8 it enforces and each value it extracts, then a differential
// test against simdjson's DOM parser (the reader it replaced) on a few hundred thousand
// generated and mutated lines.
#include "event_view.hpp"

#include "support/event_line_generator.hpp"
#include "support/simdjson_event_reader.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace {

using millwright::detail::EventView;
using millwright::detail::InScalar;
using millwright::detail::LineReader;
using Kind = InScalar::Kind;

/// A LineReader fed as replay feeds it: the line sits in a buffer, followed by its line feed
/// and then by hostile bytes, so a reader that looked past the end would be caught.
class Reader {
public:
    explicit Reader(unsigned max_depth = 64) : reader_(max_depth) {}

    std::string read(std::string_view text) {
        line_.assign(text);
        line_ += '\n';
        line_.append(LineReader::padding(), '"');
        line_.append("}]1");
        return reader_.read(std::string_view(line_.data(), text.size()), line_.size(), event);
    }

    bool points_into_line(std::string_view view) const {
        return view.data() >= line_.data() &&
               view.data() + view.size() <= line_.data() + line_.size();
    }

    EventView event;

private:
    LineReader reader_;
    std::string line_;
};

std::string error_of(std::string_view text, unsigned max_depth = 64) {
    Reader reader(max_depth);
    return reader.read(text);
}

/// The value of data member "x" in {"data":{"x":<value>}}.
InScalar data_value(Reader& reader, std::string_view value) {
    const std::string line = R"({"data":{"x":)" + std::string(value) + "}}";
    const std::string error = reader.read(line);
    INFO(line);
    REQUIRE(error.empty());
    REQUIRE(reader.event.data.size() == 1);
    REQUIRE_FALSE(reader.event.data[0].value.is_array);
    return reader.event.data[0].value.scalar;
}

std::string data_string(std::string_view value) {
    Reader reader;
    const InScalar scalar = data_value(reader, value);
    REQUIRE(scalar.kind == Kind::string);
    return std::string(scalar.text);
}

std::string data_error(std::string_view value) {
    return error_of(R"({"data":{"x":)" + std::string(value) + "}}");
}

double data_number(std::string_view value) {
    Reader reader;
    const InScalar scalar = data_value(reader, value);
    REQUIRE(scalar.kind == Kind::number);
    return scalar.number;
}

std::int64_t data_integer(std::string_view value) {
    Reader reader;
    const InScalar scalar = data_value(reader, value);
    REQUIRE(scalar.kind == Kind::integer);
    return scalar.integer;
}

std::string nested(std::size_t depth, std::string_view inner = "1") {
    return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}

} // namespace

TEST_CASE("a typical event fills every field with views into the line", "[engine][json]") {
    Reader reader;
    REQUIRE(reader.read(R"({"at":"2026-01-05T08:00:31Z","type":"submit","wo":"WO-1",)"
                        R"("workflow":"corrective","by":"emp-362","data":{"asset":"AHU-06",)"
                        R"("n":3,"cost":94.95,"ok":true,"none":null}})") == "");
    const EventView& event = reader.event;
    CHECK(event.has_at);
    CHECK(event.at_ms == 1767600031000);
    CHECK(event.at_text == "2026-01-05T08:00:31Z");
    CHECK(event.type == "submit");
    CHECK(event.wo == "WO-1");
    CHECK(event.has_workflow);
    CHECK(event.workflow == "corrective");
    CHECK(event.by == "emp-362");
    REQUIRE(event.data.size() == 5);
    CHECK(event.data[0].key == "asset");
    CHECK(event.data[0].value.scalar.kind == Kind::string);
    CHECK(event.data[0].value.scalar.text == "AHU-06");
    CHECK(reader.points_into_line(event.data[0].value.scalar.text));
    CHECK(reader.points_into_line(event.type));
    CHECK(event.data[1].value.scalar.kind == Kind::integer);
    CHECK(event.data[1].value.scalar.integer == 3);
    CHECK(event.data[2].value.scalar.kind == Kind::number);
    CHECK(event.data[2].value.scalar.number == 94.95);
    CHECK(event.data[3].value.scalar.kind == Kind::boolean);
    CHECK(event.data[3].value.scalar.boolean);
    CHECK(event.data[4].value.scalar.kind == Kind::null);
    CHECK(event.items.empty());
}

TEST_CASE("every escape is unescaped", "[engine][json]") {
    CHECK(data_string(R"("a\"b")") == "a\"b");
    CHECK(data_string(R"("a\\b")") == "a\\b");
    CHECK(data_string(R"("a\/b")") == "a/b");
    CHECK(data_string(R"("\b\f\n\r\t")") == "\b\f\n\r\t");
    CHECK(data_string(R"("\u0041")") == "A");
    CHECK(data_string(R"("\u00e9\u00E9")") == "\xC3\xA9\xC3\xA9");
    CHECK(data_string(R"("\u20ac")") == "\xE2\x82\xAC");
    CHECK(data_string(R"("\uD83D\uDE00")") == "\xF0\x9F\x98\x80");
    CHECK(data_string(R"("\udbff\udfff")") == "\xF4\x8F\xBF\xBF");
    CHECK(data_string(R"("\u0000")") == std::string(1, '\0'));
    CHECK(data_string(R"("plain \u0041 and more plain text after it")") ==
          "plain A and more plain text after it");
}

TEST_CASE("bad escapes and unpaired surrogates are refused with their column", "[engine][json]") {
    // The value starts at column 14 in {"data":{"x":...}}.
    CHECK(data_error(R"("\x")") == "invalid escape at column 15");
    CHECK(data_error(R"("ab\u12G4")") == "invalid escape at column 17");
    CHECK(data_error(R"("\ud800")") == "unpaired surrogate in escape at column 15");
    CHECK(data_error(R"("\udc00")") == "unpaired surrogate in escape at column 15");
    CHECK(data_error(R"("\ud800\u0041")") == "unpaired surrogate in escape at column 15");
    CHECK(data_error(R"("\ud800x")") == "unpaired surrogate in escape at column 15");
    CHECK(data_error(R"("\ud83d\ud83d")") == "unpaired surrogate in escape at column 15");
}

TEST_CASE("escaped strings stay valid together until the next line", "[engine][json]") {
    Reader reader;
    REQUIRE(reader.read(R"({"type":"a\nb","wo":"c\td","by":"\u00e9","data":{"k\"1":"x\/y",)"
                        R"("k2":["\u0031",  "\\"]}})") == "");
    CHECK(reader.event.type == "a\nb");
    CHECK(reader.event.wo == "c\td");
    CHECK(reader.event.by == "\xC3\xA9");
    REQUIRE(reader.event.data.size() == 2);
    CHECK(reader.event.data[0].key == "k\"1");
    CHECK(reader.event.data[0].value.scalar.text == "x/y");
    REQUIRE(reader.event.items.size() == 2);
    CHECK(reader.event.items[0].text == "1");
    CHECK(reader.event.items[1].text == "\\");
    CHECK_FALSE(reader.points_into_line(reader.event.type));
}

TEST_CASE("keys are compared after unescaping", "[engine][json]") {
    Reader reader;
    REQUIRE(reader.read(R"({"\u0061t":"2026-01-05T08:00:31Z","typ\u0065":"x"})") == "");
    CHECK(reader.event.has_at);
    CHECK(reader.event.type == "x");
    CHECK(error_of(R"({"\u0078":1})") ==
          "unknown key `x` (an event has at, type, wo, workflow, by and data)");
}

TEST_CASE("control characters in strings are refused", "[engine][json]") {
    CHECK(error_of("{\"type\":\"a\x01\"}") == "control character in string at column 11");
    CHECK(error_of("{\"type\":\"a\tb\"}") == "control character in string at column 11");
    CHECK(error_of("{\"ty\npe\":\"x\"}") == "control character in string at column 5");
    Reader reader;
    REQUIRE(reader.read("{\"type\":\"a\x7F\"}") == ""); // DEL is not a control character
    CHECK(reader.event.type == "a\x7F");
}

TEST_CASE("valid UTF-8 of every length is kept as it is", "[engine][json]") {
    CHECK(data_string("\"\xC3\xA9\"") == "\xC3\xA9");
    CHECK(data_string("\"\xE2\x82\xAC\xED\x9F\xBF\xEE\x80\x80\"") ==
          "\xE2\x82\xAC\xED\x9F\xBF\xEE\x80\x80");
    CHECK(data_string("\"\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\"") ==
          "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
    CHECK(data_string("\"long ascii run, then \xC3\xA9, then \\n and \xF0\x9F\x98\x80 again\"") ==
          "long ascii run, then \xC3\xA9, then \n and \xF0\x9F\x98\x80 again");
}

TEST_CASE("every class of invalid UTF-8 is refused", "[engine][json]") {
    const char* invalid[] = {
        "\x80",             // a stray continuation byte
        "\xBF",             //
        "\xC0\xAF",         // overlong two-byte form
        "\xC1\xBF",         //
        "\xE0\x80\xAF",     // overlong three-byte form
        "\xE0\x9F\xBF",     //
        "\xF0\x80\x80\xAF", // overlong four-byte form
        "\xF0\x8F\xBF\xBF", //
        "\xED\xA0\x80",     // a surrogate (U+D800)
        "\xED\xBF\xBF",     // a surrogate (U+DFFF)
        "\xF4\x90\x80\x80", // above U+10FFFF
        "\xF5\x80\x80\x80", //
        "\xFF",             //
        "\xC3",             // a sequence cut short
        "\xE2\x82",         //
        "\xF0\x9F\x98",     //
        "\xC3\x28",         // a lead byte without its continuation
    };
    for (const char* bytes : invalid) {
        INFO(bytes);
        CHECK(data_error("\"a" + std::string(bytes) + "b\"") == "invalid UTF-8");
        CHECK(data_error("\"" + std::string(bytes) + "\"") == "invalid UTF-8");
    }
    CHECK(error_of("{\"type\":\"x\"}\xFF") == "invalid UTF-8"); // outside strings too
    // An unterminated string is named first, as simdjson did.
    CHECK(error_of("{\"type\":\"\xFF") == "unterminated string");
}

TEST_CASE("numbers follow the JSON grammar and simdjson's ranges", "[engine][json]") {
    CHECK(data_integer("0") == 0);
    CHECK(data_integer("-0") == 0);
    CHECK(data_integer("42") == 42);
    CHECK(data_integer("-17") == -17);
    CHECK(data_integer("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
    CHECK(data_integer("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
    CHECK(data_number("9223372036854775808") == 9223372036854775808.0);
    CHECK(data_number("18446744073709551615") == 18446744073709551615.0);
    CHECK(data_number("1e5") == 100000.0);
    CHECK(data_number("1E+2") == 100.0);
    CHECK(data_number("1e-2") == 0.01);
    CHECK(data_number("0.1") == 0.1);
    CHECK(data_number("-2.5") == -2.5);
    CHECK(data_number("94.95") == 94.95);
    CHECK(data_number("123456789012345678901234.5") == 123456789012345678901234.5);
    CHECK(data_number("2.2250738585072011e-308") == 2.2250738585072011e-308);
    CHECK(data_number("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(data_number("1e0000000000000000000000001") == 10.0);
    CHECK(data_number("5e-324") == 5e-324);
    const double tiny = data_number("1e-400");
    CHECK(tiny == 0.0);
    CHECK_FALSE(std::signbit(tiny));
    const double negative_tiny = data_number("-1e-400");
    CHECK(negative_tiny == 0.0);
    CHECK(std::signbit(negative_tiny));
    CHECK(std::signbit(data_number("-0.0")));

    CHECK(data_error("01") == "invalid number (leading zero) at column 14");
    CHECK(data_error("-01") == "invalid number (leading zero) at column 14");
    CHECK(data_error("1.") == "invalid number at column 14");
    CHECK(data_error("1.e5") == "invalid number at column 14");
    CHECK(data_error("1e") == "invalid number at column 14");
    CHECK(data_error("1e+") == "invalid number at column 14");
    CHECK(data_error(".5") == "expected a value at column 14");
    CHECK(data_error("-") == "invalid number at column 14");
    CHECK(data_error("+1") == "expected a value at column 14");
    CHECK(data_error("0x10") == "expected `,` or `}` at column 15");
    CHECK(data_error("18446744073709551616") == "number out of range at column 14");
    CHECK(data_error("-9223372036854775809") == "number out of range at column 14");
    CHECK(data_error("123456789012345678901234") == "number out of range at column 14");
    CHECK(data_error("1e400") == "number out of range at column 14");
    CHECK(data_error("-1.8e308") == "number out of range at column 14");
    CHECK(error_of(R"({"data":{"x":12)") == "invalid or truncated JSON");
}

TEST_CASE("literals are exactly true, false and null", "[engine][json]") {
    Reader reader;
    CHECK(data_value(reader, "true").boolean);
    CHECK(data_value(reader, "false").kind == Kind::boolean);
    CHECK_FALSE(data_value(reader, "false").boolean);
    CHECK(data_value(reader, "null").kind == Kind::null);
    CHECK(data_error("tru") == "invalid literal at column 14");
    CHECK(data_error("nul1") == "invalid literal at column 14");
    CHECK(data_error("True") == "expected a value at column 14");
    CHECK(data_error("truex") == "expected `,` or `}` at column 18");
    CHECK(error_of(R"({"data":{"x":fals)") == "invalid or truncated JSON");
}

TEST_CASE("whitespace is space, tab, line feed and carriage return", "[engine][json]") {
    Reader reader;
    REQUIRE(reader.read(" \t{ \"type\" :\r\n\"x\" , \"data\":{ \"a\" : [ 1 , 2 ] } }\t ") == "");
    CHECK(reader.event.type == "x");
    REQUIRE(reader.event.items.size() == 2);
    CHECK(error_of("{\"type\":\f\"x\"}") == "expected a value at column 9");
    CHECK(error_of("{\"type\":\"x\"}\v") == "unexpected text after the JSON value at column 13");
    CHECK(error_of("") == "empty line");
    CHECK(error_of(" \t\r ") == "empty line");
}

TEST_CASE("nothing but whitespace may follow the object", "[engine][json]") {
    CHECK(error_of(R"({"type":"x"} x)") == "unexpected text after the JSON value at column 14");
    CHECK(error_of(R"({"type":"x"}})") == "unexpected text after the JSON value at column 13");
    CHECK(error_of(R"({"type":"x"}{})") == "unexpected text after the JSON value at column 13");
    CHECK(error_of(R"({"type":"x"} "a")") == "unexpected text after the JSON value at column 14");
}

TEST_CASE("structural errors name what was expected and where", "[engine][json]") {
    CHECK(error_of(R"({"type" "x"})") == "expected `:` at column 9");
    CHECK(error_of(R"({"type":"x" "wo":"y"})") == "expected `,` or `}` at column 13");
    CHECK(error_of(R"({"type":"x",})") == "expected a string key at column 13");
    CHECK(error_of(R"({type:"x"})") == "expected a string key at column 2");
    CHECK(error_of(R"({"data":{"x":[1 2]}})") == "expected `,` or `]` at column 17");
    CHECK(error_of(R"({"data":{"x":[1,]}})") == "expected a value at column 17");
    CHECK(error_of(R"({"type":})") == "expected a value at column 9");
    CHECK(error_of(R"({"at":)") == "invalid or truncated JSON");
    CHECK(error_of(R"({"data":{"x":[1,2)") == "invalid or truncated JSON");
    CHECK(error_of(R"({"type":"abc)") == "unterminated string");
    CHECK(error_of(R"({"type":"a\"})") == "unterminated string");
}

TEST_CASE("a line that is valid JSON but not an object is named as such", "[engine][json]") {
    CHECK(error_of("[1,2]") == "a line must be a JSON object");
    CHECK(error_of(R"("tick")") == "a line must be a JSON object");
    CHECK(error_of("42") == "a line must be a JSON object");
    CHECK(error_of(" null ") == "a line must be a JSON object");
    CHECK(error_of("[1,2") == "invalid or truncated JSON");
    CHECK(error_of("42 43") == "unexpected text after the JSON value at column 4");
}

TEST_CASE("nesting is limited as simdjson limited it", "[engine][json]") {
    // The event object and data count as two levels; an empty container does not count.
    const auto line = [](const std::string& value) { return R"({"data":{"x":)" + value + "}}"; };
    CHECK(error_of(line(nested(61))) == "");
    CHECK(error_of(line(nested(62))) == "JSON nested too deeply");
    CHECK(error_of(line(nested(62, ""))) == "");
    CHECK(error_of(line(nested(63, ""))) == "JSON nested too deeply");
    CHECK(error_of(R"({"data":{"x":1}})", 3) == "");
    CHECK(error_of(R"({"data":{"x":[]}})", 3) == "");
    CHECK(error_of(R"({"data":{"x":[1]}})", 3) == "JSON nested too deeply");
    CHECK(error_of(R"({"data":{"x":{"y":1}}})", 3) == "JSON nested too deeply");
    CHECK(error_of(R"({"data":{}})", 2) == "");
    CHECK(error_of(R"({"data":{"x":1}})", 2) == "JSON nested too deeply");
    // A line that does not end with the close of its first bracket is a syntax error first.
    CHECK(error_of(R"({"data":{"x":)" + std::string(100, '[')) == "invalid or truncated JSON");
}

TEST_CASE("a line nested a million deep is refused without exhausting the stack",
          "[engine][json]") {
    const std::string deep = nested(1'000'000);
    CHECK(error_of(R"({"data":{"x":)" + deep + "}}") == "JSON nested too deeply");
    CHECK(error_of(R"({"data":{"x":)" + deep.substr(0, deep.size() - 1) + "}}") ==
          "JSON nested too deeply");
    CHECK(error_of(R"({"data":{"x":)" + std::string(1'000'000, '[')) ==
          "invalid or truncated JSON");
    std::string objects;
    for (int i = 0; i < 1'000'000; ++i) {
        objects += R"({"a":)";
    }
    CHECK(error_of(objects + "1" + std::string(1'000'000, '}')) == "JSON nested too deeply");
    // Within a generous limit, the same depth is read (iteratively) and kept as nested.
    Reader generous(2'000'000);
    REQUIRE(generous.read(R"({"data":{"x":)" + deep + "}}") == "");
    CHECK(generous.event.data[0].value.is_array);
    REQUIRE(generous.event.items.size() == 1);
    CHECK(generous.event.items[0].kind == Kind::nested);
}

TEST_CASE("a key given twice makes the line malformed, in the event and in its data",
          "[engine][json]") {
    Reader reader;
    CHECK(reader.read(R"({"type":"a","type":"b"})") == "key `type` appears twice");
    CHECK(reader.read(R"({"data":{"x":1},"data":{"y":2}})") == "key `data` appears twice");
    CHECK(reader.read(R"({"at":"2026-01-05T08:00:00Z","at":"2026-01-05T08:00:00Z"})") ==
          "key `at` appears twice");
    CHECK(reader.read(R"({"type":"a","data":{"y":2,"z":1,"y":3}})") ==
          "key `y` appears twice in `data`");
    CHECK(reader.read(R"({"type":"a","data":{"":2,"":3}})") == // found by fuzzing
          "key `` appears twice in `data`");
    // The first problem of the line is the one given; the rest of it is still validated.
    CHECK(reader.read(R"({"color":1,"type":"a","type":"b"})") ==
          "unknown key `color` (an event has at, type, wo, workflow, by and data)");
    CHECK(reader.read(R"({"type":"a","type":"b","data":[)") == "invalid or truncated JSON");
    // Many keys are compared by sorting; the first repeat in line order is named.
    std::string many = R"({"type":"a","data":{)";
    for (int i = 0; i < 40; ++i) {
        many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    }
    CHECK(reader.read(many + R"("k30":1,"k5":2})" + "}") == "key `k30` appears twice in `data`");
    CHECK(reader.read(many + R"("k40":1})" + "}") == "");
}

TEST_CASE("data arrays hold scalars, and deeper values are validated and kept as nested",
          "[engine][json]") {
    Reader reader;
    REQUIRE(reader.read(R"({"data":{"tags":["a",1,2.5,true,null,[1,[2]],{"k":[{}]}],)"
                        R"("none":[],"obj":{"a":{"b":"c"}},"n":-3}})") == "");
    const EventView& event = reader.event;
    REQUIRE(event.data.size() == 4);
    CHECK(event.data[0].value.is_array);
    CHECK(event.data[0].value.first == 0);
    CHECK(event.data[0].value.count == 7);
    REQUIRE(event.items.size() == 7);
    CHECK(event.items[0].kind == Kind::string);
    CHECK(event.items[0].text == "a");
    CHECK(event.items[1].kind == Kind::integer);
    CHECK(event.items[2].kind == Kind::number);
    CHECK(event.items[3].kind == Kind::boolean);
    CHECK(event.items[4].kind == Kind::null);
    CHECK(event.items[5].kind == Kind::nested);
    CHECK(event.items[6].kind == Kind::nested);
    CHECK(event.data[1].value.is_array);
    CHECK(event.data[1].value.count == 0);
    CHECK(event.data[2].value.scalar.kind == Kind::nested);
    CHECK(event.data[3].value.scalar.integer == -3);
    // Nested values are validated all the same.
    CHECK(error_of(R"({"data":{"x":[{"k":[1,2,}]}]}})") == "expected a value at column 25");
    CHECK(error_of(R"({"data":{"x":{"a":{"b":1e999}}}})") == "number out of range at column 24");
}

TEST_CASE("member problems are reported once the whole line is valid", "[engine][json]") {
    CHECK(error_of(R"({"at":5})") == "`at` must be a string");
    CHECK(error_of(R"({"at":"yesterday"})") == "`at` is not an RFC 3339 timestamp");
    CHECK(error_of(R"({"data":[1]})") == "`data` must be an object");
    CHECK(error_of(R"({"data":"x"})") == "`data` must be an object");
    CHECK(error_of(R"({"workflow":null})") == "`workflow` must be a string");
    CHECK(error_of(R"({"colour":"red"})") ==
          "unknown key `colour` (an event has at, type, wo, workflow, by and data)");
    CHECK(error_of(R"({"wo":1,"by":2})") == "`wo` must be a string");
    // Invalid JSON after a member problem still wins, as the line is validated first.
    CHECK(error_of(R"({"wo":1,"by":})") == "expected a value at column 14");
    CHECK(error_of(R"({"wo":1,"by":"\u00"})") == "invalid escape at column 15");
}

TEST_CASE("a line without padding or a terminator after it is copied first", "[engine][json]") {
    LineReader reader(64);
    EventView event;
    const std::string line = R"({"type":"x","wo":"abcdefghijklmnopqrstuvwxyz"})";
    CHECK(reader.read(line, line.size(), event) == "");
    CHECK(event.wo == "abcdefghijklmnopqrstuvwxyz");
    const std::string truncated = R"({"type":"x"}1)" + std::string(64, '}');
    CHECK(reader.read(std::string_view(truncated.data(), 11), truncated.size(), event) ==
          "invalid or truncated JSON");
}

TEST_CASE("control characters outrank UTF-8 errors, as in simdjson", "[engine][json]") {
    CHECK(error_of("{\"a\":\"\x01\",\"b\":\"\xFF\"}") == "control character in string at column 7");
    CHECK(error_of("{\"a\":\"\xFF\",\"b\":\"\x01\"}") ==
          "control character in string at column 15");
    CHECK(error_of("{\"a\":\"\xFF\",\"b\":1x}") == "invalid UTF-8");
}

// ---------------------------------------------------------------------------------------------
// Differential test: JsonLine against simdjson's DOM parser.

namespace {

/// The class of a reason, for comparing JsonLine's precise syntax messages with simdjson's.
std::string reason_class(const std::string& reason) {
    if (reason.empty()) {
        return "ok";
    }
    if (reason == "invalid or truncated JSON" || reason.rfind("invalid JSON (", 0) == 0 ||
        reason.find(" at column ") != std::string::npos) {
        return "syntax";
    }
    return reason; // the fixed texts and the member problems must match exactly
}

bool same_scalar(const InScalar& a, const InScalar& b) {
    if (a.kind != b.kind) {
        return false;
    }
    switch (a.kind) {
    case Kind::boolean:
        return a.boolean == b.boolean;
    case Kind::integer:
        return a.integer == b.integer;
    case Kind::number:
        return std::memcmp(&a.number, &b.number, sizeof a.number) == 0;
    case Kind::string:
        return a.text == b.text;
    default:
        return true;
    }
}

/// Why two events differ, or "" if they are the same.
std::string difference(const EventView& ours, const EventView& oracle) {
    if (ours.has_at != oracle.has_at || ours.at_ms != oracle.at_ms ||
        ours.at_text != oracle.at_text) {
        return "at";
    }
    if (ours.type != oracle.type || ours.wo != oracle.wo || ours.by != oracle.by ||
        ours.workflow != oracle.workflow || ours.has_workflow != oracle.has_workflow) {
        return "text member";
    }
    if (ours.data.size() != oracle.data.size() || ours.items.size() != oracle.items.size()) {
        return "data or item count";
    }
    for (std::size_t i = 0; i < ours.data.size(); ++i) {
        const auto& a = ours.data[i];
        const auto& b = oracle.data[i];
        if (a.key != b.key || a.value.is_array != b.value.is_array ||
            a.value.first != b.value.first || a.value.count != b.value.count ||
            (!a.value.is_array && !same_scalar(a.value.scalar, b.value.scalar))) {
            return "data entry " + std::to_string(i);
        }
    }
    for (std::size_t i = 0; i < ours.items.size(); ++i) {
        if (!same_scalar(ours.items[i], oracle.items[i])) {
            return "item " + std::to_string(i);
        }
    }
    return "";
}

std::string printable(std::string_view line) {
    std::string out;
    for (const char c : line.substr(0, 300)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            out += c;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", byte);
            out += hex;
        }
    }
    return out;
}

/// Reads `count` generated lines with both readers; returns how many they disagree on.
std::size_t disagreements(std::uint64_t seed, std::size_t count, unsigned max_depth) {
    millwright::test::LineGenerator generator(seed);
    LineReader ours(max_depth);
    millwright::test::SimdjsonEventReader oracle(max_depth);
    EventView our_event;
    EventView oracle_event;
    std::string buffer;
    std::size_t failures = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string line = generator.next();
        // Hostile bytes after the line: neither reader may read them as part of it. Half
        // the lines end as in a replay block (a line feed, then the next line), the others
        // make LineReader take its copy.
        buffer.assign(line);
        if (i % 2 == 0) {
            buffer += '\n';
        }
        buffer.append(millwright::test::SimdjsonEventReader::padding, "\"1]}"[i % 4]);
        const std::string_view view(buffer.data(), line.size());
        const std::string our_reason = ours.read(view, buffer.size(), our_event);
        const std::string oracle_reason = oracle.read(view, oracle_event);
        std::string problem;
        if (reason_class(our_reason) != reason_class(oracle_reason)) {
            problem = "reasons differ";
        } else if (our_reason.empty()) {
            problem = difference(our_event, oracle_event);
        }
        if (!problem.empty() && ++failures <= 10) {
            UNSCOPED_INFO("line " << i << ": " << printable(line) << "\n  " << problem
                                  << "; ours: " << our_reason << "; simdjson: " << oracle_reason);
        }
    }
    return failures;
}

} // namespace

TEST_CASE("JsonLine agrees with simdjson on generated and mutated lines",
          "[engine][json][differential]") {
    CHECK(disagreements(20260522, 240'000, 64) == 0);
}

TEST_CASE("JsonLine agrees with simdjson under small depth limits",
          "[engine][json][differential]") {
    for (const unsigned max_depth : {2u, 3u, 4u, 6u}) {
        INFO("max_depth " << max_depth);
        CHECK(disagreements(7 + max_depth, 15'000, max_depth) == 0);
    }
}
