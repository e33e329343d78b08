// <pendant-viewer>: the embeddable element. One ES module plus the wasm; no framework.
//
// It only adapts the page to the wasm `Viewer` handle: it picks the backend (a lean WebGPU
// build where the browser gives a working adapter, else the WebGL2 build on a fresh canvas),
// fetches the model and its external files, forwards input, sizes the canvas to the element
// × devicePixelRatio, and draws on demand (no loop unless auto-rotating or dragging).
//
// Attributes (kebab-case) ↔ properties: src, alt, camera-controls (boolean: the shopper may
// turn and zoom, as in model-viewer), with-credentials (boolean: send cookies with cross-origin
// model and photo requests, as model-viewer; never by default), auto-rotate (boolean),
// exposure (number),
// finish (a metal — yellow-gold, rose-gold, white-gold, sterling-silver, platinum — optionally
// with "polished" or "brushed"; absent: the model's own materials), background (studio, white,
// transparent, gradient or #rrggbb), stone (garnet, amethyst, …, cubic-zirconia: set into the
// model's gem slots), birthstone (a month, 1–12 or a name: its usual stone, unless `stone` is
// also set), shadow-intensity (0–1, the soft shadow behind the pendant; default 0.6), backend
// ("auto" | "webgpu" | "webgl2"; default auto), open (boolean: a locket's lid swings open on
// its hinge, animated).
// Engraving: `engraving` (front), `engraving-back`, `engraving-left`, `engraving-right` (the
// text; a newline starts a new line), each with `-font` (script, block, serif, mono), `-align`
// (left, center, right), `-size` (capital height in mm; absent: as large as fits), `-path`
// (straight, arc), `-finish` (bright, oxidized) and `-spacing` (extra letter spacing in ems),
// e.g. engraving-back-font="mono". Methods formatCoordinates(), formatDate() and monogram()
// turn what shoppers type into engraving text. The engraving module (./pkg/engraver/: text
// layout) and fonts from ./fonts/ are fetched only when a design has text and uses them (the
// symbols/Hebrew/Arabic fallback only when a character needs it).
// Photos: `photo` and `photo-2` (URLs of photos for the first and second photo area — a
// locket's two halves), `photo-style` (color, bw, sepia) and `photo-cover` (glass, resin,
// print). The shopper's own file goes through setPhoto(blob, {area}) — decoded in the browser
// (createImageBitmap, EXIF orientation honoured, reduced to the texture size off the main
// thread); the photo never leaves the device. setPhotoCrop(area, {zoom, x, y, rotation}),
// panPhoto(area, du, dv), clearPhoto(area), photoPlacement(area) and the photoAreas property
// place it.
// Events (bubbling, composed): `load` {detail: {backend, src}} after the first frame showing
// a newly loaded model; `error` {detail: {code, message, src}}; `backend` {detail: {backend}};
// `engraving` {detail: {side, letterHeightMm, warnings, milliseconds}} after each engraving;
// `photo` {detail: {area, width, height, placement, milliseconds}} once a new photo is drawn
// (milliseconds: from the call to that frame; photoFile(area) gives the page the Blob).
// A photo dropped on the element or pasted into it while focused goes into the first photo
// area; choosePhoto({area}) opens a file picker (from a click).
// The design: camera-orbit ("30deg 75deg 110%", model-viewer's form), chain (cable, box,
// rope: drawn through the model's ring) and chain-length (16–24 in), getConfig({production}) / setConfig(config) for the versioned
// design document (rules in src/design/), configToFragment / configFromFragment for share
// links, toBlob({width, height, type, quality, transparent}) for stills; events `change`
// {detail: {config}} once per task and `camera-change` {detail: {orbit, source}}.
// Embedding: loading ("eager" | "lazy": start when scrolled near), poster (an image until the
// first frame), `progress` {detail: {totalProgress}}; nothing is drawn off-screen; a live
// region reads out the view after keyboard moves; a lost GPU device or WebGL context is
// recovered (`restore` {detail: {backend, milliseconds}}).

/** One documented place for defaults. */
export const DEFAULTS = Object.freeze({
  AUTO_ROTATE_DEGREES_PER_SECOND: 30,
  EXPOSURE: 1,
  SHADOW_INTENSITY: 0.6,
  MAX_DEVICE_PIXEL_RATIO: 2,
});

const SETTING_ERROR_LEAD = 'Could not apply this setting';
const ENGRAVING_ERROR_LEAD = 'Engraving';
const PHOTO_ERROR_LEAD = 'Photo';

/** Restarts after a lost device: how many, and how soon after a model load it is blamed. */
const RECOVERY = Object.freeze({ PER_MINUTE: 2, PER_PAGE: 5, SUSPECT_MS: 3000 });

/** Photo attributes and the photo area each fills. */
const PHOTO_ATTRIBUTES = { photo: 0, 'photo-2': 1 };
const PHOTO_LOOK = ['photo-style', 'photo-cover'];

/**
 * Decodes a photo file in the browser: the wasm reads its header first (refusing HEIC, cut-short
 * files and decompression bombs with coded errors), then createImageBitmap decodes it upright
 * (EXIF) straight to the texture size, off the main thread. Transparent parts become white
 * (photo paper). Returns {width, height, pixels} (RGBA8).
 */
