#!/usr/bin/env node
// The merchant corpus: our own pendants made web-ready the way merchants' tools do it, with the
// real tools (npm gltfpack and @gltf-transform/cli, run as a shop would run them), each file
// checked by the Khronos glTF-Validator. Written to target/corpus/ with index.json:
//   [{file, source, recipe, command, bytes, expect, names?}]   expect: "same" (renders as its
//   source within quantization error, slots intact) or "refused:<code>" (what the viewer must
//   say, naming `names`).
// Used by tests/corpus.rs (natively) and tests/browser/corpus.test.mjs (both backends).
//   node scripts/corpus.mjs [--quiet]

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import validator from 'gltf-validator';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS, KHRMaterialsPBRSpecularGlossiness, KHRMaterialsVariants } from '@gltf-transform/extensions';
import { dequantize } from '@gltf-transform/functions';
import { PNG } from 'pngjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'target', 'corpus');
const BIN = join(ROOT, 'node_modules', '.bin');
const quiet = process.argv.includes('--quiet');

/** Slot-safe recipes: what docs/models.md tells a merchant to run (names and UVs kept). */
const RECIPES = {
  quantize: (i, o) => ['gltf-transform', ['quantize', i, o]],
  meshopt: (i, o) => ['gltf-transform', ['meshopt', i, o]],
  optimize: (i, o) => ['gltf-transform', ['optimize', i, o, '--compress', 'meshopt', '--prune', 'false', '--simplify', 'false', '--join', 'false', '--flatten', 'false', '--texture-compress', 'false']],
  gltfpack: (i, o) => ['gltfpack', ['-i', i, '-o', o, '-cc', '-kn', '-km', '-kv', '-vtf']],
  'gltfpack-fallback': (i, o) => ['gltfpack', ['-i', i, '-o', o, '-c', '-cf', '-kn', '-km', '-kv']],
  draco: (i, o) => ['gltf-transform', ['draco', i, o]],
  webp: (i, o) => ['gltf-transform', ['webp', i, o]],
};

/** Which recipes each source goes through, and what the viewer must do with the result. */
const PLAN = [
  ['disc-pendant', ['quantize', 'meshopt', 'optimize', 'gltfpack', 'gltfpack-fallback']],
  ['birthstone-disc', ['meshopt', 'gltfpack']],
  ['locket-heart', ['quantize', 'optimize', 'gltfpack']],
  ['bar-horizontal', ['gltfpack']],
  ['disc-pendant', ['draco']],
  ['locket-heart', ['draco']],
  ['disc-textured', ['webp', 'gltfpack']],
  ['disc-highpoly', ['gltfpack']],
];

function run(tool, args) {
  execFileSync(join(BIN, tool), args, { stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
}

/** A small 64 × 64 PNG: a warm brushed pattern, for the textured source. */
function patternPng() {
  const png = new PNG({ width: 64, height: 64 });
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const i = (y * 64 + x) * 4;
      const stripe = 200 + 40 * Math.sin(x * 0.6) * Math.cos(y * 0.2);
      png.data.set([Math.min(255, stripe), Math.min(255, stripe * 0.85), Math.min(255, stripe * 0.6), 255], i);
    }
  }
  return PNG.sync.write(png);
}

const io = new NodeIO().registerExtensions(ALL_EXTENSIONS);

/** disc-pendant with a base colour texture on its metal (what webp converts). */
async function texturedSource(path) {
  const document = await io.read(join(ROOT, 'models', 'disc-pendant.glb'));
  const texture = document.createTexture('pattern').setImage(patternPng()).setMimeType('image/png');
  const metal = document.getRoot().listMaterials()[0];
  metal.setBaseColorTexture(texture);
  await io.write(path, document);
}

