// The demo shop's bag: a price that follows the design (an example formula, docs/shop.md),
// and "Add to bag" lines with a thumbnail, the options in words, the proof and an "Edit" link
// that restores the exact design. What a real shop's cart would store is the order payload
// (`orderPayload`), shown under "What the workshop receives". Nothing is sent anywhere.

/** Illustrative list prices, USD (not live metal prices). */
export const PRICES = {
  // Metal per gram, as cast and finished.
  perGram: { 'yellow-gold': 68, 'rose-gold': 68, 'white-gold': 72, 'sterling-silver': 1.4, platinum: 42 },
  // Making it, per shape (model file or cut-out kind).
  labour: {
    'models/disc-pendant.glb': 150, 'models/locket-round.glb': 210, 'models/locket-heart.glb': 210,
    'models/locket-oval.glb': 210, 'models/photo-round.glb': 190, 'models/charm-heart.glb': 120,
    'models/heart-puffy.glb': 170, 'models/birthstone-disc.glb': 185, 'models/solitaire-prong.glb': 210,
    'models/photo-birthstone.glb': 225, 'models/bar-horizontal.glb': 150, 'models/bar-vertical.glb': 180,
    nameplate: 170, initial: 150, monogram: 190,
  },
  labourOther: 200,
  freeLetters: 10, // engraved letters included, all sides together
  perLetter: 3,
  stone: { diamond: 290, other: 45 },
  chainIncludedIn: 16,
  chainPerTwoInches: 12,
};

/**
 * The price of a design (`getConfig({production: true})`): labour + metal weight × price per
 * gram + letters beyond the included ones + the stone + chain beyond 16 in. `total` is null
 * when the weight is unknown (the price is then on request). Parts in the order they add up.
 */
export function priceOf(config) {
  const parts = [];
  const labour = PRICES.labour[config.shape?.kind ?? config.model] ?? PRICES.labourOther;
  parts.push({ label: 'Making', amount: labour });
  const metal = config.finish?.metal ?? 'yellow-gold';
  const grams = config.weight?.weight_g?.[metal];
  if (grams === undefined) return { total: null, parts, currency: 'USD' };
  parts.push({ label: `Metal, ${grams.toFixed(2)} g`, amount: grams * PRICES.perGram[metal] });
  // A cut-out's own letters are its making; engraved letters beyond the included ones cost.
  const letters = Object.values(config.engraving ?? {}).reduce((n, side) => n + [...(side.text ?? '').replace(/\s/g, '')].length, 0);
  if (letters > PRICES.freeLetters) parts.push({ label: `${letters - PRICES.freeLetters} more letters`, amount: (letters - PRICES.freeLetters) * PRICES.perLetter });
  const stone = config.stone ?? (config.birthstone ? 'birthstone' : null);
  if (stone) parts.push({ label: 'Stone', amount: stone === 'diamond' ? PRICES.stone.diamond : PRICES.stone.other });
  const length = config.chain?.lengthIn;
  if (length > PRICES.chainIncludedIn) {
    parts.push({ label: `${length} in chain`, amount: ((length - PRICES.chainIncludedIn) / 2) * PRICES.chainPerTwoInches });
  }
  const total = Math.round(parts.reduce((sum, part) => sum + part.amount, 0));
  return { total, parts: parts.map((p) => ({ ...p, amount: Math.round(p.amount) })), currency: 'USD' };
}

/** "$1,234" or "Price on request". */
export const formatPrice = ({ total }) => (total === null ? 'Price on request' : `$${total.toLocaleString('en-US')}`);

/**
 * What a shop's cart line carries to the order (docs/shop.md, "The order payload"): the
 * design to restore it, the production specs and SVGs for the workshop, the options in words,
 * the price and the proof.
 */
