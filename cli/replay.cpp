// `millwright replay --rules PATH --events FILE.jsonl [--out FILE] [--directory FILE]
// [--assets FILE] [--max-clock-jump DURATION] [--max-engine-lines N] [--strict]`: push a
// request stream through the rules on a virtual clock; decisions to --out (or stdout), the summary
// and, on a terminal, a progress bar to stderr. Exit status: 0 when the whole stream was read,
// 1 when the replay could not start or write, 3 with --strict when a line was malformed or
// rejected (docs/replay.md).
#include "assets_file.hpp"
#include "text_file.hpp"
#include "verbs.hpp"

#include "millwright/assets.hpp"
#include "millwright/directory.hpp"
#include "millwright/engine.hpp"
#include "millwright/replay.hpp"
#include "millwright/ruleset.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace millwright::cli {

namespace {

struct ReplayArgs {
    std::string rules;
    std::string events;
    std::string out;
    std::string backlog;
    std::string directory;
    std::string assets;
    std::string max_clock_jump;
    std::uint64_t max_engine_lines = EngineOptions{}.max_engine_lines_per_input;
    bool strict = false;
    bool quiet = false;
};

/// The exit status of a replay that read its whole stream and found lines it refused, under
/// --strict (1 and 2 are taken by failures to start and by usage errors).
constexpr int refused_lines_status = 3;

/// The engine's options from the command line; false (with the reason printed) when a value
/// is not valid, a usage error.
bool engine_options(const ReplayArgs& args, EngineOptions& options) {
    if (!args.max_clock_jump.empty()) {
        const auto jump = parse_duration(args.max_clock_jump);
        if (!jump || jump->count() <= 0) {
            std::fprintf(stderr,
                         "millwright: error: --max-clock-jump: expected a positive duration "
                         "(`30d`, `12h`), got `%s`\n",
                         args.max_clock_jump.c_str());
            return false;
        }
        options.max_clock_jump = *jump;
    }
    options.max_engine_lines_per_input = args.max_engine_lines;
    return true;
}

/// Opens the request stream: `-` is stdin; a directory or a file that cannot be opened is an
/// error (fopen opens a directory for reading on Linux, and reading it fails later, silently).
std::FILE* open_events(const std::string& path) {
    if (path == "-") {
        return stdin;
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        std::fprintf(stderr, "millwright: error: events `%s` is a directory, not a file\n",
                     path.c_str());
        return nullptr;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "millwright: error: cannot open events `%s`: %s\n", path.c_str(),
                     std::strerror(errno));
    }
    return file;
}

// The backlog at the end of the stream, one JSON object per line, most urgent first.
bool write_backlog(const Engine& engine, const std::string& path) {
    std::ofstream file(path, std::ios::binary);
    for (const auto& entry : engine.backlog()) {
        nlohmann::ordered_json line;
        line["wo"] = entry.id;
        line["workflow"] = entry.workflow;
        line["state"] = entry.state;
        if (!entry.priority.empty()) {
            line["priority"] = entry.priority;
            line["why"] = entry.priority_why;
        }
        line["created"] = entry.created_text;
        if (!entry.due_text.empty()) {
            line["due"] = entry.due_text;
        }
        file << line.dump() << '\n';
    }
    return static_cast<bool>(file);
}

// Loads the --directory file; prints why it cannot and gives null then.
std::shared_ptr<InMemoryDirectory> load_directory(const std::string& path) {
    std::string text;
    if (!read_text_file(path, "directory", text)) {
        return nullptr;
    }
    auto directory = std::make_shared<InMemoryDirectory>();
    if (const auto problem = directory->load_text(text); !problem.empty()) {
        std::fprintf(stderr, "%s: error: %s\n", path.c_str(), problem.c_str());
        return nullptr;
    }
    return directory;
}