/** disc-pendant requiring an extension the viewer does not read (the archived spec-gloss model). */
async function unreadExtension(path) {
  const document = await io.read(join(ROOT, 'models', 'disc-pendant.glb'));
  const specGloss = document.createExtension(KHRMaterialsPBRSpecularGlossiness).setRequired(true);
  const metal = document.getRoot().listMaterials()[0];
  metal.setExtension('KHR_materials_pbrSpecularGlossiness', specGloss.createPBRSpecularGlossiness().setSpecularFactor([1, 0.78, 0.34]));
  await io.write(path, document);
}

/** disc-pendant with KHR_materials_variants "Gold" (as authored) and "Silver". */
async function variantsFile(path) {
  const document = await io.read(join(ROOT, 'models', 'disc-pendant.glb'));
  const variants = document.createExtension(KHRMaterialsVariants);
  const gold = variants.createVariant('Gold');
  const silver = variants.createVariant('Silver');
  const metal = document.getRoot().listMaterials()[0];
  const white = metal.clone().setName('sterling silver').setBaseColorFactor([0.97, 0.96, 0.91, 1]);
  for (const mesh of document.getRoot().listMeshes()) {
    for (const primitive of mesh.listPrimitives()) {
      if (primitive.getMaterial() !== metal) continue;
      const mappings = variants.createMappingList();
      mappings.addMapping(variants.createMapping().setMaterial(metal).addVariant(gold));
      mappings.addMapping(variants.createMapping().setMaterial(white).addVariant(silver));
      primitive.setExtension('KHR_materials_variants', mappings);
    }
  }
  await io.write(path, document);
}

/**
 * Splits every triangle of `indices` into four at its edges' midpoints, `levels` times: the
 * same surface (flat midpoints; normals and UVs averaged), four times the triangles a level.
 */
function subdivide({ position, normal, uv, indices }, levels) {
  for (let level = 0; level < levels; level++) {
    const midpoints = new Map();
    const out = new Uint32Array(indices.length * 4);
    const grow = (array, size, extra) => { const next = new Float32Array(array.length + extra * size); next.set(array); return next; };
    const edges = indices.length; // at most one new vertex per index
    let count = position.length / 3;
    position = grow(position, 3, edges); normal = grow(normal, 3, edges); uv = grow(uv, 2, edges);
    const midpoint = (a, b) => {
      const key = a < b ? a * 4294967296 + b : b * 4294967296 + a;
      let m = midpoints.get(key);
      if (m === undefined) {
        m = count++;
        for (let c = 0; c < 3; c++) position[m * 3 + c] = (position[a * 3 + c] + position[b * 3 + c]) / 2;
        const n = [0, 1, 2].map((c) => normal[a * 3 + c] + normal[b * 3 + c]);
        const length = Math.hypot(...n) || 1;
        for (let c = 0; c < 3; c++) normal[m * 3 + c] = n[c] / length;
        for (let c = 0; c < 2; c++) uv[m * 2 + c] = (uv[a * 2 + c] + uv[b * 2 + c]) / 2;
        midpoints.set(key, m);
      }
      return m;
    };
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]];
      const [ab, bc, ca] = [midpoint(a, b), midpoint(b, c), midpoint(c, a)];
      out.set([a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca], t * 4);
    }
    indices = out;
    position = position.slice(0, count * 3); normal = normal.slice(0, count * 3); uv = uv.slice(0, count * 2);
  }
  return { position, normal, uv, indices };
}

