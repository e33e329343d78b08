// The demo product page: its form drives the <pendant-viewer> element and follows it back
// (a shared design link or setConfig moves the form too). The bag and the price: cart.js.

import { Bag, formatPrice, orderPayload, priceOf } from './cart.js';

const viewer = document.getElementById('viewer');
const status = document.getElementById('status');
const stoneChoice = document.getElementById('birthstone-choice');
const stoneSelect = document.getElementById('stone');
// The birthstone choice shows for shapes that hold a stone (the viewer says so once loaded).
// A shape the shopper picks gets the chosen stone if it holds one and none otherwise, so an
// order never names a stone its shape cannot hold.
let pickedShape = null;
viewer.addEventListener('load', (event) => {
  stoneChoice.hidden = viewer.stoneSettings === 0;
  if (event.detail.src !== pickedShape) return;
  pickedShape = null;
  viewer.stone = viewer.stoneSettings > 0 ? stoneSelect.value : '';
});
// Cut-outs: the name, initial or monogram is the pendant (the `shape` attributes).
const CUTOUTS = { nameplate: ['Olivia', [6, 15, 9]], initial: ['A', [8, 20, 14]], monogram: ['JKL', [10, 20, 14]] };
const cutoutChoice = document.getElementById('cutout-choice');
const cutoutText = document.getElementById('cutout-text');
const cutoutFont = document.getElementById('cutout-font');
const cutoutHeight = document.getElementById('cutout-height');
const cutoutNote = document.getElementById('cutout-note');
const applyCutout = () => {
  viewer.setAttribute('shape-text', cutoutText.value);
  viewer.setAttribute('shape-font', cutoutFont.value);
  viewer.setAttribute('shape-height', cutoutHeight.value);
};
const pickCutout = (kind) => {
  const [text, [low, high, height]] = CUTOUTS[kind];
  if (viewer.getAttribute('shape') !== kind) {
    cutoutText.value = text;
    cutoutText.maxLength = kind === 'nameplate' ? 20 : text.length;
    Object.assign(cutoutHeight, { min: low, max: high, value: height });
  }
  cutoutChoice.hidden = false;
  applyCutout();
  viewer.setAttribute('shape', kind);
};
for (const input of [cutoutText, cutoutFont, cutoutHeight]) input.addEventListener('input', applyCutout);
viewer.addEventListener('shape', (event) => {
  const { spec, warnings } = event.detail;
  const [w, h, t] = spec.size_mm;
  cutoutNote.textContent = `${w} × ${h} × ${t} mm, about ${spec.weight_g['yellow-gold']} g in 18K gold. ${warnings.join(' ')}`;
});
for (const input of document.querySelectorAll('input[name="shape"]')) {
  input.checked = input.value === viewer.src;
  input.addEventListener('change', () => {
    pickedShape = input.value in CUTOUTS ? `shape:${input.value}` : input.value;
    if (input.value in CUTOUTS) {
      pickCutout(input.value);
      return;
    }
    cutoutChoice.hidden = true;
    viewer.removeAttribute('shape');
    viewer.src = input.value;
  });
}
stoneSelect.addEventListener('change', () => { viewer.stone = stoneSelect.value; });
const finishInputs = [...document.querySelectorAll('input[name="metal"], input[name="surface"]')];
const applyFinish = () => {
  const chosen = (name) => document.querySelector(`input[name="${name}"]:checked`).value;
  viewer.finish = `${chosen('metal')} ${chosen('surface')}`;
};
for (const input of finishInputs) input.addEventListener('change', applyFinish);
document.getElementById('auto-rotate').addEventListener('change', (event) => {
  viewer.autoRotate = event.target.checked;
});
document.getElementById('reset').addEventListener('click', () => viewer.resetCamera());
// Engraving: every keystroke goes straight to the element (layout + cut take milliseconds).
const front = document.getElementById('engrave-front');
const back = document.getElementById('engrave-back');
const note = document.getElementById('engraving-note');
const applyEngraving = () => {
  const font = document.getElementById('engrave-font').value;
  const finish = document.getElementById('engrave-finish').value;
  viewer.setAttribute('engraving', front.value);
  viewer.setAttribute('engraving-back', back.value);
  viewer.setAttribute('engraving-font', font);
  viewer.setAttribute('engraving-back-font', /\d/.test(back.value) ? 'mono' : font);
  viewer.setAttribute('engraving-path', document.getElementById('engrave-arc').checked ? 'arc' : 'straight');
  viewer.setAttribute('engraving-finish', finish);
  viewer.setAttribute('engraving-back-finish', finish);
};
for (const id of ['engrave-front', 'engrave-back']) document.getElementById(id).addEventListener('input', applyEngraving);
for (const id of ['engrave-font', 'engrave-finish', 'engrave-arc']) document.getElementById(id).addEventListener('change', applyEngraving);
let lastField = front;
front.addEventListener('focus', () => { lastField = front; });
back.addEventListener('focus', () => { lastField = back; });
for (const button of document.querySelectorAll('[data-symbol]')) {
  button.addEventListener('click', () => {
    lastField.setRangeText(button.dataset.symbol, lastField.selectionStart, lastField.selectionEnd, 'end');
    lastField.focus();
    applyEngraving();
  });
}
// Helpers for what shoppers type on the back: map coordinates and dates, as jewellers write them.
const reformat = (format) => {
  try {
    back.value = format(back.value.trim());
    applyEngraving();
  } catch (error) {
    note.textContent = error.message;
  }
};
document.getElementById('as-coordinates').addEventListener('click', () =>
  reformat((text) => viewer.formatCoordinates(text, 'dms').replace(' ', '\n')));
