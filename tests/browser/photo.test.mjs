// The shopper's photo: uploaded through the real file input, decoded in the browser, shown
// upright under the glass, never sent anywhere; bad files are refused with clear messages and
// keep the previous photo; zoom, pan and tone act at once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

/**
 * A JPEG made in the page: `width` × `height`, red over blue (the top half red), with an
 * EXIF orientation when given. Returns its bytes.
 */
async function makeJpeg(page, width, height, orientation = 0) {
  const bytes = await page.evaluate(async ([w, h, o]) => {
    const canvas = new OffscreenCanvas(w, h);
    const context = canvas.getContext('2d');
    context.fillStyle = '#d01818';
    context.fillRect(0, 0, w, h / 2);
    context.fillStyle = '#1830d0';
    context.fillRect(0, h / 2, w, h / 2);
    // Grain, as a phone photo has: JPEG size and decode time depend on the detail (a flat
    // picture would make a 12 MP file of 250 KB; this one is phone-sized, megabytes).
    const image = context.getImageData(0, 0, w, h);
    let seed = 12345;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = ((seed >>> 24) - 128) >> 2;
      for (let c = 0; c < 3; c++) image.data[i + c] += grain;
    }
    context.putImageData(image, 0, 0);
    let jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    if (o) {
      // APP1 "Exif", big-endian TIFF with one IFD0 entry: Orientation = o.
      const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
      const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
      const segment = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
      jpeg = new Uint8Array([...jpeg.slice(0, 2), ...segment, ...jpeg.slice(2)]);
    }
    return Array.from(jpeg);
  }, [width, height, orientation]);
  return Buffer.from(bytes);
}

/** Mean colour of a horizontal band of the viewer (fractions of its height). */
function bandMean({ width, height, data }, from, to) {
  const sum = [0, 0, 0];
  let count = 0;
  for (let y = Math.floor(height * from); y < height * to; y++) {
    for (let x = Math.floor(width * 0.4); x < width * 0.6; x++) {
      const i = (y * width + x) * 4;
      for (const c of [0, 1, 2]) sum[c] += data[i + c];
      count++;
    }
  }
  return sum.map((s) => s / count);
}

/**
 * The rows (fractions of the height) where the middle column of `after` differs from
 * `before`: where the photo shows, wherever the framing puts the pendant.
 */
function changedRows(before, after) {
  const { width, height } = after;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const i = (y * width + Math.floor(width / 2)) * 4;
    if (Math.max(...[0, 1, 2].map((c) => Math.abs(before.data[i + c] - after.data[i + c]))) > 24) rows.push(y / height);
  }
  return [rows[0] ?? 0, rows.at(-1) ?? 1];
}

/** Fraction of the pendant's middle (20–70 % of the height, where no message box shows) that differs. */
function middleDiffers(a, b) {
  const crop = ({ width, height, data }) => {
    const [from, to] = [Math.floor(height * 0.2), Math.floor(height * 0.7)];
    return { width, height: to - from, data: data.subarray(from * width * 4, to * width * 4) };
  };
  return differingFraction(crop(a), crop(b));
}

