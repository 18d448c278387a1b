// InMemoryAssets: assets by id in a node-based hash map (so Asset pointers survive rehashing),
// plus an ordered index over the same entries for for_each, so enrolling every asset walks them
// in id order without sorting each time; the price is a tree insert per add and retire. Every
// record and change is read completely into a scratch Asset before anything is written, which is
// how a refused load or change leaves the directory as it was.
//
// Depth: nlohmann parses and destroys values without recursion, but copies and prints them
// recursively, so a record is copied into `fields` only once its values are known to be flat
// (scalars, or lists of scalars) and a reason never prints a value other than a string. A
// value nested 100,000 deep is refused with a reason rather than overflowing the stack.
#include "millwright/assets.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "millwright/stdlib/format.hpp"
#include "millwright/stdlib/local_time.hpp"
#include "records.hpp"

namespace millwright {

std::optional<Timestamp> Asset::last_done_for(std::string_view rule) const {
    const auto it = std::lower_bound(
        last_done.begin(), last_done.end(), rule,
        [](const auto& entry, std::string_view name) { return entry.first < name; });
    if (it == last_done.end() || it->first != rule) {
        return std::nullopt;
    }
    return it->second;
}

std::string AssetDirectory::apply(const nlohmann::json&) {
    return "this asset directory is read-only: its host keeps it current";
}

namespace {

using detail::json_quoted;
using detail::longer_than;
using detail::max_record_list_items;
using detail::max_record_name_bytes;
using detail::max_record_text_bytes;
using detail::pointer_token;
using detail::TextMap;
using nlohmann::json;

constexpr const char* flat_values =
    "an asset's values are text, numbers, true/false or lists of them";
constexpr const char* flat_lists =
    "an asset's lists hold text, numbers, true/false or null, not lists or objects";

std::string type_name(const json& value) {
    return value.type_name();
}

/// `reason` about the value at `where`, or about the whole record when `where` is empty.
std::string at(const std::string& where, const std::string& reason) {
    return where.empty() ? reason : where + ": " + reason;
}

bool is_scalar(const json& value) {
    return value.is_null() || value.is_string() || value.is_boolean() || value.is_number();
}

// The value readers below return a reason without the value's own JSON Pointer (": expected
// ...", or "/1: ..." for a part of it); the caller puts the pointer in front only when there is
// a problem, so a valid record costs no pointer text at all.

/// A string, or null for none.
std::string read_text(const json& value, std::string& out) {
    if (value.is_null()) {
        out.clear();
        return {};
    }
    if (!value.is_string()) {
        return ": expected a string or null, got " + type_name(value);
    }
    const auto& text = value.get_ref<const std::string&>();
    if (auto problem = longer_than(text, max_record_name_bytes); !problem.empty()) {
        return problem;
    }
    out = text;
    return {};
}

/// Whether the time zone database knows `name` (false too when there is no database at all).
bool is_known_zone(const std::string& name) {
    return stdlib::LocalZone::locate(name).has_value();
}

/// A zone name the time zone database knows, or null for none.
std::string read_zone(const json& value, std::string& out) {
    if (auto problem = read_text(value, out); !problem.empty()) {
        return problem;
    }
    if (!value.is_null() && !is_known_zone(out)) {
        return ": unknown time zone " + json_quoted(out);
    }
    return {};
}

/// An RFC 3339 time, or a YYYY-MM-DD date, which stands for its midnight in `zone` (the asset's
/// time zone; UTC when it has none): a host that records completions by day has no time of day
/// to give, and schedules that count days from a completion count the asset's local days.
std::string read_instant(const json& value, const std::string& zone, Timestamp& out) {
    constexpr const char* expected = ": expected an RFC 3339 time or a YYYY-MM-DD date, got ";
    if (!value.is_string()) {
        return expected + type_name(value);
    }
    const auto& text = value.get_ref<const std::string&>();
    if (const auto ms = stdlib::parse_time(text)) {
        out = Timestamp(std::chrono::milliseconds(*ms));
        return {};
    }
    if (const auto days = stdlib::parse_date(text)) {
        out = std::chrono::sys_days(std::chrono::days(*days));
        if (const auto local = zone.empty() ? std::nullopt : stdlib::LocalZone::locate(zone)) {
            if (const auto midnight = local->at(*days, 0, stdlib::RecurrenceSkip::forward)) {
                out = *midnight;
            }
        }
        return {};
    }
    return expected + json_quoted(text);
}

/// `{"rule name": time, ...}`, or null for none.
std::string read_last_done(const json& value, const std::string& zone,
                           std::vector<std::pair<std::string, Timestamp>>& out) {
    out.clear();
    if (value.is_null()) {
        return {};
    }
    if (!value.is_object()) {
        return ": expected an object from PM rule names to times, got " + type_name(value);
    }
    // nlohmann::json keeps an object's keys in ascending order: the order last_done promises.
    for (const auto& [rule, when] : value.items()) {
        if (rule.empty()) {
            return "/: a PM rule's name cannot be empty";
        }
        if (rule.size() > max_record_name_bytes) { // not repeated in the reason: too long
            return "/: a PM rule's name of at most " + std::to_string(max_record_name_bytes) +
                   " bytes, got " + std::to_string(rule.size());
        }
        Timestamp instant;
        if (auto problem = read_instant(when, zone, instant); !problem.empty()) {
            return "/" + pointer_token(rule) + problem;
        }
        out.emplace_back(rule, instant);
    }
    return {};
}

/// Reads `last_done` again once the record's time zone is known (keys come in name order, and
/// `last_done` before `time_zone`), so that its dates are the asset's local midnights.
void dates_in_own_zone(const json& record, Asset& asset) {
    if (const auto found = record.find("last_done"); found != record.end()) {
        read_last_done(*found, asset.time_zone, asset.last_done); // checked already
    }
}

/// A value rules read as `asset.KEY`: a scalar or a list of scalars. Checked without
/// recursion: the first nested value found is refused, however deep it goes.
std::string check_flat(const json& value) {
    const auto capped = [](const json& scalar) {
        return scalar.is_string()
                   ? longer_than(scalar.get_ref<const std::string&>(), max_record_text_bytes)
                   : std::string();
    };
    if (is_scalar(value)) {
        return capped(value);
    }
    if (!value.is_array()) {
        return std::string(": ") + flat_values;
    }
    if (value.size() > max_record_list_items) {
        return ": a list of at most " + std::to_string(max_record_list_items) + " items, got " +
               std::to_string(value.size());
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!is_scalar(value[i])) {
            return "/" + std::to_string(i) + ": " + flat_lists;
        }
        if (auto problem = capped(value[i]); !problem.empty()) {
            return "/" + std::to_string(i) + problem;
        }
    }
    return {};
}

/// Reads the value of record key `key` (not `id`) into the member it feeds, if any, and checks
/// that it is flat.
std::string read_key(const std::string& key, const json& value, Asset& asset) {
    if (key == "class") {
        return read_text(value, asset.asset_class);
    }
    if (key == "site") {
        return read_text(value, asset.site);
    }
    if (key == "criticality") {
        return read_text(value, asset.criticality);
    }
    if (key == "time_zone") {
        return read_zone(value, asset.time_zone);
    }
    if (key == "last_done") {
        return read_last_done(value, asset.time_zone, asset.last_done);
    }
    return check_flat(value);
}

/// Reads a whole record into `asset`, all but its `fields`, which the caller fills once this
/// has found the record flat (copying or moving it, as it can). The record is a file's
/// (`where` is its JSON Pointer, empty for a line of JSON Lines), or an add change's (`skip`
/// is "change", the key that names the change).
std::string read_record(const json& record, const std::string& where, std::string_view skip,
                        Asset& asset) {
    if (!record.is_object()) {
        return at(where, "expected an object, got " + type_name(record));
    }
    const auto id = record.find("id");
    if (id == record.end()) {
        return at(where, "missing id");
    }
    if (!id->is_string()) {
        return where + "/id: expected a string, got " + type_name(*id);
    }
    if (id->get_ref<const std::string&>().empty()) {
        return where + "/id: expected a non-empty string";
    }
    if (auto problem = longer_than(id->get_ref<const std::string&>(), max_record_name_bytes);
        !problem.empty()) {
        return where + "/id" + problem;
    }
    asset.id = id->get<std::string>();
    for (const auto& [key, value] : record.items()) {
        if (key == "id" || key == skip) {
            continue;
        }
        if (auto problem = read_key(key, value, asset); !problem.empty()) {
            return where + "/" + pointer_token(key) + problem;
        }
    }
    dates_in_own_zone(record, asset);
    return {};
}

/// The records of one load, read one at a time; nothing is installed until all are read.
struct Batch {
    bool lines = false; ///< JSON Lines (records named by line) rather than a document
    std::vector<Asset> assets;
    TextMap<std::size_t> origins; ///< id -> the line, or index in `assets`, that gave it first

