// "did you mean" suggestions: distance, thresholds and ties.
#include "suggest.hpp"

#include <catch2/catch.hpp>

using namespace millwright::dsl;

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[dsl][suggest]") {
    CHECK(edit_distance("field", "field") == 0);
    CHECK(edit_distance("feild", "field") == 1);
    CHECK(edit_distance("triagd", "triaged") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did_you_mean picks the closest candidate within the threshold", "[dsl][suggest]") {
    const std::vector<std::string> states{"new", "triaged", "assigned", "in_progress"};
    CHECK(did_you_mean("triagd", states) == "did you mean `triaged`?");
    CHECK(did_you_mean("inprogres", states) == "did you mean `in_progress`?");
    CHECK(did_you_mean("closed", states).empty());
    CHECK(did_you_mean("new", states).empty()); // an exact match is no suggestion
}

TEST_CASE("long names allow a third of their length in edits", "[dsl][suggest]") {
    const std::vector<std::string> names{"facilities_manager"};
    CHECK(did_you_mean("facility_managr", names) == "did you mean `facilities_manager`?");
}

TEST_CASE("short names are never replaced wholesale, and ties keep the first", "[dsl][suggest]") {
    CHECK(did_you_mean("id", {"at"}).empty());
    CHECK(did_you_mean("cat", {"bat", "hat"}) == "did you mean `bat`?");
}

TEST_CASE("quoted_list joins names for a hint", "[dsl][suggest]") {
    CHECK(quoted_list({}).empty());
    CHECK(quoted_list({"a"}) == "`a`");
    CHECK(quoted_list({"a", "b"}) == "`a` or `b`");
    CHECK(quoted_list({"a", "b", "c"}) == "`a`, `b` or `c`");
}
