#!/usr/bin/env python3
"""Paired, alternating timing of two or more millwright binaries on one stream.

    bench/paired_runs.py PAIRS RULES EVENTS BINARY_A BINARY_B [BINARY_C ...]

Each round runs every binary once (`taskset -c 1 BINARY replay --rules RULES --events EVENTS
--out /dev/null --quiet`), in turn forwards and backwards, and records wall, user and system
time. On a shared machine the absolute figures drift by tens of percent within minutes, so
what it reports for each later binary is the median of its per-round ratios against the first
(above 1: faster than the first). bench/RESULTS.md quotes its output.
"""
import resource
import statistics
import subprocess
import sys
import time


def run(binary, rules, events):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(["taskset", "-c", "1", binary, "replay", "--rules", rules, "--events", events,
                    "--out", "/dev/null", "--quiet"], check=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    pairs, rules, events, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    times = {binary: [] for binary in binaries}
    for round_ in range(pairs):
        for binary in binaries if round_ % 2 == 0 else binaries[::-1]:
            times[binary].append(run(binary, rules, events))
    median = statistics.median
    for binary in binaries:
        wall, user, system = zip(*times[binary])
        total = [u + s for u, s in zip(user, system)]
        print(f"{binary}: wall median {median(wall):.3f} min {min(wall):.3f} | user median "
              f"{median(user):.3f} min {min(user):.3f} | sys median {median(system):.3f} | "
              f"user+sys median {median(total):.3f}")
    first = times[binaries[0]]
    for binary in binaries[1:]:
        ratio = lambda pick: median(pick(a) / pick(b) for a, b in zip(first, times[binary]))
        print(f"{binary} against {binaries[0]}: median ratio user {ratio(lambda t: t[1]):.3f}, "
              f"user+sys {ratio(lambda t: t[1] + t[2]):.3f}, wall {ratio(lambda t: t[0]):.3f}")


if __name__ == "__main__":
    main()
