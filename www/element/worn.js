// Worn and true size: the pendant on its chain on a display bust (`view="worn"`, `body-size`),
// a coin beside it in the studio (`size-reference`), its dimensions on demand
// (`show-dimensions`, `getDimensions()`), a close-up button back to the studio, and a live
// region that says where it sits and how big it is.

import { resolveSizeReference } from './shared.js';

const WORN_STYLE = `
  .dimensions { position: absolute; left: 10px; top: 10px; padding: 3px 8px; border-radius: 4px;
                background: #ffffffcc; color: #3d3326; font: 12px/1.4 system-ui, sans-serif; pointer-events: none; }
  .close-up { position: absolute; right: 10px; top: 10px; padding: 4px 10px; border-radius: 4px; cursor: pointer;
              border: 1px solid #7a5c2e66; background: #ffffffcc; color: #3d3326; font: 12px/1.4 system-ui, sans-serif; }
  .dimensions[hidden], .close-up[hidden] { display: none; }
`;

/** The feature's style sheet, built once per page and shared by every viewer. */
let wornSheet = null;

const WORN_ATTRIBUTES = ['view', 'body-size', 'size-reference', 'show-dimensions'];

export const WornFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, ...WORN_ATTRIBUTES];
  }

  constructor() {
    super();
    // A constructed sheet (as the base's): a page whose CSP forbids inline styles still styles it.
    wornSheet ??= new CSSStyleSheet();
    if (!wornSheet.cssRules.length) wornSheet.replaceSync(WORN_STYLE);
    this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, wornSheet];
    this._dimensionsLine = Object.assign(document.createElement('div'), { className: 'dimensions', hidden: true });
    this._closeUp = Object.assign(document.createElement('button'), { className: 'close-up', hidden: true });
    this._closeUp.type = 'button';
    this._closeUp.textContent = 'Close-up';
    this._closeUp.addEventListener('click', () => { this.view = 'studio'; });
    this._sizeLive = Object.assign(document.createElement('div'), { className: 'live' });
    this._sizeLive.setAttribute('role', 'status');
    this.shadowRoot.append(this._dimensionsLine, this._closeUp, this._sizeLive);
  }

  /** `studio` (default) or `worn`. */
  get view() { return this.getAttribute('view') ?? 'studio'; }
  set view(value) { this.setAttribute('view', value); }
  /** The bust's neck in cm (32, 35, 38) or small, medium, large. */
  get bodySize() { return this.getAttribute('body-size') ?? ''; }
  set bodySize(value) { this.setAttribute('body-size', value); }
  /** A coin beside the pendant: `coin` (the page's locale's), us-quarter, euro, uk-pound, none. */
  get sizeReference() { return this.getAttribute('size-reference') ?? ''; }
  set sizeReference(value) { this.setAttribute('size-reference', value); }
  get showDimensions() { return this.hasAttribute('show-dimensions'); }
  set showDimensions(value) { this.toggleAttribute('show-dimensions', Boolean(value)); }

  /**
   * The pendant's size in millimetres, closed: `{width, height, thickness}` without its rings
   * and bails and `withBail` the same with them; null before a model is shown.
   */
  getDimensions() {
    const numbers = this._viewer?.dimensions() ?? [];
    if (numbers.length < 6) return null;
    const extent = (at) => ({ width: numbers[at], height: numbers[at + 1], thickness: numbers[at + 2] });
    return { ...extent(0), withBail: extent(3) };
  }

  _onViewerReady(viewer, canvas) {
    super._onViewerReady(viewer, canvas);
    this._applyWorn('view');
    this._applyWorn('size-reference');
  }

  _onAttribute(name) {
    super._onAttribute(name);
    if (name === 'view' || name === 'body-size') this._applyWorn('view');
    if (name === 'size-reference') this._applyWorn('size-reference');
    if (name === 'show-dimensions' || name === 'chain' || name === 'chain-length') this._describeSize();
  }

  _onModelLoaded() {
    super._onModelLoaded();
    this._describeSize();
  }

  _applyWorn(name) {
    if (!this._viewer) return;
    try {
      if (name === 'view') {
        this._viewer.setViewMode(this.getAttribute('view') ?? '', this.bodySize);
      } else {
        this._viewer.setSizeReference(resolveSizeReference(this.sizeReference));
      }
      this._settingApplied(name);
    } catch (error) {
      this._settingFailed(name, error);
    }
    this._describeSize();
    this._requestFrame();
    this._designChanged();
  }

  /** The overlay, the close-up button and the live region, as the view is now. */
  _describeSize() {
    if (!this._viewer) return;
    const size = this.getDimensions();
    const words = size
      ? `${size.withBail.width.toFixed(1)} × ${size.withBail.height.toFixed(1)} mm with the bail, `
        + `${size.thickness.toFixed(1)} mm thick`
      : '';
    this._dimensionsLine.textContent = words;
    this._dimensionsLine.hidden = !(this.showDimensions && size);
    const worn = this._viewer.wornDescription();
    this._closeUp.hidden = !worn;
    const said = [worn, this.showDimensions ? words : ''].filter(Boolean).join('; ');
    if (said) this._sizeLive.textContent = `${said}.`;
  }
};
