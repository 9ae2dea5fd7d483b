#!/usr/bin/env bash
# Install the Debian packages binbridge needs to build, test and fuzz.
# Usage: scripts/deps.sh [EXTRA_PACKAGE...]
# Idempotent: when everything is already installed it only asks dpkg, so it
# is cheap enough to run at the start of every test run.
set -euo pipefail

die() { printf 'deps.sh: %s\n' "$*" >&2; exit 1; }

packages=(
    # build toolchain (a fresh Debian has neither make nor gcc)
    make gcc libc6-dev pkg-config git ca-certificates python3
    # libraries linked by the Makefile (PKGS) and the test runner
    libmariadb-dev libhiredis-dev libmongoc-dev libbson-dev libconfig-dev
    libcriterion-dev libzstd-dev zlib1g-dev
    # throwaway test servers and their command-line clients (scripts/servers.sh)
    mariadb-server mariadb-client redis-server redis-tools
    # `make fuzz`: clang with the libFuzzer/ASan runtimes
    clang libclang-rt-14-dev
    # `make bench`: GNU time for peak memory
    time
    "$@"
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    die "dpkg-query/apt-get not found: only Debian-based systems are supported"
fi

missing=()
for pkg in "${packages[@]}"; do
    # ${Status} is a dpkg-query field, not a shell expansion.
    # shellcheck disable=SC2016
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "deps.sh: all ${#packages[@]} packages already installed"
    exit 0
fi

# apt-get needs root; sudo drops the environment, so DEBIAN_FRONTEND is passed
# through env(1) as part of the command itself.
sudo_cmd=()
if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is not installed; cannot install: ${missing[*]}"
    sudo_cmd=(sudo)
fi

echo "deps.sh: installing ${missing[*]}"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || die "apt-get update failed"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"

# apt-get can exit 0 yet leave a package half-configured; check again.
still=()
for pkg in "${missing[@]}"; do
    # shellcheck disable=SC2016
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || still+=("$pkg")
done
((${#still[@]} == 0)) || die "still not installed after apt-get: ${still[*]}"
echo "deps.sh: done"
