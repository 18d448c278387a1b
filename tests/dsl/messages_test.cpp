// The message table: every code documented in docs/diagnostics.md is there, and the texts follow the house
// rules (lowercase, one sentence, no final period).
#include "millwright/dsl/diagnostic.hpp"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

using millwright::dsl::message_table;

namespace {

std::set<std::string> table_codes() {
    std::set<std::string> codes;
    for (const auto& row : message_table()) {
        codes.insert(row.code);
    }
    return codes;
}

} // namespace

TEST_CASE("the table has every code the diagnostics reference documents", "[dsl][messages]") {
    std::ifstream file(MILLWRIGHT_SOURCE_DIR "/docs/diagnostics.md");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    const std::string spec = text.str();
    const std::regex code(R"(\b[EW]0[1-4]\d\d\b)");
    std::set<std::string> listed;
    for (auto it = std::sregex_iterator(spec.begin(), spec.end(), code);
         it != std::sregex_iterator(); ++it) {
        listed.insert(it->str());
    }
    REQUIRE(listed.size() > 20);
    const std::set<std::string> codes = table_codes();
    for (const auto& wanted : listed) {
        INFO(wanted);
        CHECK(codes.count(wanted) == 1);
    }
    CHECK(codes.size() == message_table().size()); // no code twice
}

TEST_CASE("messages are lowercase and end without a period", "[dsl][messages]") {
    for (const auto& row : message_table()) {
        INFO(row.code);
        REQUIRE_FALSE(row.message.empty());
        const char first = row.message.front();
        CHECK((!(first >= 'A' && first <= 'Z')));
        CHECK(row.message.back() != '.');
        CHECK((row.hint.empty() || row.hint.back() != '.'));
    }
}