export function orderPayload(line) {
  const production = line.production;
  const svgs = Object.fromEntries(Object.keys(production.engraving ?? {}).map((side) => [`engraving-${side}`, line.svgs[side]]));
  if (line.svgs.cutout) svgs.cutout = line.svgs.cutout;
  return {
    title: line.title,
    price: line.price,
    options: line.words,
    design: line.design,
    production: { engraving: Object.fromEntries(Object.entries(production.engraving ?? {}).map(([side, cut]) => [side, cut.production])), weight: production.weight },
    production_svg: svgs,
    proof: { file: 'proof.pdf', type: 'application/pdf', bytes: line.proof.size },
    edit_link: line.editLink,
  };
}

/** The bag: its lines in memory, shown in `list`; `viewer` is the page's <pendant-viewer>. */
export class Bag {
  constructor(list, viewer, status) {
    this.lines = [];
    this.list = list;
    this.viewer = viewer;
    this.status = status;
  }

  /** Adds the current design; resolves with the line. Rejects like getConfig and makeProof. */
  async add(title) {
    const viewer = this.viewer;
    const production = viewer.getConfig({ production: true }); // design-invalid names a refused value
    const design = viewer.getConfig();
    const editLink = `${location.origin}${location.pathname}#${viewer.configToFragment(design)}`;
    const words = await viewer.describeDesign();
    const proof = await viewer.makeProof({ link: editLink });
    const thumbnail = await viewer.toBlob({ width: 160, height: 160, type: 'image/webp', quality: 0.85, orbit: '0deg 90deg 100%' });
    const svgs = Object.fromEntries(Object.keys(production.engraving ?? {}).map((side) => [side, viewer.engravingSvg(side)]));
    if (design.shape) svgs.cutout = viewer.cutoutSvg();
    const photos = [0, 1].map((area) => viewer.photoFile(area)); // the shopper's own files, to edit again
    const line = { id: crypto.randomUUID(), title, design, production, words: words.map(({ label, value }) => `${label}: ${value}`),
      price: priceOf(production), editLink, proof, svgs, photos,
      proofUrl: URL.createObjectURL(proof), thumbnailUrl: URL.createObjectURL(thumbnail) };
    this.lines.push(line);
    this.render();
    return line;
  }

  /** Shows `line`'s design again, the shopper's own photos included. */
  async edit(line) {
    await this.viewer.setConfig(line.design);
    for (const [area, file] of line.photos.entries()) {
      if (file) await this.viewer.setPhoto(file, area);
    }
  }

  remove(line) {
    URL.revokeObjectURL(line.proofUrl);
    URL.revokeObjectURL(line.thumbnailUrl);
    this.lines = this.lines.filter((l) => l !== line);
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.lines.map((line) => {
      const item = document.createElement('li');
      item.className = 'bag-line';
      item.dataset.id = line.id;
      const thumbnail = Object.assign(document.createElement('img'), { src: line.thumbnailUrl, alt: line.title, width: 80, height: 80 });
      const text = document.createElement('div');
      const heading = Object.assign(document.createElement('strong'), { textContent: `${line.title} · ${formatPrice(line.price)}` });
      const options = document.createElement('ul');
      options.append(...line.words.map((words) => Object.assign(document.createElement('li'), { textContent: words })));
      const proof = Object.assign(document.createElement('a'), { href: line.proofUrl, download: 'proof.pdf', textContent: 'Proof (PDF)', className: 'proof' });
      const edit = Object.assign(document.createElement('a'), { href: line.editLink, textContent: 'Edit', className: 'edit' });
      edit.addEventListener('click', async (event) => {
        event.preventDefault();
        try {
          await this.edit(line);
          this.status.textContent = `Editing ${line.title}: change it and add it to your bag again.`;
        } catch (error) {
          this.status.textContent = `Could not restore this design: ${error.message}`;
        }
      });
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove', className: 'remove' });
      remove.addEventListener('click', () => this.remove(line));
      const actions = document.createElement('p');
      actions.append(proof, ' · ', edit, ' · ', remove);
      text.append(heading, options, actions);
      item.append(thumbnail, text);
      return item;
    }));
    this.list.closest('section').hidden = this.lines.length === 0;
  }
}