    std::string origin(std::size_t position) const {
        return (lines ? "line " : "/assets/") + std::to_string(position);
    }

    /// Reads the record at `position` (a line number or an index) and keeps it, without its
    /// fields, or returns the problem.
    std::string take(const json& record, std::size_t position) {
        const std::string where = lines ? std::string() : origin(position);
        Asset asset;
        if (auto problem = read_record(record, where, {}, asset); !problem.empty()) {
            return problem;
        }
        const auto [it, fresh] = origins.emplace(asset.id, position);
        if (!fresh) {
            return where + "/id: duplicate asset " + json_quoted(asset.id) + " (also " +
                   origin(it->second) + ")";
        }
        assets.push_back(std::move(asset));
        return {};
    }
};

/// Reads a `{"assets":[...]}` document's records into `batch`, without their fields.
std::string read_document(const json& document, Batch& batch) {
    std::string problem;
    const json* list = detail::record_list(document, "assets", problem);
    if (list == nullptr) {
        return problem;
    }
    batch.assets.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (problem = batch.take((*list)[i], i); !problem.empty()) {
            return problem;
        }
    }
    return {};
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Splits off the first line of `text` (without its '\n'); `text` keeps the rest.
std::string_view next_line(std::string_view& text) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    return line;
}

/// The first line of `text` that is not blank; `text` keeps what follows it.
std::string_view first_filled_line(std::string_view& text) {
    while (!text.empty()) {
        if (const auto line = next_line(text); !is_blank(line)) {
            return line;
        }
    }
    return {};
}

