#!/usr/bin/env bash
# The base image docker/Dockerfile builds on (debian:12, debian:12-slim),
# made locally for Podman, since the test machine pulls from no container
# registry: a Debian 12 root made by debootstrap (--variant=minbase) and
# trimmed the way the published slim image is, imported into Podman's
# storage and tagged docker.io/library/debian:bookworm-slim, :bookworm,
# :12 and :12-slim. Also writes Podman's configuration when there is none
# (see podman_conf below).
#
# Usage: scripts/container-base.sh [--force]
#   --force   make the root again with debootstrap, even when it is cached
#
# Idempotent and quick when done: Podman already has the image (one
# `podman image exists`), or it is imported from the cached tarball (a few
# seconds). Only the first run on a machine runs debootstrap (about a
# minute, from the Debian mirror the host's apt uses).
#
# Environment:
#   BB_TOOLS_DIR       where the tarball is cached (as scripts/deps.sh keeps
#                      FerretDB; default ~/.cache/binbridge, outside the work
#                      tree, so fresh clones reuse it)
#   BB_DEBIAN_MIRROR   the Debian mirror for debootstrap (default: the
#                      first http(s) URI of the host's apt sources for
#                      bookworm, else http://deb.debian.org/debian)
set -euo pipefail
shopt -s inherit_errexit

prog=container-base.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
log() { printf '%s: %s\n' "$prog" "$*"; }

force=false
case ${1:-} in
--force) force=true ;;
"") ;;
*) die "usage: $prog [--force]" ;;
esac

((EUID == 0)) || die "run as root: Podman runs the test containers as root (rootless Podman needs subuid ranges this setup does not make)"
for t in podman debootstrap zstd tar; do
    command -v "$t" >/dev/null 2>&1 || die "$t not found; run scripts/deps.sh first"
done

# Podman unpacks every image layer after remounting / private, which fails
# ("remount /, flags: 0x44000: invalid argument") where / is no mount
# point: inside a chroot, such as ../shared/tools/fresh_machine.sh. There
# no image can be stored at all; exit 3 says so (deps.sh goes on, and the
# container test reports itself as not run, never as passed).
if ! mountpoint -q /; then
    log "not here: / is not a mount point (a chroot?), where Podman cannot unpack images; no base image"
    exit 3
fi

# The recipe's version: change it when the root below changes, so that a
# cached tarball of an older recipe is made again.
RECIPE=2
SUITE=bookworm
ARCH=$(dpkg --print-architecture)
IMAGE=docker.io/library/debian:bookworm-slim
TAGS=(docker.io/library/debian:bookworm docker.io/library/debian:12 docker.io/library/debian:12-slim)
LABEL=org.binbridge.base-recipe
TOOLS_DIR=$(realpath -m -- "${BB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binbridge}")
TARBALL=$TOOLS_DIR/debian-$SUITE-slim-$ARCH-r$RECIPE.tar.zst

# ---------------------------------------------------------------- Podman's configuration
#
# Podman 4.3 (Debian 12) gives every container the default ulimits of its
# containers.conf, and the OCI runtime fails to set them where the
# process's own hard limits are lower (in a container, a CI sandbox).
# With no system configuration of its own, this machine gets one that
# sets none; an existing file is left alone (the test passes what it needs
# on the command line).
podman_conf() {
    local conf=/etc/containers/containers.conf
    [[ -e $conf ]] && return 0
    mkdir -p -- "$(dirname -- "$conf")"
    cat >"$conf.tmp" <<'EOF'
# Written by binbridge's scripts/container-base.sh (there was none).
# No default ulimits: setting them fails where this process's own hard
# limits are lower (containers, CI sandboxes).
[containers]
default_ulimits = []
EOF
    mv -f -- "$conf.tmp" "$conf"
    log "wrote $conf (no default ulimits)"
}

# ---------------------------------------------------------------- the root

