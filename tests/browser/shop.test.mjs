// The demo shop's flow: a price that follows the design, Add to bag (a line with a thumbnail,
// the options in words, the proof, an Edit link), Edit restoring the identical design, and
// the element's `interaction` events (once per shopper action) forwarded to a data layer.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

/** The interaction events so far, as [action, detail]. */
const interactions = (page) => page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'interaction').map((e) => e.detail));
const settle = (page) => page.waitForTimeout(700); // longer than a gesture's pause

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`Add to bag, Edit restores the design, one event per action (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await waitForEvent(page, 'engraving');
      await page.evaluate(() => { document.querySelector('pendant-viewer').autoRotate = false; });
      await settle(page);
      const before = (await interactions(page)).length;
      const price = await page.locator('#price').textContent();
      assert.match(price, /^\$[\d,]+$/, 'the price follows the design');

      // A drag is one turn, a burst of wheel steps one zoom.
      const box = await page.locator('pendant-viewer').boundingBox();
      const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let step = 1; step <= 6; step++) {
        await page.mouse.move(cx + step * 15, cy);
        if (step === 3) await page.waitForTimeout(800); // a rest while held: still one turn
      }
      await page.mouse.up();
      // The wheel steps in one task: a burst, however slow this machine is.
      await page.evaluate(() => {
        const canvas = document.querySelector('pendant-viewer').shadowRoot.querySelector('canvas');
        for (let step = 0; step < 4; step++) canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: 60, bubbles: true, cancelable: true }));
      });
      await settle(page);
      // A personalization (the form's metal) and a view switch (worn and back) each once.
      await page.locator('input[name="metal"][value="rose-gold"]').check();
      await settle(page);
      await page.evaluate(() => { document.querySelector('pendant-viewer').setAttribute('view', 'worn'); });
      await waitForEvent(page, 'load', { count: 1 });
      await settle(page);
      const rosePrice = await page.locator('#price').textContent();

      // Add to bag: the line, its words, proof and thumbnail; the data layer's add_to_cart.
      const bagged = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      await page.locator('#add-to-bag').click();
      await page.locator('.bag-line').waitFor({ timeout: 60_000 });
      const line = await page.evaluate(() => {
        const item = document.querySelector('.bag-line');
        return {
          heading: item.querySelector('strong').textContent,
          words: [...item.querySelectorAll('ul li')].map((li) => li.textContent),
          proof: { href: item.querySelector('a.proof').href, download: item.querySelector('a.proof').download },
          edit: item.querySelector('a.edit').href,
          thumbnail: item.querySelector('img').naturalWidth,
          order: JSON.parse(document.getElementById('order-json').textContent),
          dataLayer: window.dataLayer.map((entry) => entry.event),
        };
      });
      assert.equal(line.heading, `Engraved Disc Necklace · ${rosePrice}`);
      assert.ok(line.words.includes('Metal: 18K rose gold, polished'), JSON.stringify(line.words));
      assert.ok(line.words.some((w) => w.startsWith('Front engraving: “Emma”')), JSON.stringify(line.words));
      assert.ok(line.words.some((w) => /^Weight: about \d+\.\d\d g of metal$/.test(w)), JSON.stringify(line.words));
      assert.ok(line.proof.href.startsWith('blob:') && line.proof.download === 'proof.pdf');
      assert.match(line.edit, /#design=/);
      assert.equal(line.thumbnail, 160);
      assert.deepEqual(line.order.design, bagged);
      assert.equal(line.order.proof.type, 'application/pdf');
      assert.match(line.order.production_svg['engraving-front'], /^<svg/);
      assert.ok(line.order.production.weight.weight_g['rose-gold'] > 0);
      assert.equal(line.dataLayer.filter((e) => e === 'add_to_cart').length, 1);

      // Once per action, in order; the data layer got each.
      const events = (await interactions(page)).slice(before);
      assert.deepEqual(events.map((e) => e.action), ['turn', 'zoom', 'personalize', 'view', 'proof'], JSON.stringify(events));
      assert.deepEqual(events[2].changed, ['finish']);
      assert.deepEqual(events[3].changed, ['mode']);
      assert.ok(events.every((e) => e.sinceLoadMs > 0));
      for (const action of ['turn', 'zoom', 'personalize', 'view', 'proof']) {
        assert.equal(line.dataLayer.filter((e) => e === `pendant_${action}`).length, events.filter((e) => e.action === action).length, action);
      }

      // Change the design, then Edit: the bagged design is back, identical.
      await page.locator('input[name="metal"][value="platinum"]').check();
      await page.evaluate(() => { document.querySelector('pendant-viewer').setAttribute('engraving', 'Zoe'); });
      await settle(page);
      assert.notDeepEqual(await page.evaluate(() => document.querySelector('pendant-viewer').getConfig()), bagged);
      await page.locator('.bag-line a.edit').click();
      await page.waitForFunction((want) => JSON.stringify(document.querySelector('pendant-viewer').getConfig()) === want,
        JSON.stringify(bagged), { timeout: 30_000 });
      assert.equal(await page.locator('input[name="metal"]:checked').getAttribute('value'), 'rose-gold', 'the form follows');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