async function openPhotoPendant(page, backend) {
  await page.goto(`${server.origin}/?backend=${backend}&src=models/photo-round.glb`);
  await waitForEvent(page, 'load');
  await page.locator('#auto-rotate').uncheck();
  await page.locator('#reset').click();
  assert.ok(await page.locator('#photo-choice').isVisible(), 'the page offers a photo for a photo pendant');
}

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`a 12 MP phone photo goes in upright and nothing is uploaded (${backend})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await openPhotoPendant(page, backend);
      const jpeg = await makeJpeg(page, 4000, 3000);
      const requests = []; // what leaves the device: local blob: reads (the gallery's stills) do not
      page.on('request', (request) => { if (/^https?:/.test(request.url())) requests.push(`${request.method()} ${request.url()}`); });
      const before = await viewerPixels(page);
      await page.locator('#photo-file').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      const shown = await waitForEvent(page, 'photo');
      console.log(`# ${backend}: 12 MP JPEG (${jpeg.length} bytes) shown in the pendant in ${shown.milliseconds.toFixed(0)} ms`);
      assert.ok(jpeg.length > 2_000_000, `a phone-sized file: ${jpeg.length} bytes`);
      assert.deepEqual([shown.width, shown.height], [1024, 768], 'reduced to the texture size');
      assert.ok(shown.milliseconds < 2000, `${shown.milliseconds} ms`);
      await page.waitForTimeout(300);
      const after = await viewerPixels(page);
      assert.ok(differingFraction(before, after) > 0.1, 'the photo shows in the pendant');
      // Upright: red above blue in the middle of the photo.
      const [from, to] = changedRows(before, after);
      const at = (f) => from + (to - from) * f;
      const [top, bottom] = [bandMean(after, at(0.2), at(0.4)), bandMean(after, at(0.6), at(0.8))];
      assert.ok(top[0] > top[2] + 40 && bottom[2] > bottom[0] + 40, `red ${top} over blue ${bottom}`);
      assert.deepEqual(requests, [], 'no network request while the photo was set (the whole visit: privacy.test.mjs)');
      assert.match(await page.locator('#photo-note').textContent(), /stays on your device/);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('bad photos get clear messages and keep the photo; crop and tone act at once (WebGL2)', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await openPhotoPendant(page, 'webgl2');
    await page.locator('[data-sample="photos/cat.jpg"]').click();
    await waitForEvent(page, 'photo');
    await page.waitForTimeout(200);
    const cat = await viewerPixels(page);

    const good = await makeJpeg(page, 300, 200);
    const bomb = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
      0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    const cases = [
      ['IMG_2001.HEIC', 'image/heic', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heicmif1', 'binary'), 'photo-unsupported', /HEIC photos are not supported — please use JPEG or PNG/],
      ['cut.jpg', 'image/jpeg', good.subarray(0, Math.floor(good.length * 0.6)), 'photo-truncated', /cut short/],
      ['empty.jpg', 'image/jpeg', Buffer.alloc(0), 'photo-empty', /empty/],
      ['bomb.png', 'image/png', bomb, 'photo-too-large', /100000 × 100000/],
      ['notes.txt', 'text/plain', Buffer.from('<img src=x onerror=alert(1)>'), 'photo-unsupported', /not supported/],
    ];
    let errors = 0;
    for (const [name, mimeType, buffer, code, message] of cases) {
      const started = Date.now();
      await page.locator('#photo-file').setInputFiles({ name, mimeType, buffer });
      const error = await waitForEvent(page, 'error', { count: ++errors });
      assert.equal(error.code, code, name);
      assert.match(error.message, message, name);
      assert.ok(Date.now() - started < 3000, `${name} refused quickly`);
      await page.waitForFunction((m) => document.getElementById('photo-note').textContent.includes(m), error.message.slice(0, 30));
    }
    assert.equal(await page.evaluate(() => document.querySelectorAll('img:not(#gallery img)').length), 0, 'no markup from a file');
    const kept = middleDiffers(cat, await viewerPixels(page));
    assert.ok(kept < 0.005, `the cat stays after refusals (${(kept * 100).toFixed(2)} % changed)`);
    assert.match(await page.locator('pendant-viewer').evaluate((v) => v.shadowRoot.querySelector('[role=alert]').textContent),
      /^Photo: /, 'the element says what went wrong too');

    // Zoom, pan by dragging the frame in the crop editor, sepia.
    await page.locator('#photo-zoom').fill('2');
    const zoomed = await page.evaluate(() => document.querySelector('pendant-viewer').photoPlacement(0));
    assert.equal(zoomed.zoom, 2);
    const box = await page.locator('#photo-crop').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const panned = await page.evaluate(() => document.querySelector('pendant-viewer').photoPlacement(0));
    assert.ok(panned.x > 0.3, `dragged right: x = ${panned.x}`);
    await page.waitForTimeout(200);
    const moved = await viewerPixels(page);
    assert.ok(middleDiffers(cat, moved) > 0.05, 'zoom and pan change the pendant');
    await page.locator('#photo-style').selectOption('bw');
    await page.waitForTimeout(200);
    const [r, g, b] = bandMean(await viewerPixels(page), 0.4, 0.6);
    assert.ok(Math.max(r, g, b) - Math.min(r, g, b) < 12, `black and white: ${[r, g, b]}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});

test('EXIF orientation is honoured, and a locket keeps its photos across shapes (WebGL2)', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?backend=webgl2&src=models/locket-heart.glb`);
    await waitForEvent(page, 'load');
    // Stored 400 × 200, orientation 6 (a phone held upright): shown 200 × 400.
    const turned = await makeJpeg(page, 400, 200, 6);
    const detail = await page.evaluate(async (bytes) => {
      const viewer = document.querySelector('pendant-viewer');
      return viewer.setPhoto(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), { area: 1 });
    }, Array.from(turned));
    assert.deepEqual([detail.width, detail.height], [200, 400]);
    assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').photoAreas.length), 2);
    // Dropped on the viewer, then pasted into it: the first photo area takes it.
    for (const [kind, count] of [['drop', 2], ['paste', 3]]) {
      await page.evaluate(async (k) => {
        const viewer = document.querySelector('pendant-viewer');
        const transfer = new DataTransfer();
        transfer.items.add(new File([await (await fetch('photos/cat.jpg')).blob()], 'cat.jpg', { type: 'image/jpeg' }));
        viewer.dispatchEvent(k === 'drop'
          ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, kind);
      const taken = await waitForEvent(page, 'photo', { count });
      assert.deepEqual([taken.area, taken.width, taken.height], [0, 451, 300], kind);
    }
    assert.match(await page.locator('#photo-note').textContent(), /451 × 300/, 'the page follows the element');
    // To a disc (no photo area) and back: the photo returns with the locket.
    await page.locator('input[value="models/disc-pendant.glb"]').check();
    await waitForEvent(page, 'load', { count: 2 });
    assert.equal(await page.locator('#photo-choice').isVisible(), false);
    await page.locator('input[value="models/locket-heart.glb"]').check();
    await waitForEvent(page, 'load', { count: 3 });
    assert.deepEqual(await page.evaluate(() => document.querySelector('pendant-viewer').photoPlacement(1)?.zoom), 1);
    // A photo for a pendant without a photo area is refused with a helpful message.
    await page.locator('input[value="models/disc-pendant.glb"]').check();
    await waitForEvent(page, 'load', { count: 4 });
    const refused = await page.evaluate(async () => {
      const blob = await (await fetch('photos/cat.jpg')).blob();
      return document.querySelector('pendant-viewer').setPhoto(blob).then(() => 'accepted', (e) => `${e.code}: ${e.message}`);
    });
    assert.match(refused, /^photo-no-such-area: this pendant has no photo area/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
