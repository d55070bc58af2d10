#!/usr/bin/env bash
# Builds the guest test programs: every tests/guest/c/*.c, and for one arch
# also tests/guest/c/<arch>/*.c (tests of that ISA only), in each variant of
# the arch (e.g. statically linked at -O0 and -O2, and dynamically linked at
# -O2: variant O2-dyn, run with the cross libc's sysroot /usr/<triple>, i.e.
# -L for qemu and Mimic), into tests/guest-bin/<arch>/<variant>/<name>
# (git-ignored).
#
#   toolchains/build-guest-tests.sh [--arch ARCH]... [--force]
#
# Without --arch, builds for DEFAULT_ARCHES. The compiler of each arch built
# must be installed (a missing one is an error). Up-to-date outputs (newer
# than their source and this script) are skipped; --force rebuilds them.
# Binaries whose source is gone are removed, so the harness never runs them.
set -euo pipefail

# ---- arch table: arch -> cross compiler, extra flags ------------------------
# To add an arch, add one line to each table (and to DEFAULT_ARCHES when the
# emulator and the test harness support it).
declare -A CC_FOR=(
    [riscv64]=riscv64-linux-gnu-gcc
    [aarch64]=aarch64-linux-gnu-gcc
)
declare -A CFLAGS_FOR=(
    [riscv64]=""
    [aarch64]=""
)
declare -A PKGS_FOR=(
    [riscv64]="gcc-riscv64-linux-gnu libc6-dev-riscv64-cross"
    [aarch64]="gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
)
DEFAULT_ARCHES=(riscv64 aarch64)
# arch -> its variants
declare -A VARIANTS_FOR=(
    [riscv64]="O0 O2 O2-dyn"
    [aarch64]="O0 O2 O3"
)
# variant directory -> its compiler flags
declare -A VARIANT_FLAGS=(
    [O0]="-O0 -static"
    [O2]="-O2 -static"
    [O3]="-O3 -static"
    [O2-dyn]="-O2"
)
COMMON_CFLAGS=(-g0 -Wall -Wno-unused-result -std=gnu11 -pthread)
COMMON_LIBS=(-lm -lpthread)
# -----------------------------------------------------------------------------

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$ROOT/tests/guest/c"
OUT_DIR="$ROOT/tests/guest-bin"
SELF="$ROOT/toolchains/build-guest-tests.sh"

say() { printf 'build-guest-tests: %s\n' "$*"; }
die() { say "FAIL: $*"; exit 1; }

arches=()
force=0
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) [ $# -ge 2 ] || die "--arch needs a value (one of: ${!CC_FOR[*]})"
                arches+=("$2"); shift 2 ;;
        --arch=*) arches+=("${1#--arch=}"); shift ;;
        --force) force=1; shift ;;
        -h|--help) sed -n '2,10p' "$SELF"; exit 0 ;;
        *) die "unknown argument: $1 (usage: $0 [--arch ARCH]... [--force])" ;;
    esac
done
[ ${#arches[@]} -gt 0 ] || arches=("${DEFAULT_ARCHES[@]}")

shopt -s nullglob
sources=("$SRC_DIR"/*.c)
[ ${#sources[@]} -gt 0 ] || die "no C sources in $SRC_DIR"

built=0; skipped=0
for arch in "${arches[@]}"; do
    [ -n "${CC_FOR[$arch]+x}" ] || die "unknown arch '$arch' (known: ${!CC_FOR[*]})"
    cc="${CC_FOR[$arch]}"
    command -v "$cc" >/dev/null 2>&1 \
        || die "compiler $cc for $arch not found; run toolchains/install-test-deps.sh (Debian packages: ${PKGS_FOR[$arch]})"
    read -r -a archflags <<<"${CFLAGS_FOR[$arch]}"
    read -r -a variants <<<"${VARIANTS_FOR[$arch]}"
    arch_sources=("${sources[@]}" "$SRC_DIR/$arch"/*.c)
    for opt in "${variants[@]}"; do
        read -r -a optflags <<<"${VARIANT_FLAGS[$opt]}"
        dir="$OUT_DIR/$arch/$opt"
        mkdir -p "$dir"
        for old in "$dir"/*; do
            base="$(basename "$old" .tmp)"
            if [ -f "$old" ] && [ ! -f "$SRC_DIR/$base.c" ] && [ ! -f "$SRC_DIR/$arch/$base.c" ]; then
                say "removing stale ${old#"$ROOT"/}"
                rm -f "$old"
            fi
        done
        for src in "${arch_sources[@]}"; do
            name="$(basename "$src" .c)"
            out="$dir/$name"
            if [ $force -eq 0 ] && [ -x "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$SELF" ]; then
                skipped=$((skipped + 1))
                continue
            fi
            say "$cc ${optflags[*]} $name -> ${out#"$ROOT"/}"
            "$cc" "${optflags[@]}" "${COMMON_CFLAGS[@]}" "${archflags[@]}" -o "$out.tmp" "$src" "${COMMON_LIBS[@]}" \
                || { rm -f "$out.tmp"; die "compiling $src for $arch -$opt"; }
            mv -f "$out.tmp" "$out"
            built=$((built + 1))
        done
    done
done
say "done: $built built, $skipped up to date (${arches[*]})"
