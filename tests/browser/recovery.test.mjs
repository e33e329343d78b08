// A lost GPU (driver reset, GPU process crash): the viewer starts again by itself and the
// shopper's design — metal, engraving, their own photo and its crop, the view — comes back.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU device' : 'WebGL2 context';
  test(`a lost ${backendName} recovers without losing the design`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await page.evaluate(() => document.querySelector('pendant-viewer').setConfig({
        version: 1, model: 'models/photo-round.glb', finish: { metal: 'white-gold' },
        engraving: { back: { text: 'Always', font: 'serif' } }, view: { cameraOrbit: '15deg 85deg 100%' },
      }));
      await waitForEvent(page, 'load', { count: 2 });
      // The shopper's own photo (no URL: only the element holds the file), zoomed and panned.
      await page.evaluate(async () => {
        const viewer = document.querySelector('pendant-viewer');
        const blob = await (await fetch('photos/astronaut.jpg')).blob();
        await viewer.setPhoto(new File([blob], 'me.jpg', { type: 'image/jpeg' }));
        viewer.setPhotoCrop(0, { zoom: 2, x: 0.5, y: -0.3 });
      });
      await page.waitForTimeout(500);
      const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      const shown = await viewerPixels(page);

      await page.evaluate((gpu) => {
        const viewer = document.querySelector('pendant-viewer');
        if (gpu) viewer._viewer.loseDeviceForTesting();
        else viewer.shadowRoot.querySelector('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext();
      }, webgpu);
      const restored = await waitForEvent(page, 'restore', { timeout: 30_000 });
      console.log(`${backendName}: design shown again ${restored.milliseconds.toFixed(0)} ms after the loss`);
      await page.waitForTimeout(500);
      const again = await viewerPixels(page);
      const changed = differingFraction(shown, again);
      assert.ok(changed < 0.01, `${(changed * 100).toFixed(2)} % of the view differs after recovery`);
      assert.deepEqual(await page.evaluate(() => document.querySelector('pendant-viewer').getConfig()), config);
      assert.equal(config.photos[0].file, 'me.jpg');
      // Still interactive: a new engraving goes onto the recovered viewer.
      const before = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'engraving').length);
      await page.evaluate(() => document.querySelector('pendant-viewer').setAttribute('engraving-back', 'Forever'));
      const cut = await waitForEvent(page, 'engraving', { count: before + 1 });
      assert.equal(cut.side, 'back');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
