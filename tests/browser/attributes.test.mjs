// The attributes no other browser test drives directly: exposure, camera-orbit, the chain,
// the engraving options, photo-cover, and the photo-placement event.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const brightness = (pixels) => analyze(pixels).mean.reduce((a, b) => a + b, 0) / 3;

test('exposure, camera-orbit, engraving options, photo-cover and photo-placement act at once', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  const set = (name, value) => page.evaluate(([n, v]) => document.querySelector('pendant-viewer').setAttribute(n, v), [name, value]);
  try {
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    await page.locator('#auto-rotate').uncheck();
    await page.waitForTimeout(300);
    const plain = await viewerPixels(page);

    await set('exposure', '2.5');
    await page.waitForTimeout(300);
    const bright = await viewerPixels(page);
    assert.ok(brightness(bright) > brightness(plain) + 10, `exposure 2.5 brightens the metal (${brightness(plain).toFixed(0)} → ${brightness(bright).toFixed(0)})`);
    await set('exposure', '1');

    // camera-orbit: the view and the reset view; the back of the disc shows.
    await set('camera-orbit', '180deg 90deg 100%');
    await page.waitForTimeout(300);
    const back = await viewerPixels(page);
    assert.ok(differingFraction(plain, back) > 0.02, 'the back is another view');
    assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer')._viewer.cameraOrbit()), '180deg 90deg 100%');
    await page.locator('pendant-viewer').focus();
    await page.keyboard.press('ArrowLeft');
    await page.evaluate(() => document.querySelector('pendant-viewer').resetCamera());
    assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer')._viewer.cameraOrbit()), '180deg 90deg 100%', 'reset returns to camera-orbit');
    await set('camera-orbit', 'sideways');
    const refused = await waitForEvent(page, 'error');
    assert.equal(refused.code, 'camera-orbit-invalid');
    await page.evaluate(() => document.querySelector('pendant-viewer').removeAttribute('camera-orbit'));

    // The chain (the page hangs the disc on an 18 in cable chain): its links show above the
    // pendant; without it that band is backdrop; a rope looks different; a bad length is refused.
    const topBand = (pixels) => {
      const rows = Math.floor(pixels.height * 0.12);
      return { width: pixels.width, height: rows, data: pixels.data.subarray(0, pixels.width * rows * 4) };
    };
    const chained = await viewerPixels(page);
    await page.evaluate(() => { const v = document.querySelector('pendant-viewer'); v.removeAttribute('chain'); v.removeAttribute('chain-length'); });
    await page.waitForTimeout(300);
    const bare = await viewerPixels(page);
    assert.ok(differingFraction(topBand(chained), topBand(bare)) > 0.01, 'the chain shows above the pendant');
    await set('chain', 'rope');
    await page.waitForTimeout(300);
    assert.ok(differingFraction(topBand(chained), topBand(await viewerPixels(page))) > 0.005, 'a rope chain looks different');
    const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').length);
    await set('chain-length', '17');
    assert.equal((await waitForEvent(page, 'error', { count: errors + 1 })).code, 'chain-length-invalid');
    await set('chain-length', '18');

    // Engraving options: size in mm, alignment and font reach the production spec.
    const cuts = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'engraving').length);
    await page.evaluate(() => {
      const viewer = document.querySelector('pendant-viewer');
      viewer.setAttribute('engraving-font', 'block');
      viewer.setAttribute('engraving-align', 'left');
      viewer.setAttribute('engraving-size', '2.5');
    });
    await page.waitForFunction((n) => {
      const last = window.__viewerEvents.filter((e) => e.type === 'engraving').at(-1);
      return window.__viewerEvents.filter((e) => e.type === 'engraving').length >= n && Math.abs(last.detail.letterHeightMm - 2.5) < 0.01;
    }, cuts + 1);
    const spec = await page.evaluate(() => document.querySelector('pendant-viewer').engravingSpec('front'));
    assert.equal(spec.align, 'left');
    assert.match(JSON.stringify(spec), /block/);

    // photo-cover and photo-placement: a locket with a photo, then resin, then a crop.
    await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/locket-round.glb'; });
    await waitForEvent(page, 'load', { count: 2 });
    await page.evaluate(async () => {
      const viewer = document.querySelector('pendant-viewer');
      await viewer.setPhoto(await (await fetch('photos/cat.jpg')).blob());
    });
    await set('photo-cover', 'resin');
    const restyled = await waitForEvent(page, 'photo-placement');
    assert.equal(restyled.placement.cover, 'resin');
    await page.evaluate(() => document.querySelector('pendant-viewer').setPhotoCrop(0, { zoom: 3 }));
    const cropped = await waitForEvent(page, 'photo-placement', { count: 2 });
    assert.deepEqual([cropped.area, cropped.placement.zoom, cropped.placement.cover], [0, 3, 'resin']);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
