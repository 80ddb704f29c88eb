#!/usr/bin/env bash
# Counts the instructions a sweep of this checkout executes against those of an earlier
# commit, on the same generated tree (valgrind's cachegrind, no cache simulation): the
# figure that says whether a change made guicang's own work heavier, free of the drift of
# wall-clock time on a shared machine (README "Speed": two timings of one binary differ by
# up to 20% over minutes; two counts of one binary differ by about 1%, from how rayon's
# threads happen to split the work). It counts work, not waiting: a slower disk or a worse
# use of the two cores does not show here, so `scripts/bench-compare.sh` stays the test of
# wall time.
#
#   scripts/bench-instructions.sh c47d941              # 10^5 files, names-only and full
#   SIZE=1e4 RUNS=1 scripts/bench-instructions.sh c47d941
#
# Also prints the count of a sweep of the demo archive: what it costs to start (compiling the
# rules' patterns), which a large archive pays once.
#
# Needs: valgrind. A sweep of 10^5 files runs about 35 s (names-only) under it.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=${1:?usage: scripts/bench-instructions.sh COMMIT}
SIZE=${SIZE:-1e5}
BENCH_DIR=${BENCH_DIR:-/tmp/guicang-bench}
RUNS=${RUNS:-2}
command -v valgrind >/dev/null || { echo "missing: valgrind (apt-get install valgrind)" >&2; exit 2; }

. scripts/bench-before-after.sh

# The instructions one sweep executes, in millions (a sweep with findings exits non-zero).
instructions() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" \
        >/dev/null 2>"$BENCH_DIR/valgrind.txt" || true
    sed -n 's/.*I *refs: *//p' "$BENCH_DIR/valgrind.txt" | tr -d , | awk '{ printf "%.0f", $1 / 1e6 }'
}
median_of() { python3 -c "import statistics,sys; print('%.0f' % statistics.median(map(float, sys.argv[1:])))" "$@"; }

echo "| millions of instructions | before ($BEFORE) | after ($(git rev-parse --short HEAD)) | change |"
echo "|---|---|---|---|"
b=$(instructions "$BEFORE_BIN" check fixtures/demo-archive --no-inspect -q --format json)
a=$(instructions "$AFTER_BIN" check fixtures/demo-archive --no-inspect -q --format json)
echo "| start (demo archive, names-only) | $b | $a | $(change "$b" "$a") |"
files=$(find "$tree" -type f | wc -l)
for mode in names full; do
    args="--no-inspect"; [ $mode = full ] && args="--no-cache"
    counts_before=(); counts_after=()
    for _ in $(seq 1 "$RUNS"); do
        counts_before+=("$(instructions "$BEFORE_BIN" check "$tree" $args -q --format json)")
        counts_after+=("$(instructions "$AFTER_BIN" check "$tree" $args -q --format json)")
    done
    b=$(median_of "${counts_before[@]}"); a=$(median_of "${counts_after[@]}")
    echo "| $mode, $files files | $b | $a | $(change "$b" "$a") |"
done
