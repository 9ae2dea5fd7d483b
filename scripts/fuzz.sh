#!/usr/bin/env bash
# Run a libFuzzer binary for a bounded time over the binlog corpus.
# Usage: scripts/fuzz.sh BINARY [SECONDS]   (default 60 seconds)
# The working corpus is build-fuzz/corpus (BB_FUZZ_CORPUS overrides). It is
# seeded on first use with the shared binlog files (BB_CORPUS_DIR overrides)
# and then keeps what the fuzzer finds, so later runs start further along.
# The crafted binlogs committed in tests/data/crafted are added to it at
# every run, when missing, so that a corpus made before they existed gets
# them too. Crash reproducers are written next to BINARY.
set -euo pipefail

prog=fuzz.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

(($# >= 1 && $# <= 2)) || die "usage: $prog BINARY [SECONDS]"
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
binary=$(realpath -m -- "$1")
seconds=${2:-60}
[[ -x $binary ]] || die "fuzzer binary not found or not executable: $1"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive integer: $seconds"

seeds=$(realpath -m -- "${BB_CORPUS_DIR:-$root/../shared/corpus/binlog}")
corpus=$(realpath -m -- "${BB_FUZZ_CORPUS:-$root/build-fuzz/corpus}")
mkdir -p -- "$corpus" || die "cannot create corpus dir $corpus"

if [[ -z $(ls -A -- "$corpus") ]]; then
    if [[ -d $seeds ]]; then
        # Every binlog file, even the deliberately broken ones (good seeds);
        # not the corpus's MANIFEST.md. u+w: the shared copies are read-only,
        # which would make `make clean` awkward for non-root users.
        n=0
        for f in "$seeds"/*; do
            [[ -f $f && $f != *.md ]] || continue
            cp -- "$f" "$corpus/" || die "cannot copy $f into $corpus"
            n=$((n + 1))
        done
        chmod -R u+w -- "$corpus"
        echo "$prog: seeded $corpus with $n binlog files from $seeds"
    else
        printf '%s: warning: no seed corpus at %s; starting empty\n' "$prog" "$seeds" >&2
    fi
fi

# Hostile inputs that once cost gigabytes (tests/data/make_crafted.py).
crafted=$root/tests/data/crafted
if [[ -d $crafted ]]; then
    for f in "$crafted"/*; do
        [[ -f $f ]] || continue
        [[ -e $corpus/$(basename -- "$f") ]] && continue
        cp -- "$f" "$corpus/" || die "cannot copy $f into $corpus"
        chmod u+w -- "$corpus/$(basename -- "$f")"
        echo "$prog: added the crafted seed $(basename -- "$f")"
    done
fi

# Inputs for the entry points that take no binlog (tests/fuzz/fuzz_decode.c:
# its first byte picks one): binary JSON and JSON text.
for f in "$root"/tests/fuzz/seeds/*; do
    [[ -f $f ]] || continue
    [[ -e $corpus/$(basename -- "$f") ]] && continue
    cp -- "$f" "$corpus/" || die "cannot copy $f into $corpus"
    chmod u+w -- "$corpus/$(basename -- "$f")"
    echo "$prog: added the seed $(basename -- "$f")"
done

# UBSan in the fuzz build recovers by default; make UB a finding, not a line
# of log nobody reads.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
# A fixed seed and run count make the run repeatable: the same binary on the
# same seeds does the same work, so CI does not find something one day and
# not the next. SECONDS caps the time on a slow machine. BB_FUZZ_RUNS=0
# fuzzes for the whole time instead (for long local runs).
runs=${BB_FUZZ_RUNS:-60000}
seed=${BB_FUZZ_SEED:-1}
[[ $runs =~ ^[0-9]+$ && $seed =~ ^[0-9]+$ ]] || die "BB_FUZZ_RUNS and BB_FUZZ_SEED must be numbers"
run_limit=()
((runs > 0)) && run_limit=(-runs="$runs")
"$binary" -seed="$seed" "${run_limit[@]}" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$(dirname -- "$binary")/" "$corpus" || status=$?
((status == 0)) || printf '%s: %s failed (exit %d); reproducers are in %s/\n' \
    "$prog" "$binary" "$status" "$(dirname -- "$binary")" >&2
exit "$status"
