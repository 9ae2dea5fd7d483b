#!/usr/bin/env bash
# test_install.sh - `make install` as a user of the library meets it:
#   1. a staged install (DESTDIR, PREFIX=/usr/local) holds the command, the
#      header, the static library and binbridge.pc, and nothing else;
#      binbridge.pc names /usr/local; `make uninstall` removes all four;
#   2. an install into a temporary prefix, and README.md's library example
#      (between its library-example markers, so the two cannot drift)
#      compiled outside the source tree with what `pkg-config --cflags
#      binbridge` and `pkg-config --static --libs binbridge` say, and
#      nothing else (no -Isrc), warnings as errors; run on a corpus binlog,
#      its whole output compared;
#   3. every object of the installed archive links with those flags alone
#      (--whole-archive), and the version is one: `binbridge --version`,
#      `pkg-config --modversion`, the installed header's BB_VERSION and
#      BB_VERSION_MAJOR/MINOR/PATCH, and the installed library's
#      bb_version().
# Usage: tests/install/test_install.sh [BUILD_DIR]   (make check-install;
#        BUILD_DIR defaults to build and is made if it is not up to date)
# Environment: BB_CORPUS_DIR (as scripts/run-tests.sh), CC, MAKE.
set -euo pipefail
shopt -s inherit_errexit

prog=test_install.sh
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
build=${1:-build}
fail() { printf '%s: FAILED: %s\n' "$prog" "$*" >&2; exit 1; }
ok() { printf '%s: ok: %s\n' "$prog" "$*"; }

corpus=$(realpath -m -- "${BB_CORPUS_DIR:-$root/../shared/corpus/binlog}")
binlog=$corpus/rmc-mariadb-bin.000001
[[ -f $binlog ]] || fail "corpus file $binlog not found (BB_CORPUS_DIR)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/binbridge-install.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
# Only what pkg-config says may point the compiler at headers and
# libraries: nothing from the environment, nothing of the source tree.
unset CPATH C_INCLUDE_PATH LIBRARY_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
cc=${CC:-cc}
make_() { ${MAKE:-make} -s --no-print-directory -C "$root" BUILD="$build" "$@"; }

# ---- 1. a staged install, and uninstall ----
stage=$tmp/stage
make_ install DESTDIR="$stage" PREFIX=/usr/local
expected='usr/local/bin/binbridge
usr/local/include/binbridge.h
usr/local/lib/libbinbridge.a
usr/local/lib/pkgconfig/binbridge.pc'
got=$(cd -- "$stage" && find . -type f -printf '%P\n' | sort)
[[ $got == "$expected" ]] || fail "make install DESTDIR=$stage PREFIX=/usr/local installed:
$got
expected:
$expected"
[[ -x $stage/usr/local/bin/binbridge ]] || fail "bin/binbridge is not executable"
grep -qx 'prefix=/usr/local' "$stage/usr/local/lib/pkgconfig/binbridge.pc" ||
    fail "binbridge.pc of a DESTDIR install does not say prefix=/usr/local:
$(cat -- "$stage/usr/local/lib/pkgconfig/binbridge.pc")"
ok "make install DESTDIR=... PREFIX=/usr/local: $(echo $expected)"
make_ uninstall DESTDIR="$stage" PREFIX=/usr/local
left=$(cd -- "$stage" && find . -type f -printf '%P\n')
[[ -z $left ]] || fail "make uninstall left: $left"
ok "make uninstall removes them"

# ---- 2. the README's example against an install, with pkg-config ----
prefix=$tmp/prefix
make_ install PREFIX="$prefix"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cflags=$(pkg-config --cflags binbridge)
libs=$(pkg-config --static --libs binbridge)
ok "pkg-config --cflags binbridge: $cflags"
ok "pkg-config --static --libs binbridge: $libs"
case "$cflags $libs" in
*"$root"*) fail "pkg-config points into the source tree: $cflags $libs" ;;
esac

