// Embedding in someone else's page: two viewers on one page, a lazy one that waits to be
// scrolled to behind its poster, progress, pausing off-screen, keyboard use with a live
// region, and reduced motion.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, waitForEvent } from './harness.mjs';

const TWO_VIEWERS = Buffer.from(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/pendant-viewer.js"></script>
<pendant-viewer id="first" src="models/disc-pendant.glb" auto-rotate camera-controls alt="First pendant" style="height:300px"></pendant-viewer>
<div style="height:3000px"></div>
<pendant-viewer id="second" loading="lazy" poster="photos/cat.jpg" src="models/locket-round.glb" alt="Second pendant" style="height:300px"></pendant-viewer>`);

let server;
before(async () => { server = await startServer({ '/two.html': TWO_VIEWERS }); });
after(() => server.close());

const frames = (page, id) => page.evaluate((i) => document.getElementById(i).framesRendered, id);

test('two viewers on a page: the lazy one waits behind its poster, off-screen ones pause', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  try {
    await page.goto(`${server.origin}/two.html`);
    await waitForEvent(page, 'load');
    await page.waitForTimeout(500);
    assert.ok(!requests.includes('/models/locket-round.glb'), 'the lazy viewer has not fetched its model');
    const poster = await page.evaluate(() => {
      const img = document.getElementById('second').shadowRoot.querySelector('.poster');
      return { hidden: img.hidden, loaded: img.complete && img.naturalWidth > 0 };
    });
    assert.deepEqual(poster, { hidden: false, loaded: true });
    const progress = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'progress').map((e) => e.detail.totalProgress));
    assert.equal(progress.at(-1), 1);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), `progress only grows: ${progress}`);

    // The first turns while seen…
    const turning = await frames(page, 'first');
    await page.waitForTimeout(500);
    assert.ok(await frames(page, 'first') > turning, 'auto-rotate draws while on screen');
    // …and stops once scrolled away; the second starts when scrolled to.
    await page.locator('#second').scrollIntoViewIfNeeded();
    await waitForEvent(page, 'load', { count: 2 });
    await page.waitForTimeout(300);
    const paused = await frames(page, 'first');
    await page.waitForTimeout(800);
    assert.equal(await frames(page, 'first'), paused, 'no frames drawn off-screen');
    assert.equal(await page.evaluate(() => document.getElementById('second').shadowRoot.querySelector('.poster').hidden), true);
    // One wasm download serves both viewers.
    assert.equal(requests.filter((path) => path.endsWith('.wasm')).length, 1, requests.join(' '));
    assert.ok(!requests.some((path) => path.startsWith('/pkg/engraver/')), 'no text: no engraving module');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});

test('keyboard: focus, orbit, zoom and reset, with the view read out; reduced motion stops turning', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    const viewer = page.locator('pendant-viewer');
    assert.equal(await viewer.getAttribute('role'), 'img');
    assert.equal(await viewer.getAttribute('aria-label'), 'A polished gold disc pendant on a jump ring');
    assert.equal(await viewer.getAttribute('auto-rotate'), '', 'the page asks for turning…');
    // The page's "Emma" is cut after the first frame (the engraving module loads then) and
    // draws one frame of its own; count from after it, or a slow machine counts it as turning.
    await waitForEvent(page, 'engraving');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const still = await frames(page, 'viewer');
    await page.waitForTimeout(800);
    assert.equal(await frames(page, 'viewer'), still, '…but the shopper prefers reduced motion');

    await viewer.focus();
    const live = () => page.evaluate(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('[role=status]').textContent);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('[role=status]').textContent !== '');
    assert.equal(await live(), 'Front right, level, framed.');
    assert.ok(await frames(page, 'viewer') > still, 'the keys moved the camera');
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    await page.waitForFunction(() => /close up/.test(document.querySelector('pendant-viewer').shadowRoot.querySelector('[role=status]').textContent));
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('[role=status]').textContent === 'Front, level, framed.');
    // Without camera-controls (a still hero image) keys and drags leave the view alone.
    await page.evaluate(() => document.querySelector('pendant-viewer').removeAttribute('camera-controls'));
    const orbit = () => page.evaluate(() => document.querySelector('pendant-viewer')._viewer.cameraOrbit());
    const fixed = await orbit();
    await page.keyboard.press('ArrowLeft');
    const box = await viewer.boundingBox();
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, box.y + 250, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    assert.equal(await orbit(), fixed);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
