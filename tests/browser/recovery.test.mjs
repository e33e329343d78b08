// A lost GPU (driver reset, GPU process crash): the viewer starts again by itself and the
// shopper's design — metal, engraving, their own photo and its crop, the view — comes back.
// A model that takes the device down right after it loads is not loaded again, and a device
// lost again and again is given up on instead of restarting forever.

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
      // Seconds after the model loaded: a loss now is not blamed on it.
      await page.waitForFunction(() => performance.now() - document.querySelector('pendant-viewer')._modelLoad.at > 3500);
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
      const recovered = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      assert.deepEqual(recovered, config);
      assert.equal(recovered.photos[0].file, 'me.jpg');
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

/** Loses the device or context now, as the backend allows a page to. */
function loseNow(page, webgpu) {
  return page.evaluate((gpu) => {
    const viewer = document.querySelector('pendant-viewer');
    if (gpu) viewer._viewer?.loseDeviceForTesting();
    else viewer.shadowRoot.querySelector('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext();
  }, webgpu);
}

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`a model that takes the device down is not loaded again, and losses are capped (${backend})`, async () => {
    const { browser, page } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${backend}`);
      await waitForEvent(page, 'load');
      await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/heart-puffy.glb'; });
      await waitForEvent(page, 'load', { count: 2 });
      await loseNow(page, webgpu); // right after the heart loaded: the heart is blamed
      await waitForEvent(page, 'restore', { timeout: 30_000 });
      const blamed = await waitForEvent(page, 'error');
      assert.equal(blamed.code, 'render-device-lost');
      assert.match(blamed.message, /heart-puffy\.glb/);
      const state = await page.evaluate(() => {
        const viewer = document.querySelector('pendant-viewer');
        return { model: viewer.getConfig().model, loads: window.__viewerEvents.filter((e) => e.type === 'load').length };
      });
      assert.equal(state.model, 'models/heart-puffy.glb', 'the design still names it');
      assert.equal(state.loads, 2, 'it was not loaded again');
      // Another model loads on the restored viewer.
      await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/disc-pendant.glb'; });
      await waitForEvent(page, 'load', { count: 3 });

      // Lost again at once, and again: the third loss in a minute is not recovered from.
      await page.waitForFunction(() => performance.now() - document.querySelector('pendant-viewer')._modelLoad.at > 3500);
      await loseNow(page, webgpu);
      await waitForEvent(page, 'restore', { count: 2, timeout: 30_000 });
      await loseNow(page, webgpu);
      const gaveUp = await waitForEvent(page, 'error', { count: 2, timeout: 30_000 });
      assert.equal(gaveUp.code, 'render-device-lost');
      assert.match(gaveUp.message, /lost too often/);
      await page.waitForTimeout(2000);
      const after = await page.evaluate(() => ({
        restores: window.__viewerEvents.filter((e) => e.type === 'restore').length,
        config: document.querySelector('pendant-viewer').getConfig().model,
      }));
      assert.deepEqual(after, { restores: 2, config: 'models/disc-pendant.glb' }, 'down, still answering');
    } finally {
      await browser.close();
    }
  });
}

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`a device error is reported and recovered from, not a dead viewer (${backend})`, async () => {
    const { browser, page } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${backend}`);
      await waitForEvent(page, 'load');
      await page.waitForFunction(() => performance.now() - document.querySelector('pendant-viewer')._modelLoad.at > 3500);
      await page.evaluate(() => {
        const viewer = document.querySelector('pendant-viewer');
        viewer._viewer.provokeDeviceErrorForTesting();
        viewer.setAttribute('finish', 'platinum'); // a frame, which looks for device errors
      });
      const error = await waitForEvent(page, 'error', { timeout: 30_000 });
      assert.equal(error.code, 'render-device-error', error.message);
      const restored = await waitForEvent(page, 'restore', { timeout: 30_000 });
      assert.equal(restored.cause, 'render-device-error');
      await waitForEvent(page, 'load', { count: 2, timeout: 30_000 });
      assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').getConfig().finish.metal), 'platinum');
    } finally {
      await browser.close();
    }
  });
}
