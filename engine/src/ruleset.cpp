// Loading definitions into a Ruleset: read files (a directory in sorted path order), compile
// each with the dsl, refuse a workflow defined twice, and turn dsl diagnostics into the public
// form with their rendered text.
#include "millwright/ruleset.hpp"

#include "ruleset_data.hpp"
#include "trial_load.hpp"

#include "millwright/dsl/compile.hpp"
#include "millwright/dsl/diagnostic.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace millwright {

namespace detail {
// The public header names this type only by declaration.
}

Ruleset::Ruleset(std::shared_ptr<const detail::RulesetData> data) : data_(std::move(data)) {}

std::vector<std::string> Ruleset::workflow_names() const {
    std::vector<std::string> names;
    for (const auto& workflow : data_->workflows) {
        names.push_back(workflow.name);
    }
    return names;
}

bool Ruleset::has_workflow(std::string_view name) const {
    return std::any_of(data_->workflows.begin(), data_->workflows.end(),
                       [&](const auto& workflow) { return workflow.name == name; });
}

std::string Ruleset::generated_lua(std::string_view name) const {
    for (const auto& workflow : data_->workflows) {
        if (workflow.name == name) {
            return workflow.lua;
        }
    }
    return {};
}

std::size_t LoadResult::error_count() const {
    return omitted_errors + static_cast<std::size_t>(std::count_if(
                                diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t LoadResult::warning_count() const {
    return omitted_warnings + static_cast<std::size_t>(std::count_if(
                                  diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
                                      return d.severity == Severity::warning;
                                  }));
}

namespace {

Severity to_public(dsl::Severity severity) {
    switch (severity) {
    case dsl::Severity::error:
        return Severity::error;
    case dsl::Severity::warning:
        return Severity::warning;
    case dsl::Severity::note:
        return Severity::note;
    }
    return Severity::error;
}

Diagnostic to_public(const dsl::Diagnostic& in, const dsl::SourceSet& sources) {
    Diagnostic out;
    out.severity = to_public(in.severity);
    out.code = in.code;
    const auto& source = sources.get(in.span.source);
    out.file = source.name();
    const auto begin = source.locate(in.span.begin);
    const auto end = source.locate(in.span.end);
    out.line = begin.line;
    out.column = begin.column;
    out.end_line = end.line;
    out.end_column = end.column;
    out.message = in.message;
    out.hint = in.hint;
    out.rendered = dsl::render(in, sources, {false});
    out.rendered_colour = dsl::render(in, sources, {true});
    out.json = dsl::to_json(in, sources);
    return out;
}

/// The note that ends a file's diagnostics when more were found than are shown.
Diagnostic omitted(const std::string& file, dsl::DiagnosticList::Dropped dropped) {
    Diagnostic out;
    out.severity = Severity::note;
    out.file = file;
    const std::size_t count = dropped.errors + dropped.warnings;
    out.message = std::to_string(count) + " more diagnostic" + (count == 1 ? "" : "s") +
                  " of this file left out (" + std::to_string(dropped.errors) + " errors, " +
                  std::to_string(dropped.warnings) + " warnings)";
    out.hint = "fix the first ones: they often cause the rest";
    out.rendered = out.file + ": note: " + out.message + "\nhint: " + out.hint + "\n";
    out.rendered_colour = out.rendered;
    nlohmann::ordered_json json;
    json["code"] = "";
    json["severity"] = "note";
    json["file"] = out.file;
    json["message"] = out.message;
    json["hint"] = out.hint;
    out.json = json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return out;
}

Diagnostic unreadable(const std::filesystem::path& path, const std::string& why) {
    Diagnostic out;
    out.code = "E0001";
    out.file = path.string();
    out.message = "cannot read `" + path.string() + "`: " + why;
    out.hint = "check the path and its permissions";
    out.rendered = out.file + ": error: " + out.message + "\nhint: " + out.hint + "\n";
    out.rendered_colour = out.rendered;
    nlohmann::ordered_json json;
    json["code"] = out.code;
    json["severity"] = "error";
    json["file"] = out.file;
    json["message"] = out.message;
    json["hint"] = out.hint;
    out.json = json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return out;
}

/// E0104 for a file too large to read, from its size alone (the text is never read).
Diagnostic too_large(const std::filesystem::path& path, std::uintmax_t size) {
    dsl::SourceSet sources;
    const dsl::SourceId id = sources.add(path.string(), "");
    dsl::DiagnosticList diagnostics;
    diagnostics.report(
        "E0104", {id, 0, 0},
        {std::to_string(size), std::to_string(dsl::CompileLimits{}.max_source_bytes)});
    return to_public(diagnostics.items().front(), sources);
}

bool read_file(const std::filesystem::path& path, std::string& text, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::error_code(errno, std::generic_category()).message();
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        why = "read failed";
        return false;
    }
    text = buffer.str();
    return true;
}

// Files of a path: the file itself, or every *.mw below a directory, sorted.
std::vector<std::filesystem::path> definition_files(const std::filesystem::path& path,
                                                    std::error_code& error) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(path, error)) {
        files.push_back(path);
        return files;
    }
    for (auto it = std::filesystem::recursive_directory_iterator(path, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && it->path().extension() == ".mw") {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// A workflow name used twice across files is an error at the second definition.
void report_duplicates(const std::vector<dsl::WorkflowModel>& workflows,
                       dsl::DiagnosticList& diagnostics, std::vector<bool>& keep) {
    std::map<std::string, std::size_t> first;
    keep.assign(workflows.size(), true);
    for (std::size_t i = 0; i < workflows.size(); ++i) {
        const auto [it, inserted] = first.emplace(workflows[i].name, i);
        if (!inserted) {
            auto& diagnostic = diagnostics.report("E0207", workflows[i].span, {workflows[i].name});
            diagnostic.labels.push_back({workflows[it->second].span, "first defined here"});
            keep[i] = false;
        }
    }
}

// A pm rule name used twice across files is an error at the second one: work-order ids start
// with the rule's name, so two rules of one name could create the same ids.
void report_duplicate_pm_rules(const std::vector<dsl::PmModel>& rules,
                               dsl::DiagnosticList& diagnostics) {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto [it, inserted] = first.emplace(rules[i].name, i);
        if (!inserted) {
            auto& diagnostic =
                diagnostics.report("E0506", rules[i].span, {"pm rule `" + rules[i].name + "`"});
            diagnostic.labels.push_back({rules[it->second].span, "first defined here"});
        }
    }
}

using CalendarPointer = std::shared_ptr<const stdlib::BusinessCalendar>;

// A calendar of the DSL as a stdlib calendar. The checker has vetted shifts, dates and the
// zone name, so a failure here means the machine's zone database changed under us.
CalendarPointer build_calendar(const dsl::CalendarModel& model, dsl::DiagnosticList& diagnostics) {
    using namespace std::chrono;
    stdlib::CalendarSpec spec;
    spec.time_zone = model.time_zone;
    for (std::size_t day = 0; day < 7; ++day) {
        for (const auto& shift : model.weekly[day]) {
            spec.weekly[day].push_back({minutes(shift.open), minutes(shift.close)});
        }
    }
    for (const auto date : model.holidays) {
        spec.holidays.push_back(year_month_day(sys_days(days(date))));
    }
    for (const auto& rule : model.yearly) {
        const auto in_month = month(static_cast<unsigned>(rule.month));
        const auto on = weekday(static_cast<unsigned>(rule.weekday));
        if (rule.day > 0) {
            spec.yearly_holidays.push_back(in_month / day(static_cast<unsigned>(rule.day)));
        } else if (rule.nth < 0) {
            spec.yearly_holidays.push_back(in_month / on[last]);
        } else {
            spec.yearly_holidays.push_back(in_month / on[static_cast<unsigned>(rule.nth)]);
        }
    }
    for (const auto& closure : model.closures) {
        spec.closures.push_back({year_month_day(sys_days(days(closure.date))),
                                 minutes(closure.from), minutes(closure.to)});
    }
    auto created = stdlib::BusinessCalendar::create(std::move(spec));
    if (!created.ok()) {
        diagnostics.report("E0705", model.span, {model.time_zone, created.error});
        return nullptr;
    }
    return std::make_shared<const stdlib::BusinessCalendar>(std::move(*created.calendar));
}

// The calendars each workflow's timers and SLA targets count on: the one named with `on`, or
// the file's only calendar (the checker guarantees there is one when `on` is missing).
void resolve_calendars(const dsl::ProgramModel& program, dsl::DiagnosticList& diagnostics,
                       detail::RulesetData& data) {
    std::map<std::string, CalendarPointer> calendars;
    for (const auto& calendar : program.calendars) {
        calendars[calendar.name] = build_calendar(calendar, diagnostics);
    }
    const auto calendar_of = [&](const std::string& name) -> CalendarPointer {
        const auto found = name.empty() ? calendars.begin() : calendars.find(name);
        return found == calendars.end() ? nullptr : found->second;
    };
    auto by_name = std::make_shared<stdlib::CalendarsByName>();
    for (const auto& [name, calendar] : calendars) {
        if (calendar) {
            by_name->emplace(name, calendar);
        }
    }
    for (const auto& workflow : program.workflows) {
        data.workflow_calendars.push_back(by_name);
        auto& per_timer = data.timer_lengths.emplace_back();
        for (const auto& timer : workflow.timers) {
            per_timer.push_back(detail::CountedDuration::of(
                timer.duration_ms, timer.business, timer.business_length,
                timer.business ? calendar_of(timer.calendar) : nullptr));
        }
        auto& sla = data.sla_rules.emplace_back();
        if (workflow.sla) {
            sla = detail::SlaRules::build(workflow, program.slas[workflow.sla->sla], calendar_of);
        }
        auto& approvals = data.approval_rules.emplace_back();
        for (const auto& use : workflow.approvals) {
            approvals.push_back(detail::build_approval_rules(
                workflow, use, program.approvals[use.approval], calendar_of));
        }
    }
}

LoadResult compile_all(std::vector<std::pair<std::string, std::string>> named_texts,
                       std::vector<Diagnostic> early, const lua::Limits& vm_limits = {}) {
    auto data = std::make_shared<detail::RulesetData>();
    dsl::DiagnosticList diagnostics;
    std::vector<dsl::WorkflowModel> workflows;
    for (auto& [name, text] : named_texts) {
        const auto id = data->sources.add(std::move(name), std::move(text));
        auto program = dsl::compile_program(data->sources, id, diagnostics);
        resolve_calendars(program, diagnostics, *data);
        const std::size_t first_workflow = workflows.size();
        for (auto& workflow : program.workflows) {
            workflows.push_back(std::move(workflow));
        }
        for (auto& rule : program.pm_rules) {
            rule.workflow += first_workflow;
            data->pm_rules.push_back(std::move(rule));
        }
    }
    std::vector<bool> keep;
    report_duplicates(workflows, diagnostics, keep);
    report_duplicate_pm_rules(data->pm_rules, diagnostics);
    LoadResult result;
    result.diagnostics = std::move(early);
    for (const auto& diagnostic : diagnostics.items()) {
        result.diagnostics.push_back(to_public(diagnostic, data->sources));
    }
    for (dsl::SourceId id = 0; id < data->sources.size(); ++id) {
        const auto dropped = diagnostics.dropped(id);
        if (dropped.errors + dropped.warnings > 0) {
            result.diagnostics.push_back(omitted(data->sources.get(id).name(), dropped));
            result.omitted_errors += dropped.errors;
            result.omitted_warnings += dropped.warnings;
        }
    }
    if (result.error_count() > 0) {
        return result;
    }
    data->workflows = std::move(workflows);
    dsl::DiagnosticList loading;
    if (!detail::trial_load(*data, vm_limits, loading)) {
        for (const auto& diagnostic : loading.items()) {
            result.diagnostics.push_back(to_public(diagnostic, data->sources));
        }
        return result;
    }
    result.ruleset = std::make_shared<const Ruleset>(std::move(data));
    return result;
}

} // namespace

LoadResult load_string(std::string_view text, std::string name) {
    return compile_all({{std::move(name), std::string(text)}}, {});
}

namespace detail {

LoadResult load_string_for_vm(std::string_view text, std::string name,
                              const lua::Limits& vm_limits) {
    return compile_all({{std::move(name), std::string(text)}}, {}, vm_limits);
}

} // namespace detail

LoadResult load_path(const std::filesystem::path& path) {
    return load_paths({path});
}

LoadResult load_paths(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::pair<std::string, std::string>> named_texts;
    std::vector<Diagnostic> early;
    for (const auto& path : paths) {
        std::error_code error;
        const auto files = definition_files(path, error);
        if (error) {
            early.push_back(unreadable(path, error.message()));
            continue;
        }
        for (const auto& file : files) {
            // A file larger than a definition may be is refused before it is read, so a
            // mistaken path to a huge file cannot fill memory.
            std::error_code size_error;
            const auto size = std::filesystem::file_size(file, size_error);
            if (!size_error && size > dsl::CompileLimits{}.max_source_bytes) {
                early.push_back(too_large(file, size));
                continue;
            }
            std::string text;
            std::string why;
            if (!read_file(file, text, why)) {
                early.push_back(unreadable(file, why));
                continue;
            }
            named_texts.emplace_back(file.string(), std::move(text));
        }
    }
    return compile_all(std::move(named_texts), std::move(early));
}

} // namespace millwright
