// Hostile models, downloads and links, on both backends: each gets its coded error quickly,
// the pendant shown before stays drawn, the element keeps answering, and memory stays
// bounded. The models are tests/hostile/ (generated and checked by tests/hostile.rs, with the
// code each must give in cases.json); one browser page per backend runs them all in turn.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { analyze, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

const HOSTILE = new URL('../hostile/', import.meta.url);
const CASES = JSON.parse(await readFile(new URL('cases.json', HOSTILE), 'utf8'));
const MIB = 2 ** 20;

/** A download that never ends and says nothing of its length: refused once past 64 MiB. */
function endless(request, response) {
  response.writeHead(200, { 'content-type': 'model/gltf-binary' });
  const chunk = Buffer.alloc(MIB, 0x20);
  let sent = 0;
  const more = () => {
    while (sent < 1024 && response.write(chunk)) sent++;
    if (sent < 1024 && !response.destroyed) response.once('drain', more);
    else response.end();
  };
  response.on('close', () => { sent = Infinity; });
  more();
}

/** A server that declares 1 GiB: refused from the header, before the body is read. */
function declaredHuge(request, response) {
  response.writeHead(200, { 'content-type': 'model/gltf-binary', 'content-length': String(1024 * MIB) });
  response.write(Buffer.alloc(1024));
  setTimeout(() => response.destroy(), 20_000);
}

let server;
before(async () => {
  const fixtures = { '/hostile/endless.glb': endless, '/hostile/declared-1gib.glb': declaredHuge };
  for (const file of await readdir(HOSTILE)) fixtures[`/hostile/${file}`] = await readFile(new URL(file, HOSTILE));
  server = await startServer(fixtures);
});
after(() => server.close());