document.getElementById('as-date').addEventListener('click', () =>
  reformat((text) => viewer.formatDate(text, 'dots')));
viewer.addEventListener('engraving', (event) => {
  const { side, letterHeightMm, warnings } = event.detail;
  note.textContent = letterHeightMm > 0
    ? `${side === 'front' ? 'Front' : 'Back'}: letters ${letterHeightMm.toFixed(1)} mm tall.${warnings.length ? ' ' + warnings.join(' ') : ''}`
    : '';
});
applyEngraving();
const openChoice = document.getElementById('open-choice');
document.getElementById('open').addEventListener('change', (event) => { viewer.open = event.target.checked; });
// Photos: file picker, drop, paste or a sample; decoded in the browser, never uploaded.
const photoChoice = document.getElementById('photo-choice');
const photoNote = document.getElementById('photo-note');
const crop = document.getElementById('photo-crop');
const previews = []; // per photo area: an ImageBitmap for the crop editor
const photoArea = () => Number(document.querySelector('input[name="photo-area"]:checked').value);
const drawCrop = () => {
  const context = crop.getContext('2d');
  context.clearRect(0, 0, crop.width, crop.height);
  const area = photoArea();
  const preview = previews[area];
  const placement = viewer.photoPlacement(area);
  if (!preview || !placement) return;
  const scale = Math.min(crop.width / preview.width, crop.height / preview.height);
  const [w, h] = [preview.width * scale, preview.height * scale];
  const [left, top] = [(crop.width - w) / 2, (crop.height - h) / 2];
  crop.dataset.box = JSON.stringify([left, top, w, h]);
  context.globalAlpha = 0.35;
  context.drawImage(preview, left, top, w, h);
  context.globalAlpha = 1;
  const corners = [];
  for (let i = 0; i < 8; i += 2) corners.push([left + placement.corners[i] * w, top + placement.corners[i + 1] * h]);
  const mask = viewer.photoAreas[area]?.mask ?? 'rect';
  context.save();
  context.beginPath();
  if (mask === 'circle' || mask === 'oval') {
    const [cx, cy] = [(corners[0][0] + corners[2][0]) / 2, (corners[0][1] + corners[2][1]) / 2];
    const across = Math.hypot(corners[1][0] - corners[0][0], corners[1][1] - corners[0][1]) / 2;
    const down = Math.hypot(corners[3][0] - corners[0][0], corners[3][1] - corners[0][1]) / 2;
    context.ellipse(cx, cy, across, down, Math.atan2(corners[1][1] - corners[0][1], corners[1][0] - corners[0][0]), 0, 2 * Math.PI);
  } else {
    corners.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
    context.closePath();
  }
  context.clip();
  context.drawImage(preview, left, top, w, h);
  context.restore();
  context.strokeStyle = '#7a5c2e';
  context.lineWidth = 2;
  context.stroke();
};
const showPhoto = async (blob) => {
  photoNote.textContent = 'Setting your photo…';
  try {
    await viewer.setPhoto(blob, { area: photoArea() });
  } catch (error) {
    photoNote.textContent = error.message;
  }
};
// However the photo arrived (picker, drop on the page or on the viewer, paste, sample).
viewer.addEventListener('photo', async (event) => {
  const { area, width, height } = event.detail;
  document.querySelector(`input[name="photo-area"][value="${area}"]`).checked = true;
  previews[area]?.close();
  previews[area] = await createImageBitmap(viewer.photoFile(area), { imageOrientation: 'from-image', resizeHeight: 360, resizeQuality: 'medium' });
  document.getElementById('photo-zoom').value = 1;
  photoNote.textContent = `Your photo (${width} × ${height} px) is in the pendant — it stays on your device.`;
  drawCrop();
});
document.getElementById('photo-file').addEventListener('change', (event) => {
  if (event.target.files[0]) showPhoto(event.target.files[0]);
  event.target.value = '';
});
for (const button of document.querySelectorAll('[data-sample]')) {
  button.addEventListener('click', async () => showPhoto(await (await fetch(button.dataset.sample)).blob()));
}
{ // The viewer takes drops and pastes itself; the drop zone next to it too.
  const target = document.getElementById('photo-drop');
  target.addEventListener('dragover', (event) => { event.preventDefault(); photoChoice.classList.add('dragging'); });
  target.addEventListener('dragleave', () => photoChoice.classList.remove('dragging'));
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    photoChoice.classList.remove('dragging');
    const file = event.dataTransfer.files[0];
    if (file && !photoChoice.hidden) showPhoto(file);
  });
}
document.addEventListener('paste', (event) => {
  if (event.target === viewer) return; // the viewer took it
  const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
  if (file && !photoChoice.hidden) showPhoto(file);
});
const recrop = (change) => {
  try {
    viewer.setPhotoCrop(photoArea(), change);
    drawCrop();
  } catch (error) {
    photoNote.textContent = error.message;
  }
};
document.getElementById('photo-zoom').addEventListener('input', (event) => recrop({ zoom: Number(event.target.value) }));
document.getElementById('photo-rotate').addEventListener('click', () => {
  const placement = viewer.photoPlacement(photoArea());
  if (placement) recrop({ rotation: placement.rotation + 90 });
});
document.getElementById('photo-reset').addEventListener('click', () => {
  document.getElementById('photo-zoom').value = 1;
  recrop({ zoom: 1, x: 0, y: 0, rotation: 0 });
});
let dragFrom = null;
crop.addEventListener('pointerdown', (event) => { dragFrom = [event.offsetX, event.offsetY]; crop.setPointerCapture(event.pointerId); });
crop.addEventListener('pointerup', () => { dragFrom = null; });
crop.addEventListener('pointermove', (event) => {
  if (!dragFrom || !crop.dataset.box) return;
  const [, , w, h] = JSON.parse(crop.dataset.box);
  try {
    viewer.panPhoto(photoArea(), (event.offsetX - dragFrom[0]) / w, (event.offsetY - dragFrom[1]) / h);
    drawCrop();
  } catch { /* no photo in this area yet */ }
  dragFrom = [event.offsetX, event.offsetY];
});
for (const input of document.querySelectorAll('input[name="photo-area"]')) input.addEventListener('change', drawCrop);
document.getElementById('photo-style').addEventListener('change', (event) => { viewer.photoStyle = event.target.value; });
document.getElementById('photo-cover').addEventListener('change', (event) => { viewer.photoCover = event.target.value; });

