// The list of builtins the DSL offers; the stdlib implements each `runtime_name`.
#include "millwright/dsl/builtins.hpp"

namespace millwright::dsl {

namespace {
using ast::TypeKind;

std::vector<Builtin> make_builtins() {
    const std::vector<TypeKind> text{TypeKind::text, TypeKind::enumeration};
    const std::vector<TypeKind> sized{TypeKind::text, TypeKind::list};
    return {
        {"length",
         "length",
         {{"value", sized}},
         TypeKind::number,
         "number of characters (bytes) of a text, or of items in a list",
         false},
        {"lower",
         "lower",
         {{"text", text}},
         TypeKind::text,
         "the text in lowercase (ASCII)",
         false},
        {"upper",
         "upper",
         {{"text", text}},
         TypeKind::text,
         "the text in uppercase (ASCII)",
         false},
        {"trim",
         "trim",
         {{"text", text}},
         TypeKind::text,
         "the text without leading and trailing white space",
         false},
        {"contains",
         "contains",
         {{"text", text}, {"part", text}},
         TypeKind::boolean,
         "whether `part` occurs in `text`",
         false},
        {"starts_with",
         "starts_with",
         {{"text", text}, {"prefix", text}},
         TypeKind::boolean,
         "whether `text` begins with `prefix`",
         false},
        // Emitted by codegen only.
        {"includes",
         "includes",
         {{"list", {TypeKind::list}}, {"value", {}}},
         TypeKind::boolean,
         "whether a list holds a value (`x in list_field`)",
         true},
        {"to_text",
         "to_text",
         {{"value", {}}, {"kind", text}},
         TypeKind::text,
         "a value as text, for string interpolation",
         true},
        {"business_time",
         "business_time",
         {{"from", {TypeKind::time}}, {"to", {TypeKind::time}}, {"calendar", text}},
         TypeKind::duration,
         "business time from `from` to `to` on the calendar named `calendar`"},
        {"add_business_time",
         "add_business_time",
         {{"from", {TypeKind::time}}, {"length", {TypeKind::duration}}, {"calendar", text}},
         TypeKind::time,
         "when `length` of business time on the calendar has passed after `from`"},
        {"is_open",
         "is_open",
         {{"at", {TypeKind::time}}, {"calendar", text}},
         TypeKind::boolean,
         "whether the calendar is open at `at`"},
        {"next_open",
         "next_open",
         {{"at", {TypeKind::time}}, {"calendar", text}},
         TypeKind::time,
         "the first open instant at or after `at` (`at` itself when open)"},
        {"money_mul",
         "money_mul",
         {{"amount", {TypeKind::money}}, {"factor", {TypeKind::number}}},
         TypeKind::money,
         "money times a number, rounded half away from zero to whole cents",
         true},
        {"money_div",
         "money_div",
         {{"amount", {TypeKind::money}}, {"divisor", {TypeKind::number}}},
         TypeKind::money,
         "money divided by a number, rounded half away from zero to whole cents",
         true},
    };
}
} // namespace

const std::vector<Builtin>& builtins() {
    static const std::vector<Builtin> list = make_builtins();
    return list;
}

const Builtin* find_builtin(const std::string& name) {
    for (const auto& builtin : builtins()) {
        if (!builtin.internal && builtin.name == name) {
            return &builtin;
        }
    }
    return nullptr;
}

} // namespace millwright::dsl
