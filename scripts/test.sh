#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: dependencies, throwaway
# servers (left running for the next run), plain build + tests, `make install`
# and the README's library example built against it, the container image
# built with Podman and run against the servers, ASan/UBSan build + tests,
# then a short fuzz run.
# Environment: BB_FUZZ_SECONDS (default 120) caps the fuzz step (BB_FUZZ_RUNS, default 60000, sets its work); the
# variables of scripts/servers.sh choose ports and the state directory;
# BB_SKIP_CONTAINER=1 skips the container test (and its Podman install).
set -euo pipefail

prog=test.sh
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd -- "$root"

# Run one step; on failure name it, so the cause is the last line of a long log.
step() {
    local status=0
    printf '\n==> %s\n' "$*"
    "$@" || status=$?
    if ((status != 0)); then
        printf '%s: FAILED step: %s (exit %d)\n' "$prog" "$*" "$status" >&2
        exit "$status"
    fi
}

# The Redis Cluster tests start and stop a cluster of their own
# (scripts/cluster.sh, ports 63901-63906); one a killed run left is stopped.
trap 'scripts/cluster.sh stop >/dev/null 2>&1 || true' EXIT

step scripts/deps.sh
step scripts/servers.sh start
step make -j2 tests
step scripts/run-tests.sh build
step make check-install
# Exit 77: the step cannot run on this machine (it said why); the last line
# names it, so a partial run never reads as a full pass.
not_run=()
container_status=0
printf '\n==> %s\n' tests/container/test_container.sh
tests/container/test_container.sh || container_status=$?
if ((container_status == 77)); then
    not_run+=(tests/container/test_container.sh)
elif ((container_status != 0)); then
    printf '%s: FAILED step: %s (exit %d)\n' "$prog" tests/container/test_container.sh "$container_status" >&2
    exit "$container_status"
fi
step make -j2 SANITIZE=1 tests
step scripts/run-tests.sh build-asan
step make fuzz "FUZZ_SECONDS=${BB_FUZZ_SECONDS:-120}"
if ((${#not_run[@]})); then
    printf '\n%s: all steps passed but these, which cannot run on this machine (see above): %s\n' \
        "$prog" "${not_run[*]}"
else
    printf '\n%s: all steps passed\n' "$prog"
fi
