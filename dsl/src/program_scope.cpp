// ProgramScope: the definitions a program shares (levels, matrices, calendars, SLAs), looked
// up by name for every pass, and the two reports several passes make about them (a duplicate,
// an unknown priority level).
#include "check.hpp"

#include "suggest.hpp"

#include <algorithm>

namespace millwright::dsl::detail {

ProgramScope::ProgramScope(const ast::Program& program, bool complete)
    : program_(&program), complete_(complete) {}

std::optional<std::size_t> ProgramScope::level_index(std::string_view name) const {
    if (program_->priority_levels.empty()) {
        return std::nullopt;
    }
    const auto& levels = program_->priority_levels.front().levels;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].name.name == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::vector<std::string> ProgramScope::level_names() const {
    std::vector<std::string> names;
    if (!program_->priority_levels.empty()) {
        for (const auto& level : program_->priority_levels.front().levels) {
            if (std::find(names.begin(), names.end(), level.name.name) == names.end()) {
                names.push_back(level.name.name);
            }
        }
    }
    return names;
}

const ast::Matrix* ProgramScope::find_matrix(std::string_view name) const {
    for (const auto& matrix : program_->matrices) {
        if (matrix.name.name == name) {
            return &matrix;
        }
    }
    return nullptr;
}

std::vector<std::string> ProgramScope::matrix_names() const {
    std::vector<std::string> names;
    for (const auto& matrix : program_->matrices) {
        if (std::find(names.begin(), names.end(), matrix.name.name) == names.end()) {
            names.push_back(matrix.name.name);
        }
    }
    return names;
}

const ast::Calendar* ProgramScope::find_calendar(std::string_view name) const {
    for (const auto& calendar : program_->calendars) {
        if (calendar.name.name == name) {
            return &calendar;
        }
    }
    return nullptr;
}

std::vector<std::string> ProgramScope::calendar_names() const {
    std::vector<std::string> names;
    for (const auto& calendar : program_->calendars) {
        if (std::find(names.begin(), names.end(), calendar.name.name) == names.end()) {
            names.push_back(calendar.name.name);
        }
    }
    return names;
}

const ast::Calendar* ProgramScope::default_calendar() const {
    const ast::Calendar* only = nullptr;
    for (const auto& calendar : program_->calendars) {
        if (calendar.standard) {
            continue; // shared by every file, so it must be named with `on`
        }
        if (only == nullptr) {
            only = &calendar;
        } else if (only->name.name != calendar.name.name) {
            return nullptr;
        }
    }
    return only;
}

const ast::Sla* ProgramScope::find_sla(std::string_view name) const {
    for (const auto& sla : program_->slas) {
        if (sla.name.name == name) {
            return &sla;
        }
    }
    return nullptr;
}

std::vector<std::string> ProgramScope::sla_names() const {
    std::vector<std::string> names;
    for (const auto& sla : program_->slas) {
        if (std::find(names.begin(), names.end(), sla.name.name) == names.end()) {
            names.push_back(sla.name.name);
        }
    }
    return names;
}

const ast::Approval* ProgramScope::find_approval(std::string_view name) const {
    for (const auto& approval : program_->approvals) {
        if (approval.name.name == name) {
            return &approval;
        }
    }
    return nullptr;
}

std::vector<std::string> ProgramScope::approval_names() const {
    std::vector<std::string> names;
    for (const auto& approval : program_->approvals) {
        if (std::find(names.begin(), names.end(), approval.name.name) == names.end()) {
            names.push_back(approval.name.name);
        }
    }
    return names;
}

const ast::DecisionTable* ProgramScope::find_table(std::string_view name) const {
    for (const auto& table : program_->tables) {
        if (table.name.name == name) {
            return &table;
        }
    }
    return nullptr;
}

std::vector<std::string> ProgramScope::table_names() const {
    std::vector<std::string> names;
    for (const auto& table : program_->tables) {
        if (std::find(names.begin(), names.end(), table.name.name) == names.end()) {
            names.push_back(table.name.name);
        }
    }
    return names;
}

void report_duplicate_of(DiagnosticList& diagnostics, const std::string& what, SourceSpan duplicate,
                         SourceSpan first) {
    auto& diagnostic = diagnostics.report("E0506", duplicate, {what});
    diagnostic.labels.push_back({first, "first written here"});
}

void check_level(const ProgramScope& program, const ast::Identifier& level,
                 DiagnosticList& diagnostics) {
    if (!program.has_levels() || program.level_index(level.name)) {
        return;
    }
    const auto names = program.level_names();
    std::string remedy = did_you_mean(level.name, names);
    if (remedy.empty()) {
        remedy = "the levels are " + quoted_list(names);
    }
    diagnostics.report("E0505", level.span, {level.name, remedy});
}

} // namespace millwright::dsl::detail
