#!/usr/bin/env bash
# Builds the wasm builds into www/pkg/ and copies the models into www/models/:
#   www/pkg/webgpu    lean viewer build, WebGPU only
#   www/pkg/webgl     fallback viewer build with the WebGL2 backend (wgpu-core + naga inside)
#   www/pkg/engraver  the engraving module (text layout, rustybuzz), loaded when a design has text
#   www/pkg/meshopt   the meshopt decoder module, loaded only for a model compressed with it
#   www/pkg/draco     the Draco decoder module, likewise
#   www/pkg/proof     the proof module (PDF, QR code), loaded only when a proof is asked for
# Plain cargo + wasm-bindgen (no trunk/wasm-pack: they fetch binaries and pick up Debian's
# wasm-opt 108, which corrupts wasm-bindgen output). wasm-opt is not used: on this crate's
# opt-level z + LTO builds it made the compressed files larger (see README, Sizes).
# The wasm-bindgen glue is minified with terser (npm, scripts/setup.sh): 16.5 → 10.7 KB brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/minify.sh

# One target dir for the six: what they share (wgpu's WebGPU backend, naga, serde_json, …)
# compiles once; each build's own crate and feature set are kept apart by cargo's hashes.
build() {
  local name=$1; shift
  echo "build-web: $name"
  cargo build --quiet --lib --release --target wasm32-unknown-unknown --target-dir target/wasm "$@"
  wasm-bindgen target/wasm/wasm32-unknown-unknown/release/pendant_viewer.wasm \
    --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "www/pkg/$name"
  minify "www/pkg/$name/pendant_viewer.js" "www/pkg/$name/pendant_viewer.js"
}

build webgpu
build webgl --features webgl
build engraver --features engraver
build meshopt --features meshopt
build draco --features draco
build proof --features proof

mkdir -p www/models
cp models/*.glb www/models/
for name in webgpu webgl engraver meshopt draco proof; do
  wasm="www/pkg/$name/pendant_viewer_bg.wasm"
  printf 'build-web: %-8s wasm %9d B raw, %8d B gzip -9\n' "$name" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
