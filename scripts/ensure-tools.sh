#!/usr/bin/env bash
# Installs whatever this project needs and is missing, each only if absent:
# the wasm target, Trunk, wasm-bindgen-cli (the version in Cargo.lock),
# npm packages (binaryen's wasm-opt, playwright-core), Chromium and CJK fonts.
# Source it (`. scripts/ensure-tools.sh`) to get PATH set as well.
set -euo pipefail
# (grep without -q below: with pipefail, -q can make the writer die of SIGPIPE.)

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep " $TRUNK_VERSION" >/dev/null; then
  say "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep " $wbg_version" >/dev/null; then
  say "installing wasm-bindgen-cli $wbg_version"
  # Not --locked: its lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

if [ ! -x "$repo/node_modules/.bin/wasm-opt" ] || [ ! -d "$repo/node_modules/playwright-core" ] \
  || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
  say "installing npm packages"
  (cd "$repo" && npm ci --no-audit --no-fund)
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
# Python 3 and pip for the warehouse SQL check (the duckdb package below).
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)  # the report test reads its PDF page by page
if [ "${#need_apt[@]}" -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

# The duckdb Python package runs the warehouse SQL in the tests. Debian's
# own Python refuses pip into the system (PEP 668) unless told otherwise.
if ! python3 -c 'import duckdb' 2>/dev/null; then
  say "installing the duckdb Python package"
  python3 -m pip install -q duckdb 2>/dev/null ||
    python3 -m pip install -q --user --break-system-packages duckdb
fi