class File {
public:
    File(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
    ~File() {
        if (owned_ && file_ != nullptr) {
            std::fclose(file_);
        }
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    std::FILE* get() const { return file_; }

private:
    std::FILE* file_;
    bool owned_;
};

void draw_progress(const ReplaySummary& summary, std::uint64_t total_bytes) {
    constexpr int width = 30;
    const double share = total_bytes == 0 ? 0.0
                                          : static_cast<double>(summary.bytes_read) /
                                                static_cast<double>(total_bytes);
    const int filled = static_cast<int>(share * width);
    std::fprintf(stderr, "\r[%.*s%*s] %3d%%  %llu events", filled, "##############################",
                 width - filled, "", static_cast<int>(share * 100),
                 static_cast<unsigned long long>(summary.lines));
    std::fflush(stderr);
}

// Per SLA: the share of settled work orders that met every target, then a row per level.
void print_sla_summary(const ReplaySummary& summary, const Engine& engine) {
    const auto report = engine.sla_report();
    if (report.empty()) {
        return;
    }
    std::fprintf(stderr, "replay: %llu SLA warnings, %llu SLA breaches\n",
                 static_cast<unsigned long long>(summary.sla_warnings),
                 static_cast<unsigned long long>(summary.sla_breaches));
    for (std::size_t first = 0; first < report.size();) {
        std::size_t end = first;
        std::uint64_t settled = 0;
        std::uint64_t met = 0;
        for (; end < report.size() && report[end].sla == report[first].sla; ++end) {
            settled += report[end].settled;
            met += report[end].met;
        }
        std::fprintf(stderr, "replay: sla %s: %llu of %llu settled work orders met every target",
                     report[first].sla.c_str(), static_cast<unsigned long long>(met),
                     static_cast<unsigned long long>(settled));
        if (settled > 0) {
            std::fprintf(stderr, " (%.1f%%)", 100.0 * static_cast<double>(met) / settled);
        }
        std::fprintf(stderr, "\n  %-8s %12s %8s %8s %18s %20s\n", "level", "work orders", "settled",
                     "met", "response breaches", "resolution breaches");
        for (; first < end; ++first) {
            const auto& row = report[first];
            std::fprintf(stderr, "  %-8s %12llu %8llu %8llu %18llu %20llu\n", row.level.c_str(),
                         static_cast<unsigned long long>(row.work_orders),
                         static_cast<unsigned long long>(row.settled),
                         static_cast<unsigned long long>(row.met),
                         static_cast<unsigned long long>(row.response_breaches),
                         static_cast<unsigned long long>(row.resolution_breaches));
        }
    }
}

// Per workflow and chain: how the work orders' latest chains stand.
void print_approval_summary(const ReplaySummary& summary, const Engine& engine) {
    const auto report = engine.approval_report();
    if (report.empty()) {
        return;
    }
    std::fprintf(stderr, "replay: %llu approval timeouts\n",
                 static_cast<unsigned long long>(summary.approval_timeouts));
    std::fprintf(stderr, "  %-16s %-20s %8s %8s %8s %8s %9s %8s\n", "workflow", "approval",
                 "started", "approved", "rejected", "running", "withdrawn", "blocked");
    for (const auto& row : report) {
        std::fprintf(stderr, "  %-16s %-20s %8llu %8llu %8llu %8llu %9llu %8llu\n",
                     row.workflow.c_str(), row.chain.c_str(),
                     static_cast<unsigned long long>(row.started),
                     static_cast<unsigned long long>(row.approved),
                     static_cast<unsigned long long>(row.rejected),
                     static_cast<unsigned long long>(row.running),
                     static_cast<unsigned long long>(row.withdrawn),
                     static_cast<unsigned long long>(row.blocked));
    }
}

void print_summary(const ReplaySummary& summary, const Engine& engine) {
    const double rate = summary.elapsed_seconds > 0
                            ? static_cast<double>(summary.events) / summary.elapsed_seconds
                            : 0;
    std::fprintf(stderr,
                 "replay: %llu events: %llu accepted, %llu rejected, %llu malformed\n"
                 "replay: %.3f s elapsed, %.0f events/s\n",
                 static_cast<unsigned long long>(summary.events),
                 static_cast<unsigned long long>(summary.accepted),
                 static_cast<unsigned long long>(summary.rejected),
                 static_cast<unsigned long long>(summary.malformed), summary.elapsed_seconds, rate);
    if (summary.timers_fired > 0) {
        std::fprintf(stderr, "replay: %llu timers fired (%llu failed)\n",
                     static_cast<unsigned long long>(summary.timers_fired),
                     static_cast<unsigned long long>(summary.timers_failed));
    }
    print_sla_summary(summary, engine);
    print_approval_summary(summary, engine);
    if (const PmReport pm = engine.pm_report(); pm.enrollments > 0 || summary.pm_lines > 0) {
        std::fprintf(stderr,
                     "replay: pm: %llu assets, %llu enrolled (asset and rule pairs); %llu work "
                     "orders created, %llu left out (previous one open), %llu missed (passed "
                     "over while catching up), %llu failed\n",
                     static_cast<unsigned long long>(pm.assets),
                     static_cast<unsigned long long>(pm.enrollments),
                     static_cast<unsigned long long>(pm.created),
                     static_cast<unsigned long long>(pm.skipped),
                     static_cast<unsigned long long>(pm.missed),
                     static_cast<unsigned long long>(pm.failed));
    }
    std::fprintf(stderr, "replay: %zu work orders by state:\n", engine.work_order_count());
    for (const auto& count : engine.count_by_state()) {
        std::fprintf(stderr, "  %-16s %-20s %llu\n", count.workflow.c_str(), count.state.c_str(),
                     static_cast<unsigned long long>(count.count));
    }
}

int run_replay(const ReplayArgs& args) {
    const auto rules = load_rules_reporting(args.rules);
    if (!rules) {
        return 1;
    }
    std::shared_ptr<InMemoryDirectory> directory;
    if (!args.directory.empty() && !(directory = load_directory(args.directory))) {
        return 1;
    }
    std::shared_ptr<InMemoryAssets> assets;
    if (!args.assets.empty() && !(assets = load_assets(args.assets))) {
        return 1;
    }
    EngineOptions engine_limits;
    if (!engine_options(args, engine_limits)) {
        return 2;
    }
    const bool from_stdin = args.events == "-";
    File in(open_events(args.events), !from_stdin);
    if (in.get() == nullptr) {
        return 1;
    }
    const bool to_stdout = args.out.empty() || args.out == "-";
    File out(to_stdout ? stdout : std::fopen(args.out.c_str(), "wb"), !to_stdout);
    if (out.get() == nullptr) {
        std::fprintf(stderr, "millwright: error: cannot write `%s`\n", args.out.c_str());
        return 1;
    }
    Engine engine(rules, engine_limits);
    engine.set_directory(directory);
    if (!give_assets(engine, std::move(assets), args.assets)) {
        return 1;
    }
    ReplayOptions options;
    std::error_code ignored;
    const auto total = from_stdin ? 0 : std::filesystem::file_size(args.events, ignored);
    const bool show_progress = !args.quiet && isatty(STDERR_FILENO) != 0;
    if (show_progress) {
        options.progress = [total](const ReplaySummary& summary) { draw_progress(summary, total); };
    }
    const auto started = std::chrono::steady_clock::now();
    ReplaySummary summary = replay(engine, in.get(), out.get(), options);
    summary.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (show_progress) {
        std::fputs("\r\033[K", stderr);
    }
    if (std::ferror(out.get())) {
        std::fprintf(stderr, "millwright: error: writing decisions failed\n");
        return 1;
    }
    if (!args.backlog.empty() && !write_backlog(engine, args.backlog)) {
        std::fprintf(stderr, "millwright: error: cannot write backlog `%s`\n",
                     args.backlog.c_str());
        return 1;
    }
    if (std::ferror(in.get())) {
        std::fprintf(stderr, "millwright: error: reading events `%s` failed\n",
                     args.events.c_str());
        return 1;
    }
    if (!args.quiet) {
        print_summary(summary, engine);
    }
    if (args.strict && (summary.rejected > 0 || summary.malformed > 0)) {
        if (!args.quiet) {
            std::fprintf(stderr, "replay: --strict: %llu lines malformed or rejected\n",
                         static_cast<unsigned long long>(summary.rejected + summary.malformed));
        }
        return refused_lines_status;
    }
    return 0;
}

} // namespace

Run add_replay(CLI::App& app) {
    auto args = std::make_shared<ReplayArgs>();
    auto* verb = app.add_subcommand("replay", "Replay a request stream (JSONL) through the rules");
    verb->add_option("--rules", args->rules, "Definition file or folder")->required();
    verb->add_option("--events", args->events, "Request stream (.jsonl), or - for stdin")
        ->required();
    verb->add_option("--out", args->out, "Where decisions go (default: stdout)");
    verb->add_option("--backlog", args->backlog,
                     "Write the open work orders at the end, most urgent first (JSONL)");
    verb->add_option("--directory", args->directory,
                     "People, roles, managers and delegates (JSON, see docs/directory.md)");
    verb->add_option("--assets", args->assets,
                     "Assets the pm rules cover (JSON or JSONL, see docs/assets.md)");
    verb->add_option("--max-clock-jump", args->max_clock_jump,
                     "How far one line may move the clock (default 366d); a line past it is "
                     "refused with clock_jump_too_large");
    verb->add_option("--max-engine-lines", args->max_engine_lines,
                     "Lines of its own the engine may write while catching up to one line's time "
                     "(default 100000)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return text.find_first_not_of("0123456789") == std::string::npos &&
                               text.find_first_not_of('0') != std::string::npos
                           ? ""
                           : "expected a positive whole number, got `" + text + "`";
            },
            "N"));
    verb->add_flag("--strict", args->strict,
                   "Exit 3 when any line was malformed or rejected (after writing every decision)");
    verb->add_flag("--quiet,-q", args->quiet, "No summary and no progress bar");
    return [args] { return run_replay(*args); };
}

} // namespace millwright::cli
