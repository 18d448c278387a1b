// Joining many pieces within Lua's parser depth and register limits (see lua_limits.hpp).
#include "lua_limits.hpp"

#include <algorithm>
#include <cstddef>

namespace millwright::dsl::detail {

namespace {

std::string flat(const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        text += (i == 0 ? "" : " .. ") + parts[i];
    }
    return text;
}

} // namespace

std::string concat_tree(const std::vector<std::string>& parts) {
    if (parts.size() <= concat_group) {
        return flat(parts);
    }
    // Each group becomes one parenthesised piece of the level above, until one level fits.
    std::vector<std::string> groups;
    for (std::size_t first = 0; first < parts.size(); first += concat_group) {
        const std::size_t last = std::min(parts.size(), first + concat_group);
        const std::vector<std::string> group(parts.begin() + static_cast<std::ptrdiff_t>(first),
                                             parts.begin() + static_cast<std::ptrdiff_t>(last));
        groups.push_back(group.size() == 1 ? group.front() : "(" + flat(group) + ")");
    }
    return concat_tree(groups);
}

} // namespace millwright::dsl::detail
