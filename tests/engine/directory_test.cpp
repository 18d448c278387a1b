// The directory: loading the file format (every refusal with its exact JSON Pointer and reason),
// indexed look-ups, delegates by instant, each change kind and the rule that a refused change
// changes nothing, and directory events in a request stream.
#include "millwright/directory.hpp"
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

namespace {

using millwright::InMemoryDirectory;
using millwright::Person;
using millwright::Timestamp;
using nlohmann::json;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Timestamp at(int day, int hour, int minute = 0) {
    using namespace std::chrono;
    return Timestamp(sys_days(year(2026) / January / day) + hours(hour) + minutes(minute));
}

const json small = json::parse(R"({"people":[
  {"id":"boss","name":"Bo","roles":["facilities_manager"],"site":"hq"},
  {"id":"sup","name":"Su","roles":["supervisor"],"manager":"boss","site":"hq"},
  {"id":"t1","roles":["technician","electrician"],"manager":"sup","site":"hq",
   "out_of_office":{"from":"2026-01-05T08:00:00Z","to":"2026-01-07T08:00:00Z","delegate":"t2"}},
  {"id":"t2","roles":["technician"],"manager":"sup","site":"annex"}
]})");

InMemoryDirectory loaded(const json& document = small) {
    InMemoryDirectory directory;
    REQUIRE(directory.load(document) == "");
    return directory;
}

std::vector<std::string> ids(const std::vector<const Person*>& people) {
    std::vector<std::string> out;
    for (const auto* person : people) {
        out.push_back(person->id);
    }
    return out;
}

// Loads `people` (a JSON array text) and returns the refusal.
std::string refusal(const std::string& people) {
    InMemoryDirectory directory;
    return directory.load(json::parse(R"({"people":)" + people + "}"));
}

// A snapshot of everything a directory answers about the small example's people and roles.
std::string dump(const InMemoryDirectory& directory) {
    json out = json::array();
    for (const char* id : {"boss", "sup", "t1", "t2", "t3", "new"}) {
        const Person* person = directory.find(id);
        if (person == nullptr) {
            continue;
        }
        json entry = {{"id", person->id},       {"name", person->name},
                      {"roles", person->roles}, {"manager", person->manager},
                      {"site", person->site},   {"away", bool(person->out_of_office)}};
        if (person->out_of_office) {
            entry["delegate"] = person->out_of_office->delegate;
        }
        out.push_back(entry);
    }
    for (const char* role : {"facilities_manager", "supervisor", "technician", "electrician"}) {
        out.push_back(ids(directory.holders(role)));
    }
    return out.dump();
}

} // namespace

TEST_CASE("a loaded directory finds people by id, role, site and manager", "[engine][directory]") {
    const auto directory = loaded();
    CHECK(directory.size() == 4);
    REQUIRE(directory.find("t1") != nullptr);
    CHECK(directory.find("t1")->roles == std::vector<std::string>{"technician", "electrician"});
    CHECK(directory.find("boss")->name == "Bo");
    CHECK(directory.find("emp-99") == nullptr);
    CHECK(ids(directory.holders("technician")) == std::vector<std::string>{"t1", "t2"});
    CHECK(ids(directory.holders("technician", "annex")) == std::vector<std::string>{"t2"});
    CHECK(ids(directory.holders("technician", "moon")).empty());
    CHECK(ids(directory.holders("plumber")).empty());
    REQUIRE(directory.manager_of("t1") != nullptr);
    CHECK(directory.manager_of("t1")->id == "sup");
    CHECK(directory.manager_of("boss") == nullptr);
    CHECK(directory.manager_of("nobody") == nullptr);
}

TEST_CASE("the delegate acts only inside the out-of-office period", "[engine][directory]") {
    const auto directory = loaded();
    CHECK(directory.delegate_for("t1", at(5, 7, 59)) == nullptr);
    REQUIRE(directory.delegate_for("t1", at(5, 8)) != nullptr); // from is inclusive
    CHECK(directory.delegate_for("t1", at(5, 8))->id == "t2");
    CHECK(directory.delegate_for("t1", at(6, 12))->id == "t2");
    CHECK(directory.delegate_for("t1", at(7, 7, 59))->id == "t2");
    CHECK(directory.delegate_for("t1", at(7, 8)) == nullptr); // to is exclusive
    CHECK(directory.delegate_for("t2", at(6, 12)) == nullptr);
    CHECK(directory.delegate_for("nobody", at(6, 12)) == nullptr);
}