# The host's Debian mirror (deb822 sources or sources.list), for bookworm.
host_mirror() {
    local f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        # URIs: of a stanza whose Suites name bookworm and that is not security
        uri=$(awk -v suite="$SUITE" '
            /^[[:space:]]*$/ { if (u != "" && s && !sec) { print u; exit } u = ""; s = 0; sec = 0; next }
            tolower($1) == "uris:" { u = $2; if (u ~ /security/) sec = 1 }
            tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) s = 1 }
            END { if (u != "" && s && !sec) print u }' "$f" | head -n 1)
        [[ $uri == http* ]] && { printf '%s\n' "$uri"; return 0; }
    done
    if [[ -r /etc/apt/sources.list ]]; then
        uri=$(awk -v suite="$SUITE" '$1 == "deb" && $3 == suite && $2 ~ /^https?:/ { print $2; exit }' \
            /etc/apt/sources.list)
        [[ -n $uri ]] && { printf '%s\n' "$uri"; return 0; }
    fi
    printf '%s\n' http://deb.debian.org/debian
}

# debootstrap, then what makes the published debian:12-slim slim
# (debuerreotype's --slimify and its apt settings): no documentation,
# manual pages or translations now or in what is installed later (dpkg
# path excludes), apt's downloads removed after every install, no apt
# lists; no host name or resolver of the machine that built it.
make_root() {
    local root=$1 mirror security
    mirror=${BB_DEBIAN_MIRROR:-$(host_mirror)}
    security=${mirror%/debian}/debian-security
    [[ $mirror == */debian ]] || security=http://deb.debian.org/debian-security
    log "debootstrap --variant=minbase $SUITE from $mirror (once per machine; about a minute)"
    debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 \
        || { tail -n 20 -- "$root.log" >&2; die "debootstrap failed (log: $root.log)"; }

    cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# as the published debian:*-slim images: no documentation, manual pages or
# translations (copyright files kept)
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$root/usr/share/doc" -mindepth 1 -depth -type d -empty -delete
    rm -rf -- "$root"/usr/share/{groff,info,linda,lintian/overrides,man}/*
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf -- {} +
    cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
    printf 'Acquire::Languages "none";\n' >"$root/etc/apt/apt.conf.d/docker-no-languages"
    rm -f -- "$root/etc/apt/sources.list"
    cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    rm -rf -- "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
        "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/tmp/* "$root"/var/tmp/* \
        "$root"/etc/hostname "$root"/etc/machine-id
    : >"$root/etc/resolv.conf"
    : >"$root/etc/machine-id"
}

import_tarball() {
    local changes=(--change 'CMD ["bash"]' --change "LABEL $LABEL=$RECIPE")
    zstd -q -d -c -- "$TARBALL" | podman import -q "${changes[@]}" - "$IMAGE" >/dev/null \
        || die "podman import of $TARBALL failed"
    local t
    for t in "${TAGS[@]}"; do podman tag "$IMAGE" "$t"; done
    log "imported $TARBALL as $IMAGE (also ${TAGS[*]##*/})"
}

podman_conf

if ! $force && podman image exists "$IMAGE" &&
    [[ $(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$IMAGE" 2>/dev/null) == "$RECIPE" ]]; then
    for t in "${TAGS[@]}"; do podman image exists "$t" || podman tag "$IMAGE" "$t"; done
    log "$IMAGE already in Podman's storage"
    exit 0
fi

if $force || [[ ! -s $TARBALL ]]; then
    start=$SECONDS
    mkdir -p -- "$TOOLS_DIR"
    work=$(mktemp -d "${TMPDIR:-/var/tmp}/binbridge-debootstrap.XXXXXX")
    trap 'rm -rf --one-file-system -- "$work"' EXIT
    make_root "$work/root"
    # Owners and modes as they are (root runs this); numeric ids.
    tar --numeric-owner -C "$work/root" -c . | zstd -q -T2 -3 -o "$TARBALL.tmp" \
        || die "could not write $TARBALL"
    mv -f -- "$TARBALL.tmp" "$TARBALL"
    rm -rf --one-file-system -- "$work"
    # Tarballs of older recipes are of no more use.
    for old in "$TOOLS_DIR/debian-$SUITE-slim-$ARCH-r"*.tar.zst; do
        [[ $old == "$TARBALL" ]] || rm -f -- "$old"
    done
    log "made $TARBALL in $((SECONDS - start)) s"
fi
import_tarball
