#!/usr/bin/env bash
# Installs the Debian packages the integration tests need, if they are missing:
#   qemu-user               reference emulators (qemu-riscv64, qemu-aarch64) the tests compare Mimic against
#   gcc-riscv64-linux-gnu   cross compilers for the guest test programs
#   gcc-aarch64-linux-gnu
#   libc6-dev-riscv64-cross, libc6-dev-arm64-cross: static glibc for the guest test programs
#   make
# Idempotent: does nothing (and never runs apt-get update) when all are present.
# Runs apt-get as root, or through sudo when not root. Non-interactive.
set -euo pipefail

PACKAGES=(qemu-user gcc-riscv64-linux-gnu libc6-dev-riscv64-cross gcc-aarch64-linux-gnu libc6-dev-arm64-cross make)

say() { printf 'install-test-deps: %s\n' "$*"; }

installed() {
    # dpkg-query prints "install ok installed" for a fully installed package.
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "FAIL: this script needs a Debian/Ubuntu system (dpkg-query and apt-get not found)"
    exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
    if installed "$p"; then
        say "ok: $p already installed"
    else
        say "missing: $p"
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    say "all test dependencies present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    say "FAIL: not root and sudo not available; install as root: apt-get install ${missing[*]}"
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "running: apt-get update"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
say "running: apt-get install -y ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null

for p in "${missing[@]}"; do
    if ! installed "$p"; then
        say "FAIL: $p still not installed after apt-get install"
        exit 1
    fi
done
say "installed: ${missing[*]}"
