// The renderer's exact output (the shape the brief fixes) and the JSON form.
#include "millwright/dsl/diagnostic.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace millwright::dsl;

namespace {

/// A source whose line 14 is the brief's example line.
SourceSet corrective() {
    std::string text;
    for (int line = 1; line < 14; ++line) {
        text += "# line " + std::to_string(line) + "\n";
    }
    text += "  on assign: triagd -> assigned\n";
    SourceSet sources;
    sources.add("corrective.mw", text);
    return sources;
}

SourceSpan span_of(const SourceSet& sources, std::string_view needle) {
    const std::string& text = sources.get(0).text();
    const auto begin = static_cast<std::uint32_t>(text.find(needle));
    return {0, begin, static_cast<std::uint32_t>(begin + needle.size())};
}

} // namespace

TEST_CASE("render prints location, source line, carets and hint", "[dsl][diagnostic]") {
    const SourceSet sources = corrective();
    DiagnosticList list;
    list.report("E0202", span_of(sources, "triagd"), {"triagd", "did you mean `triaged`?"});
    CHECK(render(list.items().front(), sources) ==
          "corrective.mw:14:14: error: unknown state `triagd`\n"
          "   14 |   on assign: triagd -> assigned\n"
          "      |              ^^^^^^\n"
          "hint: did you mean `triaged`?\n");
}

TEST_CASE("render omits an empty hint and draws one caret for an empty span", "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("a.mw", "workflow\n");
    Diagnostic diagnostic;
    diagnostic.code = "E0101";
    diagnostic.message = "expected a workflow name, found end of line";
    diagnostic.span = {0, 8, 8};
    CHECK(render(diagnostic, sources) == "a.mw:1:9: error: expected a workflow name, found end of "
                                         "line\n"
                                         "    1 | workflow\n"
                                         "      |         ^\n");
}

TEST_CASE("render underlines only the first line of a span and keeps tabs aligned",
          "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("a.mw", "\tab cd\nef\n");
    Diagnostic diagnostic;
    diagnostic.severity = Severity::warning;
    diagnostic.code = "W0101";
    diagnostic.message = "m";
    diagnostic.span = {0, 4, 9}; // `cd\nef`
    CHECK(render(diagnostic, sources) == "a.mw:1:5: warning: m\n"
                                         "    1 | \tab cd\n"
                                         "      | \t   ^^\n");
}

TEST_CASE("labels follow as notes with their own excerpt", "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("a.mw", "field cost : money\nfield cost : number\n");
    DiagnosticList list;
    Diagnostic& d = list.report("E0204", {0, 25, 29}, {"cost"});
    d.labels.push_back({{0, 6, 10}, "first declared here"});
    CHECK(render(d, sources) == "a.mw:2:7: error: duplicate field `cost`\n"
                                "    2 | field cost : number\n"
                                "      |       ^^^^\n"
                                "hint: rename or remove one of the two declarations\n"
                                "a.mw:1:7: note: first declared here\n"
                                "    1 | field cost : money\n"
                                "      |       ^^^^\n");
}

