// Cut-outs: a pendant made from the shopper's text or outline (`shape`: nameplate, initial,
// monogram or outline, with `shape-text`, `-font`, `-height`, `-thickness`, `-outline`,
// `-inset`) by the engraving module, shown in place of `src`; its cutting SVG and spec.
// A refused value keeps the last good pendant and says why (a `shape-…` code).

const SHAPE_ATTRIBUTES = ['shape', 'shape-text', 'shape-font', 'shape-height', 'shape-thickness', 'shape-outline', 'shape-inset'];
const SHAPE_ERROR_LEAD = 'Shape';

export const ShapeFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, ...SHAPE_ATTRIBUTES];
  }

  constructor() {
    super();
    this._shapeToken = 0;
    this._shapeWork = null; // the latest cut's promise (it never rejects)
  }

  _makesModel() {
    return Boolean(this.getAttribute('shape')?.trim()) || super._makesModel();
  }

  /** The cut-out's production spec (sizes, area, volume, weight per metal, warnings), or null. */
  cutoutSpec() {
    const json = this.getAttribute('shape')?.trim() ? this._engraver?.cutoutSpec() : null;
    return json ? JSON.parse(json) : null;
  }

  /** The cut-out's outline as SVG in millimetres (what a laser or water-jet cuts), or null. */
  cutoutSvg() {
    return this.getAttribute('shape')?.trim() ? this._engraver?.cutoutSvg() ?? null : null;
  }

  _onAttribute(name) {
    super._onAttribute(name);
    if (!SHAPE_ATTRIBUTES.includes(name) || !this._viewer) return;
    if (this.getAttribute('shape')?.trim()) {
      this._applyShape();
    } else if (name === 'shape') {
      this._shapeToken++; // a cut still waiting for its font must not come back
      this._settingApplied('shape');
      this._loadSrc(); // back to the model `src` names
    }
  }

  async _loadContent() {
    await super._loadContent();
    if (this.getAttribute('shape')?.trim()) await this._applyShape();
  }

  async _settled() {
    await super._settled();
    await this._shapeWork;
  }

  _applyShape() {
    const work = this._applyShapeNow();
    this._shapeWork = work;
    return work;
  }

  async _applyShapeNow() {
    const token = ++this._shapeToken;
    const viewer = this._viewer;
    const current = () => token === this._shapeToken && viewer === this._viewer;
    const attribute = (name) => this.getAttribute(name) ?? '';
    const number = (name) => {
      const value = Number.parseFloat(attribute(name));
      return Number.isFinite(value) ? value : 0;
    };
    const kind = attribute('shape').trim();
    const font = attribute('shape-font').trim() || 'script';
    try {
      const engraver = await this._ensureEngraver();
      if (kind !== 'outline') await this._addEngravingFont(font);
      if (!current()) return;
      const cut = () => engraver.cut(kind, attribute('shape-text'), font, number('shape-height'),
        number('shape-thickness'), attribute('shape-outline'), attribute('shape-inset'));
      const result = await this._withFallbackFont(engraver, 'shape-unsupported-characters', current, cut);
      if (!result) return;
      this._showMadeModel(result.glb, `shape:${kind}`);
      this._settingApplied('shape');
      this._dispatch('shape', { kind, warnings: result.warnings, spec: JSON.parse(result.spec), milliseconds: result.milliseconds });
    } catch (error) {
      if (token === this._shapeToken) this._settingFailed('shape', error, SHAPE_ERROR_LEAD);
    }
  }
};
