// Turns one ../shared/bench run (results.json) into docs/benchmarks.md, and checks it against
// docs/bench-budget.json.
//   node scripts/bench-report.mjs RESULTS BENCH_DIR           → markdown on stdout
//   node scripts/bench-report.mjs RESULTS BENCH_DIR --check   → exit 1 if a figure is past its budget
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const [resultsPath, benchDir, mode] = process.argv.slice(2);
const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
const budget = JSON.parse(readFileSync(new URL('../docs/bench-budget.json', import.meta.url), 'utf8'));

const brotli = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
// What ships: dist/ (scripts/dist.sh, run by scripts/bench.sh), where the element is minified.
const dist = new URL('../dist/', import.meta.url).pathname;
// The element: one module in dist/ (scripts/bundle-element.mjs joins www/element/).
const element = ['pendant-viewer.js'];
const code = {
  'model-viewer': brotli(`${benchDir}/node_modules/@google/model-viewer/dist/model-viewer.min.js`),
  WebGPU: [...element, 'pkg/webgpu/pendant_viewer.js', 'pkg/webgpu/pendant_viewer_bg.wasm'].reduce((s, f) => s + brotli(dist + f), 0),
  WebGL2: [...element, 'pkg/webgl/pendant_viewer.js', 'pkg/webgl/pendant_viewer_bg.wasm'].reduce((s, f) => s + brotli(dist + f), 0),
};

const median = (target, key) => results.targets.find((t) => t.name === target)?.summary[key]?.median ?? null;
const TARGET_PREFIX = { 'model-viewer': 'mv', WebGPU: 'webgpu', WebGL2: 'webgl2' }; // scripts/bench.sh's names
const viewers = ['model-viewer', 'WebGPU', 'WebGL2'];
const models = ['disc', 'heart'];
const figure = (viewer, model, key) => median(`${TARGET_PREFIX[viewer]}-${model}`, key);
/** Median wasm memory after load (bench.html reports it in `info`; model-viewer has none). */
const wasmMiB = (viewer, model) => {
  const values = (results.targets.find((t) => t.name === `${TARGET_PREFIX[viewer]}-${model}`)?.runs ?? [])
    .map((run) => run.info?.wasmMemoryMiB).filter(Number.isFinite).sort((a, b) => a - b);
  return values.length ? values[Math.floor(values.length / 2)] : null;
};
const fps = (viewer, model) => figure(viewer, model, 'viewerFps') ?? figure(viewer, model, 'rafFps');

// Every figure the issue sets a target for, with our value, the target and the budget.
const checks = [];
const check = (name, value, target, limit, better) => {
  const met = value === null ? null : better === 'lower' ? value <= target : value >= target;
  const within = value === null ? false : better === 'lower' ? value <= limit : value >= limit;
  checks.push({ name, value, target, limit, better, met, within });
};
check('WebGPU code bytes / model-viewer’s', code.WebGPU / code['model-viewer'], 0.5, budget.webgpuBytesRatio, 'lower');
for (const backend of ['WebGPU', 'WebGL2']) {
  for (const model of models) {
    const ours = figure(backend, model, 'firstFrameMs');
    const theirs = figure('model-viewer', model, 'firstFrameMs');
    check(`${backend} ${model}: first frame / model-viewer’s`, ours && theirs ? ours / theirs : null, 0.25, budget.firstFrameRatio, 'lower');
    const ratio = fps(backend, model) && fps('model-viewer', model) ? fps(backend, model) / fps('model-viewer', model) : null;
    check(`${backend} ${model}: frames/s ÷ model-viewer’s`, ratio, 2, budget.fpsRatio, 'higher');
    const heap = figure(backend, model, 'jsHeapUsedMB');
    const wasm = wasmMiB(backend, model);
    check(`${backend} ${model}: JS heap + wasm memory after load, MiB`, heap !== null && wasm !== null ? heap + wasm : null, 64, budget.jsHeapMiB, 'lower');
  }
}

if (mode === '--check') {
  const failed = checks.filter((c) => !c.within);
  for (const c of checks) console.log(`${c.within ? 'ok  ' : 'FAIL'} ${c.name}: ${c.value?.toFixed(3)} (budget ${c.better === 'lower' ? '≤' : '≥'} ${c.limit}, target ${c.target}${c.met ? ', met' : ''})`);
  if (failed.length) {
    console.error(`bench-check: ${failed.length} figure(s) past their budget`);
    process.exit(1);
  }
  process.exit(0);
}

const fmt = (value, digits = 0) => (value === null || value === undefined ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const meta = results.meta;
const lines = [];
lines.push('# Benchmarks', '');
lines.push(`Written by \`make bench\` (scripts/bench.sh → ../shared/bench → scripts/bench-report.mjs) on ${meta.date.slice(0, 10)}: ${meta.label ?? ''}.`);
lines.push(`Machine: ${meta.host.cpus} cores (${meta.host.cpuModel}), ${meta.host.memGiB} GiB, no GPU — Chromium ${meta.browserVersion} headless on SwiftShader (a CPU rasteriser: compare within the run, not with real devices).`);
lines.push(`Each viewer ${meta.options.reps} cold repetitions, interleaved, 1280 × 720, device pixel ratio 1; model-viewer 4.4.0 at full resolution (\`scale=1\`) with its MSAA; ours with 4× MSAA, the model's own gold, contact shadow on. Medians.`, '');
lines.push('| | ' + viewers.flatMap((v) => models.map((m) => `${v} ${m}`)).join(' | ') + ' |');
lines.push('| --- |' + ' ---: |'.repeat(viewers.length * models.length));
const row = (label, key, digits) => lines.push(`| ${label} | ` + viewers.flatMap((v) => models.map((m) => fmt(figure(v, m, key), digits))).join(' | ') + ' |');
row('first frame, ms', 'firstFrameMs', 0);
lines.push('| frames / s while turning | ' + viewers.flatMap((v) => models.map((m) => fmt(fps(v, m), 1))).join(' | ') + ' |');
row('JS heap after load (after GC), MiB', 'jsHeapUsedMB', 2);
lines.push('| wasm memory after load, MiB | ' + viewers.flatMap((v) => models.map((m) => (v === 'model-viewer' ? '–' : fmt(wasmMiB(v, m), 2)))).join(' | ') + ' |');
row('renderer process PSS, MiB', 'rendererPssMB', 0);
row('bytes transferred (identity), KiB', 'bytes.total', 0);
lines.push('');
lines.push(`Code before the first frame (JS + wasm, brotli 11): model-viewer ${fmt(code['model-viewer'])} B, ours on WebGPU ${fmt(code.WebGPU)} B, on WebGL2 ${fmt(code.WebGL2)} B (as shipped in dist/; the model and fonts are counted separately; the timed pages load www/, whose element is not minified).`, '');
lines.push('## Against the targets (issue 8)', '');
lines.push('| figure | ours | target | met |', '| --- | ---: | ---: | :---: |');
for (const c of checks) lines.push(`| ${c.name} | ${fmt(c.value, 2)} | ${c.better === 'lower' ? '≤' : '≥'} ${c.target} | ${c.met ? 'yes' : 'no'} |`);
lines.push('', 'Personalization latency is measured by the browser tests (engraving per keystroke, a 12 MP photo), memory growth by tests/browser/soak.test.mjs; see README, "Measured".', '');
console.log(lines.join('\n'));
