#!/usr/bin/env python3
"""Classify every line of a request stream for workflows/corrective.mw.

    python3 bench/check_stream.py STREAM.jsonl [--expect-all-faults] [--directory FILE]

An independent check of bench/gen_stream.cpp: a small model of corrective.mw (fields, enums,
transitions, guards, `requires`) replays the stream and sorts each line into `ok`, `tick` or
the fault it carries (the names gen_stream uses). It prints the counts and the work orders
still open at the end by state (those gen_stream --linger left in triage among them), and
exits 1 when a line fits none of them, when `at` goes backwards, or, with --expect-all-faults,
when a fault kind never occurs. Ticks after the last event (gen_stream --days) are ordinary
`tick` lines; it reports when the last event and the last line are. It is a model for
checking test data, not the engine: it does not run hooks or effects beyond what decides later
lines (assignee, approved, stored fields).

A job assigned at a cost over 1000 waits for the spend approval chain of corrective.mw, modelled
here with the people of the directory (--directory, default examples/directory.json): its
`approve` lines must come from someone the chain awaits (or their out-of-office delegate), never
from the requester; a second vote on a step is accepted and changes nothing. The model leaves out
what gen_stream never writes: rejections, delegations, directory lines and timeouts.
"""

import json
import os
import re
import sys
from collections import Counter

DEFAULT_DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples",
                                 "directory.json")

FAULT_KINDS = [
    "not_allowed", "unknown_wo", "missing_required", "invalid_enum", "unknown_field",
    "guard_fails", "truncated_json", "not_an_object", "missing_at", "deep_nesting",
]

LEVELS = {"high", "medium", "low"}
FIELDS = {  # name: (type, default)
    "asset": ("text", None), "location": ("text", None), "description": ("text", None),
    "noticed_on": ("date", None),
    "category": ({"plumbing", "electrical", "hvac", "general"}, "general"),
    "impact": (LEVELS, "medium"), "urgency": (LEVELS, "medium"),
    "cost": ("money", 0), "approved": ("bool", False), "estimate": ("duration", "4h"),
    "due": ("time", None), "technician": ("text", None), "hold_reason": ("text", None),
    "hold_count": ("number", 0), "notes": ("text", None), "parts": ("list", None),
    "labour": ("duration", None), "completed_at": ("time", None), "rating": ("number", None),
}
DATA_REFERENCES = {"technician", "rating", "reason"}
REQUIRED_ON_SUBMIT = {"asset"}
OPEN = ["new", "triaged", "awaiting_approval", "assigned", "in_progress", "on_hold"]


def guard_assign_direct(order, data, actor):
    return order["cost"] <= 1000 or order["approved"]


def guard_assign_approval(order, data, actor):
    return order["cost"] > 1000 and not order["approved"]


def guard_start(order, data, actor):
    return actor == order.get("assignee")


def guard_rate(order, data, actor):
    rating = data.get("rating")
    return isinstance(rating, (int, float)) and not isinstance(rating, bool) and 1 <= rating <= 5


# event: [(from states, to, guard or None, requires)]; votes (approve) are handled by Chain.
EVENTS = {
    "triage": [(["new"], "triaged", None, [])],
    "assign": [(["triaged"], "assigned", guard_assign_direct, ["technician"]),
               (["triaged"], "awaiting_approval", guard_assign_approval, ["technician"])],
    "start": [(["assigned"], "in_progress", guard_start, [])],
    "hold": [(["in_progress"], "on_hold", None, ["hold_reason"])],
    "resume": [(["on_hold"], "in_progress", None, [])],
    "complete": [(["in_progress"], "completed", None, ["notes", "parts"])],
    "close": [(["completed"], "closed", None, [])],
    "rate": [(["completed"], "closed", guard_rate, [])],
    "reopen": [(["completed"], "in_progress", None, [])],
    "cancel": [(OPEN, "cancelled", None, [])],
}

