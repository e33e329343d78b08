// Engraving: the text on each side (`engraving`, `engraving-back`, `-left`, `-right`, each
// with `-font`, `-align`, `-size`, `-path`, `-finish`, `-spacing`), laid out by the engraving
// module (./pkg/engraver/, fetched only when a design has text) with fonts from ./fonts/
// (only those a design uses), and cut by the viewer; the production spec and SVG; the
// phrase helpers (coordinates, dates, monograms).

import { FALLBACK_FONT, codedError, fetchBytes, lazyModule } from './shared.js';

const ENGRAVING_ERROR_LEAD = 'Engraving';

/** Engraving sides and the attribute that holds each one's text. */
const ENGRAVING_SIDES = { front: 'engraving', back: 'engraving-back', left: 'engraving-left', right: 'engraving-right' };
const ENGRAVING_OPTIONS = ['font', 'align', 'size', 'path', 'finish', 'spacing'];
/** Attribute name → the side it belongs to. */
const ENGRAVING_ATTRIBUTES = new Map(Object.entries(ENGRAVING_SIDES).flatMap(([side, prefix]) =>
  [[prefix, side], ...ENGRAVING_OPTIONS.map((option) => [`${prefix}-${option}`, side])]));
const ENGRAVING_FONTS = ['script', 'block', 'serif', 'mono'];
const FONT_BASE = new URL('../fonts/', import.meta.url);
const fontFiles = new Map();

/** Fetches (once per page) an engraving font file. */
function fetchFont(name) {
  if (!fontFiles.has(name)) {
    const url = new URL(`${name}.ttf`, FONT_BASE);
    const download = fetchBytes(url, { what: `${name} engraving font` }).catch((error) => {
      fontFiles.delete(name); // let a later attempt retry
      error.code = 'engraving-font-fetch-failed';
      throw error;
    });
    fontFiles.set(name, download);
  }
  return fontFiles.get(name);
}

/**
 * The engraving module (text layout and rasterization), kept out of the viewer builds so a
 * design without text never downloads it.
 */
const ENGRAVER = new URL('../pkg/engraver/pendant_viewer.js', import.meta.url);
const loadEngraver = lazyModule(ENGRAVER, 'engraving-module-failed', 'the engraving module');