viewer.addEventListener('load', (event) => {
  const areas = viewer.photoAreas.length;
  photoChoice.hidden = areas === 0;
  document.getElementById('photo-areas').hidden = areas < 2;
  if (areas < 2) document.querySelector('input[name="photo-area"][value="0"]').checked = true;
  drawCrop();
  openChoice.hidden = !viewer.canOpen;
  // Only the sides this shape can be engraved on (a photo pendant: the back).
  for (const [side, field] of [['front', front], ['back', back]]) {
    const offered = viewer.engravingSides.includes(side);
    field.disabled = !offered;
    field.title = offered ? '' : `This shape has no ${side} to engrave`;
  }
  status.textContent = `Showing ${event.detail.src} (${event.detail.backend}).`;
});
viewer.addEventListener('error', (event) => {
  status.textContent = `Could not show the pendant (${event.detail.code}).`;
});

// Chain: carried in the design for the order.
const chainStyle = document.getElementById('chain-style');
const chainLength = document.getElementById('chain-length');
const applyChain = () => {
  viewer.setAttribute('chain', chainStyle.value);
  viewer.setAttribute('chain-length', chainLength.value);
};
chainStyle.addEventListener('change', applyChain);
chainLength.addEventListener('change', applyChain);
applyChain();

// Worn and true size: the element's view, body size, coin and dimensions.
const worn = document.getElementById('worn');
const bodySize = document.getElementById('body-size');
const coin = document.getElementById('coin');
const dimensions = document.getElementById('dimensions');
const applySize = () => {
  viewer.setAttribute('view', worn.checked ? 'worn' : 'studio');
  viewer.setAttribute('body-size', bodySize.value);
  viewer.setAttribute('size-reference', coin.checked ? 'coin' : 'none');
  viewer.toggleAttribute('show-dimensions', dimensions.checked);
};
for (const control of [worn, bodySize, coin, dimensions]) control.addEventListener('change', applySize);
viewer.addEventListener('change', () => { worn.checked = viewer.view === 'worn'; });

