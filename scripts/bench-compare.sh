#!/usr/bin/env bash
# Compares the sweep of this checkout with the sweep of an earlier commit, on the same
# generated tree, one after the other: the figure that says whether a change made guicang
# slower (README "Speed"; run-to-run noise on this machine is about ±5%).
#
#   scripts/bench-compare.sh feaef7b            # 10^6 files (generated once, ~4 GB of disk)
#   SIZE=1e5 scripts/bench-compare.sh feaef7b
#
# Needs: GNU time. The runs of the two binaries alternate, each mode warmed up once. The
# earlier commit is built in a worktree of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=${1:?usage: scripts/bench-compare.sh COMMIT}
SIZE=${SIZE:-1e6}
BENCH_DIR=${BENCH_DIR:-/tmp/guicang-bench}
RUNS=${RUNS:-3}
for tool in /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install time)" >&2; exit 2; }
done

. scripts/bench-before-after.sh
find "$tree" -type f >/dev/null # warm the page cache

elapsed() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); python3 -c "print($end - $start)"; }
median_of() { python3 -c "import statistics,sys; print('%.2f' % statistics.median(map(float, sys.argv[1:])))" "$@"; }
peak_mb() { /usr/bin/time -f %M "$@" >/dev/null 2>"$BENCH_DIR/time.txt" || true; echo $(( $(tail -1 "$BENCH_DIR/time.txt") / 1024 )); }

echo "| $(find "$tree" -type f | wc -l) files | before ($BEFORE) | after ($(git rev-parse --short HEAD)) | change |"
echo "|---|---|---|---|"
for mode in names full cached; do
    case $mode in
        names) args="--no-inspect" ;;
        full) args="--no-cache" ;;
        cached) args="--cache $BENCH_DIR/cmp-cache-BIN" ;;
    esac
    # The two binaries take turns (before, after, then after, before, …): this machine drifts
    # by up to 20% over minutes, and hyperfine, which runs every run of one command before
    # the other's, once showed a 19% "slowdown" that alternating runs did not (README, Speed).
    times_before=(); times_after=()
    for side in before after; do
        bin=$BEFORE_BIN; [ $side = after ] && bin=$AFTER_BIN
        a=${args/BIN/$side}
        if [ $mode = cached ]; then rm -rf "$BENCH_DIR/cmp-cache-$side"; fi
        "$bin" check "$tree" $a -q --format json >/dev/null || true # warm-up (fills the cache)
    done
    for run in $(seq 1 "$RUNS"); do
        order="before after"; [ $((run % 2)) = 0 ] && order="after before"
        for side in $order; do
            bin=$BEFORE_BIN; [ $side = after ] && bin=$AFTER_BIN
            t=$(elapsed "$bin" check "$tree" ${args/BIN/$side} -q --format json)
            if [ $side = before ]; then times_before+=("$t"); else times_after+=("$t"); fi
        done
    done
    b=$(median_of "${times_before[@]}"); a=$(median_of "${times_after[@]}")
    echo "| $mode | $b s | $a s | $(change "$b" "$a") |"
done
for mode in names full; do
    args="--no-inspect"; [ $mode = full ] && args="--no-cache"
    b=$(peak_mb "$BEFORE_BIN" check "$tree" $args -q --format json)
    a=$(peak_mb "$AFTER_BIN" check "$tree" $args -q --format json)
    echo "| peak RSS $mode | $b MB | $a MB | $(change "$b" "$a") |"
done