TEST_CASE("a look-up costs a hash probe among 100,000 people", "[engine][directory]") {
    json people = json::array();
    people.push_back({{"id", "root"}, {"roles", {"director"}}});
    for (int i = 0; i < 100000; ++i) {
        people.push_back({{"id", "p" + std::to_string(i)},
                          {"roles", {i % 1000 == 0 ? "safety_officer" : "technician"}},
                          {"manager", i == 0 ? "root" : "p" + std::to_string(i - 1)}});
    }
    InMemoryDirectory directory;
    REQUIRE(directory.load({{"people", people}}) == "");
    CHECK(directory.size() == 100001);
    CHECK(directory.find("p77777")->manager == "p77776");
    CHECK(directory.holders("safety_officer").size() == 100);
    CHECK(directory.manager_of("p1")->id == "p0");
    // A change deep in a 100,000-long chain is checked for cycles along the chain once.
    CHECK(directory.apply({{"change", "update"}, {"id", "p0"}, {"manager", "p99999"}}) ==
          "/manager: manager cycle p0 -> p99999 -> p99998 -> p99997 -> p99996 -> p99995 -> "
          "p99994 -> p99993 -> p99992 -> ... -> p0");
}

TEST_CASE("loading refuses bad input with a JSON Pointer and a reason", "[engine][directory]") {
    InMemoryDirectory directory;
    CHECK(directory.load_text("{\"people\": [") ==
          "invalid JSON: parse error at line 1, column 13: syntax error while parsing value - "
          "unexpected end of input; expected "
          "'[', '{', or a literal");
    CHECK(directory.load_text("{\"people\": [{\"id\":\"p1\",\"x\":1e400}]}") ==
          "invalid JSON: number overflow parsing '1e400'");
    CHECK(directory.load(json::array()) == "expected an object with \"people\", got array");
    CHECK(directory.load(json::object()) == "missing people");
    CHECK(directory.load({{"people", json::array()}, {"groups", 1}}) ==
          "/groups: unknown key (expected people)");
    CHECK(directory.load({{"people", 3}}) == "/people: expected an array, got number");
    CHECK(refusal(R"([7])") == "/people/0: expected an object, got number");
    CHECK(refusal(R"([{"name":"x"}])") == "/people/0: missing id");
    CHECK(refusal(R"([{"id":""}])") == "/people/0/id: expected a non-empty string");
    CHECK(refusal(R"([{"id":5}])") == "/people/0/id: expected a string, got number");
    CHECK(refusal(R"([{"id":"a","rank":1}])") ==
          "/people/0/rank: unknown key (expected id, name, roles, manager, site, out_of_office)");
    CHECK(refusal(R"([{"id":"a","roles":"x"}])") ==
          "/people/0/roles: expected an array of strings, got string");
    CHECK(refusal(R"([{"id":"a","roles":["x",1]}])") ==
          "/people/0/roles/1: expected a non-empty string, got number");
    CHECK(refusal(R"([{"id":"a","roles":["x","x"]}])") ==
          "/people/0/roles/1: role \"x\" is listed twice");
    CHECK(refusal(R"([{"id":"a","site":1}])") ==
          "/people/0/site: expected a string or null, got number");
    CHECK(refusal(R"([{"id":"a"},{"id":"b"},{"id":"a"}])") ==
          "/people/2/id: duplicate person \"a\" (also /people/0)");
    CHECK(refusal(R"([{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d","manager":"emp-99"}])") ==
          "/people/3/manager: unknown person \"emp-99\"");
    CHECK(refusal(R"([{"id":"a","manager":"a"}])") == "/people/0/manager: manager cycle a -> a");
    CHECK(refusal(R"([{"id":"x","manager":"c"},{"id":"a","manager":"b"},)"
                  R"({"id":"b","manager":"c"},{"id":"c","manager":"a"}])") ==
          "/people/1/manager: manager cycle a -> b -> c -> a");
    CHECK(refusal(R"([{"id":"a","out_of_office":5}])") ==
          "/people/0/out_of_office: expected an object or null, got number");
    CHECK(refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05T00:00:00Z"}}])") ==
          "/people/0/out_of_office: missing to");
    CHECK(
        refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05","to":"x","delegate":"b"}}])") ==
        "/people/0/out_of_office/from: expected an RFC 3339 time, got \"2026-01-05\"");
    CHECK(refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05T00:00:00Z",)"
                  R"("to":"2026-01-05T00:00:00Z","delegate":"b"}}])") ==
          "/people/0/out_of_office/to: the period must end after it starts "
          "(2026-01-05T00:00:00Z)");
    CHECK(refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05T00:00:00Z",)"
                  R"("to":"2026-01-06T00:00:00Z","delegate":"zed","why":"x"}}])") ==
          "/people/0/out_of_office/why: unknown key (expected from, to, delegate)");
    CHECK(refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05T00:00:00Z",)"
                  R"("to":"2026-01-06T00:00:00Z","delegate":"zed"}}])") ==
          "/people/0/out_of_office/delegate: unknown person \"zed\"");
    CHECK(refusal(R"([{"id":"a","out_of_office":{"from":"2026-01-05T00:00:00Z",)"
                  R"("to":"2026-01-06T00:00:00Z","delegate":"a"}}])") ==
          "/people/0/out_of_office/delegate: a person cannot delegate to themself");
}

