// Backend: which wasm build draws (the lean WebGPU build where the browser gives a working
// adapter, else the WebGL2 build, each on a fresh canvas), the canvas sized to the element ×
// devicePixelRatio, and recovery from a lost GPU device or WebGL context.

import { DEFAULTS, codedError } from './shared.js';

/** Restarts after a lost device: how many, and how soon after a model load it is blamed. */
const RECOVERY = Object.freeze({ PER_MINUTE: 2, PER_PAGE: 5, SUSPECT_MS: 3000 });

const BUILDS = {
  webgpu: new URL('../pkg/webgpu/pendant_viewer.js', import.meta.url),
  webgl2: new URL('../pkg/webgl/pendant_viewer.js', import.meta.url),
};
const loadedBuilds = new Map();

/** Loads (once per page) the wasm build for a backend and returns its exports. */
function loadBuild(backend) {
  if (!loadedBuilds.has(backend)) {
    loadedBuilds.set(backend, import(BUILDS[backend].href).then(async (module) => {
      const exports = await module.default().catch((error) => {
        // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval' refuses to compile it.
        if (/Content Security Policy|wasm-eval/.test(String(error?.message))) {
          throw codedError('wasm-blocked', "this page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src");
        }
        throw error;
      });
      return { ...module, memory: exports.memory };
    }));
  }
  return loadedBuilds.get(backend);
}

/** Whether the browser offers a real WebGPU adapter (navigator.gpu alone is not enough). */
async function hasWebGpuAdapter() {
  if (!navigator.gpu) return false;
  try {
    return Boolean(await navigator.gpu.requestAdapter());
  } catch {
    return false;
  }
}

