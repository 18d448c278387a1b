// Recurrence expansion: a rule's local date-times (recurrence_rule.cpp) placed in its zone
// (zone_placement.cpp), put in instant order, each instant once, and bounded by COUNT, UNTIL, the
// search horizon and the year 9999.
//
// Periods are expanded in order, but their instants are not quite: a time moved out of a DST gap
// may pass later ones, and a missing day moved forward joins the next month's first day. So an
// expansion keeps the instants of the periods it has expanded in a small sorted buffer and hands
// one out only once no later period can place anything before it (the "watermark", a lower bound
// on every placement still to come). A cursor records the earliest period that still has
// instants in that buffer, so resuming re-expands that period and skips what was handed out.
#include "millwright/stdlib/recurrence.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <limits>
#include <utility>
#include <variant>

#include <date/tz.h>

#include "millwright/stdlib/format.hpp"
#include "recurrence_rule.hpp"
#include "zone_placement.hpp"
#include "zone_rules.hpp"

namespace millwright::stdlib {

namespace detail {

struct RecurrenceData {
    RecurrenceSpec spec;
    std::string zone_name;
    const ZoneRules* zone = nullptr;
    RecurrenceRule rule;
    std::optional<std::int64_t> until_ms;    ///< UNTIL as an instant
    std::optional<LocalSeconds> until_local; ///< UNTIL as a local date-time
};

} // namespace detail

using detail::LocalSeconds;
using detail::RecurrenceData;

namespace {

constexpr std::int64_t ms_per_second = 1000;
constexpr std::int64_t no_limit = std::numeric_limits<std::int64_t>::max();

// Questions about instants outside the years 0001 to 9999 (UTC) have no occurrence to find.
const std::int64_t first_supported_ms =
    days_from_civil(1, 1, 1) * detail::seconds_per_day * ms_per_second;
const std::int64_t end_supported_ms =
    days_from_civil(10000, 1, 1) * detail::seconds_per_day * ms_per_second;

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor < 0) ? quotient - 1 : quotient;
}

Instant to_instant(std::int64_t ms) {
    return Instant{std::chrono::milliseconds{ms}};
}

std::int64_t ms_of(Instant t) {
    return t.time_since_epoch().count();
}

// ---------------------------------------------------------------------------------------------
// Validation: the first problem as a message, or nothing.

using Problem = std::optional<std::string>;

const char* frequency_name(RecurrenceFrequency frequency) {
    static constexpr const char* names[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                                            "WEEKLY",   "MONTHLY",  "YEARLY"};
    return names[static_cast<int>(frequency)];
}

