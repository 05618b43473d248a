#!/usr/bin/env bash
# Installs what building, serving and testing Chấm điểm needs, and only what
# is missing or at the wrong version. Safe to run again and again.
#
#   rustup target wasm32-unknown-unknown
#   trunk 0.21.x                         (cargo install, ~15 min the first time)
#   wasm-bindgen-cli = Cargo.lock's wasm-bindgen version
#   chromium                             (Debian package, for the browser tests)
#   poppler-utils, fonts-liberation2     (Debian packages: the printed sheet's
#                                         PDF read back; a Times-metric serif
#                                         with the Vietnamese letters)
#   node_modules: binaryen (wasm-opt), playwright-core, axe-core   (npm ci)
#   crates for all targets               (cargo fetch; Trunk builds offline)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

for cmd in cargo rustup node npm; do
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found on PATH"
done

# Version of the `wasm-bindgen` package pinned in Cargo.lock.
lock_version() {
  awk -v want="$1" '
    $0 == "[[package]]" { name = "" }
    $1 == "name" && $3 == "\"" want "\"" { name = want }
    name == want && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

# --- Rust target -------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "rust target wasm32-unknown-unknown: installing"
  rustup target add wasm32-unknown-unknown
fi

# --- Trunk 0.21.x ------------------------------------------------------------
# 0.22 needs a newer rustc than we target; stay on 0.21.
trunk_version() { trunk --version 2>/dev/null | awk '{print $2}'; }
tv="$(command -v trunk >/dev/null 2>&1 && trunk_version || true)"
if [[ "$tv" == 0.21.* ]]; then
  say "trunk $tv: present"
else
  say "trunk: ${tv:-absent}, want 0.21.x: installing (cargo install, takes ~15 min)"
  cargo install trunk --version '~0.21' --locked
  tv="$(trunk_version)"
  [[ "$tv" == 0.21.* ]] || die "trunk --version reports '$tv' after install"
fi

# --- wasm-bindgen-cli = Cargo.lock version -----------------------------------
[[ -f Cargo.lock ]] || die "Cargo.lock missing (needed to pin wasm-bindgen-cli)"
wbg_want="$(lock_version wasm-bindgen)"
[[ -n "$wbg_want" ]] || die "no wasm-bindgen package in Cargo.lock"
wbg_have="$(command -v wasm-bindgen >/dev/null 2>&1 && wasm-bindgen --version | awk '{print $2}' || true)"
if [[ "$wbg_have" == "$wbg_want" ]]; then
  say "wasm-bindgen-cli $wbg_have: present"
else
  say "wasm-bindgen-cli: ${wbg_have:-absent}, want $wbg_want: installing"
  # No --locked: the CLI's own lockfile does not build here.
  cargo install wasm-bindgen-cli --version "$wbg_want" --force
  wbg_have="$(wasm-bindgen --version | awk '{print $2}')"
  [[ "$wbg_have" == "$wbg_want" ]] || die "wasm-bindgen --version reports '$wbg_have', want $wbg_want"
fi
trunk_wbg="$(sed -n 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' Trunk.toml)"
if [[ -n "$trunk_wbg" && "$trunk_wbg" != "$wbg_want" ]]; then
  die "Trunk.toml pins wasm_bindgen = \"$trunk_wbg\" but Cargo.lock has $wbg_want: update Trunk.toml"
fi

# --- Chromium (browser tests) ------------------------------------------------
if [[ -x /usr/bin/chromium ]]; then
  say "chromium: present"
else
  say "chromium: absent: installing with apt-get"
  SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi

# --- Print test: poppler-utils, a serif with Vietnamese letters --------------
# tests/browser/print.test.mjs prints the score sheet to PDF and reads it back
# with pdftotext / pdffonts / pdftoppm. The sheet is set in Times New Roman or
# its metric twin Liberation Serif; Debian's fonts-liberation (1.x) has no
# Vietnamese letters, fonts-liberation2 has them.
apt_missing=()
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
  || apt_missing+=(poppler-utils)
[[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]] \
  || apt_missing+=(fonts-liberation2)
if (( ${#apt_missing[@]} == 0 )); then
  say "poppler-utils, fonts-liberation2: present"
else
  say "${apt_missing[*]}: absent: installing with apt-get"
  SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${apt_missing[@]}"
fi

# --- npm devDependencies (binaryen's wasm-opt, playwright-core, axe-core) -----
if [[ -f package-lock.json ]]; then
  if [[ -f node_modules/.package-lock.json ]] \
     && node -e '
       const fs = require("fs");
       const want = JSON.parse(fs.readFileSync("package-lock.json")).packages;
       const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json")).packages;
       for (const [k, v] of Object.entries(want)) {
         if (k === "") continue;
         if (!have[k] || have[k].version !== v.version || !fs.existsSync(k)) process.exit(1);
       }' 2>/dev/null; then
    say "node_modules: up to date"
  else
    say "node_modules: missing or stale: npm ci"
    npm ci --no-audit --no-fund
  fi
else
  say "node_modules: no package-lock.json: npm install"
  npm install --no-audit --no-fund
fi

WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
[[ -x "$WASM_OPT" ]] || die "$WASM_OPT missing after npm install"
wo_ver="$("$WASM_OPT" --version | awk '{print $3}')"
[[ "$wo_ver" =~ ^[0-9]+$ ]] || die "cannot parse '$WASM_OPT --version'"
(( wo_ver >= 116 )) || die "wasm-opt $wo_ver is too old (need >= 116)"
trunk_wo="$(sed -n 's/^[[:space:]]*wasm_opt[[:space:]]*=[[:space:]]*"version_\([0-9]*\)".*/\1/p' Trunk.toml)"
if [[ -n "$trunk_wo" && "$trunk_wo" != "$wo_ver" ]]; then
  die "Trunk.toml pins wasm_opt = \"version_$trunk_wo\" but node_modules has wasm-opt $wo_ver"
fi
say "wasm-opt $wo_ver: $WASM_OPT"

# --- crates (Trunk runs cargo with --offline) ---------------------------------
say "cargo fetch"
cargo fetch --quiet

say "ready"