async function decodePhoto(blob, build) {
  if (!(blob instanceof Blob)) {
    throw codedError('photo-not-a-file', 'setPhoto needs a File or Blob (from a file input, a drop or a paste)');
  }
  if (blob.size > LIMITS.PHOTO_BYTES) throw photoTooLarge(blob.size); // before it is read into memory
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = build.inspectPhoto(bytes);
  const options = { imageOrientation: 'from-image', resizeWidth: info.textureWidth,
    resizeHeight: info.textureHeight, resizeQuality: 'high' };
  let bitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type: info.format }), options);
  } catch (error) {
    throw codedError('photo-corrupt', `the photo could not be decoded (${error.message}); please choose another`);
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = new Uint8Array(context.getImageData(0, 0, width, height).data.buffer);
  return { width, height, pixels };
}

/**
 * Decodes a model's images in the browser (the wasm carries no image codecs), one at a time:
 * for each `{index, mimeType, bytes, width, height}` from `embeddedImages` (which has read every
 * header and refused what is over the load budget or the device's texture limit), RGBA8 pixels
 * as stored (no colour management, straight alpha as far as a 2D canvas keeps it). Returns
 * {sizes, pixels} for `loadModel`: `index, width, height` triplets and the pixel arrays.
 */
async function decodeModelImages(images) {
  const sizes = [];
  const pixels = [];
  for (const { index, mimeType, bytes, width, height } of images) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(new Blob([bytes], mimeType ? { type: mimeType } : {}),
        { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none' });
    } catch (error) {
      throw codedError('model-bad-image', `image ${index}: it could not be decoded (${error.message})`);
    }
    if (bitmap.width !== width || bitmap.height !== height) {
      bitmap.close();
      throw codedError('model-bad-image', `image ${index}: its header says ${width} × ${height} px, it decodes to ${bitmap.width} × ${bitmap.height}`);
    }
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    sizes.push(index, width, height);
    pixels.push(new Uint8Array(context.getImageData(0, 0, width, height).data.buffer));
  }
  return { sizes, pixels };
}

/**
 * Download caps, bytes: the load budget's file limit (src/model/gltf/budget.rs; the wasm checks
 * again) and the photo limit (src/photo/inspect.rs). A download stops as soon as it passes
 * one, before the file is all in memory.
 */
const LIMITS = Object.freeze({ MODEL_BYTES: 64 * 2 ** 20, PHOTO_BYTES: 64 * 2 ** 20 });

function photoTooLarge(bytes) {
  return codedError('photo-file-too-large', `the photo file is ${Math.floor(bytes / 1e6)} MB; the largest accepted is 64 MB`);
}

/** A placement from the wasm as a plain object (corners as an array). */
function plainPlacement(placement) {
  return { ...placement, corners: Array.from(placement.corners) };
}

/**
 * How each look attribute reaches the wasm viewer. Only the changed one is applied; the ones
 * that can reject a value (finish, background, stone, birthstone) throw coded errors.
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

/** Engraving sides and the attribute that holds each one's text. */
const ENGRAVING_SIDES = { front: 'engraving', back: 'engraving-back', left: 'engraving-left', right: 'engraving-right' };
const ENGRAVING_OPTIONS = ['font', 'align', 'size', 'path', 'finish', 'spacing'];
/** Attribute name → the side it belongs to. */
const ENGRAVING_ATTRIBUTES = new Map(Object.entries(ENGRAVING_SIDES).flatMap(([side, prefix]) =>
  [[prefix, side], ...ENGRAVING_OPTIONS.map((option) => [`${prefix}-${option}`, side])]));
const ENGRAVING_FONTS = ['script', 'block', 'serif', 'mono'];
const FALLBACK_FONT = 'symbols';
const FONT_BASE = new URL('./fonts/', import.meta.url);
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

const BUILDS = {
  webgpu: new URL('./pkg/webgpu/pendant_viewer.js', import.meta.url),
  webgl2: new URL('./pkg/webgl/pendant_viewer.js', import.meta.url),
};
const loadedBuilds = new Map();
const ENGRAVER = new URL('./pkg/engraver/pendant_viewer.js', import.meta.url);
let loadedEngraver = null;

/**
 * Loads (once per page) the engraving module: text layout and rasterization, kept out of the
 * viewer builds so a design without text never downloads it. Returns its exports.
 */
function loadEngraver() {
  if (!loadedEngraver) {
    loadedEngraver = import(ENGRAVER.href).then(async (module) => {
      await module.default();
      return module;
    }).catch((error) => {
      loadedEngraver = null; // let a later engraving retry
      throw codedError('engraving-module-failed', `the engraving module could not be loaded (${error.message})`);
    });
  }
  return loadedEngraver;
}

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

/** `text` as a URL against the page's base, or null (URL.parse, for browsers before it). */
function parseUrl(text) {
  try {
    return new URL(text, document.baseURI);
  } catch {
    return null;
  }
}

/**
 * Where models and photos may come from. `allowed-sources` lists URL prefixes (absolute, or
 * relative to the page: "https://cdn.shop.example/models/ models/"); without it, the page's own
 * origin. Only http(s) URLs under a listed prefix, and `blob:` URLs this page's origin made,
 * are fetched: a design, a share link or a framing page may name any URL, and the element
 * fetches with the page's own authority.
 */
