// The grammar: PEGTL's analysis finds no rule that can loop without consuming, and per-rule
// tables pin down what each rule matches and how much it consumes.
#include "grammar.hpp"

#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

namespace g = millwright::dsl::grammar;

namespace {

struct Row {
    std::string input;
    bool matches;
    std::size_t consumed; ///< when it matches
};

/// How many bytes Rule consumes at the start of `input`; nullopt when it does not match
/// (a raised syntax error counts as no match).
template <typename Rule>
std::optional<std::size_t> consumed(const std::string& input, unsigned max_depth = 64) {
    g::line_input in(input.data(), input.data() + input.size(), max_depth);
    try {
        if (!tao::pegtl::parse<Rule, tao::pegtl::nothing, g::control>(in)) {
            return std::nullopt;
        }
    } catch (const g::syntax_error&) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(in.current() - input.data());
}

template <typename Rule>
void check_rows(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        INFO("input: \"" << row.input << "\"");
        const auto length = consumed<Rule>(row.input);
        CHECK(length.has_value() == row.matches);
        if (length && row.matches) {
            CHECK(*length == row.consumed);
        }
    }
}

/// The syntax error Rule raises on `input`.
template <typename Rule>
std::optional<g::syntax_error> error_of(const std::string& input, unsigned max_depth = 64) {
    g::line_input in(input.data(), input.data() + input.size(), max_depth);
    try {
        (void)tao::pegtl::parse<Rule, tao::pegtl::nothing, g::control>(in);
    } catch (const g::syntax_error& error) {
        return error;
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("the grammar has no rule that can loop without progress", "[dsl][grammar]") {
    CHECK(tao::pegtl::analyze<g::file>(-1) == 0);
    CHECK(tao::pegtl::analyze<g::line>(-1) == 0);
    CHECK(tao::pegtl::analyze<g::top_line>(-1) == 0);
    CHECK(tao::pegtl::analyze<g::matrix_line>(-1) == 0);
    CHECK(tao::pegtl::analyze<g::calendar_line>(-1) == 0);
    CHECK(tao::pegtl::analyze<g::sla_line>(-1) == 0);
}

TEST_CASE("identifiers exclude reserved words but not names that start with one",
          "[dsl][grammar]") {
    check_rows<g::identifier>({
        {"triaged", true, 7},
        {"P1", true, 2},
        {"_x9 rest", true, 3},
        {"end", false, 0},
        {"ending", true, 6},
        {"in_progress", true, 11},
        {"not", false, 0},
        {"9lives", false, 0},
    });
}

TEST_CASE("event names may be reserved words except enter and leave", "[dsl][grammar]") {
    check_rows<g::event_name>({
        {"assign:", true, 6},
        {"complete  :", true, 10},
        {"enter", false, 0},
        {"leave", false, 0},
    });
}

TEST_CASE("numeric literals take the longest shape", "[dsl][grammar]") {
    check_rows<g::timestamp_literal>({
        {"2026-11-22T10:00:00Z", true, 20},
        {"2026-11-22T10:00:00.5+01:00 x", true, 27},
        {"2026-11-22T10:00", true, 16},
        {"2026-11-22", false, 0},
    });
    check_rows<g::date_literal>({
        {"2026-11-22", true, 10},
        {"2026-11-22 - 1d", true, 10},
        {"2026-11-22x", false, 0},
        {"26-11-22", false, 0},
    });
    check_rows<g::duration_compact>({
        {"4h", true, 2},
        {"4h30m", true, 5},
        {"90s)", true, 3},
        {"2days", false, 0},
        {"4", false, 0},
    });
    check_rows<g::duration_spelled>({
        {"3 days", true, 6},
        {"1 week,", true, 6},
        {"2  hours", true, 8},
        {"3 dayz", false, 0},
        {"3 daysx", false, 0},
    });
    check_rows<g::number_literal>({
        {"12", true, 2},
        {"12.5 ", true, 4},
        {"1.2.3", false, 0},
        {"12abc", false, 0},
    });
    check_rows<g::malformed_literal>({
        {"12abc", true, 5},
        {"1.2.3 x", true, 5},
    });
}

TEST_CASE("strings keep escapes and braces, and stop at the closing quote", "[dsl][grammar]") {
    check_rows<g::string_literal>({
        {R"("work order {id} done" x)", true, 22},
        {R"("a \"quoted\" word")", true, 19},
        {R"("")", true, 2},
        {"\"open", false, 0},
        {R"("bad \q")", false, 0},
        {"abc", false, 0},
    });
}

TEST_CASE("an unterminated string raises E0102 at its opening quote", "[dsl][grammar]") {
    const std::string input = "x \"open";
    const auto error = error_of<g::seq<g::blanks, g::tok<g::identifier>, g::string_literal>>(input);
    REQUIRE(error);
    CHECK(error->kind == g::error_kind::unterminated_string);
    CHECK(error->start - input.data() == 2);
    CHECK(error->at - input.data() == 7);
}

TEST_CASE("expressions consume operators, not what follows them", "[dsl][grammar]") {
    check_rows<g::expression>({
        {"cost <= 1000", true, 12},
        {"cost > 1000, notify x", true, 11},
        {"a and not b or c in [1, 2]", true, 26},
        {"x not in list_field requires y", true, 20},
        {"-(a + b) * 2", true, 12},
        {"lower(x) = \"y\"", true, 14},
        {"data.technician", true, 15},
        {"now - 3 days > due", true, 18},
        {"a -> b", true, 2},
        {"", false, 0},
        {"and", false, 0},
    });
}

TEST_CASE("a chained comparison is an error naming `and` or `or`", "[dsl][grammar]") {
    const auto error = error_of<g::expression>("a < b < c");
    REQUIRE(error);
    CHECK(error->kind == g::error_kind::expected);
    CHECK(std::string(error->what) == "`and` or `or`");
}

TEST_CASE("nesting deeper than the limit raises too_deep instead of recursing", "[dsl][grammar]") {
    const std::string parens = std::string(100000, '(') + "x" + std::string(100000, ')');
    auto error = error_of<g::expression>(parens);
    REQUIRE(error);
    CHECK(error->kind == g::error_kind::too_deep);

    std::string nots;
    for (int i = 0; i < 100000; ++i) {
        nots += "not ";
    }
    error = error_of<g::expression>(nots + "x");
    REQUIRE(error);
    CHECK(error->kind == g::error_kind::too_deep);

    CHECK(consumed<g::expression>("((((x))))", 5) == 9u);
    CHECK_FALSE(consumed<g::expression>("((((x))))", 4));
}

TEST_CASE("field types: scalars, lists and enumerations of two or more", "[dsl][grammar]") {
    check_rows<g::type_ref>({
        {"text", true, 4},
        {"bool = false", true, 5},
        {"list of text", true, 12},
        {"list of low | high", true, 18},
        {"high | medium | low = medium", true, 20},
        {"high", false, 0},
        {"list text", false, 0},
    });
}

TEST_CASE("statements match whole, up to the end of their line", "[dsl][grammar]") {
    check_rows<g::statement>({
        {"workflow corrective \"Corrective\" # c", true, 33},
        {"field asset : text, required", true, 28},
        {"field cost : money = 0, required", true, 32},
        {"field cost : money, required = 0", true, 32},
        {"states new (initial), done (final)", true, 34},
        {"states a,\n  # comment\n  b (initial, final)", true, 42},
        {"on assign: triaged -> assigned when cost <= 1000", true, 48},
        {"on assign:", true, 10},
        {"on enter on_hold: set n = n + 1, note \"x\"", true, 41},
        {"any except closed, cancelled -> cancelled", true, 41},
        {"a -> b requires notes, parts, notify requester \"done\"", true, 53},
        // `start CHAIN` after a requires list starts the chain; a field called `start` is
        // still a required field.
        {"a -> b requires technician, start spend", true, 39},
        {"a -> b requires notes, start", true, 28},
        {"a -> b requires start, notes, start spend, notify requester \"x\"", true, 63},
        {"assign to role dispatch", true, 23},
        {"end", true, 3},
        {"field x number", false, 0},
        {"a b", false, 0},
        {"end now", false, 0},
    });
}

TEST_CASE("a line is blank, or one statement and its end of line", "[dsl][grammar]") {
    check_rows<g::line>({
        {"   # just a comment\nnext", true, 20},
        {"\n", true, 1},
        {"", true, 0},
        {"  end  # done\r\nnext", true, 15},
        {"  @", false, 0},
    });
    check_rows<g::top_line>({
        {"workflow w\n", true, 11},
        {"field x : text\n", false, 0},
        {"priorities P1, P2\n", true, 18},
        {"matrix m(a: x | y)\n", true, 19},
    });
}

TEST_CASE("timers, calendar lines and SLA lines", "[dsl][grammar]") {
    check_rows<g::timer_stmt>({
        {"after 3 days in new:", true, 20},
        {"after 3 business days on office in new: -> late", true, 47},
        {"after 4h30m business in new: note \"x\", -> late", true, 46},
        {"after -> x", false, 0},
        {"after 3 in new:", false, 0},
    });
    check_rows<g::calendar_row_stmt>({
        {"mon-fri 08:00-12:00, 13:00-17:00", true, 32},
        {"every day 00:00-24:00", true, 21},
        {"saturday 9:00-12:00", true, 19},
        {"holidays 2026-12-25, 2027-01-01", true, 31},
        {"every 25 december", true, 17},
        {"every last monday of may", true, 24},
        {"closed 2026-11-27 12:00-17:00", true, 29},
        {"closed 2026-11-27", true, 17},
        {"mon 0800-1200", false, 0},
        {"every 4th thursday november", false, 0},
    });
    check_rows<g::sla_row_stmt>({
        {"P1 response 1h, resolution 4h", true, 29},
        {"P2 response 4 business hours on office, resolution 2 days", true, 57},
        {"response stops at assigned", true, 26},
        {"resolution starts at triaged, assigned", true, 38},
        {"pause while on_hold", true, 19},
        {"warn at 75%", true, 11},
        {"P1 response 1h", false, 0},
        {"warn at 75", false, 0},
    });
}

TEST_CASE("priorities, matrices and priority lines", "[dsl][grammar]") {
    check_rows<g::priorities_stmt>({
        {"priorities P1 \"Critical\", P2", true, 28},
        {"priorities P1,\n  P2", true, 19},
        {"priorities -> x", false, 0},
        {"priorities", false, 0},
    });
    check_rows<g::matrix_stmt>({
        {"matrix m(a: x | y, b: z)", true, 24},
        {"matrix m (a: x)  ", true, 17},
        {"matrix -> x", false, 0},
        {"matrix m", false, 0},
    });
    check_rows<g::matrix_row_stmt>({
        {"urgency: high  low", true, 18},
        {"impact high: P1 P2", true, 18},
        {"site hq, impact high: P1", true, 24},
        {"impact high:", true, 12},
        {"impact high P1", false, 0},
    });
    check_rows<g::priority_stmt>({
        {"priority = m(a, b)", true, 18},
        {"priority = m (a)", true, 16},
        {"priority = P1", true, 13},
        {"priority -> x", false, 0},
        {"priority = m(a", false, 0},
    });
    check_rows<g::override_stmt>({
        {"but P1 when a = b", true, 17},
        {"but -> x", false, 0},
        {"but, x -> y", false, 0},
        {"but P1 if a", false, 0},
    });
}

TEST_CASE("decision-table statements and rows", "[dsl][grammar][table]") {
    check_rows<g::table_stmt>({
        {"table t(a: x | y, b: bool) -> o, p hit first", true, 44},
        {"table t(a: x)\n   -> o\n   hit collect", true, 36},
        {"table t(a: x) -> o hit unique  ", true, 31},
        {"table t(a: x) -> o", false, 0},
        {"table t(a: x) -> o hit any", false, 0},
        {"table -> x", false, 0},
    });
    check_rows<g::table_row_stmt>({
        {"a x, b -: one, \"two\"", true, 20},
        {"a x | y: one", true, 12},
        {"a not x | y, b true: one", true, 24},
        {"b false: one", true, 12},
        {"a x: ", false, 0},
        {"a x one", false, 0},
        {"a: one", false, 0},
    });
    check_rows<g::action>({
        {"classify with routing", true, 21},
        {"classify -> x", false, 0},
        {"classify with", false, 0},
    });
}