export const EngravingFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, ...ENGRAVING_ATTRIBUTES.keys()];
  }

  constructor() {
    super();
    this._engravingTokens = Object.fromEntries(Object.keys(ENGRAVING_SIDES).map((side) => [side, 0]));
    this._engravingWork = new Map(); // side → the latest engraving's promise (it never rejects)
  }

  /** The engraving sides the current model offers. */
  get engravingSides() { return this._viewer?.engravingSides() ?? []; }

  /** The production spec of the engraving on `side` (slot, font, size in mm, lines…), or null. */
  engravingSpec(side = 'front') {
    const json = this._engraver?.spec(side);
    return json ? JSON.parse(json) : null;
  }

  /** The engraving on `side` as SVG outlines in millimetres (what a laser cuts), or null. */
  engravingSvg(side = 'front') {
    return this._engraver?.svg(side) ?? null;
  }

  /**
   * Map coordinates as engraved, e.g. "40.7128, -74.0060" → "40°42′46″N 74°00′22″W" (`style`
   * "dms", default) or "40.7128° N 74.0060° W" ("decimal"). Throws a coded error
   * (coordinates-unreadable, coordinates-out-of-range).
   */
  formatCoordinates(input, style = 'dms') { return this._helpers().formatCoordinates(input, style); }

  /** An ISO date (2024-06-14) as engraved: style dots, us, iso, long or roman. */
  formatDate(iso, style = 'dots') { return this._helpers().formatDate(iso, style); }

  /** A classic monogram (first, LAST, middle initials) from a full name. */
  monogram(fullName) { return this._helpers().monogram(fullName); }

  _onAttribute(name) {
    super._onAttribute(name);
    const side = ENGRAVING_ATTRIBUTES.get(name);
    if (side && this._viewer?.hasModel()) this._applyEngraving(side);
  }

  /** After a model loads: the design carries over to the sides the new shape has. */
  _onModelLoaded() {
    super._onModelLoaded();
    for (const prefix of Object.values(ENGRAVING_SIDES)) this._settingErrors.delete(prefix);
    this._engraver?.forgetAll();
    const sides = this.engravingSides;
    for (const side of Object.keys(ENGRAVING_SIDES)) if (sides.includes(side)) this._applyEngraving(side);
  }

  async _settled() {
    await super._settled();
    await Promise.all([...this._engravingWork.values()]);
  }

  /**
   * Lays out and cuts one side's engraving. Fonts are fetched on first use; a newer change to
   * the same side wins over a slower older one. Errors keep the previous engraving.
   */
  _applyEngraving(side) {
    const work = this._applyEngravingNow(side);
    this._engravingWork.set(side, work);
    return work;
  }

  async _applyEngravingNow(side) {
    const prefix = ENGRAVING_SIDES[side];
    const option = (name) => this.getAttribute(`${prefix}-${name}`) ?? '';
    const text = this.getAttribute(prefix) ?? '';
    const font = option('font') || ENGRAVING_FONTS[0];
    const token = ++this._engravingTokens[side];
    const viewer = this._viewer;
    const current = () => token === this._engravingTokens[side] && viewer === this._viewer;
    const number = (name) => {
      const value = Number.parseFloat(option(name));
      return Number.isFinite(value) ? value : 0;
    };
    try {
      // Blank text clears the side without the engraving module.
      const engraver = text.trim() ? await this._ensureEngraver() : this._engraver;
      if (text.trim()) await this._addEngravingFont(font);
      if (!current()) return;
      const cut = () => {
        const started = performance.now();
        const area = viewer.engravingArea(side) ?? [];
        const result = engraver?.engrave(side, area, text, font, option('align'), option('path'),
          number('size'), number('spacing')) ?? { width: 0, letterHeightMm: 0, warnings: [] };
        const { width, height = 0, pixelsPerMm = 0, pixels = new Uint8Array(), letterHeightMm, warnings } = result;
        if (width || viewer.engravingArea(side)) viewer.setEngravingField(side, width, height, pixelsPerMm, pixels, option('finish'));
        engraver?.commit(side);
        return { letterHeightMm, warnings, milliseconds: performance.now() - started };
      };
      const result = await this._withFallbackFont(engraver, 'engraving-unsupported-characters', current, cut);
      if (!result) return;
      this._settingApplied(prefix);
      this._dispatch('engraving', { side, ...result });
    } catch (error) {
      if (token === this._engravingTokens[side]) this._settingFailed(prefix, error, ENGRAVING_ERROR_LEAD);
    }
    this._requestFrame();
  }

  /** Hands the engraver the font `name` (a style or `symbols`), fetched on first use. */
  async _addEngravingFont(name) {
    const engraver = await this._ensureEngraver();
    if ((ENGRAVING_FONTS.includes(name) || name === FALLBACK_FONT) && !engraver.hasFont(name)) {
      engraver.addFont(name, await fetchFont(name));
    }
  }

  /**
   * Runs `run` (a layout or a cut); when it fails with `code` for want of the fallback font
   * (symbols, Hebrew, Arabic: fetched only when needed), fetches that font once and runs it
   * again. Resolves null when `current()` no longer holds after the download.
   */
  async _withFallbackFont(engraver, code, current, run) {
    try {
      return run();
    } catch (error) {
      if (error.code !== code || engraver.hasFont(FALLBACK_FONT)) throw error;
      await this._addEngravingFont(FALLBACK_FONT);
      return current() ? run() : null;
    }
  }

  /** This element's engraver (fonts and layouts), created with the engraving module's first use. */
  async _ensureEngraver() {
    if (!this._engraver) {
      const { Engraver } = await loadEngraver();
      this._engraver ??= new Engraver();
    }
    return this._engraver;
  }
};
