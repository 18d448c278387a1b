// InMemoryDirectory: people by id in a node-based hash map (so Person pointers survive rehashing),
// plus three reverse indexes kept in step with it: role -> holders, manager -> direct reports,
// delegate -> the people they act for. The reverse indexes let a change be validated by hash
// look-ups alone (a leave is refused while anyone still points at the person), so a change costs
// the same whatever the directory's size. Every change is validated completely before anything
// is written, which is how a refused change leaves the directory as it was.
#include "millwright/directory.hpp"

#include "millwright/stdlib/format.hpp"
#include "records.hpp"

#include <functional>
#include <set>
#include <unordered_set>
#include <utility>

namespace millwright {

const Person* Directory::manager_of(std::string_view id) const {
    const Person* person = find(id);
    if (person == nullptr || person->manager.empty()) {
        return nullptr;
    }
    return find(person->manager);
}

const Person* Directory::delegate_for(std::string_view id, Timestamp at) const {
    const Person* person = find(id);
    if (person == nullptr || !person->out_of_office) {
        return nullptr;
    }
    const OutOfOffice& away = *person->out_of_office;
    if (at < away.from || at >= away.to) {
        return nullptr;
    }
    return find(away.delegate);
}

std::string Directory::apply(const nlohmann::json&) {
    return "this directory is read-only: its host keeps it current";
}

namespace {

using detail::json_quoted;
using detail::longer_than;
using detail::max_record_list_items;
using detail::max_record_name_bytes;
using detail::TextMap;
using IdSet = std::set<std::string, std::less<>>;

/// A manager cycle as "a -> b -> c -> a" from the ids along it (first and last the same);
/// a long one shows its first hops, then "...", then where it closes.
std::string cycle_text(const std::vector<std::string>& chain) {
    constexpr std::size_t shown = 9;
    std::string text;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain.size() > shown + 1 && i == shown) {
            text += " -> ...";
            i = chain.size() - 1;
        }
        text += (i == 0 ? "" : " -> ") + chain[i];
    }
    return text;
}

std::string type_name(const nlohmann::json& value) {
    return value.type_name();
}

/// Reads the keys of a person object (file or change) into `person`. `allowed` limits which
/// keys may appear besides those; `prefix` is the object's JSON Pointer. Returns the problem.
std::string read_text(const nlohmann::json& value, const std::string& where, bool nullable,
                      std::string& out) {
    if (nullable && value.is_null()) {
        out.clear();
        return {};
    }
    if (!value.is_string()) {
        return where + ": expected a string" + (nullable ? " or null" : "") + ", got " +
               type_name(value);
    }
    const auto& text = value.get_ref<const std::string&>();
    if (auto problem = longer_than(text, max_record_name_bytes); !problem.empty()) {
        return where + problem;
    }
    out = text;
    return {};
}

std::string read_roles(const nlohmann::json& value, const std::string& where,
                       std::vector<std::string>& out) {
    if (!value.is_array()) {
        return where + ": expected an array of strings, got " + type_name(value);
    }
    if (value.size() > max_record_list_items) {
        return where + ": at most " + std::to_string(max_record_list_items) + " roles, got " +
               std::to_string(value.size());
    }
    out.clear();
    std::unordered_set<std::string_view> seen; // views into `value`, which outlives the loop
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto& role = value[i];
        const std::string at = where + "/" + std::to_string(i);
        if (!role.is_string() || role.get_ref<const std::string&>().empty()) {
            return at + ": expected a non-empty string, got " +
                   (role.is_string() ? std::string("\"\"") : type_name(role));
        }
        const auto& text = role.get_ref<const std::string&>();
        if (auto problem = longer_than(text, max_record_name_bytes); !problem.empty()) {
            return at + problem;
        }
        if (!seen.insert(text).second) {
            return at + ": role " + json_quoted(text) + " is listed twice";
        }
        out.push_back(text);
    }
    return {};
}

std::string read_time(const nlohmann::json& value, const std::string& where, Timestamp& out) {
    if (!value.is_string()) {
        return where + ": expected an RFC 3339 time, got " + type_name(value);
    }
    const auto ms = stdlib::parse_time(value.get_ref<const std::string&>());
    if (!ms) {
        return where + ": expected an RFC 3339 time, got " + value.dump();
    }
    out = Timestamp(std::chrono::milliseconds(*ms));
    return {};
}

