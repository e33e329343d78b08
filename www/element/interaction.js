// Interaction: what a shop measures, as DOM events only (nothing is sent anywhere). One
// `interaction` event per shopper action: a turn or a zoom (a gesture: a drag or pinch until
// it is let go, wheel and key moves of one kind until they pause), a personalization change (the design's members that changed), a view
// switch (studio/worn, body, coin, dimensions, open), a proof made, a photo added (its size,
// never the photo). Each says the time since the first `load` and whether it is the first.

/** A turn or zoom ends when the camera has not moved for this long, ms. */
const GESTURE_PAUSE_MS = 500;
/** View members a switch is counted for (the camera has its own gestures). */
const VIEW_SWITCHES = ['mode', 'body', 'sizeReference', 'open', 'background'];

export const InteractionFeature = (Base) => class extends Base {
  constructor() {
    super();
    this._loadedAt = null; // performance.now() at the first `load`
    this._interacted = false;
    this._gesture = null; // {kind, timer} while a turn or zoom goes on
    this._lastDesign = null; // the design as the last `change` (or the first load) left it
    this.addEventListener('load', () => {
      this._loadedAt ??= performance.now();
      try { this._lastDesign ??= this.getConfig(); } catch { /* a refused value: its error says so */ }
    });
    this.addEventListener('change', (event) => this._designMoved(event.detail.config));
    this.addEventListener('proof', (event) => this._interaction('proof', { bytes: event.detail.bytes }));
    this.addEventListener('photo', (event) => {
      const { area, width, height } = event.detail;
      this._interaction('photo', { area, width, height });
    });
  }

  _cameraMovedByUser(gesture) {
    super._cameraMovedByUser(gesture);
    if (this._gesture?.kind !== gesture) {
      clearTimeout(this._gesture?.timer);
      this._interaction(gesture, {});
    } else {
      clearTimeout(this._gesture.timer);
    }
    // It ends when the camera rests, and not while a finger or the mouse button is down.
    const end = () => {
      if (this._pointers?.size) this._gesture.timer = setTimeout(end, GESTURE_PAUSE_MS);
      else this._gesture = null;
    };
    this._gesture = { kind: gesture, timer: setTimeout(end, GESTURE_PAUSE_MS) };
  }

  /** A `change`: personalization (design members) and view switches, each once. */
  _designMoved(config) {
    const before = this._lastDesign;
    this._lastDesign = config;
    if (!before || this._loadedAt === null) return; // the page setting up, not the shopper
    const differs = (a, b) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
    const members = [...new Set([...Object.keys(before), ...Object.keys(config)])]
      .filter((name) => name !== 'view' && name !== 'version' && differs(before[name], config[name]));
    if (members.length) this._interaction('personalize', { changed: members.sort() });
    const views = VIEW_SWITCHES.filter((name) => differs(before.view?.[name], config.view?.[name]));
    if (views.length) this._interaction('view', { changed: views });
  }

  _interaction(action, detail) {
    const first = !this._interacted;
    this._interacted = true;
    const sinceLoadMs = this._loadedAt === null ? null : Math.round(performance.now() - this._loadedAt);
    this._dispatch('interaction', { action, first, sinceLoadMs, ...detail });
  }
};
