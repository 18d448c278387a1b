// The asset directory: the things preventive maintenance is done on (air handlers, fire
// extinguishers, trucks), each with its class, site, criticality, time zone, the last completion
// of each PM rule's work on it, and whatever other fields the host keeps. PM rules select assets
// with a predicate over those fields. The host owns the records, so the engine reads them through
// a small callback interface (AssetDirectory); InMemoryAssets is the ready default, loaded from
// a JSON document or JSON Lines (docs/assets.md) and changed one validated change at a time.
// Records stay flat (values are scalars or lists of scalars) so that every field reads as
// `asset.KEY` in a rule and a record can never be nested deep enough to hurt.
#pragma once

#include "millwright/event.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace millwright {

/// One asset of the directory. The typed members are read from the record's keys of the same
/// meaning; `fields` keeps the whole record for rules that read other keys.
struct Asset {
    std::string id;          ///< unique, non-empty
    std::string asset_class; ///< the record's `class` ("AHU"); empty when none
    std::string site;        ///< empty when none
    std::string criticality; ///< as the host grades it ("high"); empty when none
    /// An IANA zone name the time zone database knows ("Europe/Berlin"); empty when none.
    std::string time_zone;
    /// The last completion of each PM rule's work on this asset, keyed by the rule's name, in
    /// ascending name order, each name once (from the record's `last_done`; a date there is
    /// its midnight in `time_zone`, UTC when none). Schedules that run
    /// "after last completion" start from it; a rule without an entry has no completion yet.
    std::vector<std::pair<std::string, Timestamp>> last_done;
    /// The record as given: a JSON object with every key, those above included (`class` under
    /// its own name, `last_done` as its texts), but never a change's `change` key. Its values
    /// are strings, numbers, booleans, null or arrays of those.
    nlohmann::json fields = nlohmann::json::object();

    /// The last completion of rule `rule`'s PM on this asset; no value when none is recorded.
    /// A binary search of `last_done`.
    std::optional<Timestamp> last_done_for(std::string_view rule) const;
};

/// The host's asset directory, as the engine reads it. Implement it to serve assets from the
/// host's own records. Every call is made on the engine's thread; pointers and references
/// handed out stay valid until the directory next changes (the engine never holds them across
/// events). A missing asset is answered with null, never an exception.
class AssetDirectory {
public:
    virtual ~AssetDirectory() = default;

    /// The asset with id `id`; null when there is none.
    virtual const Asset* find(std::string_view id) const = 0;

    /// Calls `visit` once for every asset, in ascending id order (byte order). `visit` must not
    /// change the directory. The engine enrolls every asset in the PM rules this way when it is
    /// given the directory.
    virtual void for_each(const std::function<void(const Asset&)>& visit) const = 0;

    /// How many assets the directory holds.
    virtual std::size_t size() const = 0;

    /// Applies one change (a JSON object, see docs/assets.md) and returns an empty string, or
    /// returns why it was refused, starting with the JSON Pointer of the offending value within
    /// `change` (`/id: unknown asset "AHU-9"`); a refused change changes nothing. The default
    /// refuses every change: the directory is read-only (the host keeps it current by its own
    /// means).
    virtual std::string apply(const nlohmann::json& change);
};

/// An asset directory held in memory, indexed by id (a hash) and kept in id order for
/// for_each. Not thread-safe; movable.
class InMemoryAssets final : public AssetDirectory {
public:
    InMemoryAssets();
    ~InMemoryAssets() override;
    InMemoryAssets(InMemoryAssets&&) noexcept;
    InMemoryAssets& operator=(InMemoryAssets&&) noexcept;
    InMemoryAssets(const InMemoryAssets&) = delete;
    InMemoryAssets& operator=(const InMemoryAssets&) = delete;

    /// Replaces every asset with those of `document` (`{"assets":[...]}`, see docs/assets.md).
    /// Returns an empty string, or the first problem as `JSON-Pointer: reason`
    /// (`/assets/2/id: duplicate asset "AHU-1" (also /assets/0)`), in which case nothing
    /// changed. Refused: a record that is not an object, a missing, empty or duplicate id, a
    /// `class`, `site` or `criticality` that is not a string or null, a `time_zone` the time
    /// zone database does not know, a `last_done` that is not an object of RFC 3339 times or
    /// YYYY-MM-DD dates, and any other key whose value is an object or a list holding lists or
    /// objects.
    std::string load(const nlohmann::json& document);

    /// load() from text: either that JSON document, or JSON Lines (one asset record per line,
    /// blank lines allowed). The text is JSON Lines when its first non-blank line is on its own
    /// a JSON object with an `id` or without an `assets` key. A problem on a line is reported
    /// with its number (`line 3: /class: expected a string or null, got number`); invalid JSON
    /// as `invalid JSON: ...`. Nothing changes unless every record is valid.
    std::string load_text(std::string_view text);

    std::size_t size() const override;
    const Asset* find(std::string_view id) const override;
    void for_each(const std::function<void(const Asset&)>& visit) const override;
    std::string apply(const nlohmann::json& change) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace millwright
