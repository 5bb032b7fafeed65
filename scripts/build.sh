#!/usr/bin/env bash
# Installs whatever is missing, then builds dist/ for any static host
# (asset paths are relative, so a sub-path works too).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
trunk build --release --offline