std::string weekday_code(const RecurrenceWeekday& entry) {
    static constexpr const char* codes[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    const std::string code = codes[entry.weekday.c_encoding()];
    return entry.ordinal == 0 ? code : std::to_string(entry.ordinal) + code;
}

/// Values of a list that may not be negative, e.g. BYHOUR 0 to 23.
Problem check_range(const char* part, const std::vector<int>& values, int low, int high) {
    for (const int value : values) {
        if (value < low || value > high) {
            return std::string(part) + " value " + std::to_string(value) + " is out of range " +
                   std::to_string(low) + " to " + std::to_string(high);
        }
    }
    return std::nullopt;
}

/// Values of a list counted from either end, e.g. BYMONTHDAY 1 to 31 or -31 to -1.
Problem check_signed_range(const char* part, const std::vector<int>& values, int high) {
    const std::string range = std::to_string(-high) + " to " + std::to_string(high);
    for (const int value : values) {
        if (value == 0) {
            return std::string(part) + " value 0 is out of range " + std::to_string(-high) +
                   " to -1 or 1 to " + std::to_string(high);
        }
        if (value < -high || value > high) {
            return std::string(part) + " value " + std::to_string(value) + " is out of range " +
                   range;
        }
    }
    return std::nullopt;
}

Problem check_values(const RecurrenceSpec& spec) {
    for (const RecurrenceWeekday& entry : spec.by_day) {
        if (!entry.weekday.ok()) {
            return "BYDAY weekday " + std::to_string(entry.weekday.c_encoding()) +
                   " does not exist";
        }
        if (entry.ordinal < -53 || entry.ordinal > 53) {
            return "BYDAY ordinal " + std::to_string(entry.ordinal) + " is out of range -53 to 53";
        }
    }
    if (!spec.week_start.ok()) {
        return "WKST weekday " + std::to_string(spec.week_start.c_encoding()) + " does not exist";
    }
    Problem problem = check_range("BYSECOND", spec.by_second, 0, 60);
    problem = problem ? problem : check_range("BYMINUTE", spec.by_minute, 0, 59);
    problem = problem ? problem : check_range("BYHOUR", spec.by_hour, 0, 23);
    problem = problem ? problem : check_signed_range("BYMONTHDAY", spec.by_month_day, 31);
    problem = problem ? problem : check_signed_range("BYYEARDAY", spec.by_year_day, 366);
    problem = problem ? problem : check_signed_range("BYWEEKNO", spec.by_week_no, 53);
    problem = problem ? problem : check_range("BYMONTH", spec.by_month, 1, 12);
    return problem ? problem : check_signed_range("BYSETPOS", spec.by_set_pos, 366);
}

/// The combinations RFC 5545 section 3.3.10 forbids.
Problem check_combination(const RecurrenceSpec& spec) {
    using F = RecurrenceFrequency;
    const F frequency = spec.frequency;
    const std::string with = std::string(" is not allowed with FREQ=") + frequency_name(frequency);
    if (!spec.by_week_no.empty() && frequency != F::yearly) {
        return "BYWEEKNO is only allowed with FREQ=YEARLY";
    }
    if (!spec.by_year_day.empty() &&
        (frequency == F::daily || frequency == F::weekly || frequency == F::monthly)) {
        return "BYYEARDAY" + with;
    }
    if (!spec.by_month_day.empty() && frequency == F::weekly) {
        return "BYMONTHDAY" + with;
    }
    for (const RecurrenceWeekday& entry : spec.by_day) {
        if (entry.ordinal == 0) {
            continue;
        }
        const std::string numbered = "numbered BYDAY " + weekday_code(entry);
        if (frequency != F::monthly && frequency != F::yearly) {
            return numbered + " is only allowed with FREQ=MONTHLY or FREQ=YEARLY";
        }
        if (!spec.by_week_no.empty()) {
            return numbered + " is not allowed with BYWEEKNO";
        }
    }
    const bool other_by_part = !spec.by_second.empty() || !spec.by_minute.empty() ||
                               !spec.by_hour.empty() || !spec.by_day.empty() ||
                               !spec.by_month_day.empty() || !spec.by_year_day.empty() ||
                               !spec.by_week_no.empty() || !spec.by_month.empty();
    if (!spec.by_set_pos.empty() && !other_by_part) {
        return "BYSETPOS needs another BYxxx rule part";
    }
    return std::nullopt;
}

/// "2026-03-08T02:30:00" for a local date-time (years outside 0000-9999 with a sign).
std::string local_text(LocalSeconds local) {
    const std::int64_t day = floor_div(local, detail::seconds_per_day);
    const std::int64_t time = local - day * detail::seconds_per_day;
    const CivilDate date = civil_from_days(day);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                  static_cast<long long>(date.year), date.month, date.day,
                  static_cast<long long>(time / 3600), static_cast<long long>(time / 60 % 60),
                  static_cast<long long>(time % 60));
    return buffer;
}

bool is_policy(RecurrenceSkip skip) {
    return skip == RecurrenceSkip::omit || skip == RecurrenceSkip::backward ||
           skip == RecurrenceSkip::forward;
}