/// Reads `{from, to, delegate}` at `where`; the delegate is checked for existence elsewhere.
std::string read_out_of_office(const nlohmann::json& object, const std::string& where,
                               OutOfOffice& out) {
    for (const auto& [key, value] : object.items()) {
        if (key != "from" && key != "to" && key != "delegate") {
            return where + "/" + key + ": unknown key (expected from, to, delegate)";
        }
    }
    for (const char* key : {"from", "to", "delegate"}) {
        if (!object.contains(key)) {
            return (where.empty() ? "" : where + ": ") + "missing " + key;
        }
    }
    if (auto problem = read_time(object["from"], where + "/from", out.from); !problem.empty()) {
        return problem;
    }
    if (auto problem = read_time(object["to"], where + "/to", out.to); !problem.empty()) {
        return problem;
    }
    if (out.to <= out.from) {
        return where + "/to: the period must end after it starts (" +
               object["from"].get<std::string>() + ")";
    }
    if (auto problem = read_text(object["delegate"], where + "/delegate", false, out.delegate);
        !problem.empty()) {
        return problem;
    }
    if (out.delegate.empty()) {
        return where + "/delegate: expected a person's id, got \"\"";
    }
    return {};
}

/// Reads the person keys present in `object` (id, name, roles, manager, site, and
/// out_of_office when `with_away`) into `person`; keys in `skip` are left to the caller.
/// References to other people are not checked here.
std::string read_person(const nlohmann::json& object, const std::string& where, bool with_away,
                        std::string_view skip, Person& person) {
    for (const auto& [key, value] : object.items()) {
        const std::string at = where + "/" + key;
        std::string problem;
        if (key == skip) {
            continue;
        } else if (key == "id") {
            problem = read_text(value, at, false, person.id);
            if (problem.empty() && person.id.empty()) {
                problem = at + ": expected a non-empty string";
            }
        } else if (key == "name") {
            problem = read_text(value, at, false, person.name);
        } else if (key == "roles") {
            problem = read_roles(value, at, person.roles);
        } else if (key == "manager") {
            problem = read_text(value, at, true, person.manager);
        } else if (key == "site") {
            problem = read_text(value, at, true, person.site);
        } else if (key == "out_of_office" && with_away) {
            if (value.is_null()) {
                person.out_of_office.reset();
            } else if (!value.is_object()) {
                problem = at + ": expected an object or null, got " + type_name(value);
            } else {
                OutOfOffice away;
                problem = read_out_of_office(value, at, away);
                person.out_of_office = std::move(away);
            }
        } else {
            problem = at + ": unknown key (expected id, name, roles, manager, site" +
                      (with_away ? ", out_of_office" : "") + ")";
        }
        if (!problem.empty()) {
            return problem;
        }
    }
    return {};
}

} // namespace

struct InMemoryDirectory::Impl {
    TextMap<Person> people;
    TextMap<IdSet> by_role;
    TextMap<IdSet> reports; ///< manager -> direct reports
    TextMap<IdSet> acting;  ///< delegate -> people they act for while those are away

    bool has(std::string_view id) const { return people.find(id) != people.end(); }

    /// The manager chain from `start` upwards; if it reaches `target`, the cycle text
    /// "target -> ... -> target" that setting target's manager to start would make.
    std::string cycle_through(const std::string& target, const std::string& start) const {
        std::vector<std::string> chain{target};
        std::string at = start;
        while (!at.empty()) {
            chain.push_back(at);
            if (at == target) {
                return cycle_text(chain);
            }
            const auto it = people.find(at);
            at = it == people.end() ? std::string() : it->second.manager;
        }
        return {};
    }

    static void unlink(TextMap<IdSet>& index, const std::string& key, const std::string& id) {
        if (key.empty()) {
            return;
        }
        const auto it = index.find(key);
        if (it != index.end()) {
            it->second.erase(id);
            if (it->second.empty()) {
                index.erase(it);
            }
        }
    }
    static void link(TextMap<IdSet>& index, const std::string& key, const std::string& id) {
        if (!key.empty()) {
            index[key].insert(id);
        }
    }

    void insert(Person person) {
        for (const auto& role : person.roles) {
            link(by_role, role, person.id);
        }
        link(reports, person.manager, person.id);
        if (person.out_of_office) {
            link(acting, person.out_of_office->delegate, person.id);
        }
        std::string id = person.id;
        people.emplace(std::move(id), std::move(person));
    }

    void erase(const Person& person) {
        const std::string id = person.id; // person dies with its map entry
        for (const auto& role : person.roles) {
            unlink(by_role, role, person.id);
        }
        unlink(reports, person.manager, person.id);
        if (person.out_of_office) {
            unlink(acting, person.out_of_office->delegate, person.id);
        }
        people.erase(id);
    }

    /// Replaces the person with the same id by `person` (indexes follow).
    void replace(Person person) {
        const auto it = people.find(person.id);
        erase(it->second);
        insert(std::move(person));
    }

