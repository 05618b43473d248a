#!/usr/bin/env bash
# The size floor (README.md): builds the core-only wasm exactly as the app is
# built and prints its bytes, raw and gzip -9. Needs what scripts/setup.sh
# installs (wasm32 target, wasm-bindgen-cli, npm binaryen's wasm-opt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
target="$root/bench/build/floor-target"
(cd "$here" && CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown --offline --quiet)
rm -rf "$target/out"
wasm-bindgen --target web --no-typescript --out-dir "$target/out" "$target/wasm32-unknown-unknown/release/size_floor.wasm"
# The features the app's wasm-opt run enables (Trunk passes the same).
wasm-opt -Oz "$target/out/size_floor_bg.wasm" -o "$target/out/size_floor_bg.wasm" \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue
total=0
for f in "$target/out/size_floor_bg.wasm" "$target/out/size_floor.js"; do
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-22s %9s raw %9s gzip\n' "$(basename "$f")" "$(stat -c %s "$f")" "$gz"
done
printf '%-22s %9s     %9s gzip (core only: no interface, no CSS, no HTML, no ruleset)\n' total '' "$total"
