// make bench, worn view: the first frame after switching a disc pendant to the worn view, the
// frames per second turning in the studio and worn, the time from a chain length change to
// the frame that shows it, and what the worn view downloads. This machine's headless
// Chromium on the bare bench page, both backends. Prints Markdown.
//   node scripts/bench-worn.mjs        (BACKENDS=webgpu,webgl2 by default; SECONDS=4)
import { launch, startServer, waitForEvent } from '../tests/browser/harness.mjs';

const SECONDS = Number(process.env.SECONDS ?? 4);
const server = await startServer();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const downloads = [];

/** In the page: the time from `change()` to the next frame drawn, ms. */
const untilDrawn = (page, change) => page.evaluate(async (source) => {
  const viewer = document.querySelector('pendant-viewer');
  const before = viewer.framesRendered;
  const started = performance.now();
  new Function('viewer', source)(viewer);
  while (viewer.framesRendered === before) await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - started;
}, change);

/** Frames drawn per second while the pendant turns. */
const fps = (page) => page.evaluate(async (seconds) => {
  const viewer = document.querySelector('pendant-viewer');
  viewer.setAttribute('auto-rotate', '');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = viewer.framesRendered;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const drawn = viewer.framesRendered - before;
  viewer.removeAttribute('auto-rotate');
  return drawn / seconds;
}, SECONDS);

for (const backend of (process.env.BACKENDS ?? 'webgpu,webgl2').split(',')) {
  const { browser, page } = await launch({ webgpu: backend === 'webgpu' });
  const fetched = [];
  page.on('requestfinished', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${server.origin}/bench.html?src=models/disc-pendant.glb&backend=${backend}`);
  await waitForEvent(page, 'load');
  await page.evaluate(() => document.querySelector('pendant-viewer').removeAttribute('auto-rotate'));
  const studioFps = await fps(page);
  const before = fetched.length;
  const firstWorn = await untilDrawn(page, "viewer.setAttribute('view', 'worn')");
  if (!downloads.length) downloads.push(`Switching to the worn view fetched: ${fetched.slice(before).join(', ') || 'nothing'} (the bust and the chain are made in the page).`);
  const wornFps = await fps(page);
  const lengths = [];
  for (const length of ['18', '20', '22', '24', '16', '20', '24', '18']) {
    lengths.push(await untilDrawn(page, `viewer.setAttribute('chain-length', '${length}')`));
  }
  const name = backend === 'webgpu' ? 'WebGPU' : 'WebGL2';
  rows.push(`| ${name} | ${studioFps.toFixed(1)} | ${firstWorn.toFixed(0)} | ${wornFps.toFixed(1)} | ${median(lengths).toFixed(0)} | ${Math.max(...lengths).toFixed(0)} |`);
  await browser.close();
}
server.close();
console.log('| backend | studio, frames/s turning | studio → worn, first frame ms | worn, frames/s turning | chain length → drawn, median ms | slowest |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log('');
for (const line of downloads) console.log(line);