work=$tmp/example
mkdir -- "$work"
awk '/<!-- library-example: begin/ { n++; inside = 1; next }
     /<!-- library-example: end/ { inside = 0; code = 0; next }
     inside && /^```c$/ { code = 1; next }
     inside && code && /^```$/ { code = 0; next }
     inside && code { print > out }
     END { if (n != 1) { print "library-example markers: " n " begin lines" > "/dev/stderr"; exit 1 } }' \
    out="$work/rows.c" "$root/README.md" || fail "no example between README.md's library-example markers"
[[ -s $work/rows.c ]] || fail "README.md's library example is empty"
cd -- "$work"
# shellcheck disable=SC2086 # pkg-config's output is words
"$cc" -std=c11 -Wall -Wextra -Werror $cflags rows.c -o rows $libs ||
    fail "README.md's example does not build against the installed files"
ok "README.md's example built: $cc -std=c11 -Wall -Wextra -Werror \$(pkg-config --cflags binbridge) rows.c \$(pkg-config --static --libs binbridge)"

# The two rows MariaDB 10.5 wrote into toddy_test.outbox.
expected_rows='toddy_test.outbox id = 62
toddy_test.outbox topic = foo
toddy_test.outbox event_type = JSON
toddy_test.outbox event = {"foo":1}
toddy_test.outbox created = 2022-04-20 22:18:04
toddy_test.outbox id = 63
toddy_test.outbox topic = foo
toddy_test.outbox event_type = JSON
toddy_test.outbox event = {"foo":1}
toddy_test.outbox created = 2022-04-20 22:19:55'
status=0
out=$(./rows "$binlog" 2>rows.err) || status=$?
((status == 0)) || fail "./rows $binlog: exit $status: $(cat rows.err)"
[[ -z $(cat rows.err) ]] || fail "./rows $binlog wrote to stderr: $(cat rows.err)"
[[ $out == "$expected_rows" ]] || fail "./rows $binlog printed:
$out
expected:
$expected_rows"
ok "the example prints the rows of $(basename -- "$binlog")"
status=0
./rows "$work/no-such.bin" >/dev/null 2>rows.err || status=$?
((status == 1)) && [[ $(wc -l <rows.err) == 1 ]] ||
    fail "./rows of a missing file: exit $status (not 1), stderr: $(cat rows.err)"
ok "the example exits 1 with one line for a missing file"

# ---- 3. the whole archive links; one version everywhere ----
cat >version.c <<'EOF'
#include <stdio.h>
#include <binbridge.h>

int main(void)
{
    printf("%s\n%s\n%d.%d.%d\n%d\n", BB_VERSION, bb_version(), BB_VERSION_MAJOR,
           BB_VERSION_MINOR, BB_VERSION_PATCH, BB_VERSION_NUMBER);
    return 0;
}
EOF
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $cflags version.c -o version \
    -Wl,--whole-archive "$prefix/lib/libbinbridge.a" -Wl,--no-whole-archive $libs ||
    fail "every object of libbinbridge.a does not link with pkg-config's flags alone"
ok "every object of libbinbridge.a links with \$(pkg-config --static --libs binbridge) alone"
mapfile -t v < <(./version)
pc_version=$(pkg-config --modversion binbridge)
bin_version=$("$prefix/bin/binbridge" --version | head -n 1)
IFS=. read -r major minor patch <<<"$pc_version"
[[ ${v[0]} == "$pc_version" && ${v[1]} == "$pc_version" && ${v[2]} == "$pc_version" &&
    ${v[3]} == $((major * 10000 + minor * 100 + patch)) && $bin_version == "binbridge $pc_version" ]] ||
    fail "versions differ: pkg-config $pc_version, '$bin_version', BB_VERSION ${v[0]}," \
        "bb_version() ${v[1]}, MAJOR.MINOR.PATCH ${v[2]}, BB_VERSION_NUMBER ${v[3]}"
ok "one version: $pc_version (binbridge --version, pkg-config, BB_VERSION, bb_version())"
printf '%s: all passed\n' "$prog"
