// Compiled (not run) by tests/browser/dist.test.mjs with `tsc --noEmit --strict`: a shop's
// TypeScript using the element through dist/pendant-viewer.d.ts. A wrong declaration fails it.
import type { PendantDesign, PendantViewerElement } from '../../dist/pendant-viewer.js';

const viewer: PendantViewerElement = document.createElement('pendant-viewer');
viewer.src = 'models/disc-pendant.glb';
viewer.addEventListener('change', (event) => {
  const design: PendantDesign = event.detail.config;
  const front: string | undefined = design.engraving?.front?.text;
  console.log(front, design.chain?.lengthIn);
});
viewer.addEventListener('error', (event) => console.log(event.detail.code));
viewer.addEventListener('warning', (event) => console.log(event.detail.part, event.detail.distanceMm.toFixed(2), event.detail.code));

viewer.addEventListener('shape', (event) => console.log(event.detail.kind, event.detail.warnings.length, event.detail.milliseconds));

async function nameNecklace(): Promise<string | null> {
  await viewer.setConfig({ version: 1, shape: { kind: 'nameplate', text: 'Olivia', font: 'script', height: 9 } });
  console.log(viewer.cutoutSpec()?.size_mm);
  return viewer.cutoutSvg();
}
void nameNecklace;

async function order(): Promise<Blob> {
  const design = await viewer.setConfig({ version: 1, finish: { metal: 'rose-gold' }, engraving: { back: { text: 'Always', font: 'serif' } } });
  viewer.setPhotoCrop(0, { zoom: 2 });
  console.log(viewer.configToFragment(design), viewer.getConfig({ production: true }).version);
  return viewer.toBlob({ width: 2048, height: 2048, transparent: true });
}
void order;

async function proof(): Promise<Blob> {
  const weight = viewer.getConfig({ production: true }).weight;
  if (weight && 'weight_g' in weight) console.log(weight.weight_g['sterling-silver'], weight.density_source);
  else if (weight) console.log(weight.weight_unknown);
  viewer.addEventListener('proof', (event) => console.log(event.detail.bytes, event.detail.milliseconds));
  return viewer.makeProof({ link: 'https://shop.example/p/disc' });
}
void proof;
