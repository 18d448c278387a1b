// Type checks: operators, guards, set values, defaults, builtin arguments and enum values, each
// blamed once and only when the operands' own types are known.
#include "dsl/checker_helpers.hpp"

#include <catch2/catch.hpp>

using millwright::dsl::testing::compile_text;
using millwright::dsl::testing::workflow;

namespace {

const std::string fields = "  field notes : text\n"
                           "  field cost : money\n"
                           "  field rating : number\n"
                           "  field due : time\n"
                           "  field estimate : duration\n"
                           "  field impact : high | medium | low\n"
                           "  field parts : list of text\n"
                           "  states new (initial), done (final)\n";

/// A workflow with the fields above whose only transition is guarded by `guard`.
std::string guarded(const std::string& guard) {
    return workflow(fields + "  on finish: new -> done when " + guard + "\n");
}

/// A workflow with the fields above whose only transition runs `actions`.
std::string acting(const std::string& actions) {
    return workflow(fields + "  on finish: new -> done, " + actions + "\n");
}

constexpr const char* guard_column = "10:31"; // where a guard starts in guarded()

} // namespace

TEST_CASE("well-typed guards compile", "[dsl][check]") {
    const char* guards[] = {
        "cost <= 1000",
        "1000 >= cost and rating > 2.5",
        "impact = high or impact != low",
        "impact in [high, medium] and notes not in [\"a\", \"b\"]",
        "\"filter\" in parts",
        "due < now + 2 hours and estimate >= 30m",
        "cost * 2 > cost / 3 + 5",
        "data.approved = true and data.limit > cost",
        "lower(notes + \" x\") = \"y\" and length(parts) > 0",
        "not (rating = 0) and -rating < 1",
        "contains(lower(impact), \"h\")",
        "data.count = 5 and data.level in [1, 2] and data.a = data.b",
        "data.cost > 10 + cost",
    };
    for (const char* guard : guards) {
        INFO(guard);
        auto result = compile_text(guarded(guard));
        CHECK(result->rendered() == "");
        CHECK(result->workflows.size() == 1);
    }
}

