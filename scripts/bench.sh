#!/usr/bin/env bash
# Benchmarks guicang against fd, find and file(1) on synthetic archives of 10^4, 10^5 and
# 10^6 files, on the same warm tree, and prints a markdown table (README "Speed").
#
#   scripts/bench.sh            # all three sizes (the 10^6 tree takes ~4 GB of disk)
#   SIZES="1e4 1e5" scripts/bench.sh
#   WALKERS_ONLY=1 SIZES=1e6 scripts/bench.sh   # only the walker comparison
#   PG_URL=postgres://guicang@127.0.0.1:5432/bench scripts/bench.sh   # history on PostgreSQL too
#
# Needs: hyperfine, fd-find, file, GNU time (Debian: apt-get install hyperfine fd-find file time).
# Times are medians of several runs (hyperfine); memory is guicang's peak RSS (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/guicang-bench}
SIZES=${SIZES:-"1e4 1e5 1e6"}
RUNS=${RUNS:-5}
FD=$(command -v fd || command -v fdfind || true)
for tool in hyperfine file /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install hyperfine file time)" >&2; exit 2; }
done
[ -n "$FD" ] || { echo "missing: fd (apt-get install fd-find)" >&2; exit 2; }

cargo build --release --quiet --bin guicang --example gen_archive --example ledger_read --example walkers --example history_record
GUICANG=$PWD/target/release/guicang
mkdir -p "$BENCH_DIR"

. scripts/bench-trees.sh

median() { # hyperfine JSON → median seconds of command $2
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('%.2f' % r[int(sys.argv[2])]['median'])" "$1" "$2"
}

peak_mb() { # peak RSS in MB of a command
    /usr/bin/time -f %M "$@" >/dev/null 2>"$BENCH_DIR/time.txt" || true
    echo $(( $(tail -1 "$BENCH_DIR/time.txt") / 1024 ))
}

if [ -z "${WALKERS_ONLY:-}" ]; then
echo "| files | guicang names-only | guicang full | guicang cached | fd --type f | find -type f | xargs file --mime-type | names-only / fd | full / file | cached / names-only | peak RSS names-only | peak RSS full | peak RSS cached |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
    tree=$(tree_for "$size")
    files=$(find "$tree" -type f | wc -l)
    cache="$BENCH_DIR/cache-$size"
    rm -rf "$cache"
    runs=$RUNS; [ "$size" = 1e6 ] && runs=3
    find "$tree" -type f >/dev/null # warm the cache
    hyperfine --style none --warmup 1 --runs "$runs" -i --export-json "$BENCH_DIR/h-$size.json" \
        "$GUICANG check $tree --no-inspect -q --format json" \
        "$GUICANG check $tree --no-cache -q --format json" \
        "$FD --type f . $tree" \
        "find $tree -type f" \
        "find $tree -type f -print0 | xargs -0 -P$(nproc) file --mime-type" >/dev/null
    "$GUICANG" check "$tree" --cache "$cache" -q --format json >/dev/null || true # fill the cache
    hyperfine --style none --warmup 1 --runs "$runs" -i --export-json "$BENCH_DIR/c-$size.json" \
        "$GUICANG check $tree --cache $cache -q --format json" >/dev/null
    names=$(median "$BENCH_DIR/h-$size.json" 0); full=$(median "$BENCH_DIR/h-$size.json" 1)
    fd=$(median "$BENCH_DIR/h-$size.json" 2); find_s=$(median "$BENCH_DIR/h-$size.json" 3)
    file_s=$(median "$BENCH_DIR/h-$size.json" 4); cached=$(median "$BENCH_DIR/c-$size.json" 0)
    rss_names=$(peak_mb "$GUICANG" check "$tree" --no-inspect -q --format json)
    rss_full=$(peak_mb "$GUICANG" check "$tree" --no-cache -q --format json)
    rss_cached=$(peak_mb "$GUICANG" check "$tree" --cache "$cache" -q --format json)
    ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
    echo "| $files | ${names} s | ${full} s | ${cached} s | ${fd} s | ${find_s} s | ${file_s} s | $(ratio "$names" "$fd") | $(ratio "$full" "$file_s") | $(ratio "$cached" "$names") | ${rss_names} MB | ${rss_full} MB | ${rss_cached} MB |"
done

# Recording a sweep of 10^5 findings in the history (SQLite; PostgreSQL too with PG_URL).
echo
./target/release/examples/history_record 100000 ${PG_URL:-}
echo

ledger="$BENCH_DIR/payments-100k.xlsx"
[ -f "$ledger" ] || ./target/release/examples/ledger_read --write "$ledger" 100000 >/dev/null
echo
./target/release/examples/ledger_read "$ledger"
fi

# The walker candidates (names only, no stat) on the largest tree: issue 5 asks to keep the
# fastest; guicang's scan (openat folder by folder, rayon tasks) is timed beside them.
largest=${SIZES##* }
tree=$(tree_for "$largest")
WALKERS=$PWD/target/release/examples/walkers
find "$tree" -type f >/dev/null # warm the cache
hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$BENCH_DIR/w-$largest.json" \
    "$WALKERS walkdir $tree" \
    "$WALKERS walkdir-par-bridge $tree $(nproc)" \
    "$WALKERS ignore $tree $(nproc)" \
    "$WALKERS ignore $tree $(( $(nproc) * 4 ))" \
    "$WALKERS guicang $tree $(nproc)" \
    "$WALKERS guicang $tree $(( $(nproc) * 4 ))" >/dev/null
echo
labels=("walkdir (1 thread)" "walkdir + par_bridge ($(nproc) threads)" \
    "ignore WalkParallel ($(nproc) threads)" "ignore WalkParallel ($(( $(nproc) * 4 )) threads)" \
    "guicang scan, openat ($(nproc) threads)" "guicang scan, openat ($(( $(nproc) * 4 )) threads)")
echo "| walker, $(find "$tree" -type f | wc -l) files, names only | median |"
echo "|---|---|"
for i in 0 1 2 3 4 5; do
    echo "| ${labels[$i]} | $(median "$BENCH_DIR/w-$largest.json" "$i") s |"
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(rustc --version)"
