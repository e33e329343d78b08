// The round locket on the demo page opens and closes on its hinge, animated, on both
// backends; drawing stops once it has settled.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

for (const webgpu of [true, false]) {
  test(`the locket opens and closes (${webgpu ? 'WebGPU' : 'WebGL2'})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}&src=models/locket-round.glb`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      await page.locator('#reset').click();
      assert.ok(await page.locator('#open-choice').isVisible(), 'the page offers to open a locket');
      await page.waitForTimeout(400);
      const closed = await viewerPixels(page);

      await page.locator('#open').check();
      await page.waitForTimeout(400); // mid-swing
      const drawnWhileOpening = await page.evaluate(() => document.querySelector('pendant-viewer').framesRendered);
      await page.waitForTimeout(1500);
      const open = await viewerPixels(page);
      const opened = differingFraction(closed, open);
      assert.ok(opened > 0.05, `opening changed ${(opened * 100).toFixed(1)} % of the view`);
      const settled = await page.evaluate(() => document.querySelector('pendant-viewer').framesRendered);
      assert.ok(settled > drawnWhileOpening, 'frames were drawn during the swing');
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').framesRendered), settled,
        'nothing is drawn once the lid has stopped');

      await page.locator('#open').uncheck();
      await page.waitForTimeout(1800);
      const reclosed = differingFraction(closed, await viewerPixels(page));
      assert.ok(reclosed < 0.005, `closed again: ${(reclosed * 100).toFixed(2)} % differ from before`);

      // A pendant without a hinge: nothing to open.
      await page.locator('input[value="models/disc-pendant.glb"]').check();
      await waitForEvent(page, 'load', { count: 2 });
      assert.equal(await page.locator('#open-choice').isVisible(), false);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('every model is on the page and loads; lockets open; shapes with settings take the stone (WebGL2)', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    await page.locator('#auto-rotate').uncheck();
    const shapes = await page.locator('input[name="shape"]').evaluateAll((inputs) => inputs.map((i) => i.value));
    const shipped = readdirSync(new URL('../../models/', import.meta.url)).filter((f) => f.endsWith('.glb'));
    const models = shapes.filter((shape) => shape.startsWith('models/'));
    assert.deepEqual([...models].sort(), shipped.map((f) => `models/${f}`).sort(), 'every model is offered');
    assert.deepEqual(shapes.filter((shape) => !models.includes(shape)), ['nameplate', 'initial', 'monogram'], 'and the cut-outs');
    // A nameplate's i dot and an initial's broadest point take a stone; a monogram none.
    const holdsStones = ['birthstone-disc', 'solitaire-prong', 'photo-birthstone', 'locket-heart', 'nameplate', 'initial'];
    let loads = 1;
    for (const shape of shapes.slice(1)) {
      await page.locator(`input[value="${shape}"]`).check();
      const loaded = await waitForEvent(page, 'load', { count: ++loads });
      assert.equal(loaded.src, models.includes(shape) ? shape : `shape:${shape}`);
      const canOpen = await page.evaluate(() => document.querySelector('pendant-viewer').canOpen);
      assert.equal(canOpen, shape.includes('locket-'), `${shape} opens: ${canOpen}`);
      assert.equal(await page.locator('#open-choice').isVisible(), canOpen);
      const { settings, stone } = await page.evaluate(() => {
        const viewer = document.querySelector('pendant-viewer');
        return { settings: viewer.stoneSettings, stone: viewer.stone };
      });
      const holds = holdsStones.some((name) => shape.includes(name));
      assert.equal(settings, holds ? 1 : 0, `${shape}: ${settings} settings`);
      assert.equal(await page.locator('#birthstone-choice').isVisible(), holds, `${shape}: birthstone choice`);
      assert.equal(stone, holds ? 'ruby' : '', `${shape}: the stone follows the shape`);
    }
    const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error'));
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
