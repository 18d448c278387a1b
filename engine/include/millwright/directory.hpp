// The directory: the people the engine may name as approvers, with their roles, managers, sites
// and out-of-office delegations. The host owns this knowledge, so the engine reads it through a
// small callback interface (Directory); InMemoryDirectory is the ready default, loaded from a
// JSON file (docs/directory.md) and changed one validated change at a time. Look-ups are hash
// look-ups, so they cost the same with 10 people or 100,000.
#pragma once

#include "millwright/event.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace millwright {

/// A period a person is away, with the person who acts for them meanwhile.
struct OutOfOffice {
    Timestamp from{};     ///< first instant away (inclusive)
    Timestamp to{};       ///< first instant back (exclusive); after `from`
    std::string delegate; ///< the id of the person acting for them; never the person themself
};

/// One person of the directory.
struct Person {
    std::string id;                 ///< unique, non-empty
    std::string name;               ///< display name; may be empty
    std::vector<std::string> roles; ///< in the order given, without duplicates
    std::string manager;            ///< the manager's id; empty when none
    std::string site;               ///< empty when none
    std::optional<OutOfOffice> out_of_office;
};

/// The host's directory, as the engine reads it. Implement it to serve people from the host's
/// own records. Every call is made on the engine's thread; pointers returned stay valid until the
/// directory next changes (the engine never holds them across events). Missing people are
/// answered with null or an empty list, never an exception.
class Directory {
public:
    virtual ~Directory() = default;

    /// The person with id `id`; null when there is none.
    virtual const Person* find(std::string_view id) const = 0;

    /// The people holding `role`, in ascending id order; only those at `site` when `site` is
    /// not empty. Empty when nobody holds it.
    virtual std::vector<const Person*> holders(std::string_view role,
                                               std::string_view site = {}) const = 0;

    /// The manager of person `id`; null when there is no such person or they have no manager.
    /// The default looks both up with find().
    virtual const Person* manager_of(std::string_view id) const;

    /// Who acts for person `id` at instant `at`: their standing delegate when `at` lies in
    /// their out-of-office period [from, to), otherwise null (also for an unknown person). One
    /// hop only: a delegate who is away too is not followed further. The default uses find().
    virtual const Person* delegate_for(std::string_view id, Timestamp at) const;

    /// Applies one change (a JSON object, see docs/directory.md) and returns an empty string,
    /// or returns why it was refused, starting with the JSON Pointer of the offending value
    /// within `change` (`/manager: unknown person "emp-99"`); a refused change changes nothing.
    /// The default refuses every change: the directory is read-only (the host keeps it current
    /// by its own means).
    virtual std::string apply(const nlohmann::json& change);
};

/// A directory held in memory, indexed by id and by role. Not thread-safe; movable.
class InMemoryDirectory final : public Directory {
public:
    InMemoryDirectory();
    ~InMemoryDirectory() override;
    InMemoryDirectory(InMemoryDirectory&&) noexcept;
    InMemoryDirectory& operator=(InMemoryDirectory&&) noexcept;
    InMemoryDirectory(const InMemoryDirectory&) = delete;
    InMemoryDirectory& operator=(const InMemoryDirectory&) = delete;

    /// Replaces the whole directory with `document` (`{"people":[...]}`, see docs/directory.md).
    /// Returns an empty string, or the first problem as `JSON-Pointer: reason`
    /// (`/people/3/manager: unknown person "emp-99"`), in which case nothing changed. Refused:
    /// unknown keys, wrong types, empty or duplicate ids, unknown managers or delegates, manager
    /// cycles, a person delegating to themself, an out-of-office period that does not end after
    /// it starts.
    std::string load(const nlohmann::json& document);

    /// load() from JSON text; invalid JSON is reported as `invalid JSON: ...`.
    std::string load_text(std::string_view text);

    /// How many people the directory holds.
    std::size_t size() const;

    const Person* find(std::string_view id) const override;
    std::vector<const Person*> holders(std::string_view role,
                                       std::string_view site = {}) const override;
    std::string apply(const nlohmann::json& change) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace millwright
