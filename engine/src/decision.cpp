// Writing decisions. Keys come in one fixed order and numbers in one fixed format, so a
// replay's output is byte-identical from run to run and machine to machine.
#include "millwright/decision.hpp"

#include "value.hpp"

namespace millwright {

void Decision::clear() {
    seq = 0;
    at.clear();
    line.reset();
    wo.clear();
    asset.clear();
    event.clear();
    ok = false;
    from.clear();
    to.clear();
    version.reset();
    priority.clear();
    priority_why.clear();
    has_sla = false;
    if (has_approval) { // rare: cleared only when used
        approval = {};
        has_approval = false;
    }
    if (has_pm) { // rare: cleared only when used
        pm = {};
        has_pm = false;
    }
    changes.clear();
    effects.clear();
    error.clear();
    reason.clear();
    why_not.clear();
    origin.clear();
}

namespace {

using detail::JsonWriter;

// Appends `[item,item,...]`, each item written by `write_item`.
template <typename Items, typename WriteItem>
void write_array(JsonWriter& out, const Items& items, WriteItem write_item) {
    out.put('[');
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) {
            out.put(',');
        }
        write_item(out, items[i]);
    }
    out.put(']');
}

void write_effect(JsonWriter& out, const Effect& effect) {
    out.literal("{\"type\":");
    out.string(effect.type);
    if (!effect.to.empty()) {
        out.literal(",\"to\":");
        out.string(effect.to);
    }
    if (!effect.role.empty()) {
        out.literal(",\"role\":");
        out.string(effect.role);
    }
    if (effect.type == "notify") {
        out.literal(",\"message\":");
        out.string(effect.text);
    } else if (effect.type == "note") {
        out.literal(",\"text\":");
        out.string(effect.text);
    } else if (effect.type == "reserve") {
        out.literal(",\"part\":");
        out.string(effect.text);
        out.literal(",\"quantity\":");
        out.unsigned_number(static_cast<std::uint64_t>(effect.quantity));
    }
    out.put('}');
}

void write_clock(JsonWriter& out, const char* name, const SlaClockView& clock) {
    out.string(name);
    out.literal(":{\"status\":");
    out.string(clock.status);
    if (!clock.due.empty()) {
        out.literal(",\"due\":");
        out.string(clock.due);
    }
    if (!clock.remaining.empty()) {
        out.literal(",\"remaining\":");
        out.string(clock.remaining);
    }
    if (clock.breached) {
        out.literal(",\"breached\":true");
    }
    out.put('}');
}

void write_strings(JsonWriter& out, const std::vector<std::string>& texts) {
    write_array(out, texts,
                [](JsonWriter& writer, const std::string& text) { writer.string(text); });
}

// `,"key":"value"` when value is not empty.
void write_optional(JsonWriter& out, std::string_view key_and_colon, const std::string& value) {
    if (!value.empty()) {
        out.raw(key_and_colon);
        out.string(value);
    }
}

void write_approval(JsonWriter& out, const ApprovalView& approval) {
    out.literal(",\"approval\":{\"name\":");
    out.string(approval.name);
    out.literal(",\"status\":");
    out.string(approval.status);
    if (!approval.awaiting.empty()) {
        out.literal(",\"awaiting\":");
        write_array(out, approval.awaiting, [](JsonWriter& writer, const ApprovalAwaiting& step) {
            writer.literal("{\"step\":");
            writer.string(step.step);
            writer.literal(",\"people\":");
            write_strings(writer, step.people);
            writer.put('}');
        });
    }
    if (approval.vote) {
        const ApprovalVoteView& vote = *approval.vote;
        out.literal(",\"vote\":{\"step\":");
        out.string(vote.step);
        out.literal(",\"vote\":");
        out.string(vote.vote);
        out.literal(",\"by\":");
        out.string(vote.by);
        write_optional(out, ",\"for\":", vote.for_whom);
        write_optional(out, ",\"via\":", vote.via);
        write_optional(out, ",\"to\":", vote.to);
        write_optional(out, vote.vote == "reject" ? ",\"reason\":" : ",\"comment\":", vote.text);
        out.put('}');
    }
    if (!approval.rejected_step.empty()) {
        out.literal(",\"rejected\":{\"step\":");
        out.string(approval.rejected_step);
        out.literal(",\"by\":");
        out.string(approval.rejected_by);
        out.literal(",\"reason\":");
        out.string(approval.rejected_reason);
        out.put('}');
    }
    write_optional(out, ",\"restarted_from\":", approval.restarted_from);
    if (!approval.problems.empty()) {
        out.literal(",\"problems\":");
        write_strings(out, approval.problems);
    }
    write_optional(out, ",\"note\":", approval.note);
    out.put('}');
}

