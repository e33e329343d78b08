// Look: how the pendant is shown, attribute by attribute: finish, the model's own material
// variant (KHR_materials_variants), stone or birthstone,
// background, exposure, shadow, auto-rotation, a locket open or closed, the chain and the
// author's view (`camera-orbit`). Each reaches the viewer through one setter; a refused value
// is reported and the previous look stays.

import { DEFAULTS } from './shared.js';

/**
 * How each look attribute reaches the wasm viewer. Only the changed one is applied; the ones
 * that can reject a value (finish, background, stone, birthstone, chain, camera-orbit) throw
 * coded errors.
 */
const SETTINGS = {
  'auto-rotate': (element, viewer) => {
    const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    viewer.setAutoRotate(element.autoRotate && !reducedMotion ? DEFAULTS.AUTO_ROTATE_DEGREES_PER_SECOND : 0);
  },
  exposure: (element, viewer) => viewer.setExposure(element.exposure),
  'shadow-intensity': (element, viewer) => viewer.setShadowIntensity(element.shadowIntensity),
  open: (element, viewer) => viewer.setOpen(element.open),
  finish: (element, viewer) => viewer.setFinish(element.finish),
  variant: (element, viewer) => {
    try {
      viewer.setVariant(element.variant); // kept for later models either way
    } catch (error) {
      // A shop may set one variant on every product page: a model without variants shows as
      // authored, quietly; one with variants that lacks this one is reported.
      if (viewer.availableVariants().length) throw error;
    }
  },
  background: (element, viewer) => viewer.setBackground(element.background),
  stone: (element, viewer) => {
    const month = element.birthstone;
    viewer.setStone(element.stone || (month ? element._build.birthstonesFor(month)[0] : ''));
  },
  'camera-orbit': (element, viewer) => viewer.setCameraOrbit(element.getAttribute('camera-orbit') ?? ''),
  chain: (element, viewer) => viewer.setChain(element.getAttribute('chain') ?? '', element.getAttribute('chain-length') ?? ''),
};
/** Attributes applied through another's setter (the month picks the stone). */
const SETTING_OF = { birthstone: 'stone', 'chain-length': 'chain' };

export const LookFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, ...Object.keys(SETTINGS), ...Object.keys(SETTING_OF)];
  }

  get autoRotate() { return this.hasAttribute('auto-rotate'); }
  set autoRotate(value) { this.toggleAttribute('auto-rotate', Boolean(value)); }
  get exposure() {
    const value = Number.parseFloat(this.getAttribute('exposure'));
    return Number.isFinite(value) ? value : DEFAULTS.EXPOSURE;
  }
  set exposure(value) { this.setAttribute('exposure', String(value)); }
  get shadowIntensity() {
    const value = Number.parseFloat(this.getAttribute('shadow-intensity'));
    return Number.isFinite(value) ? value : DEFAULTS.SHADOW_INTENSITY;
  }
  set shadowIntensity(value) { this.setAttribute('shadow-intensity', String(value)); }
  get finish() { return this.getAttribute('finish') ?? ''; }
  set finish(value) { this.setAttribute('finish', value); }
  /** The model's material variant shown (KHR_materials_variants; '' as authored). */
  get variant() { return this.getAttribute('variant') ?? ''; }
  set variant(value) { this.setAttribute('variant', value); }
  /** The current model's material variants, by name (model-viewer's `availableVariants`). */
  get availableVariants() { return this._viewer?.availableVariants() ?? []; }
  get background() { return this.getAttribute('background') ?? 'studio'; }
  set background(value) { this.setAttribute('background', value); }
  get stone() { return this.getAttribute('stone') ?? ''; }
  set stone(value) { this.setAttribute('stone', value); }
  get birthstone() { return this.getAttribute('birthstone') ?? ''; }
  set birthstone(value) { this.setAttribute('birthstone', value); }
  /** How many stones the shape holds (0: the stone and birthstone attributes show nothing). */
  get stoneSettings() { return this._viewer?.stoneSettings() ?? 0; }
  /** A locket opens (animated) while `open` is present. */
  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }
  /** Whether the current model opens (a locket with a hinge). */
  get canOpen() { return this._viewer?.canOpen() ?? false; }

  _onViewerReady(viewer, canvas) {
    super._onViewerReady(viewer, canvas);
    for (const name of Object.keys(SETTINGS)) this._applySetting(name);
  }

  _onModelLoaded() {
    super._onModelLoaded();
    // The viewer keeps the variant across models; a model with variants that lacks it is
    // reported now.
    if (this.variant) this._applySetting('variant');
  }

  _onAttribute(name) {
    super._onAttribute(name);
    const setting = SETTING_OF[name] ?? name;
    if (setting in SETTINGS) this._applySetting(setting);
  }

  /** Applies one look attribute; a bad value is reported and the previous look stays. */
  _applySetting(name) {
    if (!this._viewer) return;
    try {
      SETTINGS[name](this, this._viewer);
      this._settingApplied(name);
    } catch (error) {
      this._settingFailed(name, error);
    }
    this._requestFrame();
  }
};