# The spend approval chain: (stage, step, approvals needed, role, condition on the work order).
CHAIN = [
    (0, "supervisor", 1, "supervisor", lambda order: True),
    (0, "safety", 1, "safety_officer", lambda order: order["category"] == "electrical"),
    (1, "facilities", 1, "facilities_manager", lambda order: order["cost"] > 2500),
    (2, "finance", 2, "finance", lambda order: order["cost"] > 5000),
]
STAGES = 3


class Directory:
    def __init__(self, path):
        with open(path, encoding="utf-8") as file:
            self.people = {person["id"]: person for person in json.load(file)["people"]}

    def holders(self, role):
        return sorted(id for id, person in self.people.items() if role in person.get("roles", []))

    def delegate_for(self, id, at):
        away = (self.people.get(id) or {}).get("out_of_office")
        return away["delegate"] if away and away["from"] <= at < away["to"] else None


class Chain:
    """A work order's run of the spend approval chain: the steps of the current stage, each
    with the people it waits for, those who voted and the approvals it still needs."""

    def __init__(self, order, directory):
        self.order, self.directory, self.steps, self.approved = order, directory, {}, False
        self.begin(0)

    def begin(self, stage):
        for self.stage in range(stage, STAGES):
            self.steps = {}
            for step_stage, name, needed, role, applies in CHAIN:
                if step_stage == self.stage and applies(self.order):
                    approvers = [id for id in self.directory.holders(role)
                                 if id != self.order["requester"]]
                    self.steps[name] = {"waiting": approvers, "voters": set(), "needed": needed,
                                        "blocked": len(approvers) < needed}
            if self.steps:
                return
        self.approved = True

    def vote(self, by, at):
        """'ok', 'repeated' or why the vote is refused."""
        if by == self.order["requester"]:
            return "self_approval"
        repeated = False
        for step in self.steps.values():
            if step["blocked"] or step["needed"] == 0:
                continue
            if by in step["voters"]:
                repeated = True
                continue
            owner = next((id for id in step["waiting"] if id == by), None) or next(
                (id for id in step["waiting"] if self.directory.delegate_for(id, at) == by), None)
            if owner is None:
                continue
            step["waiting"].remove(owner)
            step["voters"].add(by)
            step["needed"] -= 1
            if all(s["needed"] == 0 for s in self.steps.values()):
                self.begin(self.stage + 1)
            return "ok"
        return "repeated" if repeated else "not_awaited"


TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
DURATION = re.compile(r"^\d+[smhdw]$")


def depth(value):
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def value_fault(name, value):
    """The fault a data value carries, or None."""
    kind = FIELDS[name][0] if name in FIELDS else "text"
    if isinstance(kind, set):
        return None if isinstance(value, str) and value in kind else "invalid_enum"
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    good = {
        "text": isinstance(value, str),
        "number": is_number, "money": is_number,
        "bool": isinstance(value, bool),
        "time": isinstance(value, str) and TIME.match(value),
        "date": isinstance(value, str) and DATE.match(value),
        "duration": isinstance(value, str) and DURATION.match(value),
        "list": isinstance(value, list) and all(isinstance(v, str) for v in value),
    }[kind]
    return None if good else "bad_value"


def data_fault(data, allowed):
    for key, value in data.items():
        if key not in allowed:
            return "unknown_field"
    for key, value in data.items():
        fault = value_fault(key, value)
        if fault:
            return fault
    return None


def is_empty(value):
    return value is None or value == "" or value == []


def classify_vote(event, data, order):
    if order["state"] != "awaiting_approval" or order.get("chain") is None:
        return "not_allowed"
    if any(key not in ("comment", "step") for key in data):
        return "unknown_field"
    chain = order["chain"]
    outcome = chain.vote(event.get("by"), event["at"])
    if outcome == "repeated":
        return "ok"
    if outcome != "ok":
        return outcome
    if chain.approved:
        order["state"], order["assignee"], order["chain"] = "assigned", order["technician"], None
    return "ok"


