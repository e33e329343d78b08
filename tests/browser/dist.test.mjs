// dist/ (scripts/dist.sh, `make dist`): copied to a static host as it is, it serves the
// element and the iframe embed; its package.json points at files that exist, and its
// TypeScript declarations compile against a shop's use of the element.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { analyze, launch, startServer, viewerPixels, waitForEvent } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}dist/`;

test('dist/ is a complete package: its files exist and its declarations compile', async () => {
  await access(DIST).catch(() => assert.fail('dist/ is missing: run scripts/dist.sh (make test does)'));
  const manifest = JSON.parse(await readFile(`${DIST}package.json`, 'utf8'));
  assert.equal(manifest.name, 'pendant-viewer');
  for (const file of [manifest.main, manifest.types, 'pkg/webgpu/pendant_viewer_bg.wasm', 'pkg/webgl/pendant_viewer_bg.wasm', 'pkg/proof/pendant_viewer_bg.wasm',
    'fonts/script.ttf', 'fonts/OFL-dancing-script.txt', 'models/disc-pendant.glb', 'embed.html']) {
    await access(`${DIST}${file}`);
  }
  const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
  // --typeRoots: a shop's page, not node_modules/@types (the corpus tools bring @types/node).
  await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--typeRoots', `${ROOT}tests/types`, `${ROOT}tests/types/usage.ts`])
    .catch((error) => assert.fail(`tsc: ${error.stdout}${error.stderr}`));
});

test('dist/ served by a plain static server shows the embed', async () => {
  const server = await startServer({}, DIST);
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    const design = Buffer.from(JSON.stringify({ version: 1, model: 'models/disc-pendant.glb', finish: { metal: 'yellow-gold' },
      engraving: { front: { text: 'Ava' } }, view: { autoRotate: false } })).toString('base64url');
    await page.goto(`${server.origin}/embed.html#design=${design}`);
    await waitForEvent(page, 'load');
    await waitForEvent(page, 'engraving');
    await page.waitForTimeout(300);
    const { coverage } = analyze(await viewerPixels(page));
    assert.ok(coverage > 0.15, `the pendant shows (${coverage})`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
