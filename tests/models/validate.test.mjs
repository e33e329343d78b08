// Every shipped model passes the Khronos glTF-Validator with zero errors (npm gltf-validator,
// the reference validator compiled to JavaScript), so merchants' tools and other viewers
// read them too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import validator from 'gltf-validator';

const modelsDir = new URL('../../models/', import.meta.url);
const models = (await readdir(modelsDir)).filter((file) => file.endsWith('.glb'));

test('there are models to validate', () => {
  assert.ok(models.length >= 3, `found ${models.join(', ')}`);
});

for (const file of models) {
  test(`${file} passes the glTF-Validator with no errors`, async () => {
    const bytes = new Uint8Array(await readFile(new URL(file, modelsDir)));
    const report = await validator.validateBytes(bytes, { maxIssues: 50 });
    const errors = report.issues.messages.filter((m) => m.severity === 0);
    assert.equal(report.issues.numErrors, 0, errors.map((m) => `${m.pointer ?? ''} ${m.code}: ${m.message}`).join('\n'));
    console.log(`${file}: ${report.issues.numWarnings} warnings, ${report.issues.numInfos} infos`);
  });
}

test('the validator does report a broken file (the checks above can fail)', async () => {
  const bytes = new Uint8Array(await readFile(new URL('disc-pendant.glb', modelsDir)));
  const report = await validator.validateBytes(bytes.subarray(0, 4000));
  assert.ok(report.issues.numErrors > 0);
});
