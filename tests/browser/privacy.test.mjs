// The shopper's photo across a whole visit to the demo shop: picked, dropped, pasted, cropped,
// added to the bag, linked, saved as a still, and brought back after a lost GPU context.
// Nothing that leaves the device — an http(s) request or beacon (URL, headers, body), a
// WebSocket, a message to another window — carries the photo's bytes or its file name, and
// neither does the address bar or the copied link. Local reads (blob:, data:) do not leave the
// device and are not counted, whenever they happen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const NAME = 'Private-Holiday-4711.jpg';

test('the shopper\'s photo and its name never leave the device during a whole visit (WebGL2)', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  // Messages any window of the visit receives (there are none to other windows today).
  await page.addInitScript(() => {
    window.__messagesSeen = [];
    addEventListener('message', (event) => window.__messagesSeen.push(event.data), true);
  });
  const leaving = []; // {url, method, body}
  page.on('request', (request) => {
    if (!/^https?:/.test(request.url())) return; // blob: and data: stay on the device
    leaving.push({ url: request.url(), method: request.method(), headers: request.headers(), body: request.postDataBuffer() });
  });
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  try {
    await page.goto(`${server.origin}/?backend=webgl2&src=models/locket-round.glb`);
    await waitForEvent(page, 'load');
    const photo = Buffer.from(await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(640, 480);
      const context = canvas.getContext('2d');
      context.fillStyle = '#2a6'; context.fillRect(0, 0, 640, 480);
      context.fillStyle = '#c33'; context.fillRect(100, 80, 300, 200);
      return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer()));
    }));
    const probe = photo.subarray(photo.length >> 1, (photo.length >> 1) + 48); // a slice of the file's bytes

    // Picked, then dropped on the viewer, then pasted: three ways in.
    await page.locator('#photo-file').setInputFiles({ name: NAME, mimeType: 'image/jpeg', buffer: photo });
    await waitForEvent(page, 'photo');
    for (const [kind, count] of [['drop', 2], ['paste', 3]]) {
      await page.evaluate(async ([k, bytes, name]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }));
        document.querySelector('pendant-viewer').dispatchEvent(k === 'drop'
          ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, [kind, Array.from(photo), NAME]);
      await waitForEvent(page, 'photo', { count });
    }
    await page.locator('#photo-zoom').fill('2');
    await page.locator('#add-to-bag').click(); // makes the proof too, in the page
    await page.waitForFunction(() => document.getElementById('order-json').textContent.length > 0, null, { timeout: 60_000 });
    assert.match(await page.locator('#order-json').textContent(), new RegExp(NAME), 'the order keeps the name, on the page');
    await page.locator('#copy-link').click();
    await page.waitForFunction(() => /Link copied/.test(document.getElementById('status').textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const download = page.waitForEvent('download');
    await page.locator('#save-still').click();
    await download;
    // A lost context: the element applies the photo again from the file it keeps.
    await page.evaluate(() => document.querySelector('pendant-viewer').shadowRoot.querySelector('canvas')
      .getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
    await waitForEvent(page, 'restore', { timeout: 30_000 });
    await page.waitForTimeout(1500); // the demo's debounced gallery stills and address-bar writes

    const carries = (text) => text.includes(NAME) || text.includes(encodeURIComponent(NAME)) || text.includes('Private-Holiday');
    const offending = leaving.filter(({ url, headers, body }) => carries(url) || carries(JSON.stringify(headers))
      || (body && (body.includes(probe) || carries(body.toString('latin1')))));
    assert.deepEqual(offending, [], 'no request carries the photo or its name');
    assert.deepEqual(leaving.filter(({ method }) => method !== 'GET').map(({ url }) => url), [], 'nothing is sent at all');
    assert.deepEqual(sockets, [], 'no WebSocket');
    assert.deepEqual(await page.evaluate(() => window.__messagesSeen.length), 0, 'no message between windows');
    // Links carry the design as base64url: read it as the next visitor's browser would.
    const design = (url) => Buffer.from(url.split('#design=')[1] ?? '', 'base64url').toString();
    assert.match(design(page.url()), /"photos"/, 'the address bar carries the design');
    assert.ok(!carries(page.url()) && !carries(design(page.url())), `the address bar: ${design(page.url())}`);
    assert.ok(link.includes('#design=') && !carries(design(link)), `the copied link: ${design(link)}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
