// Merchant models as they ship, in the page on both backends: files from the corpus
// (scripts/corpus.mjs: our pendants through gltfpack and glTF-Transform) render as their source
// does, the 787,072-triangle disc too; each decoder module (meshopt, Draco) is fetched once, only for a compressed model, and a fallback
// buffer's file never; Draco decodes too; a variants file switches gold ↔ silver through
// `variant`; a file that requires an extension we do not read is refused naming it. One
// browser per backend.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { analyze, differingFraction, launch, setAttributes as set, startServer, viewerPixels, waitForEvent } from './harness.mjs';

const CORPUS = new URL('../../target/corpus/', import.meta.url);

let server;
before(async () => {
  if (!existsSync(new URL('index.json', CORPUS))) {
    execFileSync('node', [new URL('../../scripts/corpus.mjs', import.meta.url).pathname, '--quiet'], { stdio: 'inherit' });
  }
  const fixtures = Object.fromEntries(readdirSync(CORPUS).filter((file) => !file.endsWith('.json'))
    .map((file) => [`/corpus/${file}`, readFileSync(new URL(file, CORPUS))]));
  server = await startServer(fixtures);
});
after(() => server.close());

const frames = (page) => page.evaluate(() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}));

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`compressed merchant models render as their source, variants switch (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      await set(page, { 'auto-rotate': null, engraving: null, 'engraving-back': null, finish: null, chain: null,
        'camera-orbit': '25deg 75deg 100%' });
      let loads = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'load').length);
      const show = async (src) => {
        await set(page, { src });
        await waitForEvent(page, 'load', { count: ++loads });
        await frames(page);
        return viewerPixels(page);
      };
      // A shop may set one variant on every product page: a model without variants shows as
      // authored, quietly (no error event below until Bronze).
      await set(page, { variant: 'Silver' });
      const source = await show('/models/disc-pendant.glb');
      const decoders = () => requests.filter((path) => /^\/pkg\/(meshopt|draco)\/.*\.wasm$/.test(path));
      assert.deepEqual(decoders(), [], 'a plain model: no decoder module');

      // The last: 787,072 triangles (the disc subdivided, then gltfpack), 2.4 MB.
      for (const file of ['disc-pendant--gltfpack.glb', 'disc-pendant--optimize.glb', 'disc-pendant--gltfpack-fallback.glb',
        'disc-pendant--draco.glb', 'disc-highpoly--gltfpack.glb']) {
        const packed = await show(`/corpus/${file}`);
        const off = differingFraction(source, packed);
        assert.ok(off < 0.01, `${file}: ${(off * 100).toFixed(2)} % of pixels differ from its source`);
        console.log(`${backendName} ${file}: ${(off * 100).toFixed(3)} % of pixels differ`);
      }
      assert.deepEqual(decoders(), ['/pkg/meshopt/pendant_viewer_bg.wasm', '/pkg/draco/pendant_viewer_bg.wasm'],
        'each decoder module once, when a model needs it');
      assert.ok(!requests.some((path) => path.endsWith('.fallback.bin')), 'a fallback buffer is decoded, not fetched');

      assert.equal(await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').length), 0,
        'models without variants ignore the variant');
      await set(page, { variant: null });

      // KHR_materials_variants: the metal as authored (gold), then silver, through the attribute.
      const gold = analyze(await show('/corpus/disc-variants.glb'));
      assert.deepEqual(await page.evaluate(() => document.querySelector('pendant-viewer').availableVariants), ['Gold', 'Silver']);
      await set(page, { variant: 'Silver' });
      await frames(page);
      const silver = analyze(await viewerPixels(page));
      const config = await page.evaluate(() => document.querySelector('pendant-viewer').getConfig());
      assert.equal(config.variant, 'Silver', 'the design (share links, orders) keeps the variant');
      const warmth = ({ mean: [r, , b] }) => r - b;
      assert.ok(warmth(gold) > 40 && warmth(silver) < warmth(gold) - 30, `gold ${gold.mean} → silver ${silver.mean}`);
      const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').length);
      await set(page, { variant: 'Bronze' });
      const refused = await waitForEvent(page, 'error', { count: errors + 1 });
      assert.equal(refused.code, 'variant-unknown');
      assert.match(refused.message, /Gold, Silver/);
      await set(page, { variant: null });

      await set(page, { src: '/corpus/disc-specgloss.glb' });
      const unread = await waitForEvent(page, 'error', { count: errors + 2 });
      assert.equal(unread.code, 'model-unsupported-extension');
      assert.match(unread.message, /KHR_materials_pbrSpecularGlossiness/);
      assert.deepEqual(consoleErrors.filter((e) => !/pbrSpecularGlossiness|variant|Bronze/.test(e)), []);
    } finally {
      await browser.close();
    }
  });
}
