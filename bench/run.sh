#!/usr/bin/env bash
# Reproduces the figures in bench/RESULTS.md: builds in Release, generates the 1,000,000-event
# stream over ~10,000 open work orders, and runs the replay benchmark (median of 5 runs).
#
#   bench/run.sh [EVENTS] [WORK_ORDERS]
#
# The rules are the shipped workflows (matrix, SLA, timers and the spend approval chain on),
# with the example directory (examples/directory.json) for the chain's approvers, unless
# MILLWRIGHT_BENCH_RULES names others, e.g. the foundation's corrective workflow from before
# priorities and SLAs:
#   git show e816242:workflows/corrective.mw > /tmp/foundation/corrective.mw
#   MILLWRIGHT_BENCH_RULES=/tmp/foundation bench/run.sh
# MILLWRIGHT_BENCH_STREAM_OPTIONS adds gen_stream options; the stream where a third of the work
# orders need approval, with the chain's votes:
#   MILLWRIGHT_BENCH_STREAM_OPTIONS="--chains --costly 350" bench/run.sh
# MILLWRIGHT_BENCH_DIRECTORY names another directory file.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-1000000}
WORK_ORDERS=${2:-10000}
BUILD_DIR=${MILLWRIGHT_BENCH_BUILD_DIR:-build-bench}
RULES=${MILLWRIGHT_BENCH_RULES:-workflows}
DIRECTORY=${MILLWRIGHT_BENCH_DIRECTORY:-examples/directory.json}
STREAM_OPTIONS=${MILLWRIGHT_BENCH_STREAM_OPTIONS:-}

./dev.sh deps
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DMILLWRIGHT_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" --target gen_stream replay_bench millwright -j "$(nproc)" >/dev/null

SUFFIX=$(echo "$STREAM_OPTIONS" | tr -c 'a-z0-9\n' '-' | tr -s '-')
SUFFIX=${SUFFIX#-}
STREAM="$BUILD_DIR/stream-$EVENTS-$WORK_ORDERS${SUFFIX:+-$SUFFIX}.jsonl"
if [ ! -f "$STREAM" ]; then
    # shellcheck disable=SC2086 # the options are words on purpose
    "$BUILD_DIR/bench/gen_stream" --events "$EVENTS" --work-orders "$WORK_ORDERS" --seed 1 \
        --faults $STREAM_OPTIONS > "$STREAM"
fi
echo "stream: $STREAM ($(wc -c < "$STREAM") bytes, $(wc -l < "$STREAM") lines)"
echo "rules: $RULES, directory: $DIRECTORY"
"$BUILD_DIR/bench/replay_bench" --rules "$RULES" --events "$STREAM" --directory "$DIRECTORY" \
    --runs 5
