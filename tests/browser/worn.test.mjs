// Worn and true size in the page, on both backends: switching to the worn view and lengthening
// the chain moves the pendant down the screen, the live region says where it sits, the coin
// appears and goes, getDimensions() gives the documented millimetres, bad values are refused
// with their codes, and the close-up button returns to the studio. One browser per backend.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differingFraction, launch, setAttributes as set, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const frames = (page) => page.evaluate(() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}));

/** The lowest row (fraction of the height) with gold in the middle third: the pendant's foot. */
function lowestGold({ width, height, data }) {
  let lowest = -1;
  for (let y = 0; y < height; y++) {
    for (let x = Math.floor(width / 3); x < (2 * width) / 3; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r > 200 && r - b > 50 && g - b > 25) lowest = y;
    }
  }
  return lowest / height;
}

/** Fraction of the right half that is grey metal (a coin's cupronickel; not the gold disc, not the backdrop). */
function silverOnTheRight({ width, height, data }) {
  const at = (12 * width + 12) * 4;
  const corner = [data[at], data[at + 1], data[at + 2]];
  let silver = 0;
  let total = 0;
  for (let y = Math.floor(height * 0.2); y < height * 0.8; y++) {
    for (let x = Math.floor(width / 2); x < width - 4; x++) {
      const i = (y * width + x) * 4;
      const rgb = [data[i], data[i + 1], data[i + 2]];
      total++;
      const grey = Math.max(...rgb) - Math.min(...rgb) < 20 && Math.max(...rgb) > 110 && Math.max(...rgb) < 228;
      if (grey && [0, 1, 2].some((c) => Math.abs(rgb[c] - corner[c]) > 24)) silver++;
    }
  }
  return silver / total;
}

const said = (page) => page.evaluate(() => [...document.querySelector('pendant-viewer').shadowRoot.querySelectorAll('.live')]
  .map((live) => live.textContent).join(' | '));

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`worn at true size: the chain's length moves the pendant, the coin comes and goes (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      await set(page, { 'auto-rotate': null, engraving: null, 'engraving-back': null, finish: 'yellow-gold polished',
        'camera-orbit': '0deg 90deg 100%', chain: 'cable', 'chain-length': '16' });
      await frames(page);

      // The documented size of the disc (models/README.md: Ø 20 × 1.5 mm), as the native test reads it.
      const size = await page.evaluate(() => document.querySelector('pendant-viewer').getDimensions());
      for (const [got, want] of [[size.width, 20], [size.height, 20], [size.thickness, 1.5]]) {
        assert.ok(Math.abs(got - want) <= 0.1, `${JSON.stringify(size)}`);
      }
      assert.ok(size.withBail.height > size.height + 2, 'the bail adds height');

      await set(page, { view: 'worn' });
      await frames(page);
      const high = lowestGold(await viewerPixels(page));
      assert.match(await said(page), /Worn on a 35 cm neck, 16-inch cable chain, at the base of the neck/);
      await set(page, { 'chain-length': '24' });
      await frames(page);
      const low = lowestGold(await viewerPixels(page));
      assert.ok(high > 0.2 && low > high + 0.12, `the pendant's foot goes down the screen: ${high} → ${low}`);
      assert.match(await said(page), /24-inch cable chain, on the bust/);
      // A larger body holds the same chain higher.
      await set(page, { 'body-size': '38' });
      await frames(page);
      const larger = lowestGold(await viewerPixels(page));
      assert.ok(larger < low - 0.02, `higher on a 38 cm neck: ${larger} vs ${low}`);

      // Refused values keep the view and say why.
      for (const [name, value, code] of [['view', 'bust', 'view-mode-invalid'], ['body-size', '36', 'body-size-invalid'],
        ['size-reference', 'dime', 'size-reference-invalid']]) {
        const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').length);
        await set(page, { [name]: value });
        const error = await waitForEvent(page, 'error', { count: errors + 1 });
        assert.equal(error.code, code);
        await set(page, { [name]: null });
      }

      // The close-up button goes back to the studio.
      await set(page, { view: 'worn' });
      await frames(page);
      await page.locator('pendant-viewer').locator('.close-up').click();
      assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').getAttribute('view')), 'studio');
      // Framed without a coin (a coin and back: the framing without the chain just removed).
      await set(page, { 'chain-length': null, chain: null, 'show-dimensions': '', 'size-reference': 'us-quarter' });
      await set(page, { 'size-reference': 'none' });
      await frames(page);
      const alone = await viewerPixels(page);
      await set(page, { 'size-reference': 'euro' });
      await frames(page);
      const withCoin = await viewerPixels(page);
      assert.ok(silverOnTheRight(withCoin) > silverOnTheRight(alone) + 0.03,
        `a coin stands on the right: ${silverOnTheRight(alone)} → ${silverOnTheRight(withCoin)}`);
      const overlay = await page.evaluate(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('.dimensions'));
      assert.ok(overlay);
      assert.match(await page.evaluate(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('.dimensions').textContent),
        /^20\.0 × 2\d\.\d mm with the bail, 1\.\d mm thick$/);
      await set(page, { 'size-reference': 'none' });
      await frames(page);
      assert.ok(differingFraction(await viewerPixels(page), alone) < 0.02, 'the coin goes and the view is as before');
      // `coin` is the page's locale's: a pound on an en-GB page, and getConfig names it.
      await page.evaluate(() => { document.documentElement.lang = 'en-GB'; });
      await set(page, { 'size-reference': 'coin' });
      const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      assert.equal(config.view.sizeReference, 'uk-pound');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
