// Cut-outs in the page, on both backends: the typed name becomes the pendant within a frame or
// two of the keystroke, the chain hangs from both rings, an emoji is refused with its code while
// the last pendant stays, and a share link carries the shape. One browser per backend.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differingFraction, launch, setAttributes as set, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const count = (page, type) => page.evaluate((t) => window.__viewerEvents.filter((e) => e.type === t).length, type);

/** Waits for the next `shape` (or `error`) event after `before` of them, then two frames. */
async function nextCut(page, type, before) {
  const detail = await waitForEvent(page, type, { count: before + 1 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return detail;
}

/** The fraction of differing pixels in a horizontal band (from, to as fractions of the height). */
function band(a, b, from, to) {
  const slice = (p) => {
    const start = Math.floor(p.height * from) * p.width * 4;
    const end = Math.floor(p.height * to) * p.width * 4;
    return { width: p.width, height: 0, data: p.data.subarray(start, end) };
  };
  return differingFraction(slice(a), slice(b));
}

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`a typed name becomes the pendant (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      await set(page, { 'auto-rotate': null, chain: null, 'chain-length': null, engraving: null, 'engraving-back': null, 'camera-orbit': '0deg 90deg 100%' });
      const shapes = await count(page, 'shape');
      await set(page, { 'shape-font': 'script', 'shape-text': 'Olivia', shape: 'nameplate' });
      const made = await nextCut(page, 'shape', shapes);
      assert.equal(made.kind, 'nameplate');
      assert.ok(made.spec.size_mm[0] > 25 && made.spec.size_mm[0] < 50, `width ${made.spec.size_mm[0]} mm`);
      const loaded = await waitForEvent(page, 'load', { count: 2 });
      assert.equal(loaded.src, 'shape:nameplate');
      const olivia = await viewerPixels(page);

      // A keystroke: the pendant is new within two frames of the `shape` event.
      await set(page, { 'shape-text': 'Olivia!' });
      const typed = await nextCut(page, 'shape', shapes + 1);
      console.log(`${backendName}: cut ${typed.milliseconds.toFixed(1)} ms for 7 letters`);
      const changed = differingFraction(await viewerPixels(page), olivia);
      assert.ok(changed > 0.002, `typing changed ${(changed * 100).toFixed(2)} % of the view`);
      await set(page, { 'shape-text': 'Olivia' });
      await nextCut(page, 'shape', shapes + 2);

      // The chain rises from both rings: metal in both upper corners once it is added.
      const bare = await viewerPixels(page);
      await set(page, { chain: 'cable' });
      await page.waitForTimeout(400);
      const chained = await viewerPixels(page);
      const corner = (p, right) => {
        const backdrop = p.data.subarray((12 * p.width + 12) * 4, (12 * p.width + 12) * 4 + 3);
        let metal = 0;
        let total = 0;
        for (let y = Math.floor(p.height * 0.05); y < p.height * 0.3; y++) {
          for (let x = right ? Math.floor(p.width * 0.75) : 0; x < (right ? p.width : p.width * 0.25); x++) {
            const i = (y * p.width + x) * 4;
            total++;
            if (Math.max(...[0, 1, 2].map((c) => Math.abs(p.data[i + c] - backdrop[c]))) > 24) metal++;
          }
        }
        return metal / total;
      };
      for (const right of [false, true]) {
        const side = right ? 'right' : 'left';
        assert.ok(corner(bare, right) < 0.001, `no chain yet on the ${side}: ${(corner(bare, right) * 100).toFixed(2)} %`);
        assert.ok(corner(chained, right) > 0.01, `a strand on the ${side}: ${(corner(chained, right) * 100).toFixed(2)} %`);
      }
      assert.deepEqual(await page.evaluate(() => document.querySelector('pendant-viewer')._viewer.attachmentGaps()), []);

      // An emoji: the coded error names it, and the last pendant stays.
      const errors = await count(page, 'error');
      await set(page, { 'shape-text': 'Mia 😀' });
      const refused = await nextCut(page, 'error', errors);
      assert.equal(refused.code, 'shape-unsupported-characters');
      assert.match(refused.message, /'😀' \(U\+1F600\) cannot be cut/);
      await page.waitForTimeout(300);
      const kept = band(await viewerPixels(page), chained, 0, 0.75);
      assert.ok(kept < 0.002, `the last pendant stays (${(kept * 100).toFixed(2)} % differ)`);

      // Fixed, then the production outputs and the share link.
      await set(page, { 'shape-text': 'Olivia' });
      await nextCut(page, 'shape', shapes + 3);
      const svg = await page.evaluate(() => document.querySelector('pendant-viewer').cutoutSvg());
      const spec = await page.evaluate(() => document.querySelector('pendant-viewer').cutoutSpec());
      const width = Number(svg.match(/width="([\d.]+)mm"/)[1]);
      assert.ok(Math.abs(width - (spec.size_mm[0] + 2)) < 0.01, `svg ${width} mm = piece ${spec.size_mm[0]} mm + 2 mm margin`);
      assert.ok(spec.weight_g['yellow-gold'] > 0.5, `weighs ${spec.weight_g['yellow-gold']} g in gold`);
      const round = await page.evaluate(() => {
        const viewer = document.querySelector('pendant-viewer');
        const config = viewer.getConfig();
        return { config, back: viewer.configFromFragment(viewer.configToFragment()) };
      });
      assert.deepEqual(round.config.shape, { kind: 'nameplate', text: 'Olivia', font: 'script', thickness: 1 });
      assert.deepEqual(round.back.shape, round.config.shape);
      assert.equal(round.config.model, undefined, 'a cut-out needs no model URL');

      // A still of the cut-out: the name in metal, not an empty backdrop.
      const stillMetal = await page.evaluate(async () => {
        const blob = await document.querySelector('pendant-viewer').toBlob({ width: 320, height: 320 });
        const bitmap = await createImageBitmap(blob);
        const context = new OffscreenCanvas(320, 320).getContext('2d');
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, 320, 320);
        const corner = [data[0], data[1], data[2]];
        let metal = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - corner[c]))) > 24) metal++;
        }
        return metal / (data.length / 4);
      });
      assert.ok(stillMetal > 0.03, `the still shows the pendant: ${(stillMetal * 100).toFixed(1)} % metal`);

      // Back to a shipped model: src shows again.
      const loads = await count(page, 'load');
      await set(page, { shape: null });
      const back = await waitForEvent(page, 'load', { count: loads + 1 });
      assert.match(back.src, /\.glb$/);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
