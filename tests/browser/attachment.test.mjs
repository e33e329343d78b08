// Nothing floats: a model whose ring hangs off the body loads and shows, and the page gets a
// `warning` event saying which part, how far and how to fix it; a shipped model gets none.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, waitForEvent } from './harness.mjs';

/** `glb` with node `name` moved by `offset` (metres): its JSON chunk rewritten. */
function withTranslation(glb, name, offset) {
  const jsonLength = glb.readUInt32LE(12);
  const json = JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8'));
  const node = json.nodes.find((n) => n.name === name);
  node.translation = (node.translation ?? [0, 0, 0]).map((value, axis) => value + offset[axis]);
  let text = JSON.stringify(json);
  text += ' '.repeat((4 - (text.length % 4)) % 4);
  const bin = glb.subarray(20 + jsonLength);
  const header = Buffer.alloc(20);
  header.write('glTF', 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(20 + text.length + bin.length, 8);
  header.writeUInt32LE(text.length, 12);
  header.write('JSON', 16);
  return Buffer.concat([header, Buffer.from(text), bin]);
}

let server;
before(async () => {
  const disc = readFileSync(new URL('../../models/disc-pendant.glb', import.meta.url));
  server = await startServer({ '/models/floating-disc.glb': withTranslation(disc, 'jump_ring', [0, 0.002, 0]) });
});
after(() => server.close());

test('a ring off the body is a warning naming it, the distance and the fix; the model still shows', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    await page.waitForTimeout(500);
    const shipped = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'warning').length);
    assert.equal(shipped, 0, 'the shipped disc has nothing floating');

    await page.evaluate(() => { document.querySelector('pendant-viewer').src = 'models/floating-disc.glb'; });
    await waitForEvent(page, 'load', { count: 2 });
    const warning = await waitForEvent(page, 'warning');
    assert.equal(warning.code, 'model-part-floats');
    assert.deepEqual([warning.part, warning.nearest, warning.open], ['jump_ring', 'disc', false]);
    assert.ok(Math.abs(warning.distanceMm - 1.0) < 0.01, `${warning.distanceMm} mm`);
    assert.match(warning.message, /jump_ring is 1\.00 mm from disc: attach it/);
    assert.match(warning.src, /floating-disc\.glb$/);
    const errors = await page.evaluate(() => window.__viewerEvents.filter((e) => e.type === 'error').length);
    assert.equal(errors, 0, 'a warning, not an error');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});