    std::string join(const nlohmann::json& change);
    std::string leave(const nlohmann::json& change);
    std::string update(const nlohmann::json& change);
    std::string away(const nlohmann::json& change);
    std::string back(const nlohmann::json& change);
    /// The existing person `change` names in its `id`, or null with `problem` set.
    const Person* named(const nlohmann::json& change, std::string& problem) const;
};

InMemoryDirectory::InMemoryDirectory() : impl_(std::make_unique<Impl>()) {}
InMemoryDirectory::~InMemoryDirectory() = default;
InMemoryDirectory::InMemoryDirectory(InMemoryDirectory&&) noexcept = default;
InMemoryDirectory& InMemoryDirectory::operator=(InMemoryDirectory&&) noexcept = default;

std::size_t InMemoryDirectory::size() const {
    return impl_->people.size();
}

const Person* InMemoryDirectory::find(std::string_view id) const {
    const auto it = impl_->people.find(id);
    return it == impl_->people.end() ? nullptr : &it->second;
}

std::vector<const Person*> InMemoryDirectory::holders(std::string_view role,
                                                      std::string_view site) const {
    std::vector<const Person*> out;
    const auto it = impl_->by_role.find(role);
    if (it == impl_->by_role.end()) {
        return out;
    }
    for (const auto& id : it->second) {
        const Person& person = impl_->people.find(id)->second;
        if (site.empty() || person.site == site) {
            out.push_back(&person);
        }
    }
    return out;
}

std::string InMemoryDirectory::load_text(std::string_view text) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        return "invalid JSON: " + detail::parse_error_text(error);
    }
    return load(document);
}

std::string InMemoryDirectory::load(const nlohmann::json& document) {
    std::string problem;
    const nlohmann::json* found = detail::record_list(document, "people", problem);
    if (found == nullptr) {
        return problem;
    }
    const auto& list = *found;
    std::vector<Person> people(list.size());
    TextMap<std::size_t> index; // id -> position in the file
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "/people/" + std::to_string(i);
        if (!list[i].is_object()) {
            return where + ": expected an object, got " + type_name(list[i]);
        }
        if (!list[i].contains("id")) {
            return where + ": missing id";
        }
        if (auto problem = read_person(list[i], where, true, {}, people[i]); !problem.empty()) {
            return problem;
        }
        const auto [it, fresh] = index.emplace(people[i].id, i);
        if (!fresh) {
            return where + "/id: duplicate person " + json_quoted(people[i].id) +
                   " (also /people/" + std::to_string(it->second) + ")";
        }
    }
    for (std::size_t i = 0; i < people.size(); ++i) {
        const std::string where = "/people/" + std::to_string(i);
        const Person& person = people[i];
        if (!person.manager.empty() && !index.count(person.manager)) {
            return where + "/manager: unknown person " + json_quoted(person.manager);
        }
        if (person.out_of_office) {
            const auto& delegate = person.out_of_office->delegate;
            if (delegate == person.id) {
                return where + "/out_of_office/delegate: a person cannot delegate to themself";
            }
            if (!index.count(delegate)) {
                return where + "/out_of_office/delegate: unknown person " + json_quoted(delegate);
            }
        }
    }
    // Manager cycles: walk each chain once; 1 = on the walk in progress, 2 = known to end.
    std::vector<unsigned char> state(people.size(), 0);
    for (std::size_t i = 0; i < people.size(); ++i) {
        std::vector<std::size_t> path;
        std::size_t at = i;
        while (state[at] == 0) {
            state[at] = 1;
            path.push_back(at);
            if (people[at].manager.empty()) {
                break;
            }
            at = index.find(people[at].manager)->second;
        }
        if (state[at] == 1 && !people[at].manager.empty()) {
            // The walk came back to `at`: the cycle is the path from it on. Report it at its
            // member that comes first in the file.
            std::size_t first = path.size();
            for (std::size_t k = 0; k < path.size(); ++k) {
                if (path[k] == at) {
                    first = k;
                    break;
                }
            }
            std::size_t lowest = first;
            for (std::size_t k = first; k < path.size(); ++k) {
                if (path[k] < path[lowest]) {
                    lowest = k;
                }
            }
            std::vector<std::string> chain{people[path[lowest]].id};
            const std::size_t length = path.size() - first;
            for (std::size_t step = 1; step <= length; ++step) {
                chain.push_back(people[path[first + (lowest - first + step) % length]].id);
            }
            return "/people/" + std::to_string(path[lowest]) + "/manager: manager cycle " +
                   cycle_text(chain);
        }
        for (const auto k : path) {
            state[k] = 2;
        }
    }
    Impl fresh;
    fresh.people.reserve(people.size());
    for (auto& person : people) {
        fresh.insert(std::move(person));
    }
    *impl_ = std::move(fresh);
    return {};
}

