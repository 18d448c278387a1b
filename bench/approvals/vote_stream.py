#!/usr/bin/env python3
"""Writes a stream that keeps N work orders waiting for approval while votes arrive.

    vote_stream.py N LINES > stream.jsonl      (the warm-up line count goes to stderr)

The first 2*N lines create N work orders of `job` (bench/approvals/rules.mw) and start their
`spend` chain: a supervisor, then a facilities manager (cost 1500). Then come LINES lines in
which the waiting work orders take turns (first in, first out): each turn is one vote on the
work order at the front; a work order whose chain is approved is replaced by a new one (a
creation and a start) at the back, so N stay open. Over a multiple of 4*N lines the mix is
the same for every N: a quarter each of first votes, second votes, creations and starts.
Deterministic. Used to check that a vote costs the same with 10 or 100,000 work orders open
(bench/RESULTS.md).
"""
import collections
import datetime
import json
import sys

open_count = int(sys.argv[1])
steady_lines = int(sys.argv[2])
clock = datetime.datetime(2026, 3, 2, 7, 0, 0)
supervisors = [f"sup-{i}" for i in range(10)]
managers = [f"fm-{i}" for i in range(5)]
lines = []
waiting = collections.deque()  # (work order, votes so far)
created = 0


def at():
    global clock
    clock += datetime.timedelta(milliseconds=50)
    return clock.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def line(**fields):
    lines.append(json.dumps(fields, separators=(",", ":")))


def create():
    global created
    created += 1
    wo = f"W-{created}"
    line(at=at(), type="submit", workflow="job", wo=wo, by="rita", data={"cost": 1500})
    line(at=at(), type="quote", wo=wo, by="rita")
    waiting.append((wo, 0))


for _ in range(open_count):
    create()
warm_up = len(lines)
while len(lines) - warm_up < steady_lines:
    wo, votes = waiting.popleft()
    voters = supervisors if votes == 0 else managers
    line(at=at(), type="approve", wo=wo, by=voters[created % len(voters)])
    if votes == 0:
        waiting.append((wo, 1))
    else:
        create()
sys.stdout.write("\n".join(lines) + "\n")
print(warm_up, file=sys.stderr)
