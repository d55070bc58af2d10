#!/usr/bin/env bash
# Fetches Debian bookworm packages of real programs for a foreign architecture and unpacks
# them into a sysroot for the real-program tests (run with -L SYSROOT under Mimic and qemu):
#
#   toolchains/fetch-debian-sysroot.sh [--arch arm64] [--force]
#
# Result: tests/sysroots/<arch>/ (git-ignored; downloaded .debs are kept in
# tests/sysroots/.debs/<arch>/). The programs: busybox-static, and dynamically linked lua5.4,
# python3.11 (+ its standard library), sqlite3, xz-utils, bzip2, gzip, coreutils and openssl, with every
# library they depend on (apt-cache depends --recurse). Steps, each done only when needed:
#   1. dpkg --add-architecture <arch>          (once per machine)
#   2. apt-get update                           (when apt has no package lists for <arch>)
#   3. apt-get download PKG:<arch> ...          (only the .debs not already downloaded)
#   4. dpkg -x each .deb into the sysroot, then absolute symbolic links are made relative to
#      the sysroot (a link to /lib/x inside it must not point at the host's /lib/x)
# A stamp file records what the sysroot holds: when it matches, the script exits at once
# (no apt call), so CI runs it every time. apt runs as root or through sudo, under flock on
# the apt lock file ($MIMIC_APT_LOCK, default /work/apt.lock when /work exists, else
# /tmp/mimic-apt.lock) so that jobs sharing the machine do not race for apt's own locks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELF="$ROOT/toolchains/fetch-debian-sysroot.sh"

# The programs the tests run; their library dependencies are added by apt-cache.
PROGRAMS=(libc6 busybox-static lua5.4 python3.11 libpython3.11-stdlib sqlite3 xz-utils bzip2 gzip coreutils openssl)
# Dependencies that are package-manager machinery, not libraries a program loads.
EXCLUDE_RE='^(dpkg|install-info|debconf|perl|perl-base|perl-modules-.*|libperl.*|tar|debianutils|base-files|mailcap|mime-support|readline-common|sensible-utils)$'

say() { printf 'fetch-debian-sysroot: %s\n' "$*"; }
die() { say "FAIL: $*"; exit 1; }

arch=arm64
force=0
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) [ $# -ge 2 ] || die "--arch needs a value (a Debian architecture: arm64, armhf, ppc64el, s390x)"
                arch="$2"; shift 2 ;;
        --arch=*) arch="${1#--arch=}"; shift ;;
        --force) force=1; shift ;;
        -h|--help) sed -n '2,22p' "$SELF"; exit 0 ;;
        *) die "unknown argument: $1 (usage: $0 [--arch ARCH] [--force])" ;;
    esac
done

DEST="$ROOT/tests/sysroots/$arch"
DEBS="$ROOT/tests/sysroots/.debs/$arch"
STAMP="$DEST/.mimic-sysroot"
want_stamp="programs: ${PROGRAMS[*]}"

if [ $force -eq 0 ] && [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$want_stamp" ]; then
    say "up to date: ${DEST#"$ROOT"/} ($(($(wc -l <"$STAMP") - 1)) packages)"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 \
    || die "this script needs a Debian/Ubuntu system (apt-get and dpkg)"

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    SUDO=()
fi
LOCK="${MIMIC_APT_LOCK:-}"
if [ -z "$LOCK" ]; then
    if [ -d /work ] && [ -w /work ]; then LOCK=/work/apt.lock; else LOCK=/tmp/mimic-apt.lock; fi
fi
locked() { # runs "$@" holding the apt lock
    if command -v flock >/dev/null 2>&1; then flock "$LOCK" "$@"; else "$@"; fi
}

# 1. The architecture.
# (Outputs are captured before matching: grep -q closing a pipe early fails the pipeline under pipefail.)
foreign=$(dpkg --print-foreign-architectures)
if ! printf '%s\n' "$foreign" | grep -qx "$arch"; then
    say "running: dpkg --add-architecture $arch"
    locked "${SUDO[@]}" dpkg --add-architecture "$arch" || die "dpkg --add-architecture $arch (needs root)"
fi

# 2. Package lists for it.
has_lists() { local p; p=$(apt-cache policy "libc6:$arch" 2>/dev/null || true); [[ "$p" == *"Candidate: "[0-9]* ]]; }
if ! has_lists; then
    say "running: apt-get update (no package lists for $arch yet)"
    locked "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null \
        || die "apt-get update"
    has_lists || die "apt has no $arch packages after apt-get update (is a Debian bookworm source configured?)"
fi

# 3. The packages and their dependencies (Depends and Pre-Depends, recursively), for $arch only.
roots=()
for p in "${PROGRAMS[@]}"; do roots+=("$p:$arch"); done
mapfile -t pkgs < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "${roots[@]}" 2>/dev/null \
    | grep -v '^ ' | grep ":$arch\$" | sed "s/:$arch\$//" | grep -Ev "$EXCLUDE_RE" | sort -u)
[ ${#pkgs[@]} -gt 0 ] || die "apt-cache found none of: ${PROGRAMS[*]}"

mkdir -p "$DEBS"
need=()
for p in "${pkgs[@]}"; do
    v=$(apt-cache policy "$p:$arch" | sed -n 's/^ *Candidate: //p')
    [ -n "$v" ] && [ "$v" != "(none)" ] || die "no candidate version of $p:$arch"
    # apt-get download names files PKG_VERSION_ARCH.deb with ':' in the version as %3a.
    f="$DEBS/${p}_${v//:/%3a}_$arch.deb"
    [ -f "$f" ] || need+=("$p:$arch=$v")
done
if [ ${#need[@]} -gt 0 ]; then
    say "running: apt-get download (${#need[@]} packages)"
    (cd "$DEBS" && locked apt-get download -qq -o APT::Sandbox::User="$(id -un)" "${need[@]}" </dev/null) || die "apt-get download ${need[*]}"
fi

# 4. Unpack into a fresh tree, then swap it in.
tmp="$DEST.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
printf '%s\n' "$want_stamp" >"$tmp/.mimic-sysroot"
for p in "${pkgs[@]}"; do
    v=$(apt-cache policy "$p:$arch" | sed -n 's/^ *Candidate: //p')
    f="$DEBS/${p}_${v//:/%3a}_$arch.deb"
    dpkg -x "$f" "$tmp" || die "dpkg -x $f"
    printf '%s=%s\n' "$p" "$v" >>"$tmp/.mimic-sysroot"
done
# Absolute links point into the guest's root: make them relative, so they resolve inside the sysroot.
while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    rel=$(realpath -m --relative-to="$(dirname "$link")" "$tmp$target")
    ln -sfn "$rel" "$link"
done < <(find "$tmp" -type l -lname '/*' -print0)
rm -rf "$DEST"
mv "$tmp" "$DEST"
say "done: ${DEST#"$ROOT"/} holds ${#pkgs[@]} packages for $arch"