def classify(event, orders, directory):
    if not isinstance(event, dict):
        return "not_an_object"
    if "at" not in event:
        return "missing_at"
    kind = event.get("type")
    if kind == "tick":
        return "tick"
    data = event.get("data", {})
    if not isinstance(data, dict):
        return "bad_value"
    if depth(data) > 64:
        return "deep_nesting"
    wo, actor = event.get("wo"), event.get("by")
    if "workflow" in event:
        if event["workflow"] != "corrective" or wo in orders:
            return "bad_submit"
        fault = data_fault(data, set(FIELDS))
        if fault:
            return fault
        if any(is_empty(data.get(name)) for name in REQUIRED_ON_SUBMIT):
            return "missing_required"
        order = {name: default for name, (_, default) in FIELDS.items()}
        order.update(data)
        order.update(state="new", requester=actor)
        orders[wo] = order
        return "ok"
    if wo not in orders:
        return "unknown_wo"
    if kind == "approve":
        return classify_vote(event, data, orders[wo])
    if kind not in EVENTS:
        return "unknown_event"
    fault = data_fault(data, set(FIELDS) | DATA_REFERENCES)
    if fault:
        return fault
    order = orders[wo]
    alternatives = [a for a in EVENTS[kind] if order["state"] in a[0]]
    if not alternatives:
        return "not_allowed"
    merged = dict(order)
    merged.update((k, v) for k, v in data.items() if k in FIELDS)
    taken = next((a for a in alternatives if a[2] is None or a[2](merged, data, actor)), None)
    if taken is None:
        return "guard_fails"
    if any(is_empty(merged.get(name)) for name in taken[3]):
        return "missing_required"
    merged["state"] = taken[1]
    if kind == "assign" and taken[1] == "assigned":
        merged["assignee"] = merged["technician"]
    merged["chain"] = Chain(merged, directory) if taken[1] == "awaiting_approval" else None
    if merged["chain"] is not None and merged["chain"].approved:
        merged["state"], merged["assignee"], merged["chain"] = "assigned", merged["technician"], None
    if merged["state"] in ("closed", "cancelled"):
        del orders[wo]
    else:
        orders[wo] = merged
    return "ok"


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    directory = Directory(argv[argv.index("--directory") + 1] if "--directory" in argv
                          else DEFAULT_DIRECTORY)
    counts, orders, problems = Counter(), {}, []
    last_at, last_event_at, lines, size, work_orders = "", "", 0, 0, set()
    with open(argv[1], encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            lines += 1
            size += len(line.encode("utf-8"))
            try:
                event = json.loads(line)
            except ValueError:
                counts["truncated_json"] += 1
                continue
            if isinstance(event, dict) and "at" in event:
                if event["at"] < last_at:  # same format and zone throughout, so text order works
                    problems.append(f"line {number}: at goes backwards")
                last_at = event["at"]
                if event.get("type") != "tick":
                    last_event_at = last_at
            category = classify(event, orders, directory)
            counts[category] += 1
            if category == "ok" and "workflow" in event:
                work_orders.add(event["wo"])
            if category not in FAULT_KINDS and category not in ("ok", "tick"):
                problems.append(f"line {number}: {category}: {line.strip()[:120]}")
    print(f"{lines} lines, {size / max(lines, 1):.1f} bytes on average, "
          f"{len(work_orders)} work orders created, {len(orders)} still open at the end")
    for name in ["ok", "tick"] + FAULT_KINDS:
        print(f"  {name:17} {counts[name]}")
    print(f"last event at {last_event_at or '-'}, last line at {last_at or '-'}")
    for state in OPEN + ["completed"]:
        names = [wo for wo, order in orders.items() if order["state"] == state]
        if names:
            shown = " ".join(names[:12]) + (" ..." if len(names) > 12 else "")
            print(f"  open in {state:17} {len(names):3}: {shown}")
    if "--expect-all-faults" in argv:
        problems += [f"no line with fault {name}" for name in FAULT_KINDS if counts[name] == 0]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