TEST_CASE("comparing text with a number is an operator type error", "[dsl][check]") {
    auto result = compile_text(guarded("notes > 5"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0301"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == guard_column);
    CHECK(diagnostic.message == "operator `>` does not apply to text and number");
}

TEST_CASE("operator errors name the operator and both types", "[dsl][check]") {
    struct Case {
        const char* guard;
        const char* op;
        const char* left;
        const char* right;
    };
    const Case cases[] = {
        {"cost = rating", "=", "money", "number"},
        {"cost + rating > 0", "+", "money", "number"},
        {"rating * cost > 0", "*", "number", "money"},
        {"due + due > now", "+", "time", "time"},
        {"notes - \"x\" = \"y\"", "-", "text", "text"},
        {"rating in parts", "in", "number", "list of text"},
        {"parts = parts", "=", "list of text", "list of text"},
        {"rating and true", "and", "number", "bool"},
    };
    for (const auto& c : cases) {
        INFO(c.guard);
        auto result = compile_text(guarded(c.guard));
        REQUIRE(result->codes() == std::vector<std::string>{"E0301"});
        CHECK(result->diagnostics.items()[0].message == std::string("operator `") + c.op +
                                                            "` does not apply to " + c.left +
                                                            " and " + c.right);
    }
}

TEST_CASE("an error inside an operand is not blamed again on the operator", "[dsl][check]") {
    auto result = compile_text(guarded("(notes > 5) and cost > \"x\""));
    CHECK(result->codes() == std::vector<std::string>{"E0301", "E0301"});
    auto unknown = compile_text(guarded("lowr(notes) = 1 and not missing"));
    CHECK(unknown->codes() == std::vector<std::string>{"E0208", "E0203"});
}

TEST_CASE("a guard must be bool", "[dsl][check]") {
    auto result = compile_text(guarded("cost + 5"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0302"});
    const auto& diagnostic = result->diagnostics.items()[0];
    CHECK(result->where(diagnostic.span) == guard_column);
    CHECK(diagnostic.message == "guard is money, not bool");
}

TEST_CASE("set value must match the field type", "[dsl][check]") {
    auto result = compile_text(acting("set notes = 5, set cost = cost + 1, set rating = due"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0303", "E0303"});
    const auto& items = result->diagnostics.items();
    CHECK(result->where(items[0].span) == "10:39");
    CHECK(items[0].message == "cannot set text field `notes` to number");
    CHECK(items[1].message == "cannot set number field `rating` to time");
}

TEST_CASE("data values take the type of what they are assigned to", "[dsl][check]") {
    auto result = compile_text(acting("set cost = data.cost, set impact = data.impact, "
                                      "set parts = data.parts, note data.reason"));
    CHECK(result->rendered() == "");
}

TEST_CASE("defaults must be constants of the field's type", "[dsl][check]") {
    auto result = compile_text(workflow("  field cost : money = \"free\"\n"
                                        "  field rating : number = 1 + 2\n"
                                        "  field start : time = now\n"
                                        "  field ok : money = 12.5\n"
                                        "  field tags : list of text = [\"a\"]\n"
                                        "  states new (initial), done (final)\n"
                                        "  on finish: new -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0304", "E0304", "E0304"});
    const auto& items = result->diagnostics.items();
    CHECK(result->where(items[0].span) == "2:24");
    CHECK(items[0].message == "default of `cost` must be a constant money");
    CHECK(result->where(items[1].span) == "3:27");
    CHECK(result->where(items[2].span) == "4:24");
}

TEST_CASE("builtin arguments are counted and typed", "[dsl][check]") {
    auto result = compile_text(guarded("length(notes, notes) > 1 and lower(cost) = \"x\""));
    REQUIRE(result->codes() == std::vector<std::string>{"E0305", "E0305"});
    const auto& items = result->diagnostics.items();
    CHECK(result->where(items[0].span) == guard_column);
    CHECK(items[0].message == "`length` takes (text or list), not (text, text)");
    CHECK(result->where(items[1].span) == "10:60");
    CHECK(items[1].message == "`lower` takes (text), not (money)");
}

TEST_CASE("unknown enum value suggests among the enumeration's values", "[dsl][check]") {
    auto result = compile_text(guarded("impact = hgh or impact in [low, meduim]"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0306", "E0306"});
    const auto& items = result->diagnostics.items();
    CHECK(result->where(items[0].span) == "10:40");
    CHECK(items[0].message == "`hgh` is not a value of field `impact`");
    CHECK(items[0].hint == "did you mean `high`?");
    CHECK(items[1].hint == "did you mean `medium`?");
}

TEST_CASE("an enum default must be one of the values", "[dsl][check]") {
    auto result = compile_text(workflow("  field impact : high | low = hihg\n"
                                        "  states new (initial), done (final)\n"
                                        "  on finish: new -> done\n"));
    REQUIRE(result->codes() == std::vector<std::string>{"E0306"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "2:31");
    CHECK(result->diagnostics.items()[0].hint == "did you mean `high`?");
}

TEST_CASE("a recipient must be a person", "[dsl][check]") {
    auto result = compile_text(acting("notify cost \"x\", assign to rating, notify actor \"ok\""));
    REQUIRE(result->codes() == std::vector<std::string>{"E0307", "E0307"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "10:34");
    CHECK(result->diagnostics.items()[0].message == "recipient is money, not a person");
}

TEST_CASE("a list cannot be written into a message, note or interpolation", "[dsl][check]") {
    auto result = compile_text(acting("note parts, notify actor \"parts: {parts}\""));
    REQUIRE(result->codes() == std::vector<std::string>{"E0308", "E0308"});
    CHECK(result->where(result->diagnostics.items()[0].span) == "10:32");
    CHECK(result->diagnostics.items()[0].message == "list of text cannot be written as text");
    CHECK(result->where(result->diagnostics.items()[1].span) == "10:61");
}