export const BackendFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, 'backend'];
  }

  constructor() {
    super();
    this._recovering = null;
    this._recoveries = []; // when each recovery started (performance.now)
    this._modelLoad = null; // {href, at}: the last model handed to the viewer
    this._refusedSrc = null; // a model that took the device down: not loaded again
    this.backend = null;
  }

  /** Live GPU objects wgpu holds for the page (WebGL2 build only; null on WebGPU): for soak tests. */
  get liveGpuObjects() { return this._viewer?.liveGpuObjects() ?? null; }

  /** Bytes of wasm memory the viewer's build holds (it grows, never shrinks): for soak tests. */
  get wasmMemoryBytes() { return this._build?.memory?.buffer.byteLength ?? 0; }

  /** Frames actually drawn (idle frames are skipped: render on demand). */
  get framesRendered() { return this._viewer?.framesDrawn ?? 0; }

  _onConnected() {
    super._onConnected();
    // WebGPU reports a lost device asynchronously; an idle viewer draws nothing that would
    // notice, so look four times a second (a flag read).
    this._lossWatch ??= setInterval(() => { if (this._viewer?.isLost()) this._recover(); }, 250);
  }

  _onDisconnected() {
    super._onDisconnected();
    this._resizeObserver?.disconnect();
    clearInterval(this._lossWatch);
    this._lossWatch = null;
  }

  _ensureStarted() {
    if (!this._ready) {
      this._ready = this._start().catch((error) => {
        this._fail(error);
        return null;
      });
    }
    return this._ready;
  }

  /** Before the wasm loads: work that needs nothing from it (the loading feature downloads). */
  _onStarting() {}

  /** How far the start has come, 0…1 (the loading feature shows it). */
  _startProgress() {}

  async _start() {
    this._onStarting();
    const wanted = this.getAttribute('backend') ?? 'auto';
    const candidates = wanted === 'webgl2' ? ['webgl2']
      : wanted === 'webgpu' ? ['webgpu']
      : (await hasWebGpuAdapter()) ? ['webgpu', 'webgl2'] : ['webgl2'];
    let lastError = null;
    for (const backend of candidates) {
      // A canvas that had one context type can never get another: fresh canvas per attempt.
      const canvas = this._replaceCanvas();
      try {
        this._startProgress(0.05);
        const build = await loadBuild(backend);
        this._startProgress(0.4);
        this._build = build;
        this._viewer = await build.Viewer.create(canvas);
        this.backend = this._viewer.backend();
        this.dataset.backend = this.backend;
        this._watchCanvas(canvas);
        this._onViewerReady(this._viewer, canvas);
        this._dispatch('backend', { backend: this.backend });
        await this._loadContent();
        return this._viewer;
      } catch (error) {
        lastError = error;
        console.warn(`pendant-viewer: ${backend} failed`, error);
      }
    }
    throw lastError ?? codedError('render-no-adapter', 'no graphics backend is available');
  }

  _replaceCanvas() {
    this._canvas?.remove();
    const canvas = document.createElement('canvas');
    this._resizeCanvas(canvas);
    this.shadowRoot.insertBefore(canvas, this._message);
    this._canvas = canvas;
    return canvas;
  }

  _devicePixelSize() {
    const ratio = Math.min(window.devicePixelRatio || 1, DEFAULTS.MAX_DEVICE_PIXEL_RATIO);
    const rect = this.getBoundingClientRect();
    return [Math.max(1, Math.round(rect.width * ratio)), Math.max(1, Math.round(rect.height * ratio))];
  }

  _resizeCanvas(canvas) {
    const [width, height] = this._devicePixelSize();
    canvas.width = width;
    canvas.height = height;
  }

  /** Keeps the canvas at the element's size, and notices a lost WebGL context. */
  _watchCanvas(canvas) {
    this._resizeObserver?.disconnect();
    this._resizeObserver = new ResizeObserver(() => {
      const [width, height] = this._viewer.resize(...this._devicePixelSize());
      canvas.width = width;
      canvas.height = height;
      this._requestFrame();
    });
    this._resizeObserver.observe(this);
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      this._recover();
    });
  }

  /** The model about to be handed to the viewer (a device lost soon after: its doing). */
  _noteModelLoad(href) {
    this._modelLoad = { href, at: performance.now() };
  }

  /**
   * The GPU device or WebGL context was lost (driver reset, GPU process crash, too many
   * contexts), or the device reported an error (a resource too large for it): a new viewer
   * starts on a fresh canvas and the design is applied again from what the element keeps —
   * attributes, the shopper's photo files and their placements, the view. Sends `restore`
   * {detail: {backend, milliseconds, cause}} once the pendant shows again.
   *
   * A model loaded in the last few seconds is the likely cause: it is not loaded again, and
   * `render-device-lost` names it. At most RECOVERY.PER_MINUTE restarts a minute and
   * RECOVERY.PER_PAGE in all: after that the viewer stays down with `render-device-lost`
   * rather than make the browser block the GPU for the whole site.
   */
  _recover(cause = null) {
    if (this._recovering || !this._viewer) return this._recovering;
    const started = performance.now();
    const lost = this._viewer;
    this._beforeRecovery(lost);
    this._viewer = null;
    this._ready = null;
    this._resizeObserver?.disconnect();
    lost.free();
    this._recoveries.push(started);
    const lastMinute = this._recoveries.filter((time) => started - time < 60_000).length;
    if (lastMinute > RECOVERY.PER_MINUTE || this._recoveries.length > RECOVERY.PER_PAGE) {
      this._ready = Promise.resolve(null); // stays down until the page reloads
      this._fail(codedError('render-device-lost', 'the graphics device was lost too often; reload the page to see the pendant again'));
      return null;
    }
    const suspect = this._modelLoad && started - this._modelLoad.at < RECOVERY.SUSPECT_MS ? this._modelLoad.href : null;
    if (suspect) this._refusedSrc = suspect;
    this._recovering = (async () => {
      const viewer = await this._ensureStarted();
      if (!viewer) return;
      await this._afterRecovery(viewer);
      await this._nextFrame();
      this._dispatch('restore', { backend: this.backend, milliseconds: performance.now() - started, cause: cause?.code ?? 'render-device-lost' });
    })().finally(() => { this._recovering = null; });
    return this._recovering;
  }

  /** A device error (validation, out of memory) is handled as a loss: reported, then recovered. */
  _checkDevice() {
    const error = this._viewer?.takeDeviceError();
    if (!error) return false;
    this._fail(error);
    this._recover(error);
    return true;
  }
};
