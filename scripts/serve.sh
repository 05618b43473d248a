#!/usr/bin/env bash
# Dev server: http://127.0.0.1:8080/ (rebuilds on change).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

echo "[serve] http://127.0.0.1:8080/"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
