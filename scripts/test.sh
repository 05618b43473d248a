#!/usr/bin/env bash
# All tests: native cargo tests, the release build a portal publishes
# (scripts/build.sh: both pages) served under /cham-diem/, and the browser
# tests in tests/browser/*.test.mjs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
export CHAMDIEM_SETUP_DONE=1

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

echo "[test] cargo test --workspace"
cargo test --workspace

echo "[test] bash scripts/build.sh /cham-diem/"
bash scripts/build.sh /cham-diem/

shopt -s nullglob
browser_tests=(tests/browser/*.test.mjs)
shopt -u nullglob
if (( ${#browser_tests[@]} == 0 )); then
  echo "[test] ERROR: no tests/browser/*.test.mjs found" >&2
  exit 1
fi
echo "[test] node --test ${browser_tests[*]}"
node --test "${browser_tests[@]}"
