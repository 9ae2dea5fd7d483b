#!/usr/bin/env bash
# Install what binbridge needs to build, test and fuzz: the Debian packages,
# promtool (Prometheus's checker of /metrics, taken out of Debian's
# prometheus package), then FerretDB, the MongoDB wire-compatible test
# server, which Debian does not package and which is built from the Go
# module proxy.
# Usage: scripts/deps.sh [bench] [EXTRA_PACKAGE...]
#   bench   also what only `make bench` needs: PostgreSQL 15, the backend of
#           the benchmark's FerretDB (scripts/servers.sh,
#           BB_FERRETDB_BACKEND=postgresql), and python3-venv for the
#           virtual environment of its Python bridge (bench/pyrepl_venv.sh)
# Then (as root) the base image of docker/Dockerfile in Podman's storage,
# for the container test (scripts/container-base.sh: debootstrap once, the
# root cached as a tarball in BB_TOOLS_DIR).
# Idempotent: when everything is already installed it only asks dpkg, runs
# `ferretdb --version` and `podman image exists`, so it is cheap enough to
# run at the start of every test run.
#
# Environment:
#   BB_TOOLS_DIR      where promtool, FerretDB (and, when no Go >= 1.24 is on
#                     PATH, the Go toolchain that builds it) are kept; default
#                     ~/.cache/binbridge, outside the work tree, so that fresh
#                     clones (CI) reuse the binary instead of building again.
#                     scripts/servers.sh looks for FerretDB there too. A
#                     directory .tools in the work tree is git-ignored.
#   BB_SKIP_FERRETDB  1: leave FerretDB out (tests given a real MongoDB).
#   BB_SKIP_CONTAINER 1: leave Podman and the base image out (the container
#                     test, tests/container/test_container.sh, then skips).
set -euo pipefail
shopt -s inherit_errexit

die() { printf 'deps.sh: %s\n' "$*" >&2; exit 1; }
log() { printf 'deps.sh: %s\n' "$*"; }

container=()
if [[ ${BB_SKIP_CONTAINER:-} != 1 ]]; then
    # the container test: Podman and its OCI runtime, debootstrap for the
    # base image, YAML for docker/compose.yml
    container=(podman runc debootstrap python3-yaml)
fi

bench=()
if [[ ${1:-} == bench ]]; then
    shift
    bench=(postgresql-15 postgresql-client-15 python3-venv)
fi

packages=(
    # build toolchain (a fresh Debian has neither make nor gcc)
    make gcc libc6-dev pkg-config git ca-certificates python3
    # the throwaway CA and certificates of the TLS tests (scripts/servers.sh)
    openssl
    # fetching a Go toolchain for FerretDB (below)
    curl unzip
    # libraries linked by the Makefile (PKGS) and the test runner
    libmariadb-dev libhiredis-dev libmongoc-dev libbson-dev libconfig-dev
    libmicrohttpd-dev libcriterion-dev libzstd-dev zlib1g-dev
    # throwaway test servers and their command-line clients (scripts/servers.sh)
    mariadb-server mariadb-client redis-server redis-tools
    # the demo shows a mirrored document (scripts/demo.sh)
    python3-pymongo
    # `make fuzz`: clang with the libFuzzer/ASan runtimes
    clang libclang-rt-14-dev
    # `make bench`: GNU time for peak memory
    time
    # the corpus test's independent inventory (../shared/tools/binlog_inventory.py)
    # counts the events inside zstd-compressed transactions with the zstd command
    zstd
    "${container[@]}"
    "${bench[@]}"
    "$@"
)

# ---------------------------------------------------------------- Debian packages

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    die "dpkg-query/apt-get not found: only Debian-based systems are supported"
fi

not_installed() {
    local pkg status
    for pkg in "$@"; do
        # ${Status} is a dpkg-query field, not a shell expansion.
        # shellcheck disable=SC2016
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        [[ $status == "install ok installed" ]] || printf '%s\n' "$pkg"
    done
}