Problem check_spec(const RecurrenceSpec& spec) {
    const int frequency = static_cast<int>(spec.frequency);
    if (frequency < 0 || frequency > static_cast<int>(RecurrenceFrequency::yearly)) {
        return "FREQ " + std::to_string(frequency) + " does not exist";
    }
    if (!is_policy(spec.missing_day) || !is_policy(spec.dst_gap)) {
        return std::string("unknown skip policy");
    }
    if (spec.interval < 1) {
        return "INTERVAL value " + std::to_string(spec.interval) + " must be at least 1";
    }
    if (spec.count && *spec.count < 1) {
        return "COUNT value " + std::to_string(*spec.count) + " must be at least 1";
    }
    if (spec.count && spec.until) {
        return std::string("COUNT and UNTIL cannot both be given");
    }
    const std::int64_t start = spec.start.time_since_epoch().count();
    if (start < first_supported_ms / ms_per_second || start >= end_supported_ms / ms_per_second) {
        return "DTSTART " + local_text(start) + " is outside the years 0001 to 9999";
    }
    if (Problem problem = check_values(spec)) {
        return problem;
    }
    return check_combination(spec);
}

// ---------------------------------------------------------------------------------------------
// One walk through the occurrences.

/// Expands periods from a cursor and hands out their instants in order.
class Expansion {
public:
    /// Nothing at or after `limit_ms` is needed (no_limit: no such bound).
    Expansion(const RecurrenceData& data, const RecurrenceCursor& from, std::int64_t limit_ms)
        : data_(data), rule_(data.rule), zone_(*data.zone),
          next_period_(std::clamp<std::int64_t>(from.period, 0, rule_.last_period() + 1)),
          after_ms_(from.after ? std::optional{ms_of(*from.after)} : std::nullopt),
          counted_(from.counted), ended_(from.ended), limit_ms_(limit_ms) {
        // A cursor is plain data a host may have stored: out-of-range fields end the walk or
        // are clamped, never trusted into overflowing arithmetic.
        const bool counted_out = data.spec.count && counted_ && *counted_ >= *data.spec.count;
        if (ended_ || counted_out || next_period_ > rule_.last_period()) {
            ended_ = true;
            return;
        }
        last_productive_ = rule_.period_start(next_period_);
        watermark_ = std::numeric_limits<std::int64_t>::min();
    }

    /// The next occurrence (milliseconds), without consuming it.
    std::optional<std::int64_t> peek() {
        while (!ended_) {
            drop_handed_out();
            if (head_ < pending_.size() && (!generating_ || pending_[head_].utc < watermark_)) {
                return pending_[head_].utc * ms_per_second;
            }
            if (!generating_) {
                ended_ = stopped_by_rule_;
                return std::nullopt;
            }
            expand_next_period();
        }
        return std::nullopt;
    }

    /// Consumes the occurrence peek() returned.
    void pop() {
        const Item item = pending_[head_];
        release(item);
        after_ms_ = item.utc * ms_per_second;
        if (counted_) {
            ++*counted_;
            if (data_.spec.count && *counted_ >= *data_.spec.count) {
                ended_ = true;
            }
        }
    }

    /// Where the walk stands: resuming from it hands out what this walk would hand out next.
    RecurrenceCursor cursor() const {
        RecurrenceCursor cursor;
        cursor.period = next_period_;
        for (const auto& [period, left] : left_per_period_) {
            if (left > 0) {
                cursor.period = period;
                break;
            }
        }
        cursor.after = after_ms_ ? std::optional{to_instant(*after_ms_)} : std::nullopt;
        cursor.counted = counted_;
        cursor.ended = ended_;
        return cursor;
    }

private:
    struct Item {
        std::int64_t utc; ///< seconds
        std::int64_t period;
    };

    /// Drops instants at or before the last one handed out (or the cursor's), which also
    /// removes an instant that two local date-times were placed at.
    void drop_handed_out() {
        while (head_ < pending_.size() && after_ms_ &&
               pending_[head_].utc * ms_per_second <= *after_ms_) {
            release(pending_[head_]);
        }
    }

