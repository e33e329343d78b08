// A long session in headless Chromium: 1,000 design changes (metal, engraving text, photos and
// their crop, shapes) and 200 model reloads. After a warm-up, JS heap and wasm memory must
// stay flat: a leak per change or per reload would show as growth far past the bounds below.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, waitForEvent } from './harness.mjs';

/** Growth allowed between the measurement after warm-up and the one at the end (the page is
 * in the same state at both: the disc, reloaded). */
const BOUND = { heapBytes: 4 * 1024 * 1024, wasmBytes: 8 * 1024 * 1024, gpuObjects: 0 };

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`1,000 design changes and 200 model reloads leave memory and GPU objects flat (${backend})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu, args: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });
    try {
      await page.goto(`${server.origin}/?backend=${backend}`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      const measure = () => page.evaluate(async () => {
        for (let i = 0; i < 3; i++) {
          window.gc();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const viewer = document.querySelector('pendant-viewer');
        return { heap: performance.memory.usedJSHeapSize, wasm: viewer.wasmMemoryBytes, gpu: viewer.liveGpuObjects };
      });
      // `changes` design changes, a frame drawn after every ten, then `reloads` model loads.
      const session = (from, changes, reloads) => page.evaluate(async ([start, count, loads]) => {
        const viewer = document.querySelector('pendant-viewer');
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const loaded = () => new Promise((resolve) => viewer.addEventListener('load', resolve, { once: true }));
        const photo = await (await fetch('photos/cat.jpg')).blob();
        const metals = ['yellow-gold', 'rose-gold', 'white-gold', 'sterling-silver', 'platinum'];
        for (let i = start; i < start + count; i++) {
          if (i % 100 === 0) { // a new shape: a locket with photo areas, then the disc
            const next = loaded();
            viewer.src = (i / 100) % 2 === 0 ? 'models/locket-round.glb' : 'models/disc-pendant.glb';
            await next;
          } else if (i % 25 === 0 && viewer.photoAreas.length) {
            await viewer.setPhoto(photo, { area: i % 2 });
          } else if (i % 5 === 0 && viewer.photoAreas.length && viewer.photoPlacement(0)) {
            viewer.setPhotoCrop(0, { zoom: 1 + (i % 7) / 2, x: ((i % 11) - 5) / 5 });
          } else if (i % 2 === 0) {
            viewer.setAttribute('finish', `${metals[i % 5]} ${i % 4 ? 'polished' : 'brushed'}`);
          } else {
            viewer.setAttribute(viewer.engravingSides.includes('front') ? 'engraving' : 'engraving-back', `Name ${i}`);
          }
          if (i % 10 === 9) await frame();
        }
        for (let i = 0; i < loads; i++) { // the same model again and again (a fresh URL each time)
          const next = loaded();
          viewer.src = `models/disc-pendant.glb?reload=${start + i}`;
          await next;
        }
        await frame();
      }, [from, changes, reloads]);

      const started = Date.now();
      await session(0, 100, 20);
      const warm = await measure();
      await session(100, 900, 180);
      const end = await measure();
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const mib = (bytes) => (bytes / 1048576).toFixed(2);
      console.log(`soak ${backend} (${seconds} s): JS heap ${mib(warm.heap)} → ${mib(end.heap)} MiB, wasm memory ${mib(warm.wasm)} → ${mib(end.wasm)} MiB, live GPU objects ${warm.gpu} → ${end.gpu}`);
      assert.ok(end.heap - warm.heap <= BOUND.heapBytes, `JS heap grew ${mib(end.heap - warm.heap)} MiB`);
      assert.ok(end.wasm - warm.wasm <= BOUND.wasmBytes, `wasm memory grew ${mib(end.wasm - warm.wasm)} MiB`);
      if (!webgpu) { // wgpu counts its objects only where it implements the API itself (WebGL2)
        assert.ok(warm.gpu > 20, `GPU objects are counted (${warm.gpu})`);
        assert.ok(end.gpu - warm.gpu <= BOUND.gpuObjects, `GPU objects grew by ${end.gpu - warm.gpu}`);
      }
      const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').map((e) => e.detail.code));
      assert.deepEqual(errors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
