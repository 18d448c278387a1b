// date/tz's answers, with the closing rule applied from the last listed transition on. An
// instant there is placed among the rule's changes of five years around it (two before and two
// after its own, since a change's time may reach a week into a neighbouring year). A change
// counts only where it changes something, so "DST all year" (RFC 8536 section 3.3.1: a start
// on 1 January at 00:00 and an end on 31 December at 24:00 plus the saving) has none; that is
// also why the year after the five is computed, to see a year's end meet the next start. The
// stretch up to the first change that counts is date's own last one, cut short there (RFC 8536
// requires the rule to agree with the last transition), so the two sources meet without a seam.
// Local times are answered from those stretches by trying each one within a day of them: about
// 200 ns instead of date's 40, but only past the last transition, and placement remembers
// stretches (zone_placement.hpp), so few local times ask.
#include "zone_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <system_error>

namespace millwright::stdlib::detail {

namespace {

// The engine works in the years 0001 to 9999; later instants keep the rule's last state.
constexpr int last_ruled_year = 9999;

// Further than any UTC offset reaches (POSIX allows 24:59:59).
constexpr std::chrono::seconds offset_reach{26 * 60 * 60};

/// The directory date's OS database reads zone files from, so the footer comes from the very
/// file date read. The Debian build of date (USE_OS_TZDB) does not expose it: its tz.cpp uses
/// /usr/share/zoneinfo/uclibc when that is a directory (buildroot images) and otherwise
/// /usr/share/zoneinfo, reading no environment variable; this mirrors that choice.
const std::string& zone_directory() {
    static const std::string directory = [] {
        const std::string buildroot = "/usr/share/zoneinfo/uclibc";
        std::error_code ignored;
        return std::filesystem::is_directory(buildroot, ignored)
                   ? buildroot
                   : std::string("/usr/share/zoneinfo");
    }();
    return directory;
}

/// The footer of `zone`'s file; empty when it cannot be read or has none.
std::string footer_of(const date::time_zone& zone) {
    std::ifstream in(zone_directory() + "/" + zone.name(), std::ios::binary);
    if (!in) {
        return {};
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return tzif_footer(bytes).value_or(std::string{});
}

std::uint64_t big_endian_32(std::string_view bytes, std::size_t at) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

/// A change of the rule, with the year it was computed for (which orders simultaneous ones).
struct Change {
    std::int64_t at;
    int year;
    bool to_dst;
};

bool comes_before(const Change& a, const Change& b) {
    return a.at != b.at ? a.at < b.at : a.year < b.year;
}

} // namespace

std::optional<std::string> tzif_footer(std::string_view file) {
    // RFC 8536 section 3: a 44-byte header, a data block with 32-bit times, then for version 2
    // and later a second header, a block with 64-bit times, and "\n" footer "\n".
    constexpr std::size_t header_size = 44;
    const auto is_header_at = [&](std::uint64_t at) {
        return file.size() >= at + header_size && file.substr(at, 4) == "TZif";
    };
    // The block after the header at `at`; counts are isutcnt, isstdcnt, leapcnt, timecnt,
    // typecnt and charcnt, from byte 20 on.
    const auto block_size = [&](std::size_t at, std::uint64_t time_size) {
        const auto count = [&](std::size_t index) {
            return big_endian_32(file, at + 20 + 4 * index);
        };
        return count(3) * (time_size + 1) + count(4) * 6 + count(5) + count(2) * (time_size + 4) +
               count(1) + count(0);
    };
    if (!is_header_at(0) || file[4] == '\0') {
        return std::nullopt;
    }
    const std::uint64_t second = header_size + block_size(0, 4);
    if (!is_header_at(second)) {
        return std::nullopt;
    }
    const std::uint64_t footer = second + header_size + block_size(second, 8);
    if (footer >= file.size() || file[footer] != '\n') {
        return std::nullopt;
    }
    const std::size_t end = file.find('\n', footer + 1);
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    return std::string(file.substr(footer + 1, end - footer - 1));
}

const ZoneRules* ZoneRules::locate(const std::string& name) {
    // Only names the database knows are kept, so bad input cannot grow the cache.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<const ZoneRules>, std::less<>> zones;
    const std::lock_guard lock(mutex);
    if (const auto found = zones.find(name); found != zones.end()) {
        return found->second.get();
    }
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(name);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        return nullptr; // not in the database, or no database on this machine at all
    }
    auto rules = std::make_unique<const ZoneRules>(*zone, footer_of(*zone));
    return zones.emplace(name, std::move(rules)).first->second.get();
}

ZoneRules::ZoneRules(const date::time_zone& zone, std::string_view footer) : zone_(&zone) {
    const date::sys_info last = zone.get_info(date::sys_days{date::year::max() / 1 / 1});
    last_transition_ = last.begin;
    listed_end_ = last.end;
    // A zone without a listed transition (UTC) has nothing a rule could continue from.
    const bool lists_transitions = last.begin > date::sys_days{date::year::min() / 1 / 1};
    std::optional<PosixTz> rule = parse_posix_tz(footer);
    if (lists_transitions && rule && rule->dst) {
        rule_ = std::move(rule);
    }
}

date::sys_info ZoneRules::get_info(date::sys_seconds t) const {
    date::sys_info info = zone_->get_info(t);
    if (!rule_ || info.begin < last_transition_) {
        return info;
    }
    return ruled_info(t, std::move(info));
}

date::local_info ZoneRules::get_info(date::local_seconds t) const {
    date::local_info info = zone_->get_info(t);
    if (!rule_) {
        return info;
    }
    // date's answer stands when it involves no stretch from the last transition on: the rule's
    // first change comes months after it, far beyond any offset's reach.
    const date::sys_info& latest =
        info.result == date::local_info::unique ? info.first : info.second;
    if (latest.begin < last_transition_) {
        return info;
    }
    return ruled_local_info(t, std::move(info));
}

date::sys_info ZoneRules::ruled_info(date::sys_seconds t, date::sys_info last) const {
    const int year =
        t >= listed_end_
            ? last_ruled_year
            : std::min(static_cast<int>(date::year_month_day{date::floor<date::days>(t)}.year()),
                       last_ruled_year);
    // Years year-2 to year+2, and year+3 only to settle changes simultaneous with its own.
    std::array<Change, 12> changes{};
    std::size_t count = 0;
    for (int y = year - 2; y <= year + 3; ++y) {
        for (const PosixTransition& change : transitions_in(*rule_, y)) {
            // Insertion sort: twelve entries, and stable for simultaneous changes.
            std::size_t i = count++;
            const Change entry{change.at, y, change.to_dst};
            for (; i > 0 && comes_before(entry, changes[i - 1]); --i) {
                changes[i] = changes[i - 1];
            }
            changes[i] = entry;
        }
    }
    const std::int64_t now = t.time_since_epoch().count();
    std::optional<bool> state;      // after the changes read so far
    std::optional<bool> state_at_t; // after the last change at or before t
    std::optional<std::int64_t> previous;
    std::optional<std::int64_t> next;
    for (std::size_t i = 0; i < count && !next && changes[i].year <= year + 2;) {
        // Simultaneous changes act as one: the later year's (the next DST period) wins.
        std::size_t j = i;
        while (j + 1 < count && changes[j + 1].at == changes[i].at) {
            ++j;
        }
        const bool after = changes[j].to_dst;
        const bool changes_state = state && *state != after;
        if (changes[i].at <= now) {
            state_at_t = after;
            if (changes_state) {
                previous = changes[i].at;
            }
        } else if (changes_state) {
            next = changes[i].at;
        }
        state = after;
        i = j + 1;
    }
    if (!state_at_t || !previous ||
        date::sys_seconds{std::chrono::seconds{*previous}} <= last.begin) {
        if (next) {
            last.end = date::sys_seconds{std::chrono::seconds{*next}};
        }
        return last;
    }
    const bool dst = *state_at_t;
    date::sys_info info;
    info.begin = date::sys_seconds{std::chrono::seconds{*previous}};
    info.end = next ? date::sys_seconds{std::chrono::seconds{*next}} : last.end;
    info.offset = std::chrono::seconds{dst ? rule_->dst->offset : rule_->std_offset};
    info.save = dst ? std::chrono::duration_cast<std::chrono::minutes>(
                          std::chrono::seconds{rule_->dst->offset - rule_->std_offset})
                    : std::chrono::minutes{0};
    info.abbrev = dst ? rule_->dst->name : rule_->std_name;
    return info;
}

date::local_info ZoneRules::ruled_local_info(date::local_seconds t, date::local_info listed) const {
    const std::chrono::seconds local = t.time_since_epoch();
    if (local + offset_reach >= listed_end_.time_since_epoch()) {
        return listed; // at the end of date's range: no stretch to try beyond it
    }
    date::local_info result{date::local_info::nonexistent, {}, {}};
    int readings = 0;
    bool in_gap = false;
    std::optional<date::sys_info> before;
    date::sys_info stretch = get_info(date::sys_seconds{local - offset_reach});
    // Stretches last months here; the bound only guards against a rule gone wrong.
    for (int tried = 0; tried < 16; ++tried) {
        const date::sys_seconds reading{local - stretch.offset};
        if (reading >= stretch.begin && reading < stretch.end) {
            (readings == 0 ? result.first : result.second) = stretch;
            ++readings;
        } else if (readings == 0 && before && reading < stretch.begin &&
                   date::sys_seconds{local - before->offset} >= before->end) {
            result.first = *before;
            result.second = stretch;
            in_gap = true;
        }
        if (stretch.end.time_since_epoch() > local + offset_reach || stretch.end >= listed_end_) {
            break;
        }
        before = stretch;
        stretch = get_info(stretch.end);
    }
    if (readings == 2) {
        result.result = date::local_info::ambiguous;
    } else if (readings == 1) {
        result.result = date::local_info::unique;
        result.second = date::sys_info{};
    } else if (!in_gap) {
        return listed;
    }
    return result;
}

} // namespace millwright::stdlib::detail
