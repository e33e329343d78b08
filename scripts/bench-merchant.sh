#!/usr/bin/env bash
# Part of `make bench`: merchant models as they ship, ours beside model-viewer on the same files
# (the corpus, scripts/corpus.mjs), model-viewer's meshopt decoder served locally as a shop
# would configure it (scripts/bench/model-viewer-meshopt.html). Brotli on the wire, so the
# byte counts are what a CDN sends. Writes target/bench/merchant/results.json and a table.
#   BENCH_DIR (default ../shared/bench), REPS (default 3), FPS_SECONDS (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench=$(cd "${BENCH_DIR:-../shared/bench}" && pwd)
[ -f target/corpus/index.json ] || node scripts/corpus.mjs --quiet
out="$root/target/bench/merchant"
mkdir -p "$out"
mv=/bench-pages/model-viewer-meshopt.html
(cd "$bench" && node run.mjs --webgpu --encoding br --reps "${REPS:-3}" --fps-seconds "${FPS_SECONDS:-5}" --out "$out" \
  --mount "/rust=$root/www" --mount "/corpus=$root/target/corpus" --mount "/bench-pages=$root/scripts/bench" \
  --mount "/npm=$root/node_modules" --label "pendant-viewer $(git -C "$root" rev-parse --short HEAD), merchant files" \
  "mv-meshopt-disc=$mv?src=/corpus/disc-pendant--gltfpack.glb&scale=1" \
  "webgpu-meshopt-disc=/rust/bench.html?src=/corpus/disc-pendant--gltfpack.glb&backend=webgpu" \
  "webgl2-meshopt-disc=/rust/bench.html?src=/corpus/disc-pendant--gltfpack.glb&backend=webgl2" \
  "mv-highpoly=$mv?src=/corpus/disc-highpoly--gltfpack.glb&scale=1" \
  "webgpu-highpoly=/rust/bench.html?src=/corpus/disc-highpoly--gltfpack.glb&backend=webgpu" \
  "webgl2-highpoly=/rust/bench.html?src=/corpus/disc-highpoly--gltfpack.glb&backend=webgl2")
node scripts/bench-merchant-report.mjs "$out/results.json" | tee "$out/merchant.md"
