// `millwright forecast --rules PATH --assets FILE --from DATE --to DATE [--format jsonl|csv|ics]
// [--out FILE]`: the work orders the pm rules would create in the horizon, from the asset
// records alone (a fresh engine: no readings, no completions but the records' `last_done`).
#include "assets_file.hpp"
#include "verbs.hpp"

#include "millwright/engine.hpp"
#include "millwright/forecast.hpp"
#include "millwright/ruleset.hpp"

#include <cstdio>
#include <string>

#include <unistd.h>

namespace millwright::cli {

namespace {

struct ForecastArgs {
    std::string rules;
    std::string assets;
    std::string from;
    std::string to;
    std::string format = "jsonl";
    std::string out;
};

/// `--from` / `--to`: an RFC 3339 time, or a date. A date given to `--to` counts whole: the
/// horizon runs to the end of that day, so `--from 2026-01-01 --to 2026-12-31` is the year.
std::optional<Timestamp> horizon_end(const std::string& text, bool is_end) {
    const auto at = parse_timestamp(text);
    if (at && is_end && text.size() == 10) {
        return *at + std::chrono::days{1};
    }
    return at;
}

int run_forecast(const ForecastArgs& args) {
    const auto rules = load_rules_reporting(args.rules);
    if (!rules) {
        return 1;
    }
    const auto from = horizon_end(args.from, false);
    const auto to = horizon_end(args.to, true);
    if (!from || !to) {
        std::fprintf(stderr,
                     "millwright: error: %s: `%s` is not a date (YYYY-MM-DD) or an RFC 3339 "
                     "time\n",
                     !from ? "--from" : "--to", (!from ? args.from : args.to).c_str());
        return 2;
    }
    if (*to <= *from) {
        std::fprintf(stderr, "millwright: error: --to `%s` must come after --from `%s`\n",
                     args.to.c_str(), args.from.c_str());
        return 2;
    }
    auto assets = load_assets(args.assets);
    if (!assets) {
        return 1;
    }
    Engine engine(rules);
    if (!give_assets(engine, std::move(assets), args.assets)) {
        return 1;
    }
    const auto entries = engine.forecast(*from, *to);
    std::string text;
    if (args.format == "csv") {
        write_forecast_csv(entries, text);
    } else if (args.format == "ics") {
        write_forecast_ics(entries, *from, "millwright forecast", text);
    } else {
        write_forecast_jsonl(entries, text);
    }
    const bool to_stdout = args.out.empty() || args.out == "-";
    std::FILE* out = to_stdout ? stdout : std::fopen(args.out.c_str(), "wb");
    if (out == nullptr) {
        std::fprintf(stderr, "millwright: error: cannot write `%s`\n", args.out.c_str());
        return 1;
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (!to_stdout) {
        std::fclose(out);
    }
    if (!written) {
        std::fprintf(stderr, "millwright: error: writing the forecast failed\n");
        return 1;
    }
    std::fprintf(stderr, "forecast: %zu work orders from %s to %s\n", entries.size(),
                 format_timestamp(*from).c_str(), format_timestamp(*to).c_str());
    return 0;
}

} // namespace

Run add_forecast(CLI::App& app) {
    auto args = std::make_shared<ForecastArgs>();
    auto* verb = app.add_subcommand(
        "forecast", "List the work orders the pm rules would create over a horizon");
    verb->add_option("--rules", args->rules, "Definition file or folder")->required();
    verb->add_option("--assets", args->assets, "Assets (JSON or JSONL, see docs/assets.md)")
        ->required();
    verb->add_option("--from", args->from, "Start of the horizon (YYYY-MM-DD or RFC 3339)")
        ->required();
    verb->add_option("--to", args->to, "End of the horizon (a date counts to its end)")->required();
    verb->add_option("--format", args->format, "jsonl (default), csv or ics")
        ->check(CLI::IsMember({"jsonl", "csv", "ics"}));
    verb->add_option("--out", args->out, "Where the forecast goes (default: stdout)");
    return [args] { return run_forecast(*args); };
}

} // namespace millwright::cli