TEST_CASE("a refused load keeps the directory as it was", "[engine][directory]") {
    auto directory = loaded();
    const auto before = dump(directory);
    CHECK(directory.load(json::parse(R"({"people":[{"id":"a","manager":"zz"}]})")) ==
          "/people/0/manager: unknown person \"zz\"");
    CHECK(dump(directory) == before);
}

TEST_CASE("each change kind updates the directory and its indexes", "[engine][directory]") {
    auto directory = loaded();
    CHECK(directory.apply({{"change", "join"},
                           {"id", "t3"},
                           {"name", "Tia"},
                           {"roles", {"technician", "hvac"}},
                           {"manager", "sup"},
                           {"site", "annex"}}) == "");
    CHECK(directory.find("t3")->name == "Tia");
    CHECK(ids(directory.holders("technician", "annex")) == std::vector<std::string>{"t2", "t3"});
    CHECK(ids(directory.holders("hvac")) == std::vector<std::string>{"t3"});

    CHECK(directory.apply({{"change", "update"}, {"id", "t3"}, {"roles", {"supervisor"}}}) == "");
    CHECK(ids(directory.holders("hvac")).empty());
    CHECK(ids(directory.holders("supervisor")) == std::vector<std::string>{"sup", "t3"});
    CHECK(directory.find("t3")->name == "Tia"); // keys not given stay

    CHECK(directory.apply(
              {{"change", "update"}, {"id", "t2"}, {"manager", "t3"}, {"site", nullptr}}) == "");
    CHECK(directory.manager_of("t2")->id == "t3");
    CHECK(directory.find("t2")->site == "");
    CHECK(directory.apply({{"change", "update"}, {"id", "t2"}, {"manager", nullptr}}) == "");
    CHECK(directory.manager_of("t2") == nullptr);

    CHECK(directory.apply({{"change", "out_of_office"},
                           {"id", "sup"},
                           {"from", "2026-01-08T00:00:00Z"},
                           {"to", "2026-01-09T00:00:00Z"},
                           {"delegate", "boss"}}) == "");
    CHECK(directory.delegate_for("sup", at(8, 12))->id == "boss");
    CHECK(directory.apply({{"change", "back"}, {"id", "sup"}}) == "");
    CHECK(directory.delegate_for("sup", at(8, 12)) == nullptr);

    CHECK(directory.apply({{"change", "leave"}, {"id", "t3"}}) == "");
    CHECK(directory.find("t3") == nullptr);
    CHECK(ids(directory.holders("supervisor")) == std::vector<std::string>{"sup"});
}