/// nlohmann's reason for one line of JSON Lines, which it always places on line 1.
std::string line_parse_error(const json::exception& error) {
    std::string what = detail::parse_error_text(error);
    constexpr std::string_view own_line = "at line 1, column";
    if (const auto found = what.find(own_line); found != std::string::npos) {
        what.replace(found, own_line.size(), "at column");
    }
    return "invalid JSON: " + what;
}

/// Reads every non-blank line of `text` into `batch`; a problem is prefixed with its line.
std::string read_lines(std::string_view text, Batch& batch) {
    std::size_t number = 0;
    while (!text.empty()) {
        const std::string_view line = next_line(text);
        ++number;
        if (is_blank(line)) {
            continue;
        }
        const std::string label = batch.origin(number);
        json record;
        try {
            record = json::parse(line);
        } catch (const json::exception& error) {
            return label + ": " + line_parse_error(error);
        }
        if (auto problem = batch.take(record, number); !problem.empty()) {
            return label + ": " + problem;
        }
        batch.assets.back().fields = std::move(record); // flat: take() checked it
    }
    return {};
}

} // namespace

struct InMemoryAssets::Impl {
    TextMap<Asset> assets;
    /// The same assets in ascending id order. The keys view the hash map's own keys, which
    /// live exactly as long as their entries.
    std::map<std::string_view, const Asset*> in_order;

    void insert(Asset asset) {
        std::string id = asset.id;
        const auto [it, fresh] = assets.emplace(std::move(id), std::move(asset));
        in_order.emplace(it->first, &it->second);
    }

    void replace_all(std::vector<Asset> loaded) {
        Impl fresh;
        fresh.assets.reserve(loaded.size());
        for (auto& asset : loaded) {
            fresh.insert(std::move(asset));
        }
        *this = std::move(fresh); // moving node-based containers keeps every entry in place
    }

    std::string add(const json& change);
    std::string update(const json& change);
    std::string retire(const json& change);
    /// The existing asset `change` names in its `id`, or null with `problem` set.
    Asset* named(const json& change, std::string& problem);
};

InMemoryAssets::InMemoryAssets() : impl_(std::make_unique<Impl>()) {}
InMemoryAssets::~InMemoryAssets() = default;
InMemoryAssets::InMemoryAssets(InMemoryAssets&&) noexcept = default;
InMemoryAssets& InMemoryAssets::operator=(InMemoryAssets&&) noexcept = default;

std::size_t InMemoryAssets::size() const {
    return impl_->assets.size();
}