// The form follows the element: a shared link or setConfig moves the controls too.
const check = (name, value) => {
  const input = document.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
  if (input) input.checked = true;
};
const setValue = (element, value) => { if (element.value !== value) element.value = value; };
// `shared`: a design opened from a link, shown exactly; otherwise the stone choice is kept while
// a shape that holds none is shown.
const syncForm = (config, shared = false) => {
  // A name being retyped (blank for a moment) is still a cut-out.
  const kind = config.shape?.kind ?? viewer.getAttribute('shape');
  check('shape', kind || (config.model ?? ''));
  cutoutChoice.hidden = !kind;
  if (config.shape) {
    setValue(cutoutText, config.shape.text ?? '');
    setValue(cutoutFont, config.shape.font ?? 'script');
    if (config.shape.height) setValue(cutoutHeight, String(config.shape.height));
  }
  check('metal', config.finish?.metal ?? 'yellow-gold');
  check('surface', config.finish?.surface ?? 'polished');
  const engraving = config.engraving ?? {};
  setValue(front, engraving.front?.text ?? '');
  setValue(back, engraving.back?.text ?? '');
  setValue(document.getElementById('engrave-font'), engraving.front?.font ?? engraving.back?.font ?? 'script');
  setValue(document.getElementById('engrave-finish'), engraving.front?.finish ?? engraving.back?.finish ?? 'bright');
  document.getElementById('engrave-arc').checked = engraving.front?.path === 'arc';
  if (config.stone || shared) setValue(stoneSelect, config.stone ?? '');
  setValue(document.getElementById('photo-style'), config.photoStyle ?? 'color');
  setValue(document.getElementById('photo-cover'), config.photoCover ?? 'glass');
  setValue(chainStyle, config.chain?.style ?? 'cable');
  setValue(chainLength, String(config.chain?.lengthIn ?? 18));
  document.getElementById('auto-rotate').checked = Boolean(config.view?.autoRotate);
  document.getElementById('open').checked = Boolean(config.view?.open);
};

