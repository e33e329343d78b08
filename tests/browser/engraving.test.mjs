// Engraving on the demo page, on both backends: the lettering shows up cut into the pendant,
// fonts are fetched only when a design needs them, bad text is refused with a message while
// the previous engraving stays, the design follows the shopper to another shape, and the
// production outputs come out of the element.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

async function holdStill(page) {
  await page.locator('#auto-rotate').uncheck();
  await page.locator('#reset').click();
  await page.waitForTimeout(300);
}

/** Types into a field as a shopper does (one input event per character). */
async function retype(page, selector, text) {
  await page.locator(selector).fill('');
  await page.locator(selector).pressSequentially(text);
}

/** The top three quarters of a screenshot (the element shows its messages at the bottom). */
function top(pixels) {
  const height = Math.floor(pixels.height * 0.75);
  return { width: pixels.width, height, data: pixels.data.subarray(0, pixels.width * height * 4) };
}

function engravingEvents(page) {
  return page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'engraving').length);
}

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`engraving is cut into the pendant, follows typing and survives bad input (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    const fonts = [];
    const engravers = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.ttf')) fonts.push(path);
      if (path.startsWith('/pkg/engraver/') && path.endsWith('.wasm')) engravers.push(path);
    });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      // The empty back is cut at once; the front waits for its font, so it is not always first.
      await page.waitForFunction(() =>
        window.__viewerEvents.some((e) => e.type === 'engraving' && e.detail.side === 'front'));
      const first = await page.evaluate(() =>
        window.__viewerEvents.find((e) => e.type === 'engraving' && e.detail.side === 'front').detail);
      assert.ok(first.letterHeightMm > 3, `the default name is set large: ${first.letterHeightMm} mm`);
      assert.deepEqual(fonts, ['/fonts/script.ttf'], 'only the font the design uses is fetched');
      assert.deepEqual(engravers, ['/pkg/engraver/pendant_viewer_bg.wasm'], 'the engraving module, once');
      await holdStill(page);
      const engraved = await viewerPixels(page);

      // Without the engraving the face is plain: the lettering changed a visible area.
      await page.evaluate(() => document.querySelector('pendant-viewer').setAttribute('engraving', ''));
      await page.waitForTimeout(300);
      const plain = await viewerPixels(page);
      const changed = differingFraction(engraved, plain);
      assert.ok(changed > 0.01, `engraving changed ${(changed * 100).toFixed(2)} % of the view`);

      // Typing: each keystroke re-cuts the lettering; a symbol fetches the fallback font.
      const before = await engravingEvents(page);
      await retype(page, '#engrave-front', 'Mia');
      await page.locator('[data-symbol="♥"]').click();
      await page.waitForFunction((n) => window.__viewerEvents.filter((e) => e.type === 'engraving').length >= n, before + 4);
      const latest = await waitForEvent(page, 'engraving', { count: before + 4 });
      assert.ok(fonts.includes('/fonts/symbols.ttf'), `fallback fetched for ♥: ${fonts}`);
      const timings = await page.evaluate(() =>
        window.__viewerEvents.filter((e) => e.type === 'engraving').map((e) => e.detail.milliseconds));
      console.log(`${backendName}: layout + cut per keystroke ${timings.map((t) => t.toFixed(1)).join(', ')} ms`);
      assert.ok(latest.milliseconds < 100, `a keystroke took ${latest.milliseconds} ms`);
      await page.waitForTimeout(300);
      const heart = await viewerPixels(page);

      // Bad input: a message naming the problem, and the pendant keeps the last good engraving.
      await page.locator('#engrave-front').fill('Mia 😀');
      const unsupported = await waitForEvent(page, 'error');
      assert.equal(unsupported.code, 'engraving-unsupported-characters');
      const alert = page.locator('pendant-viewer .message');
      assert.match(await alert.textContent(), /^Engraving: '😀' \(U\+1F600\) cannot be engraved/);
      await page.waitForTimeout(300);
      const kept = differingFraction(top(await viewerPixels(page)), top(heart));
      assert.ok(kept < 0.002, `the previous engraving stays (${(kept * 100).toFixed(2)} % differ)`);

      await page.locator('#engrave-front').fill('Happy twenty-fifth anniversary to the love of my life');
      const tooLong = await waitForEvent(page, 'error', { count: 2 });
      assert.equal(tooLong.code, 'engraving-does-not-fit');
      assert.match(tooLong.message, /\d+\.\d mm wide; the area allows \d+\.\d mm/);

      // The page's field stops at 120 characters; an embedder's attribute may not.
      await page.evaluate(() => document.querySelector('pendant-viewer').setAttribute('engraving', 'x'.repeat(100000)));
      const paste = await waitForEvent(page, 'error', { count: 3 });
      assert.equal(paste.code, 'engraving-too-long');
      assert.match(paste.message, /100000 characters; at most 120/);

      // Fixed: the message goes away.
      await page.locator('#engrave-front').fill('Mia');
      await page.waitForFunction(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('.message').hidden);

      // The back, in block letters, and the production outputs.
      await page.locator('#engrave-font').selectOption('block');
      await page.locator('#engrave-back').fill('14.06.2024');
      await page.waitForFunction(() => document.querySelector('pendant-viewer').engravingSpec('back')?.lines[0] === '14.06.2024');
      const spec = await page.evaluate(() => document.querySelector('pendant-viewer').engravingSpec('back'));
      assert.equal(spec.slot, 'back');
      assert.equal(spec.font, 'mono');
      assert.deepEqual(spec.lines, ['14.06.2024']);
      assert.deepEqual(spec.area_mm, [16, 16]);
      // What shoppers type: coordinates become the engraver's degrees, minutes and seconds.
      await page.locator('#engrave-back').fill('40.7128, -74.0060');
      await page.locator('#as-coordinates').click();
      assert.equal(await page.locator('#engrave-back').inputValue(), '40°42′46″N\n74°00′22″W');
      await page.waitForFunction(() => document.querySelector('pendant-viewer').engravingSpec('back')?.lines.length === 2);
      await page.locator('#engrave-back').fill('somewhere nice');
      await page.locator('#as-coordinates').click();
      assert.match(await page.locator('#engraving-note').textContent(), /is not a pair of coordinates/);
      await page.locator('#engrave-back').fill('2024-02-30');
      await page.locator('#as-date').click();
      assert.match(await page.locator('#engraving-note').textContent(), /is not a date/);

      const svg = await page.evaluate(() => document.querySelector('pendant-viewer').engravingSvg('front'));
      assert.match(svg, /^<svg[^>]+width="16\.000mm"/);
      assert.ok(svg.split('Z').length > 3, 'outlines for every letter');

      // Another shape: the design carries over.
      const count = await engravingEvents(page);
      await page.locator('input[value="models/heart-puffy.glb"]').check();
      await waitForEvent(page, 'load', { count: 2 });
      await page.waitForFunction((n) => window.__viewerEvents.filter((e) => e.type === 'engraving').length >= n + 2, count);
      const sides = await page.evaluate(() => document.querySelector('pendant-viewer').engravingSides);
      assert.deepEqual(sides, ['front', 'back']);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
