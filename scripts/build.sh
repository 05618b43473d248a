#!/usr/bin/env bash
# Builds what a portal publishes, into dist/: the scoring page (index.html) at
# its root, the office page (tong-hop/index.html) in dist/tong-hop/ and the
# appraisal page (tham-dinh/index.html) in dist/tham-dinh/, each
# minified and given its Content-Security-Policy. Trunk's --minify minifies the
# HTML and the CSS; its JS minifier cannot parse wasm-bindgen 0.2.130's glue
# (`export { initSync, __wbg_init as default }`: "Failed to minify JS" in the
# log), so terser minifies it afterwards (scripts/minify-js.mjs); Trunk's own
# small inline loader stays as it is.
#
#   bash scripts/build.sh [PUBLIC_URL]      # default /cham-diem/
#
# PUBLIC_URL is the path the portal serves the site under (docs/hosting.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

url="${1:-/cham-diem/}"
[[ "$url" == /* ]] || { echo "[build] PUBLIC_URL must start with /: '$url'" >&2; exit 2; }
[[ "$url" == */ ]] || url="$url/"

# test.sh and serve.sh have run it already.
[[ "${CHAMDIEM_SETUP_DONE:-}" == 1 ]] || bash scripts/setup.sh

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

# Trunk 0.21 builds one page per run and empties its dist folder first: the
# scoring page first (it empties dist/), then each other page into its own
# sub-folder, which that build alone replaces.
echo "[build] scoring page → dist/ (public URL $url)"
trunk build --release --minify --public-url "$url" --dist dist index.html
echo "[build] office page → dist/tong-hop/ (public URL ${url}tong-hop/)"
trunk build --release --minify --public-url "${url}tong-hop/" --dist dist/tong-hop tong-hop/index.html
echo "[build] appraisal page → dist/tham-dinh/ (public URL ${url}tham-dinh/)"
trunk build --release --minify --public-url "${url}tham-dinh/" --dist dist/tham-dinh tham-dinh/index.html

# The second build must have left the first in place.
for f in dist/index.html dist/sw.js dist/rulesets/index.json dist/tong-hop/index.html dist/tong-hop/sw.js dist/tham-dinh/index.html dist/tham-dinh/sw.js; do
  [[ -f "$f" ]] || { echo "[build] ERROR: $f missing after the build" >&2; exit 1; }
done
# Trunk cannot minify wasm-bindgen's JS glue (above): terser does, and the
# pages' integrity hashes follow.
node scripts/minify-js.mjs dist dist/tong-hop dist/tham-dinh
node scripts/csp.mjs dist/index.html dist/tong-hop/index.html dist/tham-dinh/index.html
echo "[build] dist/ ready for $url"
