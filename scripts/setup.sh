#!/usr/bin/env bash
# Installs what building (and, with --test, testing) needs on a fresh Debian machine.
# Idempotent: each step is skipped when already satisfied.
#   scripts/setup.sh          wasm32 target + wasm-bindgen-cli at the Cargo.lock version, npm packages
#                             (terser minifies the shipped JavaScript; the rest serve the tests)
#   scripts/setup.sh --test   also lavapipe (software Vulkan) and Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

need_test=false
[ "${1:-}" = "--test" ] && need_test=true

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is missing; install Rust (rustup) and Node.js 20+ first" >&2; exit 1; }
done

apt_packages=()
if $need_test; then
  apt_packages+=(mesa-vulkan-drivers libvulkan1 libegl1 libgl1-mesa-dri chromium poppler-utils)
fi
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# make lint (run by make test): rustfmt and clippy come with most toolchains, not all.
if $need_test; then
  for component in rustfmt clippy; do
    rustup component list --installed | grep -q "^$component" || { say "adding $component"; rustup component add "$component"; }
  done
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  say "installing wasm-bindgen-cli $wanted (found '${have:-none}'; takes a few minutes once)"
  # Not --locked: the registry mirror here lacks one of its pinned dependencies.
  cargo install wasm-bindgen-cli --version "$wanted" --quiet
fi

missing_npm=false
for package in terser playwright-core pngjs gltf-validator typescript gltfpack @gltf-transform/cli @hyzyla/pdfium; do
  [ -d "node_modules/$package" ] || missing_npm=true
done
if $missing_npm; then
  say "installing npm packages (terser, playwright-core, pngjs, gltf-validator, typescript, gltfpack, gltf-transform, pdfium)"
  npm ci --no-audit --no-fund --silent
fi
