// The demo page in headless Chromium, asserting on what a shopper sees (pixels, messages)
// and on the element's events, on both backends.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { analyze, differingFraction, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

const disc = await readFile(new URL('../../models/disc-pendant.glb', import.meta.url));
let server;

/** Splits a GLB into .gltf JSON (buffer 0 pointing at `binUri`) and its binary chunk. */
function splitGlb(glb, binUri) {
  const jsonLength = glb.readUInt32LE(12);
  const json = JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8'));
  const binStart = 20 + jsonLength + 8;
  const bin = glb.subarray(binStart, binStart + glb.readUInt32LE(20 + jsonLength));
  json.buffers[0].uri = binUri;
  return { gltf: Buffer.from(JSON.stringify(json)), bin };
}

before(async () => {
  const split = splitGlb(disc, 'parts/disc.bin');
  server = await startServer({
    '/fixtures/truncated.glb': disc.subarray(0, 2000),
    '/fixtures/not-a-model.glb': Buffer.from('<!doctype html><title>404</title>'),
    '/fixtures/split/disc.gltf': split.gltf,
    '/fixtures/split/parts/disc.bin': split.bin,
    '/fixtures/split-missing/disc.gltf': split.gltf,
  });
});
after(() => server.close());

/** Stops the slow turn and resets the view, as a shopper would, so pixels are repeatable. */
async function holdStill(page) {
  await page.locator('#auto-rotate').uncheck();
  await page.locator('#reset').click();
  await page.waitForTimeout(300);
}

/** Asserts a gold pendant fills a reasonable part of the view. */
function assertPendantVisible(pixels) {
  const { coverage, mean, corner } = analyze(pixels);
  assert.ok(coverage > 0.15, `pendant covers only ${(coverage * 100).toFixed(1)} % of the centre (backdrop ${corner})`);
  const [r, g, b] = mean;
  assert.ok(r > b + 30 && g > b, `pendant pixels should look like gold, mean colour is ${mean.map(Math.round)}`);
}

/** Makes WebGPU offer an adapter whose device request fails, before any page script runs. */
function breakWebGpuDevice() {
  const realRequestAdapter = navigator.gpu.requestAdapter.bind(navigator.gpu);
  navigator.gpu.requestAdapter = async (options) => {
    const adapter = await realRequestAdapter(options);
    if (adapter) adapter.requestDevice = async () => { throw new Error('simulated device failure'); };
    return adapter;
  };
}

for (const { name, webgpu, query, initScript, backend } of [
  { name: 'draws the default pendant with WebGPU', webgpu: true, query: '', backend: 'WebGPU' },
  { name: 'draws the default pendant with WebGL2 fallback (no WebGPU adapter)', webgpu: false, query: '', backend: 'WebGL2' },
  { name: 'draws the default pendant with WebGL2 when the page asks for it', webgpu: true, query: '?backend=webgl2', backend: 'WebGL2' },
  {
    name: 'falls back to WebGL2 on a fresh canvas when WebGPU has an adapter but no device',
    webgpu: true,
    query: '',
    initScript: breakWebGpuDevice,
    backend: 'WebGL2',
  },
]) {
  test(name, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      if (initScript) await page.addInitScript(initScript);
      await page.goto(`${server.origin}/${query}`);
      const detail = await waitForEvent(page, 'load');
      assert.equal(detail.backend, backend);
      const viewer = page.locator('pendant-viewer');
      assert.equal(await viewer.getAttribute('data-backend'), backend);
      assert.equal(await viewer.evaluate((el) => el.shadowRoot.querySelectorAll('canvas').length), 1);
      await holdStill(page);
      assertPendantVisible(await viewerPixels(page));
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('drag turns the pendant, and nothing is drawn while nothing changes', async () => {
  const { browser, page } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?src=models/heart-puffy.glb`);
    await waitForEvent(page, 'load');
    await holdStill(page);
    const framesBefore = await page.locator('pendant-viewer').evaluate((el) => el.framesRendered);
    await page.waitForTimeout(700);
    const framesIdle = await page.locator('pendant-viewer').evaluate((el) => el.framesRendered);
    assert.equal(framesIdle, framesBefore, 'frames were drawn while nothing changed');

    const before = await viewerPixels(page);
    const box = await page.locator('pendant-viewer').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const after = await viewerPixels(page);
    assert.ok(differingFraction(before, after) > 0.02, 'dragging did not change the view');
    assertPendantVisible(after);

    await page.locator('pendant-viewer').focus();
    const beforeKey = await viewerPixels(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    assert.ok(differingFraction(beforeKey, await viewerPixels(page)) > 0.01, 'arrow key did not turn the view');
  } finally {
    await browser.close();
  }
});

test('a .gltf with an external buffer loads it relative to the model URL', async () => {
  const { browser, page } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?src=fixtures/split/disc.gltf`);
    assert.equal((await waitForEvent(page, 'load')).src, 'fixtures/split/disc.gltf');
    await holdStill(page);
    assertPendantVisible(await viewerPixels(page));
  } finally {
    await browser.close();
  }
});

