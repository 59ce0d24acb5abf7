#!/usr/bin/env bash
# Installs everything the project needs, idempotently: a second run does nothing.
# Used by `make serve`, `make test`, `make dist` and `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Runs a command quietly; on failure prints its last lines and one clear sentence.
run() {
  local what=$1; shift
  local log; log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    tail -n 15 "$log" >&2
    rm -f "$log"
    fail "could not $what. Is the package registry reachable from this machine? (command: $*)"
  fi
  rm -f "$log"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian's Chromium and ChromeDriver (browsers that download themselves do not work here).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver (apt)"
  run "update the Debian package lists" as_root apt-get update
  run "install chromium from Debian" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

# 2. The wasm target.
command -v rustup >/dev/null || fail "rustup is missing: install Rust with rustup first (https://rustup.rs)."
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  run "add the wasm32 target with rustup" rustup target add wasm32-unknown-unknown
fi

# 2b. std's sources, for the size-tuned release build (see the Makefile).
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding rust-src (std is rebuilt for size in the release build)"
  run "add rust-src with rustup" rustup component add rust-src
fi

# 3. wasm-bindgen CLI, exactly the version pinned in Cargo.toml (no --locked: see notes).
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes the first time)"
  run "install wasm-bindgen-cli from crates.io" cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. trunk, the one version that builds on this toolchain.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (about 18 minutes the first time)"
  run "install trunk from crates.io" cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# 5. npm dev dependencies: wasm-opt (binaryen) at the root, Playwright + axe for e2e.
npm_ci() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $dir"
    run "install npm packages in $dir from the npm registry" npm ci --prefix "$dir" --no-audit --no-fund
  fi
}
npm_ci .
npm_ci tests/e2e