// The address bar always carries the design: a reload or a shared link shows it again.
const shared = location.hash.startsWith('#design=') ? location.hash : null;
viewer.addEventListener('backend', async () => {
  if (!shared) return;
  try {
    const config = await viewer.setConfig(viewer.configFromFragment(shared));
    syncForm(config, true);
    status.textContent = 'Showing the shared design.';
  } catch (error) {
    status.textContent = `This design link could not be opened: ${error.message}`;
    viewer.src = 'models/disc-pendant.glb';
  }
}, { once: true });
const snippet = document.getElementById('snippet');
viewer.addEventListener('change', (event) => {
  const { config } = event.detail;
  syncForm(config);
  history.replaceState(null, '', `#${viewer.configToFragment(config)}`);
  writeSnippet(config);
});

// Add to bag: a line with a thumbnail, the options in words, the proof and an Edit link; the
// order payload is what the shop's cart and the workshop get (the shopper's own photo goes
// through the shop's own upload; the viewer never sends it anywhere).
const bag = new Bag(document.getElementById('bag-lines'), viewer, status);
const showOrder = (line) => {
  const order = document.getElementById('order');
  document.getElementById('order-json').textContent = JSON.stringify(orderPayload(line), null, 2);
  order.hidden = false;
};
// Analytics (docs/shop.md): the element's `interaction` events forwarded to a data layer as a
// tag manager reads it, and the shop's own add_to_cart. The viewer itself sends nothing.
window.dataLayer = window.dataLayer ?? [];
viewer.addEventListener('interaction', (event) => {
  const { action, ...detail } = event.detail;
  window.dataLayer.push({ event: `pendant_${action}`, ...detail });
});
const addToBag = document.getElementById('add-to-bag');
addToBag.addEventListener('click', async () => {
  addToBag.disabled = true;
  status.textContent = 'Making your proof…';
  try {
    const line = await bag.add(document.getElementById('title').textContent);
    showOrder(line);
    window.dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: line.price.currency, value: line.price.total,
      items: [{ item_name: line.title, price: line.price.total, quantity: 1 }] } });
    status.textContent = `Added to your bag: ${line.title}, ${formatPrice(line.price)} (demo: nothing is sent).`;
  } catch (error) {
    status.textContent = `Please check your design first: ${error.message}`;
  } finally {
    addToBag.disabled = false;
  }
});
document.getElementById('copy-link').addEventListener('click', async () => {
  const link = `${location.origin}${location.pathname}#${viewer.configToFragment()}`;
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = 'Link copied. Your own photo is not part of the link.';
  } catch {
    status.textContent = `Copy this link: ${link}`;
  }
});
document.getElementById('save-still').addEventListener('click', async () => {
  try {
    const blob = await viewer.toBlob({ width: 2048, height: 2048 });
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'pendant.png' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = `Picture saved (2048 × 2048, ${Math.round(blob.size / 1024)} KB).`;
  } catch (error) {
    status.textContent = `Could not save a picture: ${error.message}`;
  }
});

// Marketing: the same design as a snippet for another site.
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
const writeSnippet = (config) => {
  const base = new URL('.', location.href);
  const kind = document.querySelector('input[name="snippet"]:checked').value;
  if (kind === 'iframe') {
    const src = new URL(`embed.html#${viewer.configToFragment(config)}`, base);
    snippet.value = `<iframe src="${escapeAttribute(src.href)}" title="${escapeAttribute(viewer.alt || 'Pendant preview')}" `
      + 'width="480" height="480" style="border:0" loading="lazy"></iframe>';
    return;
  }
  const attributes = Object.entries(viewer.configAttributes(config)).filter(([, value]) => value !== null)
    .map(([name, value]) => {
      const absolute = ['src', 'photo', 'photo-2'].includes(name) ? new URL(value, base).href : value;
      return value === '' ? name : `${name}="${escapeAttribute(absolute)}"`;
    });
  // On another site the models and photos come from here: the snippet allows this origin.
  snippet.value = `<script type="module" src="${new URL('pendant-viewer.js', base).href}"></script>\n`
    + `<pendant-viewer ${attributes.join(' ')} allowed-sources="${escapeAttribute(base.href)}" alt="${escapeAttribute(viewer.alt)}" camera-controls style="width:480px;height:480px"></pendant-viewer>`;
};
for (const input of document.querySelectorAll('input[name="snippet"]')) {
  input.addEventListener('change', () => { try { writeSnippet(viewer.getConfig()); } catch { /* shown elsewhere */ } });
}
document.getElementById('copy-snippet').addEventListener('click', () => navigator.clipboard.writeText(snippet.value).catch(() => snippet.select()));