/** disc-pendant with its disc split `levels` times (4: 787,072 triangles): a CAD export, float. */
async function highPoly(path, levels) {
  const document = await io.read(join(ROOT, 'models', 'disc-pendant.glb'));
  await document.transform(dequantize());
  const disc = document.getRoot().listMeshes().find((mesh) => mesh.getName() === 'disc');
  const primitive = disc.listPrimitives()[0];
  const read = (semantic) => primitive.getAttribute(semantic).getArray();
  const fine = subdivide({ position: read('POSITION'), normal: read('NORMAL'), uv: read('TEXCOORD_0'),
    indices: Uint32Array.from(primitive.getIndices().getArray()) }, levels);
  const buffer = document.getRoot().listBuffers()[0];
  const accessor = (array, type) => document.createAccessor().setArray(array).setType(type).setBuffer(buffer);
  primitive.setAttribute('POSITION', accessor(fine.position, 'VEC3'));
  primitive.setAttribute('NORMAL', accessor(fine.normal, 'VEC3'));
  primitive.setAttribute('TEXCOORD_0', accessor(fine.uv, 'VEC2'));
  primitive.setIndices(accessor(fine.indices, 'SCALAR'));
  for (const extension of document.getRoot().listExtensionsUsed()) extension.dispose();
  await io.write(path, document);
}

async function validate(path) {
  const report = await validator.validateBytes(new Uint8Array(readFileSync(path)), {
    maxIssues: 20,
    externalResourceFunction: async (uri) => new Uint8Array(readFileSync(join(dirname(path), decodeURIComponent(uri)))),
  });
  const errors = report.issues.messages.filter((m) => m.severity === 0);
  if (report.issues.numErrors > 0) {
    throw new Error(`${path}: glTF-Validator errors:\n${errors.map((m) => `${m.pointer ?? ''} ${m.code}: ${m.message}`).join('\n')}`);
  }
}

mkdirSync(OUT, { recursive: true });
const index = [];
const made = ['disc-textured', 'disc-highpoly'];
const sourcePath = (name) => (made.includes(name) ? join(OUT, `${name}.glb`) : join(ROOT, 'models', `${name}.glb`));
await texturedSource(join(OUT, 'disc-textured.glb'));
index.push({ file: 'disc-textured.glb', source: 'disc-textured', recipe: 'source', command: 'gltf-transform (core API): disc-pendant + a PNG base colour texture', bytes: statSync(join(OUT, 'disc-textured.glb')).size, expect: 'same' });
await variantsFile(join(OUT, 'disc-variants.glb'));
await unreadExtension(join(OUT, 'disc-specgloss.glb'));
index.push({ file: 'disc-specgloss.glb', source: 'disc-pendant', recipe: 'unread-extension', command: 'gltf-transform (core API): KHR_materials_pbrSpecularGlossiness, required', bytes: statSync(join(OUT, 'disc-specgloss.glb')).size, expect: 'refused:model-unsupported-extension', names: 'KHR_materials_pbrSpecularGlossiness' });
for (const [file, levels] of [['disc-midpoly.glb', 3], ['disc-highpoly.glb', 4]]) {
  await highPoly(join(OUT, file), levels);
  index.push({ file, source: 'disc-pendant', recipe: 'subdivided', command: `scripts/corpus.mjs: each triangle of the disc split in four, ${levels} times`, bytes: statSync(join(OUT, file)).size, expect: 'same' });
}
index.push({ file: 'disc-variants.glb', source: 'disc-pendant', recipe: 'variants', command: 'gltf-transform (core API): KHR_materials_variants Gold, Silver', bytes: statSync(join(OUT, 'disc-variants.glb')).size, expect: 'same' });
for (const [source, recipes, expect = 'same'] of PLAN) {
  for (const recipe of recipes) {
    const file = `${source}--${recipe}.glb`;
    const [tool, args] = RECIPES[recipe](sourcePath(source), join(OUT, file));
    run(tool, args);
    index.push({ file, source, recipe, command: `${tool} ${args.map((a) => a.replace(ROOT + '/', '').replace(OUT + '/', '')).join(' ')}`, bytes: statSync(join(OUT, file)).size, expect });
  }
}
for (const entry of index) await validate(join(OUT, entry.file));
writeFileSync(join(OUT, 'index.json'), JSON.stringify(index, null, 1));
if (!quiet) {
  for (const { file, bytes, expect } of index) console.log(`corpus: ${file.padEnd(40)} ${String(bytes).padStart(8)} B  ${expect}`);
}
