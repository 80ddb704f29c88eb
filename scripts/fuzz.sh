#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS seconds each (default 20),
# starting from the seed corpus committed in fuzz/seeds/<target>/; new inputs go to a
# temporary folder. A crash leaves its input in fuzz/artifacts/<target>/ and fails.
#
#   scripts/fuzz.sh                 # every target, 20 s each
#   FUZZ_SECONDS=300 scripts/fuzz.sh money csv
#
# Needs cargo-fuzz (cargo install --locked cargo-fuzz); builds on stable Rust with no
# sanitizer (-s none): the targets look for panics, aborts, hangs and memory floods.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_EACH=${FUZZ_SECONDS:-20}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    mapfile -t TARGETS < <(cargo fuzz list)
fi
cargo fuzz build -s none
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for target in "${TARGETS[@]}"; do
    mkdir -p "$WORK/$target"
    echo "fuzz: $target, ${SECONDS_EACH} s"
    cargo fuzz run -s none "$target" "$WORK/$target" "seeds/$target" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
        2>&1 | grep -E "stat::number_of_executed_units|ERROR|panicked|deadly signal|SUMMARY" || true
    # cargo fuzz exits non-zero on a crash; grep above hides it, so look for artifacts.
    if compgen -G "artifacts/$target/*" >/dev/null; then
        echo "fuzz: $target found a crash: $(ls artifacts/"$target")" >&2
        exit 1
    fi
done
echo "fuzz: ${#TARGETS[@]} targets, no crash"
