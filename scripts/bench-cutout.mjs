// make bench, cut-outs: the time from a keystroke in a name to the new pendant drawn (the
// element's `load` event, sent after the first frame that shows it), for a 6- and a 12-letter
// script name on both backends, in this machine's headless Chromium on the bare bench page; and
// what a cut-out downloads, and when. Prints Markdown.
//   node scripts/bench-cutout.mjs        (BACKENDS=webgpu,webgl2 by default)
import { launch, startServer, waitForEvent } from '../tests/browser/harness.mjs';

const NAMES = ['Olivia', 'Christabella'];
const server = await startServer();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const downloads = [];
for (const backend of (process.env.BACKENDS ?? 'webgpu,webgl2').split(',')) {
  const { browser, page } = await launch({ webgpu: backend === 'webgpu' });
  const fetched = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    fetched.push({ path: new URL(request.url()).pathname, bytes: sizes?.responseBodySize ?? 0 });
  });
  await page.goto(`${server.origin}/bench.html?src=models/disc-pendant.glb&backend=${backend}`);
  await waitForEvent(page, 'load');
  await page.evaluate(() => document.querySelector('pendant-viewer').removeAttribute('auto-rotate'));
  const firstFrame = fetched.length;
  await page.evaluate(() => {
    const viewer = document.querySelector('pendant-viewer');
    viewer.setAttribute('shape-text', 'x'); // unlike any first letter below: each keystroke changes it
    viewer.setAttribute('shape', 'nameplate');
  });
  await waitForEvent(page, 'load', { count: 2 });
  if (!downloads.length) {
    const before = fetched.slice(0, firstFrame).map((f) => f.path);
    downloads.push(`Before the first frame (a disc, no text): ${before.filter((p) => /engraver|\.ttf/.test(p)).length ? 'the engraving module' : 'no engraving module, no font'}.`);
    downloads.push(`Setting \`shape\` then fetched: ${fetched.slice(firstFrame).map((f) => `${f.path} (${f.bytes} B on the wire)`).join(', ') || 'nothing'}.`);
  }
  for (const name of NAMES) {
    const times = await page.evaluate(async (text) => {
      const viewer = document.querySelector('pendant-viewer');
      const nextDrawn = () => new Promise((resolve) => viewer.addEventListener('load', () => resolve(performance.now()), { once: true }));
      const reset = nextDrawn();
      viewer.setAttribute('shape-text', 'x');
      await Promise.race([reset, new Promise((resolve) => setTimeout(resolve, 500))]);
      const results = [];
      for (let i = 1; i <= text.length; i++) {
        const drawn = nextDrawn();
        const started = performance.now();
        viewer.setAttribute('shape-text', text.slice(0, i));
        results.push((await drawn) - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return results;
    }, name);
    rows.push(`| ${backend === 'webgpu' ? 'WebGPU' : 'WebGL2'} | ${name} (${name.length}) | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${times.at(-1).toFixed(1)} |`);
  }
  await browser.close();
}
server.close();
console.log('| backend | name | median keystroke → drawn, ms | slowest | last letter |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log('');
for (const line of downloads) console.log(line);
