#!/usr/bin/env bash
# Installs whatever is missing, then builds and serves the app at
# http://127.0.0.1:8080/ (rebuilding on change).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
echo "Panorama: http://127.0.0.1:8080/"
# No autoreload: its injected inline script is not in the CSP.
exec trunk serve --release --offline --no-autoreload "$@"
