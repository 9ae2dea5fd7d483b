#!/usr/bin/env bash
# A throwaway certificate authority and the certificates the TLS tests and
# the TLS benchmark need, made with the openssl command in one directory.
#
# Usage: scripts/test-ca.sh DIR
#   Makes DIR (once: a complete DIR, marked by DIR/.bb-complete, is left
#   as it is, so concurrent and repeated callers are cheap) holding, all
#   PEM, keys unencrypted (P-256):
#     ca.pem, ca-key.pem                the CA ("binbridge test CA")
#     wrong-ca.pem, wrong-ca-key.pem    another CA that signed nothing here
#     server-cert.pem, server-key.pem   signed by ca.pem for DNS:localhost,
#                                       IP:127.0.0.1 and IP:::1 (serverAuth)
#     client-cert.pem, client-key.pem   signed by ca.pem, CN
#                                       binbridge-test-client (clientAuth)
#     expired-cert.pem, expired-key.pem signed by ca.pem for the same names
#                                       as the server's, valid only during
#                                       2020-01-01
#     other-host-cert.pem, other-host-key.pem
#                                       signed by ca.pem for DNS:other.example
#                                       only (a host-name mismatch for
#                                       localhost and 127.0.0.1)
#   Every file, the keys too, is readable by every user: a test server may
#   run as another user than the one making them, and nothing here protects
#   anything.
#
# Self-contained (openssl and coreutils), so that any setup can share it:
# scripts/servers.sh (the MariaDB's TLS, $BB_SERVERS_DIR/tls), the tests
# (tests/testutil.c: /tmp/binbridge-test-ca-<uid>), the benchmark.
set -euo pipefail

prog=test-ca.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

(($# == 1)) || die "usage: $prog DIR"
dir=$(realpath -m -- "$1")
[[ -f $dir/.bb-complete ]] && exit 0
command -v openssl >/dev/null 2>&1 || die "openssl not found (Debian: apt-get install openssl)"

mkdir -p -- "$(dirname -- "$dir")"
# Made beside DIR and renamed into place: a reader never sees half a set,
# and two callers at once each make a whole one (the first rename wins).
work=$(mktemp -d "$dir.tmp.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
log=$work/openssl.log
days=3650
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

(
    set -e
    cd -- "$work"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
    printf 'subjectAltName=DNS:other.example\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >other.ext
    printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n' >client.ext
    openssl req -x509 "${ec[@]}" -days "$days" -subj '/CN=binbridge test CA' \
        -keyout ca-key.pem -out ca.pem
    openssl req -x509 "${ec[@]}" -days "$days" -subj '/CN=binbridge wrong CA' \
        -keyout wrong-ca-key.pem -out wrong-ca.pem
    # sign NAME SUBJECT EXTFILE: NAME-key.pem and NAME-cert.pem signed by ca.pem
    sign() {
        openssl req "${ec[@]}" -subj "$2" -keyout "$1-key.pem" -out "$1.csr"
        openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
            -days "$days" -extfile "$3" -out "$1-cert.pem"
        rm -f -- "$1.csr"
    }
    sign server /CN=localhost server.ext
    sign client /CN=binbridge-test-client client.ext
    sign other-host /CN=other.example other.ext
    # An expired one: `openssl x509 -req` cannot date a certificate in the
    # past (OpenSSL 3.0), `openssl ca` can, with a minimal configuration.
    mkdir ca-db
    : >ca-db/index.txt
    printf '1000\n' >ca-db/serial
    cat >ca.cnf <<'EOF'
[ca]
default_ca = test
[test]
dir = ca-db
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
EOF
    openssl req "${ec[@]}" -subj /CN=localhost -keyout expired-key.pem -out expired.csr
    openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca-key.pem -in expired.csr \
        -startdate 20200101000000Z -enddate 20200102000000Z -extfile server.ext \
        -notext -out expired-cert.pem
    rm -rf -- ca-db ca.cnf expired.csr ca.srl ./*.ext
    chmod 644 ./*.pem
) >"$log" 2>&1 || { tail -n 20 -- "$log" >&2; die "making the test certificates in $dir failed"; }
rm -f -- "$log"
: >"$work/.bb-complete"
chmod 755 "$work"
if ! mv -T -- "$work" "$dir" 2>/dev/null; then
    # Another caller got there first (DIR exists): theirs is as good.
    [[ -f $dir/.bb-complete ]] || die "$dir exists but is not a complete set: remove it"
fi
