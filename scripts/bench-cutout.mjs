// make bench, cut-outs: the time from a keystroke in a name to the new pendant drawn, for a
// 6- and a 12-letter script name on both backends, in this machine's headless Chromium; and the
// bytes a cut-out adds, with when they load. Prints a Markdown table.
//   node scripts/bench-cutout.mjs
import { launch, startServer, waitForEvent } from '../tests/browser/harness.mjs';

const NAMES = ['Olivia', 'Christabella'];
const server = await startServer();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
let bytes = null;
for (const webgpu of [true, false]) {
  const { browser, page } = await launch({ webgpu });
  const requests = [];
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/pkg/engraver/') || path.endsWith('.ttf')) {
      requests.push({ path, bytes: (await response.body().catch(() => Buffer.alloc(0))).length });
    }
  });
  await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
  await waitForEvent(page, 'load');
  await page.evaluate(() => {
    const viewer = document.querySelector('pendant-viewer');
    for (const name of ['auto-rotate', 'engraving', 'engraving-back']) viewer.removeAttribute(name);
  });
  const beforeShape = requests.filter((r) => r.path.endsWith('.wasm')).length;
  await page.evaluate(() => {
    const viewer = document.querySelector('pendant-viewer');
    viewer.setAttribute('shape-text', 'O');
    viewer.setAttribute('shape', 'nameplate');
  });
  await waitForEvent(page, 'load', { count: 2 });
  for (const name of NAMES) {
    const times = await page.evaluate(async (text) => {
      const viewer = document.querySelector('pendant-viewer');
      const results = [];
      for (let i = 1; i <= text.length; i++) {
        const drawn = new Promise((resolve) => viewer.addEventListener('load', () => resolve(performance.now()), { once: true }));
        const started = performance.now();
        viewer.setAttribute('shape-text', text.slice(0, i));
        results.push((await drawn) - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return results;
    }, name);
    const last = times.at(-1);
    rows.push(`| ${webgpu ? 'WebGPU' : 'WebGL2'} | ${name} (${name.length}) | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${last.toFixed(1)} |`);
  }
  bytes ??= { beforeShape, requests: [...requests] };
  await browser.close();
}
server.close();
console.log('| backend | name | median keystroke → drawn, ms | slowest | last letter |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log('');
console.log(`Engraving module and fonts fetched before the shape was set (the page's default engraving): ${bytes.beforeShape ? 'yes' : 'none'}; after: ${bytes.requests.map((r) => `${r.path} ${r.bytes} B`).join(', ')}.`);