mapfile -t missing < <(not_installed "${packages[@]}")
if ((${#missing[@]} == 0)); then
    log "all ${#packages[@]} packages already installed"
else
    # apt-get needs root; sudo drops the environment, so DEBIAN_FRONTEND is
    # passed through env(1) as part of the command itself.
    sudo_cmd=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "not root and sudo is not installed; cannot install: ${missing[*]}"
        sudo_cmd=(sudo)
    fi
    log "installing ${missing[*]}"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        || die "apt-get update failed"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed for: ${missing[*]}"
    # apt-get can exit 0 yet leave a package half-configured; check again.
    mapfile -t still < <(not_installed "${missing[@]}")
    ((${#still[@]} == 0)) || die "still not installed after apt-get: ${still[*]}"
    log "packages installed"
fi

# ---------------------------------------------------------------- promtool
#
# The tests check /metrics with `promtool check metrics`. Debian ships
# promtool in its prometheus package, whose installation would also start a
# Prometheus server and pull in its web assets; only the static promtool
# binary is taken out of the package (apt-get download, dpkg-deb -x), into
# TOOLS_DIR like FerretDB. scripts/run-tests.sh finds it there
# (BB_PROMTOOL).

TOOLS_DIR=$(realpath -m -- "${BB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binbridge}")
PROMTOOL_BIN=$TOOLS_DIR/promtool/promtool    # also in scripts/run-tests.sh

if [[ -x $PROMTOOL_BIN ]] && "$PROMTOOL_BIN" --version >/dev/null 2>&1; then
    log "promtool already there ($PROMTOOL_BIN)"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/binbridge-promtool.XXXXXX")
    # apt-get download writes as the _apt user where it can
    chmod 755 "$work"
    if ! (cd -- "$work" && apt-get download prometheus >/dev/null 2>&1); then
        env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 || true
        (cd -- "$work" && apt-get download prometheus) || { rm -rf -- "$work"; die "apt-get download prometheus failed"; }
    fi
    dpkg-deb -x "$work"/prometheus_*.deb "$work/x" || { rm -rf -- "$work"; die "cannot unpack the prometheus package"; }
    mkdir -p -- "$(dirname -- "$PROMTOOL_BIN")"
    install -m 755 "$work/x/usr/bin/promtool" "$PROMTOOL_BIN.tmp"
    rm -rf -- "$work"
    "$PROMTOOL_BIN.tmp" --version >/dev/null 2>&1 || die "the promtool taken from Debian's prometheus package does not run"
    mv -f -- "$PROMTOOL_BIN.tmp" "$PROMTOOL_BIN"
    log "promtool installed: $PROMTOOL_BIN"
fi

# ---------------------------------------------------------------- container base image

if [[ ${BB_SKIP_CONTAINER:-} == 1 ]]; then
    log "BB_SKIP_CONTAINER=1: no container base image"
elif ((EUID != 0)); then
    log "not root: the container base image (scripts/container-base.sh, run as root) is left out"
else
    cb_status=0
    "$(dirname -- "${BASH_SOURCE[0]}")/container-base.sh" || cb_status=$?
    ((cb_status == 0 || cb_status == 3)) || die "scripts/container-base.sh failed"
fi

# ---------------------------------------------------------------- FerretDB
#
# FerretDB v1.24.2 with its embedded SQLite backend. Its module needs Go 1.24
# (go.mod: go 1.24); Debian 12's golang-go is 1.19, so unless a recent enough
# go is on PATH, the Go toolchain is fetched the way the go command itself
# fetches toolchains (GOTOOLCHAIN): the module golang.org/toolchain from the
# Go module proxy, a zip checked against a pinned SHA-256.
#
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a
# binary that panics at startup ("Invalid build/version/version.txt"): the
# module zip lacks that generated file. So the module source is copied out of
# the module cache, given version.txt (what upstream's `task gen-version`
# writes) and built with `go build`: the same code, the same dependencies
# (go.sum), a working binary.

[[ ${BB_SKIP_FERRETDB:-} == 1 ]] && { log "BB_SKIP_FERRETDB=1: FerretDB left out"; exit 0; }

FERRETDB_VERSION=v1.24.2                # keep in step with scripts/servers.sh
GO_MIN_MINOR=24                         # FerretDB's go.mod: go 1.24
GO_TOOLCHAIN=go1.24.3                   # its go.mod's toolchain line
declare -A GO_TOOLCHAIN_SHA256=(
    [amd64]=8a1b88943b81e6ac2e38890b492cf38f848909b867632f48f77caf83608cb107
)

FERRETDB_BIN=$TOOLS_DIR/ferretdb-$FERRETDB_VERSION/ferretdb    # also in scripts/servers.sh

# Does binary $1 say it is FerretDB $FERRETDB_VERSION? (Not `| grep -q`:
# grep's early exit would kill the writer, which pipefail counts.)
is_ferretdb() {
    local out
    out=$("$1" --version 2>/dev/null) || return 1
    grep -qx "version: $FERRETDB_VERSION" <<<"$out"
}

if [[ -x $FERRETDB_BIN ]] && is_ferretdb "$FERRETDB_BIN"; then
    log "FerretDB $FERRETDB_VERSION already built ($FERRETDB_BIN)"
    exit 0
fi

# A go on PATH at least 1.GO_MIN_MINOR, or nothing.
usable_go() {
    local go v
    go=$(command -v go 2>/dev/null) || return 1
    v=$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null) || return 1
    [[ $v =~ ^go1\.([0-9]+) ]] && ((BASH_REMATCH[1] >= GO_MIN_MINOR)) || return 1
    printf '%s\n' "$go"
}

fetch_go() {
    local arch root zip url proxy sum
    case $(uname -m) in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
    esac
    root=$TOOLS_DIR/$GO_TOOLCHAIN.linux-$arch
    if [[ -x $root/bin/go ]] && [[ $("$root/bin/go" env GOVERSION 2>/dev/null) == "$GO_TOOLCHAIN" ]]; then
        printf '%s\n' "$root/bin/go"
        return 0
    fi
    sum=${GO_TOOLCHAIN_SHA256[$arch]:-}
    [[ -n $sum ]] || die "no Go >= 1.$GO_MIN_MINOR on PATH, and no pinned Go toolchain for linux-$arch: install Go >= 1.$GO_MIN_MINOR and run again"
    # The first proxy of GOPROXY (as the go command would use), else the public one.
    proxy=${GOPROXY:-https://proxy.golang.org}
    proxy=${proxy%%[,|]*}
    [[ $proxy == http* ]] || proxy=https://proxy.golang.org
    url=${proxy%/}/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-$arch.zip
    zip=$TOOLS_DIR/.go-$$.zip
    mkdir -p -- "$TOOLS_DIR"
    log "fetching $GO_TOOLCHAIN for linux-$arch from $url" >&2
    curl -fsSL --retry 3 -o "$zip" "$url" || { rm -f -- "$zip"; die "could not download $url"; }
    if ! printf '%s  %s\n' "$sum" "$zip" | sha256sum --check --status; then
        rm -f -- "$zip"
        die "$url does not have the expected SHA-256 $sum"
    fi
    rm -rf -- "$root" "$root.tmp"
    mkdir -p -- "$root.tmp"
    unzip -q "$zip" -d "$root.tmp" || { rm -rf -- "$zip" "$root.tmp"; die "could not unzip $zip"; }
    rm -f -- "$zip"
    # The zip holds golang.org/toolchain@v0.0.1-<version>.linux-<arch>/...
    mv -- "$root.tmp/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" "$root"
    rm -rf -- "$root.tmp"
    chmod -R a+rX -- "$root"
    chmod a+x -- "$root"/bin/* "$root"/pkg/tool/*/*
    printf '%s\n' "$root/bin/go"
}

start=$SECONDS
if go=$(usable_go); then
    log "building FerretDB $FERRETDB_VERSION with $go ($(GOTOOLCHAIN=local "$go" env GOVERSION))"
else
    go=$(fetch_go)
    log "building FerretDB $FERRETDB_VERSION with $go"
fi

# GOTOOLCHAIN=local: this go builds, it does not go looking for another;
# -modcacherw: a module cache that `rm -rf` can clean.
export GOTOOLCHAIN=local GOFLAGS="-modcacherw -buildvcs=false" CGO_ENABLED=0
work=$(mktemp -d "${TMPDIR:-/tmp}/binbridge-ferretdb.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
moddir=$(cd -- "$work" && "$go" mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p') \
    || die "could not download github.com/FerretDB/FerretDB@$FERRETDB_VERSION from the Go module proxy"
[[ -n $moddir && -f $moddir/go.mod ]] || die "go mod download gave no source directory for FerretDB"
cp -R -- "$moddir" "$work/src"
chmod -R u+w -- "$work/src"
printf '%s\n' "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
mkdir -p -- "$(dirname -- "$FERRETDB_BIN")"
(cd -- "$work/src" && "$go" build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) \
    || die "building FerretDB failed"
is_ferretdb "$FERRETDB_BIN.tmp" || die "the FerretDB just built does not report version $FERRETDB_VERSION"
mv -f -- "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
log "FerretDB $FERRETDB_VERSION built in $((SECONDS - start)) s: $FERRETDB_BIN"
