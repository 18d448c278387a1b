// The size caps of an input (see intake.hpp).
#include "intake.hpp"

#include "records.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace millwright::detail {

namespace {

std::string bytes_over(std::string_view what, std::size_t size, std::size_t cap) {
    return std::string(what) + " is " + std::to_string(size) + " bytes long; at most " +
           std::to_string(cap) + " are accepted";
}

bool is_long_text(const InScalar& value, std::size_t cap) {
    return value.kind == InScalar::Kind::string && value.text.size() > cap;
}

} // namespace

std::string oversized_value(const EventView& event, const EngineOptions& options) {
    const std::size_t longest_id =
        std::max({event.wo.size(), event.by.size(), event.type.size(), event.workflow.size()});
    if (longest_id > options.max_id_bytes) { // rare: only now find which one
        const std::array<std::pair<std::string_view, std::string_view>, 4> ids{{
            {"`wo`", event.wo},
            {"`by`", event.by},
            {"`type`", event.type},
            {"`workflow`", event.workflow},
        }};
        for (const auto& [name, id] : ids) {
            if (id.size() > options.max_id_bytes) {
                return bytes_over(name, id.size(), options.max_id_bytes);
            }
        }
    }
    // Pointers are built only for the reason: within the caps, nothing is allocated.
    const std::size_t cap = options.max_text_bytes;
    for (const DataEntry& entry : event.data) {
        if (!entry.value.is_array) {
            if (is_long_text(entry.value.scalar, cap)) {
                return bytes_over("/data/" + pointer_token(entry.key),
                                  entry.value.scalar.text.size(), cap);
            }
            continue;
        }
        if (entry.value.count > options.max_list_items) {
            return "/data/" + pointer_token(entry.key) + " has " +
                   std::to_string(entry.value.count) + " items; at most " +
                   std::to_string(options.max_list_items) + " are accepted";
        }
        for (std::uint32_t i = 0; i < entry.value.count; ++i) {
            const InScalar& item = event.items[entry.value.first + i];
            if (is_long_text(item, cap)) {
                return bytes_over("/data/" + pointer_token(entry.key) + "/" + std::to_string(i),
                                  item.text.size(), cap);
            }
        }
    }
    return {};
}

} // namespace millwright::detail
