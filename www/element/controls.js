// Controls: the shopper turns and zooms the pendant (`camera-controls`: drag, wheel, pinch,
// keys), `camera-change` events, the live region that tells screen readers where the camera
// is, and `resetCamera()`.

/** Keys that zoom (the rest of the camera's keys turn it). */
const ZOOM_KEYS = ['+', '=', 'PageUp', '-', '_', 'PageDown'];

export const ControlsFeature = (Base) => class extends Base {
  constructor() {
    super();
    this._live = document.createElement('div'); // says where the camera is, for screen readers
    this._live.className = 'live';
    this._live.setAttribute('role', 'status');
    this.shadowRoot.append(this._live);
    this._pointers = new Map();
    this._cameraMoved = false; // the shopper moved the camera since the model loaded
    this._cameraChangeQueued = false;
    this._viewToRestore = null;
  }

  get cameraControls() { return this.hasAttribute('camera-controls'); }
  set cameraControls(value) { this.toggleAttribute('camera-controls', Boolean(value)); }

  /** Back to the author's view (`camera-orbit`, else straight on and framed). */
  resetCamera() {
    this._viewer?.resetCamera();
    this._cameraMoved = false;
    this._requestFrame();
    this._cameraChanged();
  }

  _onViewerReady(viewer, canvas) {
    super._onViewerReady(viewer, canvas);
    this._listenToPointers(canvas);
    if (!this._listeningToKeys) this._listenToKeys(); // the element's own: added once
    this._listeningToKeys = true;
  }

  _designView() {
    return this._cameraMoved && !this.autoRotate && this._viewer ? this._viewer.cameraOrbit() : null;
  }

  _onModelLoaded() {
    super._onModelLoaded();
    this._cameraMoved = false;
  }

  _beforeRecovery(lost) {
    super._beforeRecovery(lost);
    this._viewToRestore = this._cameraMoved ? lost.cameraOrbit() : null;
  }

  async _afterRecovery(viewer) {
    await super._afterRecovery(viewer);
    if (this._viewToRestore) viewer.setView(this._viewToRestore); // where the shopper had turned it
    this._viewToRestore = null;
  }

  _listenToPointers(canvas) {
    canvas.addEventListener('pointerdown', (event) => {
      if (!this.cameraControls) return;
      canvas.setPointerCapture(event.pointerId);
      this._pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      this.focus({ preventScroll: true });
    });
    canvas.addEventListener('pointermove', (event) => {
      const previous = this._pointers.get(event.pointerId);
      if (!previous) return;
      const current = { x: event.clientX, y: event.clientY };
      if (this._pointers.size === 1) {
        this._viewer.drag(current.x - previous.x, current.y - previous.y, this.clientHeight || 300);
      } else if (this._pointers.size === 2) {
        const other = [...this._pointers].find(([id]) => id !== event.pointerId)[1];
        const before = Math.hypot(previous.x - other.x, previous.y - other.y);
        const after = Math.hypot(current.x - other.x, current.y - other.y);
        if (before > 0 && after > 0) this._viewer.zoom(before / after);
      }
      this._pointers.set(event.pointerId, current);
      this._cameraMovedByUser(this._pointers.size === 1 ? 'turn' : 'zoom');
    });
    const release = (event) => this._pointers.delete(event.pointerId);
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
    canvas.addEventListener('wheel', (event) => {
      if (!this.cameraControls) return; // the page scrolls as usual
      event.preventDefault();
      const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      this._viewer.wheel(pixels);
      this._cameraMovedByUser('zoom');
    }, { passive: false });
  }

  _listenToKeys() {
    this.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || !this.cameraControls) return;
      if (this._viewer?.key(event.key)) {
        event.preventDefault();
        this._cameraMovedByUser(ZOOM_KEYS.includes(event.key) ? 'zoom' : 'turn');
        this._announceView();
      }
    });
  }

  /** A `camera-change` event (detail: {orbit, source}) at most once per frame. */
  _cameraChanged(source = 'user-interaction') {
    if (this._cameraChangeQueued || !this._viewer) return;
    this._cameraChangeQueued = true;
    requestAnimationFrame(() => {
      this._cameraChangeQueued = false;
      this._dispatch('camera-change', { orbit: this._viewer.cameraOrbit(), source });
    });
  }

  /** The shopper moved the camera: `gesture` 'turn' or 'zoom'. */
  _cameraMovedByUser(gesture) {
    this._cameraMoved = true;
    this._requestFrame();
    this._cameraChanged();
  }

  /** Tells screen readers where the camera is, once the keys stop. */
  _announceView() {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => {
      if (this._viewer) this._live.textContent = `${this._viewer.viewDescription()}.`;
    }, 400);
  }
};
