#!/usr/bin/env bash
# Run the Criterion test binary of one build against the throwaway servers.
# Usage: scripts/run-tests.sh BUILD_DIR [CRITERION_ARGS...]
#   e.g. scripts/run-tests.sh build --filter='decoder/*'
# BUILD_DIR is taken relative to the current directory when it exists there,
# else relative to the repository root (so `make` and humans both work).
# Environment: BB_CORPUS_DIR overrides the binlog corpus location.
set -euo pipefail

prog=run-tests.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

(($# >= 1)) || die "usage: $prog BUILD_DIR [CRITERION_ARGS...]"
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
build_arg=$1
shift

if [[ -d $build_arg ]]; then
    build=$(cd -- "$build_arg" && pwd -P)
elif [[ -d $root/$build_arg ]]; then
    build=$(cd -- "$root/$build_arg" && pwd -P)
else
    die "build directory not found: $build_arg (run make tests first)"
fi
[[ -x $build/tests/run ]] || die "$build/tests/run not found or not executable (run make tests first)"

# Server coordinates (ports, URLs, socket, binlog dir) come from one place.
env_lines=$("$root/scripts/servers.sh" env) || die "scripts/servers.sh env failed"
eval "$env_lines"

# The shared corpus lives beside the repository, not in it.
BB_CORPUS_DIR=$(realpath -m -- "${BB_CORPUS_DIR:-$root/../shared/corpus/binlog}")
[[ -d $BB_CORPUS_DIR ]] || printf '%s: warning: corpus dir %s does not exist\n' "$prog" "$BB_CORPUS_DIR" >&2
export BB_CORPUS_DIR
export BB_BINBRIDGE=$build/binbridge

# libmongoc's counter segments left in /dev/shm by processes killed before
# binbridge removed them at start (older builds did not) make a later
# process with the same pid warn on stderr. Those of dead processes are
# garbage.
for seg in /dev/shm/mongoc-*; do
    [[ -e $seg ]] || continue
    pid=${seg##*-}
    [[ $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null && rm -f -- "$seg"
done

# Sanitizer builds: leaks are bugs, and the first report must fail the test
# (abort, so Criterion sees a crash) with a usable stack.
if [[ $(basename -- "$build") == *asan* ]]; then
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi

# Tests may use paths relative to the repository root (tests/data, config/).
cd -- "$root"
# The output is also kept, so that on failure the assertions that failed are
# repeated last: a sanitizer's leak report after an assertion can be
# thousands of lines, and a log may only be read from its tail.
log=$(mktemp "${TMPDIR:-/tmp}/binbridge-tests.XXXXXX")
trap 'rm -f -- "$log"' EXIT
status=0
"$build/tests/run" --jobs=2 "$@" 2>&1 | tee -- "$log" || status=${PIPESTATUS[0]}
if ((status != 0)); then
    printf '\n%s: what failed, again:\n' "$prog" >&2
    # Criterion: "[----] file.c:N: Assertion Failed", then "[----]   message"
    # lines; "[FAIL] suite::test"; crash warnings.
    awk '/^\[----\] [^ ]+:[0-9]+: / { keep = 1; print; next }
         keep && /^\[----\]   / { print; next }
         { keep = 0 }
         /^\[FAIL\]/ || /^\[----\] Warning!/ { print }' "$log" >&2
    printf '%s: tests in %s failed (exit %d)\n' "$prog" "$build" "$status" >&2
fi
exit "$status"