    void release(const Item& item) {
        ++head_;
        for (auto& [period, left] : left_per_period_) {
            if (period == item.period) {
                --left;
                break;
            }
        }
        while (!left_per_period_.empty() && left_per_period_.front().second == 0) {
            left_per_period_.pop_front();
        }
        if (head_ == pending_.size()) {
            pending_.clear();
            head_ = 0;
        }
    }

    void stop(bool by_rule) {
        generating_ = false;
        stopped_by_rule_ = by_rule;
    }

    void expand_next_period() {
        const std::int64_t limit =
            data_.until_local ? std::min(*data_.until_local, horizon_end()) : horizon_end();
        const std::int64_t k = rule_.next_candidate(next_period_, limit, scratch_);
        if (k > rule_.last_period()) {
            stop(true);
            return;
        }
        const LocalSeconds start = rule_.period_start(k);
        if ((data_.until_local && start > *data_.until_local) || start > horizon_end()) {
            stop(true);
            return;
        }
        rule_.expand(k, scratch_);
        const std::size_t old_size = pending_.size();
        std::int64_t added = 0;
        for (const LocalSeconds local : scratch_.times) {
            if (data_.until_local && local > *data_.until_local) {
                break;
            }
            const std::optional<std::int64_t> utc = zone_.place(local, data_.spec.dst_gap);
            if (!utc) {
                continue;
            }
            last_productive_ = start;
            const std::int64_t ms = *utc * ms_per_second;
            if ((data_.until_ms && ms > *data_.until_ms) || (after_ms_ && ms <= *after_ms_)) {
                continue;
            }
            pending_.push_back({*utc, k});
            ++added;
        }
        const auto by_instant = [](const Item& a, const Item& b) { return a.utc < b.utc; };
        const auto fresh = pending_.begin() + static_cast<std::ptrdiff_t>(old_size);
        std::sort(fresh, pending_.end(), by_instant);
        // Usually a period's instants all follow the earlier ones: no merge (and no buffer).
        if (old_size > head_ && fresh != pending_.end() && by_instant(*fresh, *(fresh - 1))) {
            std::inplace_merge(pending_.begin() + static_cast<std::ptrdiff_t>(head_), fresh,
                               pending_.end(), by_instant);
        }
        if (added > 0) {
            left_per_period_.emplace_back(k, added);
        }
        next_period_ = k + 1;
        if (next_period_ > rule_.last_period()) {
            stop(true);
            return;
        }
        watermark_ =
            zone_.lowest_placement_from(rule_.period_start(next_period_), data_.spec.dst_gap);
        if (data_.until_ms && watermark_ * ms_per_second > *data_.until_ms) {
            stop(true);
        } else if (watermark_ * ms_per_second >= limit_ms_) {
            stop(false);
        }
    }

    LocalSeconds horizon_end() const { return last_productive_ + rule_.horizon(); }

