// The merchant bench (scripts/bench-merchant.sh) as a table: per file, ours beside
// model-viewer's, medians of one run: bytes before the first frame (brotli on the wire: code,
// decoder and model), first frame, frames per second.
//   node scripts/bench-merchant-report.mjs RESULTS
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const median = (name, key) => results.targets.find((t) => t.name === name)?.summary[key]?.median ?? null;
const cell = (value, digits = 0) => (value === null ? '–' : value.toFixed(digits));
const files = { 'meshopt-disc': 'disc, gltfpack -cc (20 KB)', highpoly: '787,072-triangle disc, gltfpack -cc (2.4 MB)' };
console.log(`Merchant files (${results.label ?? ''}), medians of ${results.targets[0]?.runs?.length ?? '?'} runs, brotli on the wire:\n`);
console.log('| file | viewer | KiB before first frame (total / js / wasm / model) | first frame, ms | fps |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const [key, label] of Object.entries(files)) {
  for (const [prefix, viewer] of [['mv', 'model-viewer'], ['webgpu', 'ours, WebGPU'], ['webgl2', 'ours, WebGL2']]) {
    const name = `${prefix}-${key}`;
    const kib = ['bytes.total', 'bytes.js', 'bytes.wasm', 'bytes.glb'].map((k) => cell(median(name, k), 1)).join(' / ');
    const fps = median(name, 'viewerFps') ?? median(name, 'rafFps');
    console.log(`| ${label} | ${viewer} | ${kib} | ${cell(median(name, 'firstFrameMs'))} | ${cell(fps, 1)} |`);
  }
}
