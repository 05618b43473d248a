#!/usr/bin/env bash
# Dev server (rebuilds on change):
#   bash scripts/serve.sh            the scoring page on http://127.0.0.1:8080/
#   bash scripts/serve.sh tong-hop   the office page on http://127.0.0.1:8081/tong-hop/
#   bash scripts/serve.sh tham-dinh  the appraisal page on http://127.0.0.1:8081/tham-dinh/
# Trunk serves one page per run; its link back to the scoring page ("../")
# leads nowhere on the office page's server. Both pages together, as a portal
# serves them: bash scripts/build.sh, then any static server on dist/ (see
# docs/hosting.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

if [[ "${1:-}" == tong-hop || "${1:-}" == tham-dinh ]]; then
  page="$1"
  shift
  echo "[serve] http://127.0.0.1:8081/$page/"
  # Trunk watches the page's own folder only unless told: the crate and the styles too.
  exec trunk serve "$page/index.html" --dist "target/trunk-$page" --public-url "/$page/" \
    --watch "$page" --watch src --watch core/src --watch public --address 127.0.0.1 --port 8081 "$@"
fi
echo "[serve] http://127.0.0.1:8080/"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