    const RecurrenceData& data_;
    const detail::RecurrenceRule& rule_;
    detail::ZonePlacement zone_;
    detail::PeriodScratch scratch_;
    std::vector<Item> pending_; ///< sorted by instant from head_ on
    std::size_t head_ = 0;
    std::deque<std::pair<std::int64_t, std::int64_t>> left_per_period_; ///< period, items left
    std::int64_t next_period_;
    std::int64_t watermark_ = 0; ///< every instant still to be expanded is at or after it
    LocalSeconds last_productive_ = 0;
    std::optional<std::int64_t> after_ms_;
    std::optional<std::int64_t> counted_;
    bool ended_;
    bool generating_ = true;
    bool stopped_by_rule_ = false;
    std::int64_t limit_ms_;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Public API.

Recurrence::Recurrence(std::shared_ptr<const detail::RecurrenceData> data)
    : data_(std::move(data)) {}

RecurrenceResult Recurrence::create(RecurrenceSpec spec, std::string time_zone) {
    RecurrenceResult result;
    if (time_zone.empty()) {
        result.error = "missing time zone";
        return result;
    }
    if (Problem problem = check_spec(spec)) {
        result.error = std::move(*problem);
        return result;
    }
    const detail::ZoneRules* zone = detail::ZoneRules::locate(time_zone);
    if (!zone) {
        result.error = "unknown time zone \"" + time_zone + "\"";
        return result;
    }
    detail::RecurrenceRule rule(spec);
    std::optional<std::int64_t> until_ms;
    std::optional<LocalSeconds> until_local;
    if (spec.until) {
        if (const auto* instant = std::get_if<Instant>(&*spec.until)) {
            until_ms = ms_of(*instant);
        } else {
            until_local =
                std::get<std::chrono::local_seconds>(*spec.until).time_since_epoch().count();
        }
    }
    auto data = std::make_shared<RecurrenceData>(RecurrenceData{
        std::move(spec), std::move(time_zone), zone, std::move(rule), until_ms, until_local});
    result.recurrence = Recurrence(std::move(data));
    return result;
}

const std::string& Recurrence::time_zone() const {
    return data_->zone_name;
}

const RecurrenceSpec& Recurrence::spec() const {
    return data_->spec;
}

bool Recurrence::is_finite() const {
    return data_->spec.count.has_value() || data_->spec.until.has_value();
}

std::optional<Instant> Recurrence::until_instant() const {
    if (data_->until_ms) {
        return to_instant(*data_->until_ms);
    }
    if (!data_->until_local) {
        return std::nullopt;
    }
    const LocalSeconds local = *data_->until_local;
    const date::local_info info =
        data_->zone->get_info(date::local_seconds{std::chrono::seconds{local}});
    const std::chrono::seconds offset =
        info.result == date::local_info::ambiguous ? info.second.offset : info.first.offset;
    return to_instant((local - offset.count()) * ms_per_second);
}

RecurrenceCursor Recurrence::start() const {
    RecurrenceCursor cursor;
    cursor.counted = 0;
    cursor.ended = data_->rule.never();
    return cursor;
}

RecurrenceCursor Recurrence::seek(Instant t) const {
    const std::int64_t ms = std::max(ms_of(t), first_supported_ms);
    RecurrenceCursor cursor = start();
    if (ms >= end_supported_ms) {
        cursor.ended = true;
        return cursor;
    }
    if (data_->spec.count) {
        // COUNT needs the occurrences before `t` counted, so walk to it from DTSTART.
        Expansion walk(*data_, cursor, no_limit);
        for (auto next = walk.peek(); next && *next < ms; next = walk.peek()) {
            walk.pop();
        }
        return walk.cursor();
    }
    // The earliest local time that can be placed at or after `t`.
    const std::int64_t utc = floor_div(ms, ms_per_second);
    const LocalSeconds local = utc + detail::ZonePlacement(*data_->zone).smallest_offset_near(utc);
    cursor.period = data_->rule.first_period_reaching(local);
    cursor.after = to_instant(ms - 1);
    cursor.counted.reset();
    cursor.ended = cursor.ended || cursor.period > data_->rule.last_period();
    return cursor;
}

std::optional<Instant> Recurrence::next(RecurrenceCursor& cursor) const {
    Expansion walk(*data_, cursor, no_limit);
    const std::optional<std::int64_t> next = walk.peek();
    if (next) {
        walk.pop();
    }
    cursor = walk.cursor();
    cursor.ended = cursor.ended || !next;
    return next ? std::optional{to_instant(*next)} : std::nullopt;
}

std::optional<Instant> Recurrence::first_at_or_after(Instant t) const {
    RecurrenceCursor cursor = seek(t);
    return next(cursor);
}

void Recurrence::visit_between(Instant from, Instant to, detail::OccurrenceVisitor visit) const {
    const std::int64_t end = std::min(ms_of(to), end_supported_ms);
    if (ms_of(from) >= end) {
        return;
    }
    Expansion walk(*data_, seek(from), end);
    for (auto next = walk.peek(); next && *next < end; next = walk.peek()) {
        walk.pop();
        if (!visit(to_instant(*next))) {
            return;
        }
    }
}

} // namespace millwright::stdlib
