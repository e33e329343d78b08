#!/usr/bin/env bash
# make bench: builds, runs the ../shared/bench harness on model-viewer and on our viewer (WebGPU
# and WebGL2) with both of the harness's pendants, interleaved in one run, and writes
# docs/benchmarks.md. Then `make bench-check` compares that run with docs/bench-budget.json.
#   BENCH_DIR (default ../shared/bench), REPS (default 5), FPS_SECONDS (default 5)
# Not part of CI: timings on this 2-core software-rendered machine are too noisy there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench=$(cd "${BENCH_DIR:-../shared/bench}" 2>/dev/null && pwd) || { echo "bench: no harness at ${BENCH_DIR:-../shared/bench} (set BENCH_DIR)" >&2; exit 2; }
[ -f "$bench/run.mjs" ] || { echo "bench: $bench/run.mjs is missing" >&2; exit 2; }
scripts/build-web.sh
scripts/dist.sh --no-build # the code bytes are counted in dist/, as shipped
[ -d "$bench/node_modules" ] || (cd "$bench" && npm ci --no-audit --no-fund --silent)
out="$root/target/bench"
mkdir -p "$out"
page=/rust/bench.html
(cd "$bench" && node run.mjs --webgpu --reps "${REPS:-5}" --fps-seconds "${FPS_SECONDS:-5}" --out "$out" \
  --mount "/rust=$root/www" --label "pendant-viewer $(git -C "$root" rev-parse --short HEAD)" \
  'mv-disc=/pages/model-viewer.html?src=/models/disc-pendant.glb&scale=1' \
  'mv-heart=/pages/model-viewer.html?src=/models/heart-locket.glb&scale=1' \
  "webgpu-disc=$page?src=/models/disc-pendant.glb&backend=webgpu" \
  "webgpu-heart=$page?src=/models/heart-locket.glb&backend=webgpu" \
  "webgl2-disc=$page?src=/models/disc-pendant.glb&backend=webgl2" \
  "webgl2-heart=$page?src=/models/heart-locket.glb&backend=webgl2")
node scripts/bench-report.mjs "$out/results.json" "$bench" > docs/benchmarks.md
echo "bench: wrote docs/benchmarks.md (raw results: $out/results.json)"
# Cut-outs: a keystroke in a name to the new pendant drawn, and what a cut-out downloads.
node scripts/bench-cutout.mjs > "$out/cutout.md"
cat "$out/cutout.md"
echo "bench: cut-out latency in $out/cutout.md (docs/performance.md keeps the figures)"
# Worn view: first frame and frame rate beside the studio, a length change to the frame.
node scripts/bench-worn.mjs > "$out/worn.md"
cat "$out/worn.md"
echo "bench: worn view in $out/worn.md (docs/performance.md keeps the figures)"
# Merchant files (the corpus): bytes, first frame and fps beside model-viewer on the same files.
scripts/bench-merchant.sh
echo "bench: merchant files in target/bench/merchant/merchant.md (docs/performance.md keeps the figures)"
