// Proof: the one-page PDF a shopper approves and a workshop reads (src/proof/, docs/proof.md):
// the stills (toBlob's path, so the pixels the screen shows), the outline at true size, the
// engravings as cut, the options, weight and warnings, and the design's link as a QR code.
// The proof module (./pkg/proof/) is fetched only when a proof is asked for; nothing is sent
// anywhere: the PDF is made in the page and handed back as a Blob.

import { codedError, lazyModule } from './shared.js';

const PROOF_MODULE = new URL('../pkg/proof/pendant_viewer.js', import.meta.url);
const PROOF_STILL_SIDE = 560; // pixels: 58 mm on the page, about 250 dpi
const PNG_DPI = 150; // the proof as a picture for email: 1240 × 1754 pixels
const PAGE_SANS = 'Helvetica, Arial, sans-serif'; // the PDF's standard fonts, or the nearest
const PAGE_MONO = '"Courier New", Courier, monospace';

/**
 * Paints the proof's page (the proof module's drawing operations, mm from the top left) on a
 * canvas at PNG_DPI: the same layout as the PDF, for an email. Resolves with the PNG Blob.
 */
async function paintProof(page, stills) {
  const scale = PNG_DPI / 25.4;
  const [width, height] = page.page_mm.map((mm) => Math.round(mm * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.scale(scale, scale);
  const pictures = await Promise.all(stills.map((bytes) => createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }))));
  const colour = ([r, g, b]) => `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
  for (const op of page.ops) {
    if (op.op === 'text') {
      const weight = op.font === 'bold' ? 'bold ' : '';
      context.font = `${weight}${(op.size_pt * 25.4) / 72}px ${op.font === 'mono' ? PAGE_MONO : PAGE_SANS}`;
      context.fillStyle = colour(op.rgb);
      context.fillText(op.text, op.at[0], op.at[1]);
    } else if (op.op === 'image') {
      context.drawImage(pictures[op.index], op.at[0], op.at[1], op.size[0], op.size[1]);
    } else {
      const path = new Path2D();
      for (const [command, ...n] of op.path) {
        if (command === 'M') path.moveTo(n[0], n[1]);
        else if (command === 'L') path.lineTo(n[0], n[1]);
        else if (command === 'C') path.bezierCurveTo(n[0], n[1], n[2], n[3], n[4], n[5]);
        else path.closePath();
      }
      if (op.op === 'fill') {
        context.fillStyle = colour(op.rgb);
        context.fill(path, op.even_odd ? 'evenodd' : 'nonzero');
      } else {
        context.strokeStyle = colour(op.rgb);
        context.lineWidth = op.width_mm;
        context.stroke(path);
      }
    }
  }
  for (const picture of pictures) picture.close();
  return canvas.convertToBlob({ type: 'image/png' });
}
const loadProofModule = lazyModule(PROOF_MODULE, 'proof-failed', 'the proof module');

export const ProofFeature = (Base) => class extends Base {
  /**
   * The design's proof, made in the page: a PDF Blob, or with `type: 'image/png'` the same
   * page as a picture for email (150 dpi). `link`: the URL its QR code opens (default: this
   * page with the design's share fragment). Fires `proof` with {bytes, milliseconds}. Rejects
   * with design-invalid (naming the attribute holding a refused value), viewer-not-ready or
   * proof-failed.
   */
  async makeProof({ link, type = 'application/pdf' } = {}) {
    if (type !== 'application/pdf' && type !== 'image/png') {
      throw codedError('proof-failed', `a proof is made as application/pdf or image/png, not ${type}`);
    }
    await this._ensureStarted();
    await this._settled();
    const config = this.getConfig({ production: true });
    const viewer = this._viewer;
    if (!viewer?.hasModel()) throw codedError('viewer-not-ready', 'there is no pendant to make a proof of yet');
    const started = performance.now();
    const module = await loadProofModule();
    // Front and back closed; a locket's inside open (as the native proof draws them).
    const views = [['Front', '0deg 90deg 100%', false], ['Back', '180deg 90deg 100%', false]];
    if (viewer.canOpen()) views.push(['Inside', '0deg 75deg 100%', true]);
    const labels = views.map(([label]) => label);
    const stills = [];
    for (const [, orbit, open] of views) {
      const blob = await this.toBlob({ width: PROOF_STILL_SIDE, height: PROOF_STILL_SIDE, type: 'image/jpeg', quality: 0.9, orbit, open });
      stills.push(new Uint8Array(await blob.arrayBuffer()));
    }
    const request = JSON.stringify(this._proofRequest(config, link));
    let proof;
    try {
      proof = type === 'image/png'
        ? await paintProof(JSON.parse(module.proofPage(request, viewer.frontTriangles(), labels, stills)), stills)
        : new Blob([module.makeProof(request, viewer.frontTriangles(), labels, stills)], { type });
    } catch (error) {
      throw codedError('proof-failed', error.message);
    }
    this._dispatch('proof', { bytes: proof.size, milliseconds: performance.now() - started });
    return proof;
  }

  /**
   * The design's options in words, as its proof lists them: [{label, value}] (metal, stone,
   * chain, size, weight, photos, each engraving), for a cart line or an order email. Loads
   * the proof module. Rejects like makeProof.
   */
  async describeDesign() {
    await this._ensureStarted();
    await this._settled();
    const config = this.getConfig({ production: true });
    if (!this._viewer?.hasModel()) throw codedError('viewer-not-ready', 'there is no pendant to describe yet');
    const module = await loadProofModule();
    let words;
    try {
      words = JSON.parse(module.describeDesign(JSON.stringify(this._proofRequest(config, ''))));
    } catch (error) {
      throw codedError('proof-failed', error.message);
    }
    return words.map(([label, value]) => ({ label, value }));
  }

  /** What the proof module reads besides the stills (docs/proof.md, "The request"). */
  _proofRequest(config, link) {
    const viewer = this._viewer;
    const areas = this.photoAreas;
    return {
      design: config,
      link: link ?? `${location.href.split('#')[0]}#${this.configToFragment()}`,
      dimensions_mm: Array.from(viewer.dimensions()),
      engraving_svg: Object.fromEntries(Object.keys(config.engraving ?? {})
        .map((side) => [side, this.engravingSvg(side)]).filter(([, svg]) => svg)),
      photos: areas.map((area, index) => {
        const placement = this._placements?.[index];
        const size = this._photoSizes?.[index];
        return placement && size ? { area_mm: [area.widthMm, area.heightMm], photo_px: size, corners: placement.corners } : null;
      }),
    };
  }
};
