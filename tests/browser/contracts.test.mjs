// Contracts of the element checked rather than copied: every attribute a design governs is
// one the element observes, and the element's feature modules depend on the base and the
// shared helpers only (the base names no feature), so a feature can be read, changed or left
// out on its own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, startServer, waitForEvent } from './harness.mjs';

const ELEMENT = new URL('../../www/element/', import.meta.url);
const FEATURES = ['backend', 'loading', 'look', 'controls', 'engraving', 'shape', 'photos', 'worn', 'design', 'proof', 'interaction'];

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

test('every attribute a design governs is observed by the element', async () => {
  const { browser, page, consoleErrors } = await launch({ webgpu: false });
  try {
    await page.goto(`${server.origin}/?backend=webgl2`);
    await waitForEvent(page, 'load');
    const { observed, governed } = await page.evaluate(() => {
      const element = document.querySelector('pendant-viewer');
      return { observed: customElements.get('pendant-viewer').observedAttributes,
        governed: element._build.designAttributeNames() };
    });
    assert.ok(governed.length > 20, `the design governs ${governed.length} attributes`);
    const unobserved = governed.filter((name) => !observed.includes(name));
    assert.deepEqual(unobserved, [], 'a design attribute the element would not notice changing');
    assert.equal(new Set(observed).size, observed.length, 'no attribute is observed twice');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
});

test('features depend on the base and the shared helpers only', () => {
  const files = readdirSync(ELEMENT).filter((name) => name.endsWith('.js'));
  assert.deepEqual(files.sort(), ['base.js', 'shared.js', ...FEATURES.map((f) => `${f}.js`)].sort());
  for (const file of files) {
    const source = readFileSync(new URL(file, ELEMENT), 'utf8');
    const imports = [...source.matchAll(/^import .* from '(.+)';$/gm)].map((match) => match[1]);
    const allowed = file === 'shared.js' ? [] : ['./shared.js'];
    assert.deepEqual(imports.filter((path) => !allowed.includes(path)), [], `${file} imports only ${allowed}`);
  }
  const base = readFileSync(new URL('base.js', ELEMENT), 'utf8').replace(/^\/\/.*$/gm, '');
  const named = FEATURES.filter((feature) => new RegExp(`\\b${feature}Feature\\b|/${feature}\\.js`, 'i').test(base));
  assert.deepEqual(named, [], 'the base names no feature');
});
