// A minimal host: load the shipped workflows, create a work order, move it along, and print
// each decision. This is the whole embedding API a host needs to start with.
//
//   host RULES_DIR
#include "millwright/engine.hpp"
#include "millwright/ruleset.hpp"

#include <cstdio>
#include <string>

namespace {

// 2026-01-05T08:00:00Z, the start of the example day.
const millwright::Timestamp day_start{std::chrono::milliseconds(1767600000000)};

millwright::Event make_event(int minute, const std::string& type, const std::string& by,
                             nlohmann::json data = nlohmann::json::object()) {
    millwright::Event event;
    event.at = day_start + std::chrono::minutes(minute);
    event.type = type;
    event.wo = "WO-1";
    event.by = by;
    event.data = std::move(data);
    return event;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: host RULES_DIR\n");
        return 2;
    }
    const millwright::LoadResult rules = millwright::load_path(argv[1]);
    for (const auto& diagnostic : rules.diagnostics) {
        std::fputs(diagnostic.rendered.c_str(), stderr);
    }
    if (!rules.ok()) {
        return 1;
    }
    millwright::Engine engine(rules.ruleset);
    millwright::Event submit_event =
        make_event(0, "submit", "erin", {{"asset", "LIGHT-2.14"}, {"category", "electrical"}});
    submit_event.workflow = "corrective";
    const millwright::Event& submit = submit_event;
    const millwright::Event triage = make_event(5, "triage", "dispatch");
    const millwright::Event assign = make_event(6, "assign", "dispatch", {{"technician", "tomas"}});
    const millwright::Event close_early = make_event(7, "close", "erin");

    for (const auto* event : {&submit, &triage, &assign, &close_early}) {
        std::string line;
        engine.handle(*event).append_json(line);
        std::printf("%s\n", line.c_str());
    }
    std::printf("%s\n", engine.snapshot("WO-1")->dump().c_str());
    return 0;
}
