// A merchant's textured model: the browser decodes its images (the wasm carries no image
// codecs), from an external file and from a data URI, on both backends; an image the browser
// cannot decode is a coded error and the previous pendant stays.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

/** A 2 × 2 checker: red top left and bottom right, blue elsewhere. */
function checkerPng() {
  const png = new PNG({ width: 2, height: 2 });
  const colours = [[230, 20, 20], [20, 20, 230], [20, 20, 230], [230, 20, 20]];
  colours.forEach(([r, g, b], i) => png.data.set([r, g, b, 255], i * 4));
  return PNG.sync.write(png);
}

/** A 20 mm square facing the viewer, its base colour from `imageUri`, sampled nearest. */
function texturedSquare(imageUri) {
  const f32 = (values) => Buffer.from(new Float32Array(values).buffer);
  const h = 0.01;
  const bin = Buffer.concat([
    f32([-h, -h, 0, h, -h, 0, h, h, 0, -h, h, 0]),
    f32([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
    f32([0, 1, 1, 1, 1, 0, 0, 0]),
    Buffer.from(new Uint16Array([0, 1, 2, 0, 2, 3]).buffer),
  ]);
  return Buffer.from(JSON.stringify({
    asset: { version: '2.0' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ name: 'square', mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, NORMAL: 1, TEXCOORD_0: 2 }, indices: 3, material: 0 }] }],
    materials: [{ pbrMetallicRoughness: { baseColorTexture: { index: 0 }, metallicFactor: 0, roughnessFactor: 0.9 } }],
    textures: [{ source: 0, sampler: 0 }],
    samplers: [{ magFilter: 9728, minFilter: 9728 }],
    images: [{ uri: imageUri }],
    buffers: [{ byteLength: bin.length, uri: `data:application/octet-stream;base64,${bin.toString('base64')}` }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: 48 },
      { buffer: 0, byteOffset: 48, byteLength: 48 },
      { buffer: 0, byteOffset: 96, byteLength: 32 },
      { buffer: 0, byteOffset: 128, byteLength: 12 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 4, type: 'VEC3', min: [-h, -h, 0], max: [h, h, 0] },
      { bufferView: 1, componentType: 5126, count: 4, type: 'VEC3' },
      { bufferView: 2, componentType: 5126, count: 4, type: 'VEC2' },
      { bufferView: 3, componentType: 5123, count: 6, type: 'SCALAR' },
    ],
  }));
}

const checker = checkerPng();
let server;
before(async () => {
  server = await startServer({
    '/fixtures/checker.png': checker,
    '/fixtures/external.gltf': texturedSquare('checker.png'),
    '/fixtures/inline.gltf': texturedSquare(`data:image/png;base64,${checker.toString('base64')}`),
    '/fixtures/broken.gltf': texturedSquare(`data:image/png;base64,${Buffer.from('not a picture').toString('base64')}`),
  });
});
after(() => server.close());

/** Mean colour of a small patch at (fx, fy) of the element's screenshot (fractions). */
function patch({ width, height, data }, fx, fy) {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(fy * height) - 3; y <= Math.round(fy * height) + 3; y++) {
    for (let x = Math.round(fx * width) - 3; x <= Math.round(fx * width) + 3; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c] += data[i + c];
      n++;
    }
  }
  return sum.map((s) => s / n);
}

for (const webgpu of [true, false]) {
  test(`a textured model shows its image, decoded by the browser (${webgpu ? 'WebGPU' : 'WebGL2'})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}&src=fixtures/external.gltf`);
      await waitForEvent(page, 'load');
      await page.locator('#auto-rotate').uncheck();
      await page.locator('#reset').click();
      await page.waitForTimeout(300);
      for (const [src, count] of [['fixtures/external.gltf', 1], ['fixtures/inline.gltf', 2]]) {
        if (count > 1) {
          await page.evaluate((s) => { document.querySelector('pendant-viewer').src = s; }, src);
          await waitForEvent(page, 'load', { count });
          await page.waitForTimeout(300);
        }
        const pixels = await viewerPixels(page);
        // The square fills the middle of the view: red top left, blue top right.
        const [topLeft, topRight] = [patch(pixels, 0.4, 0.4), patch(pixels, 0.6, 0.4)];
        assert.ok(topLeft[0] > topLeft[2] + 60, `${src}: top left is red: ${topLeft.map(Math.round)}`);
        assert.ok(topRight[2] > topRight[0] + 60, `${src}: top right is blue: ${topRight.map(Math.round)}`);
      }
      await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'fixtures/broken.gltf'; });
      const error = await waitForEvent(page, 'error');
      assert.equal(error.code, 'model-bad-image');
      assert.match(error.message, /image 0: it could not be decoded/);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}