std::string InMemoryDirectory::apply(const nlohmann::json& change) {
    std::string problem;
    const std::string* kind = detail::change_name(change, problem);
    if (kind == nullptr) {
        return problem;
    }
    const std::string& name = *kind;
    if (name == "join") {
        return impl_->join(change);
    }
    if (name == "leave") {
        return impl_->leave(change);
    }
    if (name == "update") {
        return impl_->update(change);
    }
    if (name == "out_of_office") {
        return impl_->away(change);
    }
    if (name == "back") {
        return impl_->back(change);
    }
    return "/change: unknown change " + json_quoted(name) +
           " (expected join, leave, update, out_of_office or back)";
}

const Person* InMemoryDirectory::Impl::named(const nlohmann::json& change,
                                             std::string& problem) const {
    const std::string* id = detail::change_id(change, problem);
    if (id == nullptr) {
        return nullptr;
    }
    const auto it = people.find(*id);
    if (it == people.end()) {
        problem = "/id: unknown person " + json_quoted(*id);
        return nullptr;
    }
    return &it->second;
}

std::string InMemoryDirectory::Impl::join(const nlohmann::json& change) {
    if (!change.contains("id")) {
        return "missing id";
    }
    Person person;
    if (auto problem = read_person(change, "", false, "change", person); !problem.empty()) {
        return problem;
    }
    if (has(person.id)) {
        return "/id: person " + json_quoted(person.id) + " is already in the directory";
    }
    if (person.manager == person.id) {
        return "/manager: manager cycle " + cycle_text({person.id, person.id});
    }
    if (!person.manager.empty() && !has(person.manager)) {
        return "/manager: unknown person " + json_quoted(person.manager);
    }
    insert(std::move(person));
    return {};
}

std::string InMemoryDirectory::Impl::leave(const nlohmann::json& change) {
    for (const auto& [key, value] : change.items()) {
        if (key != "change" && key != "id") {
            return "/" + key + ": unknown key (expected id)";
        }
    }
    std::string problem;
    const Person* person = named(change, problem);
    if (person == nullptr) {
        return problem;
    }
    if (const auto it = reports.find(person->id); it != reports.end()) {
        return "/id: " + json_quoted(person->id) + " still manages " +
               json_quoted(*it->second.begin()) + "; give them another manager first";
    }
    if (const auto it = acting.find(person->id); it != acting.end()) {
        return "/id: " + json_quoted(person->id) + " is the standing delegate of " +
               json_quoted(*it->second.begin()) + "; change that delegation first";
    }
    erase(*person);
    return {};
}

std::string InMemoryDirectory::Impl::update(const nlohmann::json& change) {
    std::string problem;
    const Person* current = named(change, problem);
    if (current == nullptr) {
        return problem;
    }
    Person person = *current;
    if (problem = read_person(change, "", false, "change", person); !problem.empty()) {
        return problem;
    }
    if (change.contains("manager") && !person.manager.empty()) {
        if (!has(person.manager)) {
            return "/manager: unknown person " + json_quoted(person.manager);
        }
        if (const auto cycle = cycle_through(person.id, person.manager); !cycle.empty()) {
            return "/manager: manager cycle " + cycle;
        }
    }
    replace(std::move(person));
    return {};
}

std::string InMemoryDirectory::Impl::away(const nlohmann::json& change) {
    nlohmann::json period = nlohmann::json::object();
    for (const auto& [key, value] : change.items()) {
        if (key == "from" || key == "to" || key == "delegate") {
            period[key] = value;
        } else if (key != "change" && key != "id") {
            return "/" + key + ": unknown key (expected id, from, to, delegate)";
        }
    }
    std::string problem;
    const Person* current = named(change, problem);
    if (current == nullptr) {
        return problem;
    }
    OutOfOffice away;
    if (problem = read_out_of_office(period, "", away); !problem.empty()) {
        return problem;
    }
    if (away.delegate == current->id) {
        return "/delegate: a person cannot delegate to themself";
    }
    if (!has(away.delegate)) {
        return "/delegate: unknown person " + json_quoted(away.delegate);
    }
    Person person = *current;
    person.out_of_office = std::move(away);
    replace(std::move(person));
    return {};
}

std::string InMemoryDirectory::Impl::back(const nlohmann::json& change) {
    for (const auto& [key, value] : change.items()) {
        if (key != "change" && key != "id") {
            return "/" + key + ": unknown key (expected id)";
        }
    }
    std::string problem;
    const Person* current = named(change, problem);
    if (current == nullptr) {
        return problem;
    }
    if (!current->out_of_office) {
        return "/id: " + json_quoted(current->id) + " is not out of office";
    }
    Person person = *current;
    person.out_of_office.reset();
    replace(std::move(person));
    return {};
}

} // namespace millwright
