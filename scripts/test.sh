#!/usr/bin/env bash
# All tests: native cargo tests, a release wasm build served under
# /cham-diem/, and the browser tests in tests/browser/*.test.mjs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

echo "[test] cargo test --workspace"
cargo test --workspace

echo "[test] trunk build --release --public-url /cham-diem/"
trunk build --release --public-url /cham-diem/ --dist dist
node scripts/csp.mjs dist/index.html

shopt -s nullglob
browser_tests=(tests/browser/*.test.mjs)
shopt -u nullglob
if (( ${#browser_tests[@]} == 0 )); then
  echo "[test] ERROR: no tests/browser/*.test.mjs found" >&2
  exit 1
fi
echo "[test] node --test ${browser_tests[*]}"
node --test "${browser_tests[@]}"