const DOWNLOADS = [
  { file: 'endless.glb', code: 'model-too-complex', message: 'over 67108864 bytes' },
  { file: 'declared-1gib.glb', code: 'model-too-complex', message: '1073741824' },
];

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`hostile models and downloads are refused with their codes and the pendant stays (${backend})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu, args: ['--js-flags=--expose-gc'] });
    try {
      await page.goto(`${server.origin}/?backend=${backend}`);
      await waitForEvent(page, 'load');
      await page.evaluate(() => document.querySelector('pendant-viewer').removeAttribute('auto-rotate'));
      const shown = analyze(await viewerPixels(page));
      assert.ok(shown.coverage > 0.05, `the disc shows first (${shown.coverage})`);
      // After a collection: what a hostile case left behind, not what it held for a moment
      // (an endless download holds up to its 64 MiB cap until it is cancelled).
      const memory = () => page.evaluate(() => ({
        heap: (window.gc(), performance.memory.usedJSHeapSize),
        wasm: document.querySelector('pendant-viewer').wasmMemoryBytes,
      }));
      const start = await memory();
      for (const { file, code, message } of [...CASES, ...DOWNLOADS]) {
        const counts = await page.evaluate(() => ({
          error: window.__viewerEvents.filter((e) => e.type === 'error').length,
          load: window.__viewerEvents.filter((e) => e.type === 'load').length,
        }));
        const started = Date.now();
        await page.evaluate((url) => { document.querySelector('pendant-viewer').src = url; }, `hostile/${file}`);
        if (code === 'ok') {
          const loaded = await waitForEvent(page, 'load', { count: counts.load + 1, timeout: 30_000 });
          assert.equal(loaded.src, `hostile/${file}`);
          await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/disc-pendant.glb'; });
          await waitForEvent(page, 'load', { count: counts.load + 2, timeout: 30_000 });
        } else {
          const error = await waitForEvent(page, 'error', { count: counts.error + 1, timeout: 30_000 });
          assert.equal(error.code, code, `${file}: ${error.message}`);
          assert.ok(error.message.includes(message), `${file}: '${error.message}' lacks '${message}'`);
        }
        const seconds = (Date.now() - started) / 1000;
        const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
        assert.equal(typeof config.version, 'number', `${file}: getConfig still answers`);
        const still = analyze(await viewerPixels(page));
        assert.ok(still.coverage > shown.coverage * 0.5, `${file}: the disc is still drawn (${still.coverage})`);
        const now = await memory();
        console.log(`${backend} ${file}: ${code} in ${seconds.toFixed(1)} s; heap ${(now.heap / MIB).toFixed(1)} MiB, wasm ${(now.wasm / MIB).toFixed(1)} MiB`);
      }
      // One model file a link or design names from elsewhere: not fetched at all.
      const links = await page.evaluate(async () => {
        const viewer = document.querySelector('pendant-viewer');
        const codes = [];
        for (const model of ['data:model/gltf+json;base64,e30=', 'https://attacker.example/x.glb', 'javascript:alert(1)']) {
          codes.push(await viewer.setConfig({ version: 1, model }).then(() => 'applied', (error) => error.code));
        }
        viewer.src = 'data:model/gltf+json;base64,e30='; // an attribute too: the same policy
        codes.push(window.__viewerEvents.filter((e) => e.type === 'error').at(-1).detail.code);
        return { codes, src: viewer.getConfig().model };
      });
      assert.deepEqual(links.codes, ['source-not-allowed', 'source-not-allowed', 'source-not-allowed', 'source-not-allowed']);
      // Hostile photos and text on a photo pendant: coded errors, the pendant stays.
      const loads = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'load').length);
      await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/photo-round.glb'; });
      await waitForEvent(page, 'load', { count: loads + 1 }); // counted before: the load may come at once
      const refusals = await page.evaluate(async () => {
        const viewer = document.querySelector('pendant-viewer');
        const le16 = (v) => [v & 255, v >> 8];
        const be16 = (v) => [v >> 8, v & 255];
        // A GIF whose header says 1 × 1 and whose first frame is 16384 × 16384.
        const gif = [...new TextEncoder().encode('GIF89a'), ...le16(1), ...le16(1), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
          0x2c, ...le16(0), ...le16(0), ...le16(16384), ...le16(16384), 0, 2, 2, 0x4c, 1, 0, 0x3b];
        // A JPEG with two frame headers: 8 × 8, then 16384 × 16384 (decoders read the first).
        const sof = (side) => [0xff, 0xc0, 0, 11, 8, ...be16(side), ...be16(side), 1, 1, 0x11, 0];
        const jpeg = [0xff, 0xd8, ...sof(8), ...sof(16384), 0xff, 0xda, 0, 2, 0, 0xff, 0xd9];
        const heic = [0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0];
        const cases = {
          gif: new Blob([new Uint8Array(gif)], { type: 'image/gif' }),
          jpeg: new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }),
          heic: new Blob([new Uint8Array(heic)], { type: 'image/heic' }),
          huge: new Blob(Array(65).fill(new Uint8Array(2 ** 20)), { type: 'image/jpeg' }), // 65 MiB, outside the JS heap
          empty: new Blob([], { type: 'image/png' }),
        };
        const codes = {};
        for (const [name, blob] of Object.entries(cases)) {
          const started = performance.now();
          codes[name] = await viewer.setPhoto(blob).then(() => 'accepted', (error) => error.code);
          codes[`${name}Ms`] = Math.round(performance.now() - started);
        }
        for (const [name, text] of Object.entries({ paste: 'x'.repeat(100_000), bidi: 'abc\u202Ecba', hidden: 'Le\u00ADa' })) {
          const errors = window.__viewerEvents.filter((e) => e.type === 'error').length;
          viewer.setAttribute('engraving-back', text);
          while (window.__viewerEvents.filter((e) => e.type === 'error').length === errors) await new Promise((r) => setTimeout(r, 20));
          codes[name] = window.__viewerEvents.filter((e) => e.type === 'error').at(-1).detail.code;
        }
        return codes;
      });
      console.log(`${backend} photos and text: ${JSON.stringify(refusals)}`);
      assert.deepEqual([refusals.gif, refusals.jpeg, refusals.heic, refusals.huge, refusals.empty],
        ['photo-too-large', 'photo-corrupt', 'photo-unsupported', 'photo-file-too-large', 'photo-empty']);
      assert.deepEqual([refusals.paste, refusals.bidi, refusals.hidden],
        ['engraving-too-long', 'engraving-control-character', 'engraving-control-character']);
      const photoPendant = analyze(await viewerPixels(page));
      assert.ok(photoPendant.coverage > 0.05, `the photo pendant is still drawn (${photoPendant.coverage})`);
      const end = await memory();
      // Bounds: everything refused allocates nothing; the 19,000-node chain and the JSON of
      // the largest refused files are all that may stay.
      assert.ok(end.wasm - start.wasm < 96 * MIB, `wasm memory grew ${((end.wasm - start.wasm) / MIB).toFixed(1)} MiB`);
      assert.ok(end.heap < 32 * MIB, `JS heap ${(end.heap / MIB).toFixed(1)} MiB`);
      const unexpected = consoleErrors.filter((e) => !/Failed to load resource|net::ERR/.test(e));
      assert.deepEqual(unexpected, []);
    } finally {
      await browser.close();
    }
  });
}

test('the bench page sets only the element\'s own attributes from its link', async () => {
  const { browser, page } = await launch({ webgpu: false });
  try {
    const payload = encodeURIComponent('window.__xss = 1');
    await page.goto(`${server.origin}/bench.html?backend=webgl2&attr-onmouseover=${payload}&attr-style=display:none&attr-background=white`);
    await waitForEvent(page, 'load');
    const element = await page.evaluate(() => {
      const viewer = document.querySelector('pendant-viewer');
      return { on: viewer.getAttribute('onmouseover'), style: viewer.getAttribute('style'), background: viewer.getAttribute('background') };
    });
    assert.deepEqual(element, { on: null, style: null, background: 'white' });
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  } finally {
    await browser.close();
  }
});