const Asset* InMemoryAssets::find(std::string_view id) const {
    const auto it = impl_->assets.find(id);
    return it == impl_->assets.end() ? nullptr : &it->second;
}

void InMemoryAssets::for_each(const std::function<void(const Asset&)>& visit) const {
    for (const auto& [id, asset] : impl_->in_order) {
        visit(*asset);
    }
}

std::string InMemoryAssets::load(const json& document) {
    Batch batch;
    if (auto problem = read_document(document, batch); !problem.empty()) {
        return problem;
    }
    const auto& list = document["assets"];
    for (std::size_t i = 0; i < list.size(); ++i) {
        batch.assets[i].fields = list[i]; // flat: read_document checked it
    }
    impl_->replace_all(std::move(batch.assets));
    return {};
}

std::string InMemoryAssets::load_text(std::string_view text) {
    std::string_view rest = text;
    json document = json::parse(first_filled_line(rest), nullptr, false);
    Batch batch;
    if (document.is_object() && (document.contains("id") || !document.contains("assets"))) {
        batch.lines = true;
        if (auto problem = read_lines(text, batch); !problem.empty()) {
            return problem;
        }
        impl_->replace_all(std::move(batch.assets));
        return {};
    }
    // A document: on one line it is parsed already, otherwise parse all of it.
    if (document.is_discarded() || !is_blank(rest)) {
        try {
            document = json::parse(text);
        } catch (const json::exception& error) {
            return "invalid JSON: " + detail::parse_error_text(error);
        }
    }
    if (auto problem = read_document(document, batch); !problem.empty()) {
        return problem;
    }
    auto& list = document["assets"];
    for (std::size_t i = 0; i < list.size(); ++i) {
        batch.assets[i].fields = std::move(list[i]); // flat: read_document checked it
    }
    impl_->replace_all(std::move(batch.assets));
    return {};
}

std::string InMemoryAssets::apply(const json& change) {
    std::string problem;
    const std::string* kind = detail::change_name(change, problem);
    if (kind == nullptr) {
        return problem;
    }
    const std::string& name = *kind;
    if (name == "add") {
        return impl_->add(change);
    }
    if (name == "update") {
        return impl_->update(change);
    }
    if (name == "retire") {
        return impl_->retire(change);
    }
    return "/change: unknown change " + json_quoted(name) + "; expected add, update or retire";
}

Asset* InMemoryAssets::Impl::named(const json& change, std::string& problem) {
    const std::string* id = detail::change_id(change, problem);
    if (id == nullptr) {
        return nullptr;
    }
    const auto it = assets.find(*id);
    if (it == assets.end()) {
        problem = "/id: unknown asset " + json_quoted(*id);
        return nullptr;
    }
    return &it->second;
}

std::string InMemoryAssets::Impl::add(const json& change) {
    Asset asset;
    if (auto problem = read_record(change, "", "change", asset); !problem.empty()) {
        return problem;
    }
    if (assets.find(asset.id) != assets.end()) {
        return "/id: asset " + json_quoted(asset.id) + " is already in the directory";
    }
    asset.fields = change; // flat: read_record checked it
    asset.fields.erase("change");
    insert(std::move(asset));
    return {};
}

std::string InMemoryAssets::Impl::update(const json& change) {
    std::string problem;
    Asset* current = named(change, problem);
    if (current == nullptr) {
        return problem;
    }
    Asset asset = *current;
    for (const auto& [key, value] : change.items()) {
        if (key == "change" || key == "id") {
            continue;
        }
        if (problem = read_key(key, value, asset); !problem.empty()) {
            return "/" + pointer_token(key) + problem;
        }
        if (value.is_null()) {
            asset.fields.erase(key);
        } else {
            asset.fields[key] = value; // flat: read_key checked it
        }
    }
    dates_in_own_zone(asset.fields, asset);
    *current = std::move(asset); // same id, so the hash map and the id order stay as they are
    return {};
}

std::string InMemoryAssets::Impl::retire(const json& change) {
    for (const auto& [key, value] : change.items()) {
        if (key != "change" && key != "id") {
            return "/" + pointer_token(key) + ": unknown key (expected id)";
        }
    }
    std::string problem;
    const Asset* current = named(change, problem);
    if (current == nullptr) {
        return problem;
    }
    const auto it = assets.find(current->id);
    in_order.erase(it->first);
    assets.erase(it);
    return {};
}

} // namespace millwright