TEST_CASE("colour wraps the parts in ANSI escapes only when asked", "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("a.mw", "x\n");
    DiagnosticList list;
    list.report("E0105", {0, 0, 1});
    const std::string plain = render(list.items().front(), sources);
    const std::string coloured = render(list.items().front(), sources, RenderOptions{true});
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(coloured.find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
    CHECK(coloured.find("\x1b[1;31m^\x1b[0m") != std::string::npos);
}

TEST_CASE("render_all separates diagnostics with a blank line", "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("a.mw", "x\ny\n");
    DiagnosticList list;
    list.report("E0105", {0, 0, 1});
    list.report("E0105", {0, 2, 3});
    const std::string all = render_all(list, sources);
    CHECK(all == render(list.items()[0], sources) + "\n" + render(list.items()[1], sources));
}

TEST_CASE("report fills placeholders in message and hint and sets the severity",
          "[dsl][diagnostic]") {
    DiagnosticList list;
    const Diagnostic& error = list.report("E0107", {}, {"date", "2026-13-01", "use {0}"});
    CHECK(error.message == "invalid date `2026-13-01`");
    CHECK(error.hint == "use {0}"); // an argument is inserted verbatim, never expanded again
    CHECK(error.severity == Severity::error);
    const Diagnostic& warning = list.report("W0101", {}, {"limbo", "new"});
    CHECK(warning.message == "state `limbo` is unreachable from the initial state `new`");
    CHECK(warning.severity == Severity::warning);
    CHECK(list.error_count() == 1);
    CHECK(list.has_errors());
}

TEST_CASE("a list of warnings only has no errors", "[dsl][diagnostic]") {
    DiagnosticList list;
    CHECK_FALSE(list.has_errors());
    list.report("W0102", {}, {"assign"});
    CHECK_FALSE(list.has_errors());
    CHECK(list.error_count() == 0);
    CHECK_FALSE(list.empty());
}

TEST_CASE("to_json writes the keys in their documented order", "[dsl][diagnostic]") {
    const SourceSet sources = corrective();
    DiagnosticList list;
    Diagnostic& d = list.report("E0202", span_of(sources, "triagd"), {"triagd", "did you mean?"});
    d.labels.push_back({span_of(sources, "assigned"), "here"});
    CHECK(to_json(d, sources) ==
          R"({"code":"E0202","severity":"error","file":"corrective.mw","line":14,"column":14,)"
          R"("end_line":14,"end_column":20,"message":"unknown state `triagd`",)"
          R"("hint":"did you mean?","labels":[{"file":"corrective.mw","line":14,"column":24,)"
          R"("end_line":14,"end_column":32,"text":"here"}]})");
    CHECK(nlohmann::json::parse(to_json(d, sources))["labels"].size() == 1);
}

TEST_CASE("a long line is shown around the column, marked where it is cut", "[dsl][diagnostic]") {
    // Each of thousands of warnings on one line used to copy the whole line. (issue 13)
    std::string line = "  states a (initial)";
    for (int i = 0; i < 2000; ++i) {
        line += ", s" + std::to_string(i);
    }
    SourceSet sources;
    sources.add("long.mw", line + "\n");
    DiagnosticList list;
    list.report("E0202", span_of(sources, "s1000,"), {"s1000", ""});
    const std::string rendered = render(list.items().front(), sources);
    const auto column = line.find("s1000,") + 1;
    CHECK(rendered.rfind("long.mw:1:" + std::to_string(column) + ": error:", 0) == 0);
    // 40 bytes before the column, 160 in all, "..." at each cut, the carets under the name.
    const std::string shown = line.substr(column - 1 - 40, 160);
    CHECK(rendered.find("    1 | ..." + shown + "...\n") != std::string::npos);
    CHECK(rendered.find("\n      | " + std::string(3 + 40, ' ') + "^^^^^^\n") != std::string::npos);
    CHECK(rendered.size() < 400);
    // Near the start, only the end is cut.
    list.report("E0202", span_of(sources, "a (initial)"), {"a", ""});
    CHECK(render(list.items().back(), sources).find("    1 | " + line.substr(0, 160) + "...\n") !=
          std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 are shown as U+FFFD, with the caret in place",
          "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("latin1.mw", "  note \"caf\xE9 \xFF ok\"\n");
    DiagnosticList list;
    list.report("E0202", span_of(sources, "ok"), {"ok", ""});
    CHECK(render(list.items().front(), sources) ==
          "latin1.mw:1:16: error: unknown state `ok`\n"
          "    1 |   note \"caf\xEF\xBF\xBD \xEF\xBF\xBD ok\"\n"
          "      |                ^^\n");
    // The JSON form too is valid UTF-8 (nlohmann would throw on the raw bytes).
    CHECK_NOTHROW(nlohmann::json::parse(to_json(list.items().front(), sources)));
}

TEST_CASE("a source keeps its first 100 diagnostics and counts the rest", "[dsl][diagnostic]") {
    SourceSet sources;
    sources.add("many.mw", "x\n");
    sources.add("other.mw", "y\n");
    DiagnosticList list;
    for (int i = 0; i < 250; ++i) {
        list.report(i % 5 == 0 ? "E0202" : "W0101", {0, 0, 1}, {"x", ""});
    }
    list.report("E0202", {1, 0, 1}, {"y", ""});
    CHECK(list.items().size() == DiagnosticList::max_kept_per_source + 1);
    CHECK(list.count() == 251);
    CHECK(list.dropped(0).errors == 30);
    CHECK(list.dropped(0).warnings == 120);
    CHECK(list.dropped(1).errors == 0);
    CHECK(list.error_count() == 51); // kept and dropped
    CHECK(list.items().back().span.source == 1);
    // A report past the cap hands back a scratch diagnostic: labels added to it go nowhere.
    list.report("E0202", {0, 0, 1}, {"x", ""}).labels.push_back({{0, 0, 1}, "ignored"});
    CHECK(list.items().size() == DiagnosticList::max_kept_per_source + 1);
}