TEST_CASE("a refused change says why and changes nothing", "[engine][directory]") {
    auto directory = loaded();
    const auto before = dump(directory);
    const std::vector<std::pair<json, std::string>> cases = {
        {json::array(), "expected an object, got array"},
        {{{"id", "t1"}}, "missing change"},
        {{{"change", 1}}, "/change: expected a string, got number"},
        {{{"change", "promote"}},
         "/change: unknown change \"promote\" (expected join, leave, update, out_of_office or "
         "back)"},
        {{{"change", "join"}, {"name", "x"}}, "missing id"},
        {{{"change", "join"}, {"id", "t1"}}, "/id: person \"t1\" is already in the directory"},
        {{{"change", "join"}, {"id", "new"}, {"roles", {"technician"}}, {"manager", "emp-99"}},
         "/manager: unknown person \"emp-99\""},
        {{{"change", "join"}, {"id", "new"}, {"manager", "new"}},
         "/manager: manager cycle new -> new"},
        {{{"change", "join"}, {"id", "new"}, {"roles", {"technician", 2}}},
         "/roles/1: expected a non-empty string, got number"},
        {{{"change", "join"}, {"id", "new"}, {"out_of_office", nullptr}},
         "/out_of_office: unknown key (expected id, name, roles, manager, site)"},
        {{{"change", "leave"}, {"id", "ghost"}}, "/id: unknown person \"ghost\""},
        {{{"change", "leave"}, {"id", "sup"}},
         "/id: \"sup\" still manages \"t1\"; give them another manager first"},
        {{{"change", "leave"}, {"id", "t2"}},
         "/id: \"t2\" is the standing delegate of \"t1\"; change that delegation first"},
        {{{"change", "leave"}, {"id", "t2"}, {"why", "x"}}, "/why: unknown key (expected id)"},
        {{{"change", "update"}, {"id", "boss"}, {"manager", "t1"}},
         "/manager: manager cycle boss -> t1 -> sup -> boss"},
        {{{"change", "update"}, {"id", "t1"}, {"roles", {"supervisor"}}, {"manager", "zz"}},
         "/manager: unknown person \"zz\""},
        {{{"change", "update"}, {"id", 3}}, "/id: expected a string, got number"},
        {{{"change", "update"}}, "missing id"},
        {{{"change", "out_of_office"},
          {"id", "t2"},
          {"from", "2026-01-08T00:00:00Z"},
          {"to", "2026-01-09T00:00:00Z"}},
         "missing delegate"},
        {{{"change", "out_of_office"},
          {"id", "t2"},
          {"from", "2026-01-08T00:00:00Z"},
          {"to", "2026-01-09T00:00:00Z"},
          {"delegate", "t2"}},
         "/delegate: a person cannot delegate to themself"},
        {{{"change", "out_of_office"},
          {"id", "t2"},
          {"from", "2026-01-08T00:00:00Z"},
          {"to", "2026-01-09T00:00:00Z"},
          {"delegate", "emp-99"}},
         "/delegate: unknown person \"emp-99\""},
        {{{"change", "out_of_office"},
          {"id", "t2"},
          {"from", "2026-01-09T00:00:00Z"},
          {"to", "2026-01-08T00:00:00Z"},
          {"delegate", "t1"}},
         "/to: the period must end after it starts (2026-01-09T00:00:00Z)"},
        {{{"change", "back"}, {"id", "t2"}}, "/id: \"t2\" is not out of office"},
    };
    for (const auto& [change, reason] : cases) {
        INFO(change.dump());
        CHECK(directory.apply(change) == reason);
        CHECK(dump(directory) == before);
    }
}

TEST_CASE("a host directory that does not override apply is read-only", "[engine][directory]") {
    struct HostDirectory : millwright::Directory {
        const Person* find(std::string_view) const override { return nullptr; }
        std::vector<const Person*> holders(std::string_view, std::string_view) const override {
            return {};
        }
    } host;
    CHECK(host.apply({{"change", "leave"}, {"id", "x"}}) ==
          "this directory is read-only: its host keeps it current");
}

TEST_CASE("the example directory and the docs' example load", "[engine][directory]") {
    InMemoryDirectory directory;
    REQUIRE(directory.load_text(
                read_text(std::string(MILLWRIGHT_SOURCE_DIR) + "/examples/directory.json")) == "");
    CHECK(ids(directory.holders("dispatcher")) ==
          std::vector<std::string>{"disp-1", "disp-2", "disp-3"});
    CHECK(directory.manager_of("emp-190")->id == "ops-1");
    CHECK(directory.delegate_for("fin-1", at(6, 9))->id == "fin-2");

    // docs/directory.md's first ```json block is a directory file.
    const auto doc = read_text(std::string(MILLWRIGHT_SOURCE_DIR) + "/docs/directory.md");
    const auto start = doc.find("```json\n");
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("```", start + 8);
    InMemoryDirectory from_docs;
    CHECK(from_docs.load_text(doc.substr(start + 8, end - start - 8)) == "");
    CHECK(from_docs.size() == 4);
}

namespace {

std::shared_ptr<const millwright::Ruleset> job_rules() {
    static const auto rules = [] {
        auto result = millwright::load_string(
            read_text(std::string(MILLWRIGHT_TESTS_DIR) + "/engine/data/job.mw"), "job.mw");
        REQUIRE(result.ok());
        return result.ruleset;
    }();
    return rules;
}

std::string handled(millwright::Engine& engine, const std::string& line, std::uint64_t number) {
    std::string text;
    engine.handle_line(line, number).append_json(text);
    return text;
}

} // namespace

