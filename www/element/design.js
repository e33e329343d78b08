// Design: the whole design as one versioned document (getConfig / setConfig; rules in
// src/design/), share-link fragments, `change` events once per task, and stills (toBlob).

import { codedError, resolveSizeReference } from './shared.js';

export const DesignFeature = (Base) => class extends Base {
  constructor() {
    super();
    this._designAttributes = null; // every attribute a design governs, from the wasm
    this._changeQueued = false;
  }

  /**
   * The whole design as a plain object: the versioned document (docs/design-document.md):
   * model, finish, stone, engraving per side, photo placements (photos are referenced, never
   * embedded), chain and view. `production: true` adds each engraved side's production spec
   * (font, sizes in mm, lines) and the metal's `weight` (volume, grams per metal, or
   * `weight_unknown` with the reason) for the workshop. Throws a coded error (viewer-not-ready;
   * design-invalid naming the attribute that holds a refused value).
   */
  getConfig({ production = false } = {}) {
    const build = this._helpers();
    const attributes = Object.fromEntries([...this._designAttributes].map((name) => [name, this.getAttribute(name)]));
    const view = this._designView();
    if (view) attributes['camera-orbit'] = view;
    if (attributes['size-reference']) attributes['size-reference'] = resolveSizeReference(attributes['size-reference']);
    const config = JSON.parse(build.designFromElement(JSON.stringify(attributes), JSON.stringify(this._photoDesigns())));
    if (production) {
      for (const [side, cut] of Object.entries(config.engraving ?? {})) cut.production = this.engravingSpec(side);
      const weight = this._viewer?.metalWeight();
      if (weight) config.weight = JSON.parse(weight);
    }
    return config;
  }

  /**
   * Shows a design (an object or JSON text, as getConfig gives): every attribute it governs is
   * set or removed in one go, photos it references by URL load with their saved placement, a
   * placement without a URL applies to the photo the shopper already chose, and an area it
   * leaves empty is cleared. A bad document is refused whole with a coded error
   * (design-not-json, design-version-unsupported, design-invalid naming the member,
   * source-not-allowed for a model or photo URL outside `allowed-sources`) and nothing
   * changes. Resolves with the design as read.
   */
  async setConfig(config) {
    await this._ensureStarted();
    const build = this._helpers();
    const text = typeof config === 'string' ? config : JSON.stringify(config);
    const state = JSON.parse(build.designToElement(text));
    for (const [name, what] of this._urlAttributes()) {
      const url = state.attributes[name];
      if (url) this._allowedUrl(url, what); // refused whole, before anything changes
    }
    this._placeFromDesign(state.photos, state.attributes);
    for (const [name, value] of Object.entries(state.attributes)) {
      if (value === null) this.removeAttribute(name);
      else this.setAttribute(name, value);
    }
    return state.design;
  }

  /** A share link's fragment for a design (default: the current one): `design=…`. */
  configToFragment(config = this.getConfig()) {
    return `design=${this._helpers().designToFragment(JSON.stringify(config))}`;
  }

  /** The design a share link's fragment (`#design=…`) carries; throws design-link-damaged etc. */
  configFromFragment(fragment) {
    return JSON.parse(this._helpers().designFromFragment(fragment));
  }

  /** The attributes that show a design ({name: value | null}): for embed snippets. */
  configAttributes(config) {
    return JSON.parse(this._helpers().designToElement(JSON.stringify(config))).attributes;
  }

  /**
   * A still of the current view as a Blob: `width` × `height` pixels (default: the view's own
   * size; each side up to the device's texture limit and 25 MP in all), `type` image/png
   * (default), image/jpeg or image/webp with `quality`, `transparent: true` for a cut-out on a
   * transparent backdrop (PNG/WebP), `open` (true/false) for a locket opened or closed in the
   * still whatever the view shows, and `orbit` (a camera-orbit value) for another view than
   * the shopper's, whose camera does not move. Rejects with still-size-invalid,
   * camera-orbit-invalid or viewer-not-ready.
   */
  async toBlob({ width, height, type = 'image/png', quality, transparent = false, orbit = '', open } = {}) {
    await this._ensureStarted();
    await this._settled(); // a still shows the design as set, fonts and all
    const viewer = this._viewer;
    if (!viewer?.hasModel()) throw codedError('viewer-not-ready', 'there is no pendant to take a still of yet');
    const canvas = this._canvas;
    const saved = [canvas.width, canvas.height];
    const size = (value, fallback) => (value === undefined ? fallback : Math.round(Number(value)));
    const [w, h] = [size(width, saved[0]), size(height, saved[1])];
    if (!(w >= 1 && h >= 1)) {
      throw codedError('still-size-invalid', `a still of ${width} × ${height} pixels cannot be drawn; each side must be at least 1 pixel`);
    }
    viewer.checkStillSize(w, h); // the device's texture limit and 25 MP, before the canvas grows
    // Draw at the still's size and copy it out in the same task: the browser composites only
    // after the task, so the page never shows the resized canvas.
    const still = new OffscreenCanvas(w, h);
    try {
      canvas.width = w;
      canvas.height = h;
      viewer.renderStill(w, h, Boolean(transparent), String(orbit ?? ''), open === undefined ? NaN : (open ? 1 : 0));
      still.getContext('2d').drawImage(canvas, 0, 0);
    } finally {
      [canvas.width, canvas.height] = saved;
      viewer.endStill();
    }
    return still.convertToBlob({ type, quality });
  }

  _onViewerReady(viewer, canvas) {
    this._designAttributes = new Set(this._build.designAttributeNames());
    super._onViewerReady(viewer, canvas);
  }

  _onAttribute(name) {
    super._onAttribute(name);
    if (this._designAttributes?.has(name)) this._designChanged();
  }

  /** A `change` event (detail: {config}) once per task, however many attributes changed. */
  _designChanged() {
    super._designChanged();
    if (this._changeQueued) return;
    this._changeQueued = true;
    queueMicrotask(() => {
      this._changeQueued = false;
      let config;
      try {
        config = this.getConfig();
      } catch {
        return; // a refused value: its own error event has told the page
      }
      this._dispatch('change', { config });
    });
  }
};
