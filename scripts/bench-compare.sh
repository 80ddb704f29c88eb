#!/usr/bin/env bash
# Compares the sweep of this checkout with the sweep of an earlier commit, on the same
# generated tree, one after the other: the figure that says whether a change made guicang
# slower (README "Speed"; run-to-run noise on this machine is about ±5%).
#
#   scripts/bench-compare.sh feaef7b            # 10^6 files (generated once, ~4 GB of disk)
#   SIZE=1e5 scripts/bench-compare.sh feaef7b
#
# Needs: hyperfine and GNU time. The earlier commit is built in a worktree of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=${1:?usage: scripts/bench-compare.sh COMMIT}
SIZE=${SIZE:-1e6}
BENCH_DIR=${BENCH_DIR:-/tmp/guicang-bench}
RUNS=${RUNS:-3}
for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install hyperfine time)" >&2; exit 2; }
done

projects_for() { case "$1" in 1e4) echo 170 ;; 1e5) echo 1700 ;; 1e6) echo 17000 ;; *) echo "$1" ;; esac; }

cargo build --release --quiet --bin guicang --example gen_archive
AFTER_BIN=$PWD/target/release/guicang
worktree="$BENCH_DIR/before-$BEFORE"
mkdir -p "$BENCH_DIR"
[ -d "$worktree" ] || git worktree add --detach --quiet "$worktree" "$BEFORE"
(cd "$worktree" && CARGO_TARGET_DIR="$BENCH_DIR/before-target" cargo build --release --quiet --bin guicang)
BEFORE_BIN=$BENCH_DIR/before-target/release/guicang

tree="$BENCH_DIR/archive-$SIZE"
[ -d "$tree" ] || ./target/release/examples/gen_archive "$tree" --projects "$(projects_for "$SIZE")" --photos 30 --seed 1 >/dev/null
find "$tree" -type f >/dev/null # warm the page cache

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('%.2f' % r[int(sys.argv[2])]['median'])" "$1" "$2"; }
peak_mb() { /usr/bin/time -f %M "$@" >/dev/null 2>"$BENCH_DIR/time.txt" || true; echo $(( $(tail -1 "$BENCH_DIR/time.txt") / 1024 )); }
change() { python3 -c "print('%+.1f%%' % (100 * ($2 - $1) / $1))"; }

echo "| $(find "$tree" -type f | wc -l) files | before ($BEFORE) | after ($(git rev-parse --short HEAD)) | change |"
echo "|---|---|---|---|"
for mode in names full cached; do
    case $mode in
        names) args="--no-inspect" ;;
        full) args="--no-cache" ;;
        cached) args="--cache $BENCH_DIR/cmp-cache-BIN" ;;
    esac
    cmds=()
    for side in before after; do
        bin=$BEFORE_BIN; [ $side = after ] && bin=$AFTER_BIN
        a=${args/BIN/$side}
        if [ $mode = cached ]; then rm -rf "$BENCH_DIR/cmp-cache-$side"; "$bin" check "$tree" $a -q --format json >/dev/null || true; fi
        cmds+=("$bin check $tree $a -q --format json")
    done
    hyperfine --style none --warmup 1 --runs "$RUNS" -i --export-json "$BENCH_DIR/cmp-$mode.json" "${cmds[@]}" >/dev/null
    b=$(median "$BENCH_DIR/cmp-$mode.json" 0); a=$(median "$BENCH_DIR/cmp-$mode.json" 1)
    echo "| $mode | $b s | $a s | $(change "$b" "$a") |"
done
for mode in names full; do
    args="--no-inspect"; [ $mode = full ] && args="--no-cache"
    b=$(peak_mb "$BEFORE_BIN" check "$tree" $args -q --format json)
    a=$(peak_mb "$AFTER_BIN" check "$tree" $args -q --format json)
    echo "| peak RSS $mode | $b MB | $a MB | $(change "$b" "$a") |"
done
