# Sourced by the benchmark scripts: the generated archive of each size, made once in
# BENCH_DIR and reused (the same seed gives the same tree).
#
# `projects_for SIZE` is the number of projects of a size (1e4, 1e5, 1e6 or a number of
# projects); `tree_for SIZE` generates the tree when it is not there and prints its path.
# Needs target/release/examples/gen_archive built.

projects_for() { case "$1" in 1e4) echo 170 ;; 1e5) echo 1700 ;; 1e6) echo 17000 ;; *) echo "$1" ;; esac; }

tree_for() {
    local tree="$BENCH_DIR/archive-$1"
    if [ ! -d "$tree" ]; then
        ./target/release/examples/gen_archive "$tree" --projects "$(projects_for "$1")" --photos 30 --seed 1 >/dev/null
    fi
    echo "$tree"
}
