// The design document end to end: getConfig / setConfig and the `change` event, stills from
// toBlob, the share link in the address bar (the iframe embed: embed.test.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { analyze, differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const DESIGN = {
  version: 1,
  model: 'models/locket-heart.glb',
  finish: { metal: 'rose-gold', surface: 'polished' },
  engraving: { front: { text: 'A & J <3', font: 'serif', align: 'center', path: 'straight', finish: 'bright' },
    back: { text: '14.06.2024', font: 'mono', align: 'center', path: 'straight', finish: 'oxidized' } },
  photoStyle: 'sepia',
  photos: [{ src: 'photos/cat.jpg', zoom: 1.5, x: 0.25, y: 0, rotation: 90 }],
  chain: { style: 'rope', lengthIn: 20 },
  view: { open: true, cameraOrbit: '20deg 80deg 110%' },
};

function decodePng(bytes) {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: png.data };
}

/** Calls toBlob in the page and returns the PNG's bytes. */
async function still(page, options) {
  return page.evaluate(async (o) => {
    const blob = await document.querySelector('pendant-viewer').toBlob(o);
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, options);
}

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`setConfig shows a design, getConfig gives it back, stills at any size (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      const initial = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      assert.equal(initial.model, 'models/disc-pendant.glb');
      assert.deepEqual(initial.finish, { metal: 'yellow-gold', surface: 'polished' });
      assert.equal(initial.engraving.front.text, 'Emma');
      assert.deepEqual(initial.chain, { style: 'cable', lengthIn: 18 });

      // One call shows the whole design: model, metal, both engravings, the photo with its crop.
      const loads = (await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'load').length));
      const read = await page.evaluate((d) => document.querySelector('pendant-viewer').setConfig(d), DESIGN);
      assert.deepEqual(read, DESIGN);
      await waitForEvent(page, 'load', { count: loads + 1 });
      await waitForEvent(page, 'photo');
      await page.waitForTimeout(1200); // the lid's opening animation
      const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      assert.deepEqual({ ...config, photos: undefined }, { ...DESIGN, photos: undefined });
      assert.deepEqual(config.photos, [{ src: 'photos/cat.jpg', zoom: 1.5, x: 0.25, y: 0, rotation: 90 }]);
      const change = await waitForEvent(page, 'change');
      assert.equal(change.config.engraving.back.text, '14.06.2024');
      // The page's form follows the element.
      assert.equal(await page.locator('#engrave-front').inputValue(), 'A & J <3');
      assert.equal(await page.locator('#chain-length').inputValue(), '20');
      assert.ok(await page.locator('input[name="metal"][value="rose-gold"]').isChecked());

      // The workshop's copy carries the production spec of each engraving.
      const order = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig({ production: true }));
      assert.ok(order.engraving.back.production.lines.length >= 1, JSON.stringify(order.engraving.back.production));

      // A bad design is refused whole, naming the member; nothing changes.
      const refused = await page.evaluate(async () => {
        const viewer = document.querySelector('pendant-viewer');
        try {
          await viewer.setConfig({ version: 1, model: 'models/disc-pendant.glb', engraving: { front: { text: 'X', font: 'comic' } } });
          return null;
        } catch (error) {
          return { code: error.code, message: error.message, model: viewer.src };
        }
      });
      assert.equal(refused.code, 'design-invalid');
      assert.match(refused.message, /^engraving\.front\.font: /);
      assert.equal(refused.model, 'models/locket-heart.glb');
      const newer = await page.evaluate(() => document.querySelector('pendant-viewer').setConfig('{"version": 2}').catch((e) => e.code));
      assert.equal(newer, 'design-version-unsupported');

      // Stills: any size, opaque by default, a cut-out when asked; the view is unchanged.
      const before = await viewerPixels(page);
      const wide = decodePng(await still(page, { width: 1200, height: 600 }));
      assert.deepEqual([wide.width, wide.height], [1200, 600]);
      assert.equal(wide.data[3], 255, 'opaque corner');
      const cutout = decodePng(await still(page, { width: 640, height: 640, transparent: true }));
      assert.equal(cutout.data[3], 0, 'transparent corner');
      const centre = (320 * 640 + 320) * 4;
      assert.ok(cutout.data[centre + 3] > 200, `pendant pixels are opaque (${cutout.data[centre + 3]})`);
      const { coverage } = analyze(wide);
      assert.ok(coverage > 0.1, `the still shows the pendant (${coverage})`);
      const after = await viewerPixels(page);
      assert.deepEqual([after.width, after.height], [before.width, before.height]);
      assert.equal(analyze(after).corner.join(), analyze(before).corner.join(), 'the view keeps its backdrop');
      // A still from another side leaves the shopper's camera where it was.
      const orbitBefore = await page.evaluate(() => document.querySelector('pendant-viewer')._viewer.cameraOrbit());
      const back = decodePng(await still(page, { width: 300, height: 300, orbit: '180deg 90deg 100%' }));
      const front = decodePng(await still(page, { width: 300, height: 300 }));
      assert.ok(analyze(back).mean.join() !== analyze(front).mean.join(), 'the back still shows another side');
      assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer')._viewer.cameraOrbit()), orbitBefore);
      const tooBig = await page.evaluate(() => document.querySelector('pendant-viewer').toBlob({ width: 100000, height: 10 }).catch((e) => e.code));
      assert.equal(tooBig, 'still-size-invalid');
      // A still asked for right after a change shows it, even when a font must be fetched first
      // (seen from behind: the open lid's front faces back).
      const behind = { width: 300, height: 300, orbit: '180deg 90deg 100%' };
      const immediate = decodePng(await page.evaluate(async (o) => {
        const viewer = document.querySelector('pendant-viewer');
        viewer.setAttribute('engraving-font', 'block'); // not fetched yet
        viewer.setAttribute('engraving', 'Zoe & Max');
        const blob = await viewer.toBlob(o);
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      }, behind));
      await page.waitForTimeout(500);
      const later = decodePng(await still(page, behind));
      const changed = differingFraction(immediate, later);
      assert.ok(changed < 0.002, `the immediate still already shows the new lettering (${(changed * 100).toFixed(2)} % differ)`);
      const fromBefore = differingFraction(immediate, back);
      assert.ok(fromBefore > 0.003, `and it differs from the one before the change (${(fromBefore * 100).toFixed(2)} %)`);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('the address bar carries the design: a link opens it, editing updates it, the camera too', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: true });
  try {
    const fragment = Buffer.from(JSON.stringify({ ...DESIGN, photos: undefined, view: { cameraOrbit: '90deg 70deg 100%' } })).toString('base64url');
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${server.origin}/?backend=webgpu#design=${fragment}`);
    await waitForEvent(page, 'load');
    assert.ok(!requests.includes('/models/disc-pendant.glb'), 'the default model is not fetched first');
    const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
    assert.equal(config.model, 'models/locket-heart.glb');
    assert.equal(config.view.cameraOrbit, '90deg 70deg 100%');
    assert.equal(config.engraving.front.text, 'A & J <3');
    assert.ok(!(await page.locator('#auto-rotate').isChecked()), 'the form follows the link');
    // The product follows the design: name, price for the metal, a gallery drawn by the viewer.
    assert.equal(await page.locator('#title').textContent(), 'Heart Photo Locket');
    // The price by docs/shop.md's formula: making $210, the metal's weight at $68/g, five
    // letters over the ten included at $3, two inches of chain over 16 at $12 per 2 in.
    const grams = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig({ production: true }).weight.weight_g['rose-gold']);
    const price = Math.round(210 + grams * 68 + 5 * 3 + 2 * 12);
    assert.equal(await page.locator('#price').textContent(), `$${price.toLocaleString('en-US')}`);
    await page.waitForFunction(() => [...document.querySelectorAll('#gallery img')].every((img) => img.complete && img.naturalWidth === 176));
    const views = await page.evaluate(() => [...document.querySelectorAll('#gallery img')].map((img) => img.src));
    assert.equal(new Set(views).size, 3);

    // Typing updates the link; opening the new link shows the edit.
    await page.locator('#engrave-front').fill('Noa');
    await page.waitForFunction(() => location.hash.length > 10
      && document.querySelector('pendant-viewer').getConfig().engraving.front.text === 'Noa');
    const link = await page.evaluate(() => location.href);
    // The shopper turns the pendant: a camera-change event, and the view joins the design.
    await page.locator('pendant-viewer').focus();
    await page.keyboard.press('ArrowLeft');
    const moved = await waitForEvent(page, 'camera-change');
    assert.match(moved.orbit, /^100deg 70deg 100%$/);
    assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').getConfig().view.cameraOrbit), '100deg 70deg 100%');

    const second = await browser.newPage();
    await second.goto(link);
    await second.waitForFunction(() => {
      try { return document.querySelector('pendant-viewer').getConfig().engraving?.front?.text === 'Noa'; } catch { return false; }
    });
    assert.equal(await second.locator('#engrave-front').inputValue(), 'Noa');

    // A damaged link says so and falls back to the default pendant.
    const third = await browser.newPage();
    await third.goto(`${server.origin}/?backend=webgpu#design=eyJ2ZXJzaW9u`);
    await third.waitForFunction(() => /could not be opened/.test(document.getElementById('status').textContent));
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});

