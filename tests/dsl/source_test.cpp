// Sources: the table of line starts behind every line:column, and spans back to text.
#include "millwright/dsl/source.hpp"

#include <catch2/catch.hpp>

using millwright::dsl::invalid_utf8;
using millwright::dsl::Source;
using millwright::dsl::SourceSet;
using millwright::dsl::SourceSpan;

TEST_CASE("locate maps byte offsets to 1-based lines and columns", "[dsl][source]") {
    const Source source("a.mw", "ab\ncd\n\nef");
    CHECK(source.line_count() == 4);
    const auto at = [&](std::uint32_t offset) {
        const auto lc = source.locate(offset);
        return std::to_string(lc.line) + ":" + std::to_string(lc.column);
    };
    CHECK(at(0) == "1:1");
    CHECK(at(1) == "1:2");
    CHECK(at(2) == "1:3"); // the newline itself ends line 1
    CHECK(at(3) == "2:1");
    CHECK(at(6) == "3:1");
    CHECK(at(7) == "4:1");
    CHECK(at(9) == "4:3"); // the end of the text
}

TEST_CASE("offsets past the end map to the last position", "[dsl][source]") {
    const Source source("a.mw", "ab\ncd");
    const auto lc = source.locate(1000);
    CHECK(lc.line == 2);
    CHECK(lc.column == 3);
}

TEST_CASE("line_text drops the line terminator, CRLF included", "[dsl][source]") {
    const Source source("a.mw", "first\r\nsecond\nthird\n");
    CHECK(source.line_count() == 4);
    CHECK(source.line_text(1) == "first");
    CHECK(source.line_text(2) == "second");
    CHECK(source.line_text(3) == "third");
    CHECK(source.line_text(4).empty());
    CHECK(source.line_text(0).empty());
    CHECK(source.line_text(5).empty());
}

TEST_CASE("an empty source has one empty line", "[dsl][source]") {
    const Source source("empty.mw", "");
    CHECK(source.line_count() == 1);
    CHECK(source.locate(0).line == 1);
    CHECK(source.locate(0).column == 1);
    CHECK(source.line_text(1).empty());
}

TEST_CASE("a source set hands out ids in order and returns the text of a span", "[dsl][source]") {
    SourceSet sources;
    const auto first = sources.add("a.mw", "workflow a");
    const auto second = sources.add("b.mw", "workflow b");
    CHECK(first == 0);
    CHECK(second == 1);
    CHECK(sources.size() == 2);
    CHECK(sources.get(second).name() == "b.mw");
    CHECK(sources.text_of(SourceSpan{second, 9, 10}) == "b");
    CHECK(sources.text_of(SourceSpan{first, 0, 8}) == "workflow");
    CHECK(sources.text_of(SourceSpan{first, 5, 500}) == "low a"); // clamped to the text
    CHECK(sources.text_of(SourceSpan{first, 7, 3}).empty());      // an inverted span is empty
}

TEST_CASE("a byte order mark is no part of line 1", "[dsl][source]") {
    const Source source("bom.mw", "\xEF\xBB\xBFworkflow w\nend\n");
    CHECK(source.body_start() == 3);
    CHECK(source.line_text(1) == "workflow w");
    CHECK(source.locate(3).line == 1);
    CHECK(source.locate(3).column == 1);
    CHECK(source.locate(0).column == 1); // inside the mark: its line's start
    CHECK(source.locate(14).line == 2);
    CHECK(Source("plain.mw", "workflow w\n").body_start() == 0);
}

TEST_CASE("invalid_utf8 finds the first byte that is not well-formed UTF-8", "[dsl][source]") {
    CHECK_FALSE(invalid_utf8("plain ascii"));
    CHECK_FALSE(invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\xA7 \xF4\x8F\xBF\xBF"));
    CHECK(invalid_utf8("caf\xE9") == 3);            // Latin-1
    CHECK(invalid_utf8("ab\xC0\xAF") == 2);         // overlong '/'
    CHECK(invalid_utf8("ab\xE0\x80\xAF") == 2);     // overlong, three bytes
    CHECK(invalid_utf8("ab\xED\xA0\x80") == 2);     // a surrogate
    CHECK(invalid_utf8("ab\xF4\x90\x80\x80") == 2); // past U+10FFFF
    CHECK(invalid_utf8("ab\xE2\x82") == 2);         // cut short at the end
    CHECK(invalid_utf8("ab\xE2\x82x") == 2);        // cut short inside
    CHECK(invalid_utf8("ab\x80") == 2);             // a lone continuation byte
    CHECK(invalid_utf8("ok\xF5\x80\x80\x80") == 2); // a lead byte no code point has
}