void write_trial(JsonWriter& out, const GuardTrial& trial) {
    out.literal("{\"transition\":");
    out.string(trial.transition);
    out.literal(",\"guard\":");
    out.string(trial.guard);
    out.literal(",\"where\":");
    out.string(trial.where);
    out.literal(",\"saw\":{");
    for (std::size_t i = 0; i < trial.saw.size(); ++i) {
        if (i != 0) {
            out.put(',');
        }
        out.string(trial.saw[i].first);
        out.put(':');
        out.raw(trial.saw[i].second);
    }
    out.literal("}}");
}

} // namespace

void Decision::append_json(std::string& out) const {
    // Every piece goes through one stack buffer, appended to `out` once at the end.
    JsonWriter writer(out);
    writer.literal("{\"seq\":");
    writer.unsigned_number(seq);
    if (!at.empty()) {
        writer.literal(",\"at\":");
        writer.string(at);
    }
    if (line) {
        writer.literal(",\"line\":");
        writer.unsigned_number(*line);
    }
    if (!wo.empty()) {
        writer.literal(",\"wo\":");
        writer.string(wo);
    }
    if (!asset.empty()) {
        writer.literal(",\"asset\":");
        writer.string(asset);
    }
    if (!event.empty()) {
        writer.literal(",\"event\":");
        writer.string(event);
    }
    if (ok) {
        writer.literal(",\"ok\":true");
    } else {
        writer.literal(",\"ok\":false");
    }
    if (!from.empty()) {
        writer.literal(",\"from\":");
        writer.string(from);
    }
    if (!to.empty()) {
        writer.literal(",\"to\":");
        writer.string(to);
    }
    if (version) {
        writer.literal(",\"version\":");
        writer.unsigned_number(*version);
    }
    if (!priority.empty()) {
        writer.literal(",\"priority\":{\"level\":");
        writer.string(priority);
        writer.literal(",\"why\":");
        writer.string(priority_why);
        writer.put('}');
    }
    if (has_sla) {
        writer.literal(",\"sla\":{\"name\":");
        writer.string(sla.name);
        writer.put(',');
        write_clock(writer, "response", sla.response);
        writer.put(',');
        write_clock(writer, "resolution", sla.resolution);
        writer.put('}');
    }
    if (has_approval) {
        write_approval(writer, approval);
    }
    if (has_pm) {
        writer.literal(",\"pm\":{\"rule\":");
        writer.string(pm.rule);
        writer.literal(",\"asset\":");
        writer.string(pm.asset);
        writer.literal(",\"due\":");
        writer.string(pm.due);
        if (pm.missed != 0) {
            writer.literal(",\"missed\":");
            writer.unsigned_number(pm.missed);
        }
        writer.put('}');
    }
    if (ok) {
        writer.literal(",\"changes\":{");
        for (std::size_t i = 0; i < changes.size(); ++i) {
            if (i != 0) {
                writer.put(',');
            }
            writer.string(changes[i].field);
            writer.put(':');
            writer.raw(changes[i].value_json);
        }
        writer.literal("},\"effects\":");
        write_array(writer, effects, write_effect);
    }
    if (!error.empty()) {
        writer.literal(",\"error\":");
        writer.string(error);
        writer.literal(",\"reason\":");
        writer.string(reason);
    }
    if (!why_not.empty()) {
        writer.literal(",\"why_not\":");
        write_array(writer, why_not, write_trial);
    }
    if (!origin.empty()) {
        writer.literal(",\"origin\":");
        writer.string(origin);
    }
    writer.put('}');
}

nlohmann::ordered_json Decision::to_json() const {
    std::string text;
    append_json(text);
    return nlohmann::ordered_json::parse(text);
}

} // namespace millwright
