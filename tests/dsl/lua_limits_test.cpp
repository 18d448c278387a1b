// Joining many pieces within Lua's parser depth and register limits (dsl/src/lua_limits.cpp).
#include "lua_limits.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using millwright::dsl::detail::concat_group;
using millwright::dsl::detail::concat_tree;

namespace {

std::vector<std::string> pieces(std::size_t count) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < count; ++i) {
        parts.push_back("p" + std::to_string(i));
    }
    return parts;
}

/// The deepest nesting of parentheses in `text`.
int depth(const std::string& text) {
    int deepest = 0;
    int open = 0;
    for (char c : text) {
        open += c == '(' ? 1 : c == ')' ? -1 : 0;
        deepest = std::max(deepest, open);
    }
    return deepest;
}

} // namespace

TEST_CASE("up to a group's worth of pieces are joined flat", "[dsl][lua_limits]") {
    CHECK(concat_tree({"a"}) == "a");
    CHECK(concat_tree({"a", "b", "c"}) == "a .. b .. c");
    CHECK(concat_tree(pieces(concat_group)).find('(') == std::string::npos);
}

TEST_CASE("more pieces are joined as parenthesised groups, in order", "[dsl][lua_limits]") {
    CHECK(concat_tree(pieces(17)) ==
          "(p0 .. p1 .. p2 .. p3 .. p4 .. p5 .. p6 .. p7 .. p8 .. p9 .. p10 .. p11 .. p12 .. p13 "
          ".. p14 .. p15) .. p16");
    // However many pieces, the nesting grows with the logarithm of their count, and every
    // piece appears once, in order.
    for (const std::size_t count : {100u, 4096u, 100'000u}) {
        INFO(count);
        const std::string text = concat_tree(pieces(count));
        CHECK(depth(text) <= 5);
        std::size_t from = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string piece = "p" + std::to_string(i);
            from = text.find(piece, from);
            REQUIRE(from != std::string::npos);
            from += piece.size();
            REQUIRE((from == text.size() || text[from] == ' ' || text[from] == ')'));
        }
    }
}
