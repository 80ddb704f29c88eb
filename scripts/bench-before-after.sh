# Sourced by the scripts that compare this checkout with an earlier commit
# (bench-compare.sh, bench-instructions.sh): builds both binaries and the generated tree.
#
# Reads BEFORE (a commit), SIZE (1e4, 1e5, 1e6 or a number of projects) and BENCH_DIR; sets
# AFTER_BIN, BEFORE_BIN and tree, and defines `change BEFORE AFTER` (the change in per
# cent). The earlier commit is built in a worktree of its own.

. scripts/bench-trees.sh

cargo build --release --quiet --bin guicang --example gen_archive
AFTER_BIN=$PWD/target/release/guicang
worktree="$BENCH_DIR/before-$BEFORE"
mkdir -p "$BENCH_DIR"
[ -d "$worktree" ] || git worktree add --detach --quiet "$worktree" "$BEFORE"
(cd "$worktree" && CARGO_TARGET_DIR="$BENCH_DIR/before-target" cargo build --release --quiet --bin guicang)
BEFORE_BIN=$BENCH_DIR/before-target/release/guicang

tree=$(tree_for "$SIZE")

# The change from $1 to $2, in per cent with its sign.
change() { python3 -c "print('%+.1f%%' % (100 * ($2 - $1) / $1))"; }