// The product: its name follows the shape, its price the design (cart.js, docs/shop.md).
const PRODUCTS = {
  'models/disc-pendant.glb': 'Engraved Disc Necklace',
  'models/locket-round.glb': 'Round Photo Locket',
  'models/locket-heart.glb': 'Heart Photo Locket',
  'models/locket-oval.glb': 'Oval Photo Locket',
  'models/photo-round.glb': 'Photo Pendant under Glass',
  'models/charm-heart.glb': 'Heart Photo Charm',
  'models/heart-puffy.glb': 'Puffy Heart Necklace',
  'models/birthstone-disc.glb': 'Birthstone Disc Necklace',
  'models/solitaire-prong.glb': 'Solitaire Birthstone Necklace',
  'models/photo-birthstone.glb': 'Photo & Birthstone Pendant',
  'models/bar-horizontal.glb': 'Engraved Bar Necklace',
  'models/bar-vertical.glb': 'Four-Sided Bar Necklace',
};
const METAL_NOTES = {
  'yellow-gold': '18K solid gold', 'rose-gold': '18K solid rose gold', 'white-gold': '18K solid white gold',
  'sterling-silver': '925 sterling silver', platinum: 'Platinum 950',
};
const CUTOUT_PRODUCTS = { nameplate: 'Name Necklace', initial: 'Initial Necklace', monogram: 'Monogram Necklace' };
const showProduct = () => {
  const config = viewer.getConfig({ production: true });
  const title = (config.shape ? CUTOUT_PRODUCTS[config.shape.kind] : PRODUCTS[config.model]) ?? 'Personalized Necklace';
  const price = priceOf(config);
  document.getElementById('title').textContent = title;
  document.getElementById('price').textContent = formatPrice(price);
  document.getElementById('price').title = price.parts.map((p) => `${p.label}: $${p.amount}`).join('\n');
  document.getElementById('metal-note').textContent = METAL_NOTES[config.finish?.metal ?? 'yellow-gold'];
  document.title = `${title} — Pendant Viewer demo`;
};

// A gallery of the design from three sides, drawn by the viewer itself (toBlob with a view).
// It shows the piece: while it is worn the pictures stay as they were (from behind, a still of
// the bust would show only its back), and they are drawn again on the way back to the studio.
const gallery = [...document.querySelectorAll('#gallery button')];
let galleryTimer = null;
const drawGallery = () => {
  clearTimeout(galleryTimer);
  if (viewer.view === 'worn') return;
  galleryTimer = setTimeout(async () => {
    for (const button of gallery) {
      try {
        const blob = await viewer.toBlob({ width: 176, height: 176, orbit: button.dataset.orbit, type: 'image/webp', quality: 0.9 });
        const img = button.querySelector('img');
        if (img.src) URL.revokeObjectURL(img.src);
        img.src = URL.createObjectURL(blob);
      } catch { /* no model yet: the next change redraws */ }
    }
  }, 1200);
};
for (const button of gallery) {
  button.addEventListener('click', () => { viewer.setAttribute('camera-orbit', button.dataset.orbit); });
}
viewer.addEventListener('load', () => {
  try { showProduct(); } catch { /* a refused value is reported elsewhere */ }
  drawGallery();
});
viewer.addEventListener('change', () => {
  try { showProduct(); } catch { /* a refused value is reported elsewhere */ }
  drawGallery();
});
