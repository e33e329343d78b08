// The base of <pendant-viewer>: lifecycle, the shadow DOM and its style sheet, the message
// line, rendering on demand and events. It names no feature: each feature (backend, loading,
// look, controls, engraving, photos, design) is a mixin over it, as <model-viewer> composes its
// features, and joins in through these hooks, each calling `super` first:
//   _onConnected(), _onDisconnected()      the element enters or leaves the page
//   _onAttribute(name)                     an observed attribute changed after start
//   _onViewerReady(viewer, canvas)        a viewer was created (at start and after a recovery):
//                                          listeners, settings
//   async _loadContent()                   then: the model, photos named by attributes
//   _onModelLoaded()                       a model was handed to the viewer
//   _onFrameDrawn()                        a frame was drawn
//   _beforeRecovery(), async _afterRecovery(viewer)   a lost device is being replaced
//   async _settled()                       everything asked for so far is in place (stills)
//   _designChanged()                       something that is part of the design changed
//   _urlAttributes(), _placeFromDesign(wanted, attributes), _photoDesigns()   what a design
//                                          document needs from the features that fetch and place
//   _makesModel()                          a feature makes the model (a cut-out): `src` waits
// The backend feature provides _ensureStarted, _recover and _checkDevice; loading provides
// _loadSrc and _showMadeModel(bytes, label); engraving provides _ensureEngraver and
// _addEngravingFont(name) and _withFallbackFont(engraver, code, current, run).

import { codedError } from './shared.js';

const STYLE = `
  :host { display: block; position: relative; width: 100%; height: 300px; outline: none; contain: strict; }
  :host([camera-controls]) { touch-action: none; }
  :host(:focus-visible) { box-shadow: 0 0 0 3px #7a5c2e66; border-radius: 4px; }
  canvas { width: 100%; height: 100%; display: block; cursor: grab; }
  canvas:active { cursor: grabbing; }
  .message { position: absolute; inset: auto 12px 12px 12px; padding: 10px 12px; border-radius: 6px;
             background: #fff8f0; color: #6b2b12; border: 1px solid #e3b9a0;
             font: 14px/1.4 system-ui, sans-serif; }
  .message[hidden] { display: none; }
  .poster { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; pointer-events: none; }
  .progress { position: absolute; inset: 0 0 auto 0; height: 3px; background: #0000000d; }
  .progress > div { height: 100%; width: 0; background: #7a5c2e; transition: width 0.2s; }
  .poster[hidden], .progress[hidden] { display: none; }
  .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

const SETTING_ERROR_LEAD = 'Could not apply this setting';

let sheet = null;
/** The element's style sheet, built once per page and shared by every viewer. */
function elementSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

export class PendantViewerBase extends HTMLElement {
  static get observedAttributes() {
    return ['alt'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    // A constructed sheet, not a <style> element: allowed under a strict Content-Security-Policy.
    this.shadowRoot.adoptedStyleSheets = [elementSheet()];
    this._message = document.createElement('div');
    this._message.className = 'message';
    this._message.setAttribute('role', 'alert');
    this._message.hidden = true;
    this.shadowRoot.append(this._message);
    this._visible = true; // until the loading feature's IntersectionObserver says otherwise
    this._viewer = null;
    this._ready = null; // Promise<Viewer> while the backend starts
    this._frameScheduled = false;
    this._frameWaiters = [];
    this._settingErrors = new Set();
    this._messageIsSetting = false;
  }

  get alt() { return this.getAttribute('alt') ?? ''; }
  set alt(value) { this.setAttribute('alt', value); }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'img');
    this._updateLabel();
    this._onConnected();
  }

  disconnectedCallback() {
    this._onDisconnected();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this._ready || oldValue === newValue) return;
    this._onAttribute(name);
  }

  _onConnected() {}
  _onDisconnected() {}
  _onAttribute(name) {
    if (name === 'alt') this._updateLabel();
  }
  _onViewerReady() {}
  async _loadContent() {}
  _onModelLoaded() {
    this._message.hidden = true;
  }
  _onFrameDrawn() {}
  _beforeRecovery() {}
  async _afterRecovery() {}
  async _settled() {}
  _designChanged() {}
  /** Attributes that name a URL to fetch, with what each names: [[name, 'model' | 'photo']]. */
  _urlAttributes() { return []; }
  /** A design's photo placements, before its attributes are set. */
  _placeFromDesign() {}
  /** The view a design keeps when the shopper turned the pendant (a camera-orbit value), or null. */
  _designView() { return null; }
  /** The design's photo entries, per area (null: none). */
  _photoDesigns() { return []; }
  _makesModel() { return false; }
  _loadSrc() { return Promise.resolve(); }
  _showMadeModel() {}
  _ensureEngraver() { return Promise.reject(codedError('engraving-module-failed', 'this build has no engraving module')); }
  _addEngravingFont() { return Promise.resolve(); }
  _withFallbackFont(engraver, code, current, run) { return Promise.resolve().then(run); }
  _ensureStarted() { return Promise.resolve(null); }
  _recover() { return null; }
  _checkDevice() { return false; }

  _updateLabel() {
    this.setAttribute('aria-label', this.alt || 'Interactive 3D preview of a pendant');
  }

  /** The viewer's build (for its stateless helpers), or a coded error before it started. */
  _helpers() {
    if (!this._build) throw codedError('viewer-not-ready', 'the viewer has not started yet');
    return this._build;
  }

  _settingApplied(name) {
    this._settingErrors.delete(name);
    if (this._settingErrors.size === 0 && this._messageIsSetting) this._message.hidden = true;
  }

  _settingFailed(name, error, lead = SETTING_ERROR_LEAD) {
    this._settingErrors.add(name);
    this._fail(error, this.src ?? '', lead);
    this._messageIsSetting = true;
  }

  _fail(error, src = this.src ?? '', lead = 'Could not show this pendant') {
    const code = error?.code ?? 'unknown';
    const message = error?.message ?? String(error);
    this._message.textContent = `${lead}: ${message}`;
    this._messageIsSetting = false;
    this._message.hidden = false;
    this._dispatch('error', { code, message, src });
  }

  /** Resolves after the next drawn frame. */
  _nextFrame() {
    return new Promise((resolve) => {
      this._frameWaiters.push(resolve);
      this._requestFrame();
    });
  }

  /** Draws a frame when one is due (render on demand: no loop unless something moves). */
  _requestFrame() {
    if (this._frameScheduled || !this._viewer) return;
    this._frameScheduled = true;
    requestAnimationFrame((now) => {
      this._frameScheduled = false;
      if (!this._viewer) return;
      if (this._viewer.isLost()) {
        this._recover();
        return;
      }
      const wantsMore = this._viewer.frame(now);
      if (this._checkDevice()) return;
      for (const resolve of this._frameWaiters.splice(0)) resolve();
      this._onFrameDrawn();
      if (wantsMore && this._visible) this._requestFrame(); // off-screen: paused until seen
    });
  }

  _dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
