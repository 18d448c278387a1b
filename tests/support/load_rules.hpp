// Loading rules in a test: every diagnostic becomes a test failure showing the rendered text,
// and a ruleset that did not load stops the test case.
#pragma once

#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace millwright::test {

inline std::shared_ptr<const Ruleset> load_rules_or_fail(std::string_view text,
                                                         const std::string& name) {
    auto result = load_string(text, name);
    for (const auto& diagnostic : result.diagnostics) {
        FAIL_CHECK(diagnostic.rendered);
    }
    REQUIRE(result.ok());
    return result.ruleset;
}

} // namespace millwright::test
