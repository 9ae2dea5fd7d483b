#!/usr/bin/env bash
# The baseline build of `make bench BASELINE=REV`: REV's own tree, outside
# the work tree, built by its own Makefile; and the current tree's
# bench/bench_decode.c built against that tree's headers and library, so
# that both builds are timed by the same harness.
#
# Usage: bench/baseline.sh REV
# Prints the baseline's build directory on stdout: binbridge,
# libbinbridge.a and current-harness/bench_decode, or, when the current
# bench_decode.c does not build against REV's API,
# current-harness/bench_decode.incompatible (the compiler's first errors).
#
# The tree is `git archive` of the commit, extracted into
# ${BB_BENCH_BASELINE_DIR:-$TMPDIR or /tmp}/binbridge-baseline-<12 hex of the
# commit> (not a git worktree: nothing is added to the repository that other
# work trees share) and built with `make -j2`; a directory already built
# for that exact commit is reused. Only that build's binbridge and
# libbinbridge.a are used: bench/'s programs and scripts are the current
# ones for both builds.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
die() { printf 'baseline.sh: %s\n' "$*" >&2; exit 1; }
(($# == 1)) && [[ -n $1 ]] || { echo "usage: bench/baseline.sh REV" >&2; exit 2; }
rev=$1
commit=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") \
    || die "'$rev' names no commit of $root"
parent=$(realpath -m -- "${BB_BENCH_BASELINE_DIR:-${TMPDIR:-/tmp}}")
dir=$parent/binbridge-baseline-${commit:0:12}
mkdir -p -- "$parent"
# Two benchmarks asking for the same baseline at once build it once.
exec 9>"$dir.lock"
flock 9

# A make started from `make bench`: not its jobserver (it would warn and
# run -j1), and none of its command-line variables (BASELINE, or a BUILD or
# SANITIZE that would put the baseline's binaries elsewhere).
submake() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u SANITIZE \
        make -C "$dir" BUILD=build "$@"
}

if [[ $(cat -- "$dir/.baseline-commit" 2>/dev/null) == "$commit" && -x $dir/build/binbridge
      && -f $dir/build/libbinbridge.a ]]; then
    echo "baseline.sh: reusing $dir, built for $rev ($commit)" >&2
else
    echo "baseline.sh: building $rev ($commit) in $dir" >&2
    rm -rf -- "$dir"
    mkdir -- "$dir"
    git -C "$root" archive "$commit" | tar -x -C "$dir"
    if ! submake -j2 all >"$dir/build.log" 2>&1; then
        tail -n 20 -- "$dir/build.log" >&2
        die "the build of $rev failed (all of it in $dir/build.log)"
    fi
    [[ -f $dir/build/libbinbridge.a ]] || die "$rev's Makefile builds no build/libbinbridge.a"
    echo "$commit" >"$dir/.baseline-commit"
fi

# Built anew each time: the current bench_decode.c may have changed since.
harness=$dir/build/current-harness
rm -f -- "$harness/bench_decode" "$harness/bench_decode.incompatible"
if ! submake -f Makefile -f "$root/bench/baseline.mk" BENCH_DECODE_C="$root/bench/bench_decode.c" \
        build/current-harness/bench_decode >"$dir/harness.log" 2>&1; then
    mkdir -p -- "$harness"
    { grep -m 3 -E 'error|undefined reference' -- "$dir/harness.log" || tail -n 3 -- "$dir/harness.log"; } \
        | sed "s|$root/||; s|$dir/||" >"$harness/bench_decode.incompatible"
    echo "baseline.sh: the current bench/bench_decode.c does not build against $rev's library" \
         "(all of it in $dir/harness.log)" >&2
fi
echo "$dir/build"
