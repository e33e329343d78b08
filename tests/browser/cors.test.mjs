// Models from another origin (a shop's CDN): only where the page allows them
// (`allowed-sources`), with CORS, and with cookies only when the page asks with
// `with-credentials`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { launch, startServer, waitForEvent } from './harness.mjs';

const disc = await readFile(new URL('../../models/disc-pendant.glb', import.meta.url));
let server;
let cdn;
const cookies = []; // the Cookie header of each request the other origin saw
const fixtures = {}; // the shop page, once the CDN's port is known
const triangles = { bytes: null }; // what the CDN serves for a .bin

before(async () => {
  server = await startServer(fixtures);
  cdn = createServer((request, response) => {
    cookies.push(request.headers.cookie ?? null);
    const headers = { 'content-type': 'model/gltf-binary' };
    if (request.url.startsWith('/cors/')) {
      headers['access-control-allow-origin'] = server.origin;
      headers['access-control-allow-credentials'] = 'true';
    }
    response.writeHead(200, headers).end(request.url.endsWith('.bin') ? triangles.bytes : disc);
  });
  await new Promise((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  const other = `http://127.0.0.1:${cdn.address().port}`;
  // The shop's own glTF whose buffer is on the other origin: that file never gets cookies.
  const triangle = Buffer.from(new Float32Array([0, 0, 0, 0.01, 0, 0, 0, 0.01, 0]).buffer);
  fixtures['/own/split.gltf'] = Buffer.from(JSON.stringify({
    asset: { version: '2.0' }, scenes: [{ nodes: [0] }], nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
    buffers: [{ byteLength: 36, uri: `${other}/cors/triangle.bin` }], bufferViews: [{ buffer: 0, byteLength: 36 }],
    accessors: [{ bufferView: 0, componentType: 5126, type: 'VEC3', count: 3, min: [0, 0, 0], max: [0.01, 0.01, 0] }],
  }));
  triangles.bytes = triangle;
  fixtures['/shop.html'] = Buffer.from(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
    <script type="module" src="pendant-viewer.js"></script>
    <pendant-viewer backend="webgl2" allowed-sources="${other}/cors/ ${other}/nocors/ /own/" src="${other}/cors/disc.glb"
      style="display:block;width:400px;height:400px"></pendant-viewer>`);
});
after(() => { server.close(); cdn.close(); });

test('a model from another origin loads only where the page allows it, sends cookies only when asked, and fails clearly without CORS', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  const other = `http://127.0.0.1:${cdn.address().port}`;
  try {
    // Cookies belong to the host, not the port: the other origin would get them if allowed.
    await page.context().addCookies([{ name: 'session', value: 'secret', domain: '127.0.0.1', path: '/' }]);
    // The demo page allows only its own origin: a link naming another one fetches nothing.
    await page.goto(`${server.origin}/?backend=webgl2&src=${encodeURIComponent(`${other}/cors/disc.glb`)}`);
    const refused = await waitForEvent(page, 'error');
    assert.equal(refused.code, 'source-not-allowed', refused.message);
    assert.deepEqual(cookies, [], 'no request reached the other origin');

    await page.goto(`${server.origin}/shop.html`);
    assert.equal((await waitForEvent(page, 'load')).src, `${other}/cors/disc.glb`);
    assert.deepEqual(cookies, [null], 'no cookie without with-credentials');

    await page.evaluate((url) => {
      const viewer = document.querySelector('pendant-viewer');
      viewer.setAttribute('with-credentials', '');
      viewer.src = url;
    }, `${other}/cors/disc.glb?again`);
    await waitForEvent(page, 'load', { count: 2 });
    assert.equal(cookies.at(-1), 'session=secret', 'with-credentials sends the cookie to a listed origin');

    await page.evaluate(() => { document.querySelector('pendant-viewer').src = '/own/split.gltf'; });
    await waitForEvent(page, 'load', { count: 3 });
    assert.equal(cookies.at(-1), null, "the shop's glTF names a file on the CDN: it goes without cookies");

    await page.evaluate((url) => { document.querySelector('pendant-viewer').src = url; }, `${other}/nocors/disc.glb`);
    const error = await waitForEvent(page, 'error');
    assert.equal(error.code, 'model-fetch-failed');
    assert.match(error.message, /could not download the model/);
    await page.evaluate((url) => { document.querySelector('pendant-viewer').src = url; }, `${other}/elsewhere/disc.glb`);
    const outside = await waitForEvent(page, 'error', { count: 2 });
    assert.equal(outside.code, 'source-not-allowed', 'a path outside the listed prefixes');
    assert.equal(cookies.length, 4, 'nothing fetched outside the listed prefixes');
    assert.ok(consoleErrors.every((e) => /CORS|Failed to load resource|Access-Control/.test(e)), consoleErrors.join('\n'));
  } finally {
    await browser.close();
  }
});
