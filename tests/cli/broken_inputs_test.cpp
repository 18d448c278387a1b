// The bad-input corpus (tests/engine/broken_inputs/) as a user replays it: the whole corpus as
// one file through `millwright replay`, which must write one decision line per input line (the
// 1 MiB line and the empty one included) with each case's refusal, and exit 0, or 3 with
// --strict, since lines were refused.
#include "support/broken_inputs.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using millwright::test::BrokenInput;

struct Result {
    int status = -1;
    std::string out;
};

std::string temp_path(const std::string& stem) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr ? dir : "/tmp") + "/mw_" + stem + "_" +
           std::to_string(::getpid());
}

/// Runs the command with stdout captured and stderr thrown away.
Result run(const std::string& arguments) {
    const std::string command =
        std::string("NO_COLOR=1 ") + MILLWRIGHT_CLI_PATH + " " + arguments + " 2>/dev/null";
    Result result;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 65536> buffer{};
    for (std::size_t got = 0; (got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
        result.out.append(buffer.data(), got);
    }
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace

TEST_CASE("replay of the bad-input corpus writes one decision per line and exits 0, or 3 "
          "with --strict",
          "[cli][replay][broken_inputs]") {
    const auto cases = millwright::test::read_broken_inputs();
    std::vector<const BrokenInput*> lines;
    const std::string stream = millwright::test::broken_inputs_stream(cases, lines);
    const std::string events = temp_path("broken_inputs.jsonl");
    std::ofstream(events, std::ios::binary) << stream;
    const std::string arguments = "replay --quiet --rules " +
                                  millwright::test::broken_inputs_rules().string() + " --events " +
                                  events;

    const Result result = run(arguments);
    CHECK(result.status == 0);
    std::istringstream decisions(result.out);
    std::string text;
    std::uint64_t number = 0;
    while (std::getline(decisions, text)) {
        ++number;
        REQUIRE(number <= lines.size());
        INFO("output line " << number << ": " << text.substr(0, 600));
        const auto decision = nlohmann::json::parse(text);
        CHECK(decision["line"] == number);
        const BrokenInput* input = lines[number - 1];
        if (input == nullptr) {
            CHECK(decision["ok"] == true);
            continue;
        }
        INFO(input->where());
        CHECK(decision["ok"] == false);
        CHECK(decision["error"] == input->error);
        CHECK(input->reason_matches(decision.value("reason", ""), number));
    }
    CHECK(number == lines.size());

    const Result strict = run(arguments + " --strict");
    CHECK(strict.status == 3);
    CHECK(strict.out == result.out);
    std::remove(events.c_str());
}