function sourcePolicy(attribute) {
  const prefixes = (attribute ?? location.origin).split(/\s+/).filter(Boolean).map((text) => {
    const url = parseUrl(text);
    if (!url || !/^https?:$/.test(url.protocol)) return null;
    return { origin: url.origin, path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/` };
  }).filter(Boolean);
  return {
    allows(url) {
      if (url.protocol === 'blob:') return url.origin === location.origin;
      if (!/^https?:$/.test(url.protocol)) return false;
      return prefixes.some(({ origin, path }) => url.origin === origin && url.pathname.startsWith(path));
    },
  };
}

/** An Error with a stable code, like the ones the wasm throws. */
function codedError(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

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

let sheet = null;
/** The element's style sheet, built once per page and shared by every viewer. */
function elementSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

export class PendantViewerElement extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'alt', 'auto-rotate', 'exposure', 'finish', 'background', 'stone', 'birthstone',
      'shadow-intensity', 'backend', 'open', 'camera-orbit', 'poster', 'loading', 'chain', 'chain-length', ...ENGRAVING_ATTRIBUTES.keys(),
      ...Object.keys(PHOTO_ATTRIBUTES), ...PHOTO_LOOK];
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
    this._poster = document.createElement('img');
    this._poster.className = 'poster';
    this._poster.alt = '';
    this._poster.hidden = true;
    this._progressBar = document.createElement('div');
    this._progressBar.className = 'progress';
    this._progressBar.setAttribute('role', 'progressbar');
    this._progressBar.setAttribute('aria-label', 'Loading the 3D preview');
    this._progressBar.append(document.createElement('div'));
    this._progressBar.hidden = true;
    this._live = document.createElement('div'); // says where the camera is, for screen readers
    this._live.className = 'live';
    this._live.setAttribute('role', 'status');
    this.shadowRoot.append(this._poster, this._progressBar, this._message, this._live);
    this._visible = true; // until the IntersectionObserver says otherwise
    this._modelShown = false;
    this._viewer = null;
    this._ready = null; // Promise<Viewer> while the backend starts
    this._frameScheduled = false;
    this._loadToken = 0;
    this._prefetch = null; // the model download started with the wasm (_prefetchSrc)
    this._pendingLoadEvent = null;
    this._pointers = new Map();
    this._settingErrors = new Set();
    this._engravingTokens = Object.fromEntries(Object.keys(ENGRAVING_SIDES).map((side) => [side, 0]));
    this._engravingWork = new Map(); // side → the latest engraving's promise (it never rejects)
    this._photoTokens = [];
    this._placements = []; // per photo area: the last placement the wasm returned
    this._frameWaiters = [];
    this._wantedPlacements = []; // per photo area: a saved placement waiting for its photo
    this._photoFiles = []; // per photo area: the shopper's file name
    this._photoBlobs = []; // per photo area: the shopper's file (kept to recover a lost device)
    this._recovering = null;
    this._recoveries = []; // when each recovery started (performance.now)
    this._modelLoad = null; // {href, at}: the last model handed to the viewer
    this._refusedSrc = null; // a model that took the device down: not loaded again
    this._cameraMoved = false; // the shopper moved the camera since the model loaded
    this._changeQueued = false;
    this._cameraChangeQueued = false;
    this.backend = null;
  }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.setAttribute('src', value); }
  get alt() { return this.getAttribute('alt') ?? ''; }
  set alt(value) { this.setAttribute('alt', value); }
  get withCredentials() { return this.hasAttribute('with-credentials'); }
  set withCredentials(value) { this.toggleAttribute('with-credentials', Boolean(value)); }
  /** `allowed-sources`: URL prefixes models and photos may come from (default: this page's origin). */
  get allowedSources() { return this.getAttribute('allowed-sources') ?? ''; }
  set allowedSources(value) { this.setAttribute('allowed-sources', value); }

  /**
   * The URL `text` names (relative to the page), if the source policy allows it; else throws
   * `source-not-allowed` naming it and how a page allows it.
   */
  _allowedUrl(text, what) {
    const url = parseUrl(text);
    if (!url) throw codedError(what === 'photo' ? 'photo-fetch-failed' : 'model-fetch-failed', `could not download the ${what}: '${text}' is not a URL`);
    if (!sourcePolicy(this.getAttribute('allowed-sources')).allows(url)) {
      const shown = url.protocol === 'data:' ? 'a data: URL' : `'${url.href.slice(0, 200)}'`;
      throw codedError('source-not-allowed', `the ${what} at ${shown} is not from an allowed source (this page allows ${this.getAttribute('allowed-sources') ?? 'its own origin'}; the allowed-sources attribute adds others)`);
    }
    return url;
  }

  /**
   * The fetch `credentials` mode for the model and photo URLs: cookies go cross-origin only
   * with with-credentials (and nothing outside allowed-sources is fetched at all);
   * `credentials="omit"` (the iframe embed) sends none, not even to its own origin.
   */
  get _credentials() {
    if (this.getAttribute('credentials') === 'omit') return 'omit';
    return this.withCredentials ? 'include' : 'same-origin';
  }
  get cameraControls() { return this.hasAttribute('camera-controls'); }
  set cameraControls(value) { this.toggleAttribute('camera-controls', Boolean(value)); }
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
  get background() { return this.getAttribute('background') ?? 'studio'; }
  set background(value) { this.setAttribute('background', value); }
  get stone() { return this.getAttribute('stone') ?? ''; }
  set stone(value) { this.setAttribute('stone', value); }
  get birthstone() { return this.getAttribute('birthstone') ?? ''; }
  /** A locket opens (animated) while `open` is present. */
  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }
  /** Whether the current model opens (a locket with a hinge). */
  get canOpen() { return this._viewer?.canOpen() ?? false; }
  /** How many stones the shape holds (0: the stone and birthstone attributes show nothing). */
  get stoneSettings() { return this._viewer?.stoneSettings() ?? 0; }
  set birthstone(value) { this.setAttribute('birthstone', value); }
  get photo() { return this.getAttribute('photo') ?? ''; }
  set photo(value) { this.setAttribute('photo', value); }
  get photoStyle() { return this.getAttribute('photo-style') ?? 'color'; }
  set photoStyle(value) { this.setAttribute('photo-style', value); }
  get photoCover() { return this.getAttribute('photo-cover') ?? 'glass'; }
  set photoCover(value) { this.setAttribute('photo-cover', value); }
  /** The current model's photo areas: [{mask, widthMm, heightMm}] (circle, heart, oval, rect). */
  get photoAreas() { return this._viewer ? Array.from(this._viewer.photoAreas()) : []; }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'img');
    this._updateLabel();
    this._updatePoster();
    // Start at once (loading="eager", the default) or when scrolled near (loading="lazy");
    // either way, stop animating while off-screen.
    this._intersection ??= new IntersectionObserver((entries) => {
      this._visible = entries.at(-1).isIntersecting;
      if (this._visible) {
        this._ensureStarted();
        this._requestFrame();
      }
    }, { rootMargin: '200px' });
    this._intersection.observe(this);
    if (this.getAttribute('loading') !== 'lazy') this._ensureStarted();
    // WebGPU reports a lost device asynchronously; an idle viewer draws nothing that would
    // notice, so look four times a second (a flag read).
    this._lossWatch ??= setInterval(() => { if (this._viewer?.isLost()) this._recover(); }, 250);
  }

  disconnectedCallback() {
    this._resizeObserver?.disconnect();
    this._intersection?.disconnect();
    this._intersection = null;
    clearInterval(this._lossWatch);
    this._lossWatch = null;
  }

  /**
   * The GPU device or WebGL context was lost (driver reset, GPU process crash, too many
   * contexts), or the device reported an error (a resource too large for it): a new viewer
   * starts on a fresh canvas and the design is applied again from what the element keeps —
   * attributes, the shopper's photo files and their placements. Sends `restore` {detail:
   * {backend, milliseconds}} once the pendant shows again.
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
    const view = this._cameraMoved ? lost.cameraOrbit() : null;
    const placements = this._placements.slice();
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
      placements.forEach((placement, area) => { if (placement) this._wantedPlacements[area] = placement; });
      const viewer = await this._ensureStarted();
      if (!viewer) return;
      const shoppersPhotos = this._photoBlobs.map((blob, area) => [blob, area])
        .filter(([blob, area]) => blob && !this.getAttribute(Object.keys(PHOTO_ATTRIBUTES)[area]));
      await Promise.all(shoppersPhotos.map(([blob, area]) => this.setPhoto(blob, { area }).catch(() => {})));
      if (view) viewer.setView(view); // where the shopper had turned it
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

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'poster') this._updatePoster();
    if (!this._ready || oldValue === newValue) return;
    if (name === 'src') {
      if (!this._viewer) this._prefetchSrc(); // still starting: download it meanwhile
      this._loadSrc();
    }
    if (name === 'alt') this._updateLabel();
    if (name === 'poster') this._updatePoster();
    const setting = SETTING_OF[name] ?? name;
    if (setting in SETTINGS) this._applySetting(setting);
    const side = ENGRAVING_ATTRIBUTES.get(name);
    if (side && this._viewer?.hasModel()) this._applyEngraving(side);
    if (name in PHOTO_ATTRIBUTES) this._loadPhotoAttribute(PHOTO_ATTRIBUTES[name]);
    if (PHOTO_LOOK.includes(name)) this._restylePhotos();
    if (this._designAttributes?.has(name)) this._designChanged();
  }

  /**
   * Shows the shopper's photo (a File or Blob: file input, drop, paste) in photo area `area`
   * (0: a locket's base or a pendant's only photo; 1: a locket's lid), centred and covering the
   * area. Resolves with {area, width, height, placement, milliseconds} once it is drawn;
   * rejects with a coded error (photo-unsupported, photo-truncated, photo-too-large,
   * photo-no-such-area, …), leaving the previous photo in place. Nothing is uploaded.
   */
  async setPhoto(blob, { area = 0 } = {}) {
    const started = performance.now();
    const token = (this._photoTokens[area] ?? 0) + 1;
    this._photoTokens[area] = token;
    try {
      const viewer = await this._ensureStarted();
      if (!viewer) throw codedError('viewer-not-ready', 'the viewer could not start');
      const photo = await decodePhoto(blob, this._build);
      await this._modelLoading; // a shape still on its way gets the photo (setConfig sets both)
      if (token !== this._photoTokens[area] || viewer !== this._viewer) return null; // a newer photo won
      let placement = viewer.setPhoto(area, photo.width, photo.height, photo.pixels, this.photoStyle, this.photoCover);
      const wanted = this._wantedPlacements[area];
      if (wanted) { // a saved design's placement (setConfig) waiting for this photo
        this._wantedPlacements[area] = null;
        placement = viewer.setPhotoDesign(area, this.photoStyle, this.photoCover, wanted.zoom, wanted.x, wanted.y,
          wanted.rotation);
      }
      this._placements[area] = plainPlacement(placement);
      this._photoFiles[area] = typeof blob.name === 'string' ? blob.name : '';
      this._photoBlobs[area] = blob; // to show again after a lost GPU device
      this._designChanged();
      this._settingApplied(`photo-${area}`);
      await this._nextFrame();
      // Not the file itself: the event reaches every listener on the page (photoFile(area)
      // hands it to the page's own code that asks).
      const detail = { area, width: photo.width, height: photo.height, placement: this._placements[area],
        milliseconds: performance.now() - started };
      this._dispatch('photo', detail);
      return detail;
    } catch (error) {
      if (token === this._photoTokens[area]) this._settingFailed(`photo-${area}`, error, PHOTO_ERROR_LEAD);
      throw error;
    }
  }

  /**
   * Re-places area `area`'s photo: any of {zoom (1–8), x, y (pan, −1…1: edge to edge),
   * rotation (degrees clockwise)}; the rest stays. Returns the placement {zoom, x, y, rotation,
   * style, cover, corners} (corners: the area's outline on the photo, photo UV, for a crop
   * editor). Instant.
   */
  setPhotoCrop(area, crop) {
    const current = this._placements[area];
    if (!current || !this._viewer) throw codedError('photo-none', `photo area ${area} has no photo yet`);
    const next = { ...current, ...crop };
    const placement = this._viewer.setPhotoDesign(area, this.photoStyle, this.photoCover, Number(next.zoom),
      Number(next.x), Number(next.y), Number(next.rotation));
    return this._placed(area, placement);
  }

  /**
   * Opens the file picker for a photo in area `area` (call it from a click or key press: the
   * browser allows file pickers only then). The element also takes a photo dropped on it or
   * pasted while it has focus.
   */
  choosePhoto({ area = 0 } = {}) {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.addEventListener('change', () => {
      if (input.files[0]) this.setPhoto(input.files[0], { area }).catch(() => {}); // reported by setPhoto
    });
    input.click();
  }

  /** Moves area `area`'s photo by (du, dv) in photo UV (a drag over the whole photo). */
  panPhoto(area, du, dv) {
    if (!this._placements[area] || !this._viewer) throw codedError('photo-none', `photo area ${area} has no photo yet`);
    return this._placed(area, this._viewer.panPhoto(area, du, dv));
  }

  /** The placement of area `area`'s photo, or null. */
  photoPlacement(area = 0) { return this._placements[area] ?? null; }

  /** The shopper's own file shown in area `area` (for the shop's own preview or upload), or null. */
  photoFile(area = 0) { return this._photoBlobs[area] ?? null; }

  /** Takes the photo out of area `area`. */
  clearPhoto(area = 0) {
    this._photoTokens[area] = (this._photoTokens[area] ?? 0) + 1;
    const had = Boolean(this._placements[area]);
    this._placements[area] = undefined;
    this._photoFiles[area] = '';
    this._photoBlobs[area] = null;
    this._viewer?.clearPhoto(area);
    this._requestFrame();
    if (had) this._designChanged();
  }

  _placed(area, placement) {
    this._placements[area] = plainPlacement(placement);
    this._requestFrame();
    this._dispatch('photo-placement', { area, placement: this._placements[area] });
    this._designChanged();
    return this._placements[area];
  }

  _restylePhotos() {
    this._placements.forEach((placement, area) => {
      if (!placement) return;
      try {
        this._placed(area, this._viewer.setPhotoDesign(area, this.photoStyle, this.photoCover, placement.zoom,
          placement.x, placement.y, placement.rotation));
        this._settingApplied('photo-look');
      } catch (error) {
        this._settingFailed('photo-look', error);
      }
    });
  }

  /** Fetches the photo an attribute names (a merchant's or a saved design's URL). */
  async _loadPhotoAttribute(area) {
    const src = this.getAttribute(Object.keys(PHOTO_ATTRIBUTES)[area]);
    if (!src) {
      this.clearPhoto(area);
      return;
    }
    let blob;
    try {
      const url = this._allowedUrl(src, 'photo');
      const bytes = await fetchBytes(url, { what: 'photo', credentials: this._credentials,
        limit: LIMITS.PHOTO_BYTES, failed: 'photo-fetch-failed', tooLarge: photoTooLarge });
      blob = new Blob([bytes]);
    } catch (error) {
      this._settingFailed(`photo-${area}`, error, PHOTO_ERROR_LEAD);
      return;
    }
    this.setPhoto(blob, { area }).catch(() => {}); // reported by setPhoto
  }

  /** Resolves after the next drawn frame. */
  _nextFrame() {
    return new Promise((resolve) => {
      this._frameWaiters.push(resolve);
      this._requestFrame();
    });
  }

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

  _helpers() {
    if (!this._build) throw codedError('viewer-not-ready', 'the viewer has not started yet');
    return this._build;
  }

  /** The engraving sides the current model offers. */
  get engravingSides() { return this._viewer?.engravingSides() ?? []; }

  /** Live GPU objects wgpu holds for the page (WebGL2 build only; null on WebGPU): for soak tests. */
  get liveGpuObjects() { return this._viewer?.liveGpuObjects() ?? null; }

  /** Bytes of wasm memory the viewer's build holds (it grows, never shrinks): for soak tests. */
  get wasmMemoryBytes() { return this._build?.memory?.buffer.byteLength ?? 0; }

  /** Frames actually drawn (idle frames are skipped: render on demand). */
  get framesRendered() { return this._viewer?.framesDrawn ?? 0; }

  /** Back to the author's view (`camera-orbit`, else straight on and framed). */
  resetCamera() {
    this._viewer?.resetCamera();
    this._cameraMoved = false;
    this._requestFrame();
    this._cameraChanged();
  }

  /**
   * The whole design as a plain object: the versioned document described in README ("The
   * design document"): model, finish, stone, engraving per side, photo placements (photos are
   * referenced, never embedded), chain and view. `production: true` adds each engraved side's
   * production spec (font, sizes in mm, lines) for the workshop. Throws a coded error
   * (viewer-not-ready; design-invalid naming the attribute that holds a refused value).
   */
  getConfig({ production = false } = {}) {
    const build = this._helpers();
    const attributes = Object.fromEntries([...this._designAttributes].map((name) => [name, this.getAttribute(name)]));
    if (this._cameraMoved && !this.autoRotate && this._viewer) attributes['camera-orbit'] = this._viewer.cameraOrbit();
    const areas = this.photoAreas.length; // photos kept for another shape are not part of this one
    const photos = [0, 1].map((area) => {
      const placement = this._placements[area];
      if (!placement || area >= areas) return null;
      const { zoom, x, y, rotation } = placement;
      return { zoom, x, y, rotation, file: this._photoFiles[area] ?? '' };
    });
    const config = JSON.parse(build.designFromElement(JSON.stringify(attributes), JSON.stringify(photos)));
    if (production) {
      for (const [side, cut] of Object.entries(config.engraving ?? {})) cut.production = this.engravingSpec(side);
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
    for (const name of ['src', ...Object.keys(PHOTO_ATTRIBUTES)]) {
      const url = state.attributes[name];
      if (url) this._allowedUrl(url, name === 'src' ? 'model' : 'photo'); // refused whole, before anything changes
    }
    for (const [area, wanted] of state.photos.entries()) {
      const name = Object.keys(PHOTO_ATTRIBUTES)[area];
      const srcChanges = (state.attributes[name] ?? null) !== this.getAttribute(name);
      if (!wanted) {
        this._wantedPlacements[area] = null;
        if (!srcChanges) this.clearPhoto(area);
      } else if (srcChanges || !this._placements[area]) {
        this._wantedPlacements[area] = wanted; // applied when the photo arrives
      } else {
        this.setPhotoCrop(area, wanted);
      }
    }
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
   * size; each side up to the device's texture limit, 8192 on most, and 25 MP in all), `type` image/png (default),
   * image/jpeg or image/webp with `quality`, `transparent: true` for a cut-out on a
   * transparent backdrop (PNG/WebP), and `orbit` (a camera-orbit value) for another view than
   * the shopper's, whose camera does not move. Rejects with still-size-invalid,
   * camera-orbit-invalid or viewer-not-ready.
   */
  async toBlob({ width, height, type = 'image/png', quality, transparent = false, orbit = '' } = {}) {
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
      viewer.renderStill(w, h, Boolean(transparent), String(orbit ?? ''));
      still.getContext('2d').drawImage(canvas, 0, 0);
    } finally {
      [canvas.width, canvas.height] = saved;
      viewer.endStill();
    }
    return still.convertToBlob({ type, quality });
  }

  /** A `change` event (detail: {config}) once per task, however many attributes changed. */
  _designChanged() {
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

  /** A `camera-change` event (detail: {orbit, source}) at most once per frame. */
  _cameraChanged(source = 'user-interaction') {
    if (this._cameraChangeQueued || !this._viewer) return;
    this._cameraChangeQueued = true;
    requestAnimationFrame(() => {
      this._cameraChangeQueued = false;
      this._dispatch('camera-change', { orbit: this._viewer.cameraOrbit(), source });
    });
  }

  /** The shopper moved the camera. */
  _cameraMovedByUser() {
    this._cameraMoved = true;
    this._requestFrame();
    this._cameraChanged();
  }

  /** The poster shows until the first frame of a model (model-viewer's `poster`). */
  _updatePoster() {
    const poster = this.getAttribute('poster');
    if (poster && this._poster.getAttribute('src') !== poster) this._poster.src = poster;
    this._poster.hidden = !poster || this._modelShown;
  }

  /** Loading progress, 0…1 (wasm, then the model): the bar and a `progress` event. */
  _progress(fraction) {
    this._progressBar.hidden = fraction >= 1;
    this._progressBar.firstChild.style.width = `${(fraction * 100).toFixed(1)}%`;
    this._progressBar.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
    this._dispatch('progress', { totalProgress: fraction });
  }

  /** Tells screen readers where the camera is, once the keys stop. */
  _announceView() {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => {
      if (this._viewer) this._live.textContent = `${this._viewer.viewDescription()}.`;
    }, 400);
  }

  _updateLabel() {
    this.setAttribute('aria-label', this.alt || 'Interactive 3D preview of a pendant');
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

  async _start() {
    this._prefetchSrc();
    const wanted = this.getAttribute('backend') ?? 'auto';
    const candidates = wanted === 'webgl2' ? ['webgl2']
      : wanted === 'webgpu' ? ['webgpu']
      : (await hasWebGpuAdapter()) ? ['webgpu', 'webgl2'] : ['webgl2'];
    let lastError = null;
    for (const backend of candidates) {
      // A canvas that had one context type can never get another: fresh canvas per attempt.
      const canvas = this._replaceCanvas();
      try {
        if (!this._modelShown) this._progress(0.05);
        const build = await loadBuild(backend);
        if (!this._modelShown) this._progress(0.4);
        this._build = build;
        this._designAttributes = new Set(build.designAttributeNames());
        this._viewer = await build.Viewer.create(canvas);
        this.backend = this._viewer.backend();
        this.dataset.backend = this.backend;
        this._listen(canvas);
        if (!this._listeningToElement) this._listenElement();
        this._listeningToElement = true;
        this._applySettings();
        this._dispatch('backend', { backend: this.backend });
        if (this.src) await this._loadSrc();
        for (const area of Object.values(PHOTO_ATTRIBUTES)) {
          const name = Object.keys(PHOTO_ATTRIBUTES)[area];
          if (this.getAttribute(name)) this._loadPhotoAttribute(area);
        }
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

  _listen(canvas) {
    this._resizeObserver?.disconnect();
    this._resizeObserver = new ResizeObserver(() => {
      const [width, height] = this._viewer.resize(...this._devicePixelSize());
      canvas.width = width;
      canvas.height = height;
      this._requestFrame();
    });
    this._resizeObserver.observe(this);

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
      this._cameraMovedByUser();
    });
    const release = (event) => this._pointers.delete(event.pointerId);
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
    canvas.addEventListener('wheel', (event) => {
      if (!this.cameraControls) return; // the page scrolls as usual
      event.preventDefault();
      const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      this._viewer.wheel(pixels);
      this._cameraMovedByUser();
    }, { passive: false });
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      this._recover();
    });
  }

  /** Listeners on the element itself: added once (a recovered viewer keeps them). */
  _listenElement() {
    // A photo dropped on the viewer or pasted into it goes into the first photo area.
    const photoFile = (files) => (this.photoAreas.length ? [...(files ?? [])].find((f) => f.type.startsWith('image/') || !f.type) : null);
    this.addEventListener('dragover', (event) => {
      if (this.photoAreas.length && event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    this.addEventListener('drop', (event) => {
      const file = photoFile(event.dataTransfer?.files);
      if (!file) return;
      event.preventDefault();
      this.setPhoto(file).catch(() => {}); // reported by setPhoto
    });
    this.addEventListener('paste', (event) => {
      const file = photoFile(event.clipboardData?.files);
      if (!file) return;
      event.preventDefault();
      this.setPhoto(file).catch(() => {});
    });
    this.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || !this.cameraControls) return;
      if (this._viewer?.key(event.key)) {
        event.preventDefault();
        this._cameraMovedByUser();
        this._announceView();
      }
    });
  }

  _applySettings() {
    for (const name of Object.keys(SETTINGS)) this._applySetting(name);
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

  _settingApplied(name) {
    this._settingErrors.delete(name);
    if (this._settingErrors.size === 0 && this._messageIsSetting) this._message.hidden = true;
  }

  _settingFailed(name, error, lead = SETTING_ERROR_LEAD) {
    this._settingErrors.add(name);
    this._fail(error, this.src, lead);
    this._messageIsSetting = true;
  }

  /** After a model loads: the design carries over to the sides the new shape has. */
  _applyEngravings() {
    const sides = this.engravingSides;
    for (const side of Object.keys(ENGRAVING_SIDES)) if (sides.includes(side)) this._applyEngraving(side);
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

  /** Resolves once the model and every engraving asked for so far are in place (for stills). */
  async _settled() {
    await this._modelLoading;
    await Promise.all([...this._engravingWork.values()]);
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
      const addFont = async (name) => {
        if (!engraver.hasFont(name)) engraver.addFont(name, await fetchFont(name));
      };
      if (text.trim() && ENGRAVING_FONTS.includes(font)) await addFont(font);
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
      let result;
      try {
        result = cut();
      } catch (error) {
        if (error.code !== 'engraving-unsupported-characters' || engraver.hasFont(FALLBACK_FONT)) throw error;
        await addFont(FALLBACK_FONT); // symbols, Hebrew, Arabic: fetched only when needed
        if (!current()) return;
        result = cut();
      }
      this._settingApplied(prefix);
      this._dispatch('engraving', { side, ...result });
    } catch (error) {
      if (token === this._engravingTokens[side]) this._settingFailed(prefix, error, ENGRAVING_ERROR_LEAD);
    }
    this._requestFrame();
  }

  /** This element's engraver (fonts and layouts), created with the engraving module's first use. */
  async _ensureEngraver() {
    if (!this._engraver) {
      const { Engraver } = await loadEngraver();
      this._engraver ??= new Engraver();
    }
    return this._engraver;
  }

  /** Loads `src`; `_modelLoading` settles when this load is done (a photo waits for it). */
  _loadSrc() {
    const loading = this._loadSrcNow();
    this._modelLoading = loading;
    return loading;
  }

  /**
   * Starts downloading `src` while the wasm loads and the device starts, which need nothing
   * from it: on a slow network the model's download then overlaps theirs instead of following
   * them. `_loadSrcNow` takes the download over when the URL and credentials still match.
   */
  _prefetchSrc() {
    let url;
    try {
      url = this.src ? this._allowedUrl(this.src, 'model') : null;
    } catch {
      return; // not a URL, or not allowed: _loadSrcNow reports it
    }
    if (!url || this._refusedSrc === url.href) return;
    const credentials = this._credentials;
    const prefetch = { href: url.href, credentials, fraction: 0, onProgress: null };
    prefetch.bytes = fetchBytes(url, { what: 'model', credentials, limit: LIMITS.MODEL_BYTES, onProgress: (fraction) => {
      prefetch.fraction = fraction;
      prefetch.onProgress?.(fraction);
    } });
    prefetch.bytes.catch(() => {}); // reported when taken over
    this._prefetch = prefetch;
  }

  /** The model's bytes: the early download when it is for this URL, else a new one. */
  _fetchModel(url, credentials, onProgress) {
    const prefetch = this._prefetch;
    this._prefetch = null;
    if (prefetch?.href !== url.href || prefetch.credentials !== credentials) {
      return fetchBytes(url, { what: 'model', onProgress, credentials, limit: LIMITS.MODEL_BYTES });
    }
    if (onProgress) {
      prefetch.onProgress = onProgress;
      onProgress(prefetch.fraction);
    }
    return prefetch.bytes;
  }

  /**
   * The files a model names (buffers, images), one at a time and within the model budget's
   * bytes in all. Each must be an allowed source; one on another origin than the model's
   * never gets cookies.
   */
  async _fetchExternalFiles(uris, modelUrl, credentials) {
    const files = [];
    let remaining = LIMITS.MODEL_BYTES;
    for (const uri of uris) {
      const url = this._allowedUrl(new URL(uri, modelUrl).href, `model's file '${uri.slice(0, 80)}'`);
      const file = await fetchBytes(url, { what: `file '${uri.slice(0, 80)}'`, limit: remaining,
        credentials: url.origin === modelUrl.origin ? credentials : 'omit' });
      remaining -= file.length;
      files.push(file);
    }
    return files;
  }

  async _loadSrcNow() {
    const src = this.src;
    const token = ++this._loadToken;
    if (!src || !this._viewer) return;
    try {
      const url = this._allowedUrl(src, 'model');
      if (this._refusedSrc === url.href) {
        throw codedError('render-device-lost', `the graphics device was lost while showing '${src}', so it is not shown again on this page`);
      }
      const credentials = this._credentials;
      const bytes = await this._fetchModel(url, credentials, this._modelShown ? null : (f) => this._progress(0.4 + 0.55 * f));
      const uris = this._viewer.externalUris(bytes);
      const files = await this._fetchExternalFiles(uris, url, credentials);
      const images = this._viewer.embeddedImages(bytes, uris, files);
      const { sizes, pixels } = await decodeModelImages(images);
      if (token !== this._loadToken) return; // a newer src won
      this._modelLoad = { href: url.href, at: performance.now() }; // a device lost soon after: this model's doing
      this._viewer.loadModel(bytes, uris, files, sizes, pixels);
      if (this._checkDevice()) return; // the device refused it: recovering, without this model
      this._cameraMoved = false;
      this._message.hidden = true;
      for (const prefix of Object.values(ENGRAVING_SIDES)) this._settingErrors.delete(prefix);
      this._engraver?.forgetAll();
      this._applyEngravings(); // the design carries over to the new shape
      this._pendingLoadEvent = { backend: this.backend, src };
      this._requestFrame();
    } catch (error) {
      if (token === this._loadToken) this._fail(error, src);
    }
  }

  _fail(error, src = this.src, lead = 'Could not show this pendant') {
    this._progressBar.hidden = true;
    const code = error?.code ?? 'unknown';
    const message = error?.message ?? String(error);
    this._message.textContent = `${lead}: ${message}`;
    this._messageIsSetting = false;
    this._message.hidden = false;
    this._dispatch('error', { code, message, src });
  }

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
      if (this._pendingLoadEvent) {
        const detail = this._pendingLoadEvent;
        this._pendingLoadEvent = null;
        if (!this._modelShown) {
          this._modelShown = true;
          this._updatePoster();
          this._progress(1);
        }
        this._dispatch('load', detail);
      }
      if (wantsMore && this._visible) this._requestFrame(); // off-screen: paused until seen
    });
  }

  _dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/**
 * Downloads a file, streamed: `onProgress(fraction)` follows it when the server sends its
 * length, and a file over `limit` bytes is refused (`tooLarge`) from its Content-Length, or as
 * soon as the stream passes the limit, never read whole. Cross-origin files need CORS.
 */
async function fetchBytes(url, { what, onProgress = null, credentials = 'same-origin', limit = Infinity,
  failed = 'model-fetch-failed', tooLarge = (bytes) => codedError('model-too-complex',
    `the model is too complex to show: the ${what} is over ${limit} bytes${bytes ? ` (${bytes})` : ''}`) }) {
  let response;
  try {
    response = await fetch(url, { mode: 'cors', credentials });
  } catch (error) {
    throw codedError(failed, `could not download the ${what} (${url.pathname}): ${error.message}`);
  }
  if (!response.ok) {
    throw codedError(failed, `could not download the ${what} (${url.pathname}): HTTP ${response.status}`);
  }
  const total = Number(response.headers.get('content-length'));
  if (total > limit) {
    response.body?.cancel();
    throw tooLarge(total);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > limit) {
      reader.cancel();
      throw tooLarge(0);
    }
    chunks.push(value);
    if (onProgress && total > 0) onProgress(Math.min(1, received / total)); // a compressed transfer may count differently
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

if (!customElements.get('pendant-viewer')) {
  customElements.define('pendant-viewer', PendantViewerElement);
}