TEST_CASE("directory events in a stream change the engine's directory", "[engine][directory]") {
    millwright::Engine engine(job_rules());
    CHECK(engine.directory() == nullptr);
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:00:00Z","type":"directory","by":"hr",)"
                  R"("data":{"change":"leave","id":"t1"}})",
                  1) ==
          R"({"seq":1,"at":"2026-01-05T08:00:00Z","line":1,"event":"directory","ok":false,)"
          R"("error":"no_directory","reason":"the engine has no directory to change )"
          R"x((replay: give one with --directory)"})x");

    auto directory = std::make_shared<InMemoryDirectory>(loaded());
    engine.set_directory(directory);
    CHECK(engine.directory() == directory.get());
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:01:00Z","type":"directory","by":"hr","data":)"
                  R"({"change":"join","id":"t3","roles":["technician","hvac"],"manager":"sup"}})",
                  2) ==
          R"({"seq":2,"at":"2026-01-05T08:01:00Z","line":2,"event":"directory","ok":true,)"
          R"("changes":{},"effects":[]})");
    CHECK(ids(directory->holders("hvac")) == std::vector<std::string>{"t3"});
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:02:00Z","type":"directory","by":"hr","data":)"
                  R"({"change":"out_of_office","id":"sup","from":"2026-01-06T00:00:00Z",)"
                  R"("to":"2026-01-07T00:00:00Z","delegate":"boss"}})",
                  3) ==
          R"({"seq":3,"at":"2026-01-05T08:02:00Z","line":3,"event":"directory","ok":true,)"
          R"("changes":{},"effects":[]})");
    CHECK(engine.directory()->delegate_for("sup", at(6, 1))->id == "boss");

    const auto before = dump(*directory);
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:03:00Z","type":"directory","by":"hr","data":)"
                  R"({"change":"update","id":"t2","manager":"emp-99"}})",
                  4) ==
          R"({"seq":4,"at":"2026-01-05T08:03:00Z","line":4,"event":"directory","ok":false,)"
          R"("error":"bad_directory_change","reason":"/data/manager: unknown person \"emp-99\""})");
    CHECK(handled(engine, R"({"at":"2026-01-05T08:04:00Z","type":"directory","by":"hr","data":{}})",
                  5) ==
          R"({"seq":5,"at":"2026-01-05T08:04:00Z","line":5,"event":"directory","ok":false,)"
          R"("error":"bad_directory_change","reason":"/data: missing change"})");
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:05:00Z","type":"directory","by":"hr","data":)"
                  R"({"change":"join","id":"x","roles":{"a":1}}})",
                  6) ==
          R"({"seq":6,"at":"2026-01-05T08:05:00Z","line":6,"event":"directory","ok":false,)"
          R"("error":"bad_directory_change","reason":"/data/roles: a directory change holds )"
          R"(strings, arrays of strings and null, not objects"})");
    CHECK(dump(*directory) == before);
}

TEST_CASE("a read-only host directory refuses directory events", "[engine][directory]") {
    struct HostDirectory : millwright::Directory {
        const Person* find(std::string_view) const override { return nullptr; }
        std::vector<const Person*> holders(std::string_view, std::string_view) const override {
            return {};
        }
    };
    millwright::Engine engine(job_rules());
    engine.set_directory(std::make_shared<HostDirectory>());
    CHECK(handled(engine,
                  R"({"at":"2026-01-05T08:00:00Z","type":"directory","by":"hr",)"
                  R"("data":{"change":"leave","id":"t1"}})",
                  1) ==
          R"({"seq":1,"at":"2026-01-05T08:00:00Z","line":1,"event":"directory","ok":false,)"
          R"("error":"bad_directory_change","reason":"/data: this directory is read-only: its )"
          R"(host keeps it current"})");
}

TEST_CASE("a person's ids, names and roles are capped", "[engine][directory][limits]") {
    InMemoryDirectory directory;
    CHECK(directory.load(json{{"people", {{{"id", std::string(257, 'p')}}}}}) ==
          "/people/0/id: a text of at most 256 bytes, got 257");
    CHECK(directory.load(json{{"people", {{{"id", "p1"}, {"roles", {std::string(300, 'r')}}}}}}) ==
          "/people/0/roles/0: a text of at most 256 bytes, got 300");
    json roles = json::array();
    for (int i = 0; i < 1001; ++i) {
        roles.push_back("r" + std::to_string(i));
    }
    CHECK(directory.load(json{{"people", {{{"id", "p1"}, {"roles", roles}}}}}) ==
          "/people/0/roles: at most 1000 roles, got 1001");
    // A thousand distinct roles are checked for repeats by hash, not pairwise.
    roles.erase(roles.size() - 1);
    CHECK(directory.load(json{{"people", {{{"id", "p1"}, {"roles", roles}}}}}) == "");
    roles.push_back("r7");
    roles.erase(0);
    CHECK(directory.load(json{{"people", {{{"id", "p1"}, {"roles", roles}}}}}) ==
          "/people/0/roles/999: role \"r7\" is listed twice");
}