test('hostile strings in every field stay text: attributes, the design, messages and snippets', async () => {
  const { browser, page } = await launch({ webgpu: false });
  const XSS = '"><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  try {
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    const outcome = await page.evaluate(async (payload) => {
      const viewer = document.querySelector('pendant-viewer');
      const codes = [];
      const attempt = async (config) => { try { await viewer.setConfig(config); } catch (error) { codes.push(error.code); } };
      viewer.setAttribute('alt', payload);
      await attempt({ version: 1, model: 'models/disc-pendant.glb', engraving: { front: { text: 'A<b>&amp;' } },
        photos: [{ src: `photos/${payload}.jpg`, file: payload }] });
      await attempt({ version: 1, view: { background: payload } });
      await attempt({ version: 1, engraving: { front: { text: 'x', font: payload } } });
      await attempt({ version: 1, [payload]: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The snippet generator writes attributes a browser parses back to the same text.
      const snippet = document.getElementById('snippet').value;
      const parsed = new DOMParser().parseFromString(snippet, 'text/html');
      const embedded = parsed.querySelector('pendant-viewer');
      return {
        codes,
        xss: window.__xss ?? null,
        injected: document.querySelectorAll('img[src="x"]').length
          + [...document.scripts].filter((script) => script.textContent.includes('__xss')).length
          + viewer.shadowRoot.querySelectorAll('img:not(.poster), script').length,
        message: viewer.shadowRoot.querySelector('.message').textContent,
        messageElements: viewer.shadowRoot.querySelector('.message').children.length,
        lastError: window.__viewerEvents.filter((e) => e.type === 'error').at(-1)?.detail.message,
        label: viewer.getAttribute('aria-label'),
        snippetImages: parsed.querySelectorAll('img').length,
        snippetAlt: embedded?.getAttribute('alt'),
        snippetText: embedded?.getAttribute('engraving'),
      };
    }, XSS);
    assert.equal(outcome.xss, null, 'no payload ran');
    assert.equal(outcome.injected, 0, 'no markup was inserted');
    assert.deepEqual(outcome.codes, ['design-invalid', 'design-invalid', 'design-invalid']);
    assert.ok(outcome.lastError && outcome.message.endsWith(outcome.lastError), `the last error, as text: ${outcome.message}`);
    assert.equal(outcome.messageElements, 0, 'the message box holds text only');
    assert.equal(outcome.label, XSS);
    assert.equal(outcome.snippetImages, 0, 'the snippet carries the payload as attribute text only');
    assert.equal(outcome.snippetAlt, XSS);
    assert.equal(outcome.snippetText, 'A<b>&amp;');
  } finally {
    await browser.close();
  }
});