for (const { name, src, code, text } of [
  { name: 'a model URL that 404s', src: 'models/missing.glb', code: 'model-fetch-failed', text: /HTTP 404/ },
  { name: 'a model address that is not a URL', src: encodeURIComponent('http://[bad'), code: 'model-fetch-failed', text: /'http:\/\/\[bad' is not a URL/ },
  {
    name: 'a .gltf whose buffer file is missing',
    src: 'fixtures/split-missing/disc.gltf',
    code: 'model-fetch-failed',
    text: /file 'parts\/disc\.bin'.*HTTP 404/,
  },
  { name: 'a file that is not glTF', src: 'fixtures/not-a-model.glb', code: 'model-not-gltf', text: /not a glTF file/ },
  { name: 'a truncated GLB', src: 'fixtures/truncated.glb', code: 'model-malformed', text: /malformed glTF/ },
]) {
  test(`${name} shows a readable error and the page can load another model`, async () => {
    const { browser, page } = await launch({ webgpu: false });
    try {
      await page.goto(`${server.origin}/?src=${src}`);
      const error = await waitForEvent(page, 'error');
      assert.equal(error.code, code);
      const message = page.locator('pendant-viewer').locator('.message');
      await message.waitFor({ state: 'visible' });
      assert.match(await message.textContent(), text);
      assert.match(await page.locator('#status').textContent(), new RegExp(code));

      await page.locator('input[value="models/heart-puffy.glb"]').check();
      await waitForEvent(page, 'load');
      await message.waitFor({ state: 'hidden' });
      await holdStill(page);
      assertPendantVisible(await viewerPixels(page));
    } finally {
      await browser.close();
    }
  });
}

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`the metal picker recolours the pendant at once, and a bad finish keeps it (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/`);
      await waitForEvent(page, 'load');
      await holdStill(page);
      const gold = analyze(await viewerPixels(page));
      await page.locator('input[value="platinum"]').check();
      await page.waitForTimeout(300);
      const platinum = analyze(await viewerPixels(page));
      const warmth = ({ mean: [r, , b] }) => r - b;
      assert.ok(warmth(gold) > 40, `yellow gold should be warm, mean ${gold.mean.map(Math.round)}`);
      assert.ok(warmth(platinum) < 25, `platinum should be near neutral, mean ${platinum.mean.map(Math.round)}`);

      await page.locator('pendant-viewer').evaluate((el) => { el.finish = 'unobtainium'; });
      const error = await waitForEvent(page, 'error');
      assert.equal(error.code, 'finish-unknown-metal');
      const message = page.locator('pendant-viewer').locator('.message');
      assert.match(await message.textContent(), /unknown metal 'unobtainium'.*rose-gold/);
      const still = analyze(await viewerPixels(page));
      assert.ok(still.coverage > 0.15 && warmth(still) < 25, 'the platinum pendant stays on screen');
      await page.locator('input[value="rose-gold"]').check();
      await message.waitFor({ state: 'hidden' });
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });

  test(`background="transparent" shows the page behind the pendant (${backendName})`, async () => {
    const { browser, page } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/`);
      await waitForEvent(page, 'load');
      await holdStill(page);
      await page.locator('pendant-viewer').evaluate((el) => {
        el.style.background = 'rgb(0, 160, 0)';
        el.background = 'transparent';
      });
      await page.waitForTimeout(300);
      const { corner, coverage } = analyze(await viewerPixels(page));
      assert.deepEqual(corner, [0, 160, 0], 'the page colour shows around the pendant');
      assert.ok(coverage > 0.15, 'the pendant is still drawn');
    } finally {
      await browser.close();
    }
  });
}

/** Mean colour of the small region where the birthstone disc's stone sits (lower centre). */
/**
 * The stone's pixels, wherever the framing puts it: those that change between two renders
 * with different stones (the metal and the bezel stay). Returns the mean colour of each render
 * there and how many pixels it is.
 */
function stoneColours(a, b) {
  const sums = [[0, 0, 0], [0, 0, 0]];
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const change = [0, 1, 2].reduce((d, c) => d + Math.abs(a.data[i + c] - b.data[i + c]), 0);
    if (change < 60) continue;
    count++;
    for (const c of [0, 1, 2]) { sums[0][c] += a.data[i + c]; sums[1][c] += b.data[i + c]; }
  }
  return { count, first: sums[0].map((s) => s / count), second: sums[1].map((s) => s / count) };
}

for (const webgpu of [true, false]) {
  test(`birthstones are set into the disc and follow the month (${webgpu ? 'WebGPU' : 'WebGL2'})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/`);
      await waitForEvent(page, 'load');
      // Without the page's chain, so the framing (and the stone's place on screen) is the disc's own.
      await page.evaluate(() => ['chain', 'chain-length'].forEach((name) => document.querySelector('pendant-viewer').removeAttribute(name)));
      await page.locator('input[value="models/birthstone-disc.glb"]').check();
      await waitForEvent(page, 'load', { count: 2 });
      await holdStill(page);
      const viewer = page.locator('pendant-viewer');
      assert.equal(await viewer.evaluate((el) => el.stone), 'ruby', 'the page sets its selected stone');
      const ruby = await viewerPixels(page);

      // The month picks its usual stone when no stone is named.
      await viewer.evaluate((el) => { el.removeAttribute('stone'); el.birthstone = 'september'; });
      await page.waitForTimeout(300);
      const { count, first: [rr, rg, rb], second: [sr, sg, sb] } = stoneColours(ruby, await viewerPixels(page));
      assert.ok(count > 100, `the stone is visible: ${count} px`);
      assert.ok(rr > rg + 40 && rr > rb + 30, `a ruby looks red: ${[rr, rg, rb].map(Math.round)}`);
      assert.ok(sb > sr + 40 && sb > sg + 20, `a sapphire looks blue: ${[sr, sg, sb].map(Math.round)}`);

      await viewer.evaluate((el) => { el.stone = 'kryptonite'; });
      const error = await waitForEvent(page, 'error');
      assert.equal(error.code, 'stone-unknown');
      await viewer.evaluate((el) => { el.stone = ''; el.birthstone = '13'; });
      assert.equal((await waitForEvent(page, 'error', { count: 2 })).code, 'birthstone-unknown-month');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('shadow-intensity draws a soft shadow behind the pendant, and 0 removes it', async () => {
  const { browser, page } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/`);
    await waitForEvent(page, 'load');
    await holdStill(page);
    const viewer = page.locator('pendant-viewer');
    const withShadow = await viewerPixels(page);
    await viewer.evaluate((el) => { el.shadowIntensity = 0; });
    await page.waitForTimeout(300);
    const without = await viewerPixels(page);
    // The shadow falls below and to the right of the disc: darker there with it.
    const patch = ({ width, height, data }) => {
      let sum = 0;
      let count = 0;
      for (let y = Math.floor(height * 0.8); y < height * 0.86; y++) {
        for (let x = Math.floor(width * 0.74); x < width * 0.8; x++) {
          sum += data[(y * width + x) * 4];
          count++;
        }
      }
      return sum / count;
    };
    assert.ok(patch(without) - patch(withShadow) > 8, `shadow ${patch(withShadow)} vs none ${patch(without)}`);
  } finally {
    await browser.close();
  }
});
