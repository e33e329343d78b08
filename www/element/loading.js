// Loading: the model (`src`), downloaded while the wasm starts, its files, images and
// compressed data (the meshopt and Draco decoder modules, ./pkg/meshopt/ and ./pkg/draco/,
// each fetched only for a model that needs it), within
// the download caps and the source policy (`allowed-sources`, `with-credentials`); the
// `poster` until its first frame, the progress bar, and `loading="lazy"`.

import { LIMITS, codedError, fetchBytes, lazyModule, parseUrl, sourcePolicy } from './shared.js';

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
 * The decoder modules ('meshopt', 'draco'), kept out of the viewer builds so a model without
 * compressed data never downloads them.
 */
const DECODERS = {
  meshopt: lazyModule(new URL('../pkg/meshopt/pendant_viewer.js', import.meta.url), 'model-decoder-failed', 'the meshopt decoder module'),
  draco: lazyModule(new URL('../pkg/draco/pendant_viewer.js', import.meta.url), 'model-decoder-failed', 'the draco decoder module'),
};
const loadDecoder = (kind) => DECODERS[kind]();

/**
 * Decodes a model's compressed buffer views (from `compressedViews`: meshopt views and Draco
 * streams) with the decoder modules they need, fetched only then. Returns {views, decoded} for
 * `loadModel`: the view indices and their decoded bytes.
 */
async function decodeModelViews(compressed) {
  const decoded = [];
  for (const entry of compressed) {
    const decoder = await loadDecoder(entry.kind);
    decoded.push(entry.kind === 'draco'
      ? decoder.decodeDraco(entry.bytes, entry.points, entry.faces)
      : decoder.decodeMeshopt(entry.bytes, entry.mode, entry.filter, entry.count, entry.stride));
  }
  return { views: compressed.map(({ view }) => view), decoded };
}

export const LoadingFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, 'src', 'poster', 'loading'];
  }

  constructor() {
    super();
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
    this.shadowRoot.prepend(this._poster, this._progressBar);
    this._modelShown = false;
    this._loadToken = 0;
    this._prefetch = null; // the model download started with the wasm (_prefetchSrc)
    this._pendingLoadEvent = null;
    this._modelLoading = null; // settles when the last model load is done (a photo waits for it)
  }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.setAttribute('src', value); }
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

  _onConnected() {
    super._onConnected();
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
  }

  _onDisconnected() {
    super._onDisconnected();
    this._intersection?.disconnect();
    this._intersection = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'poster') this._updatePoster(); // before the start too
    super.attributeChangedCallback(name, oldValue, newValue);
  }

  _onAttribute(name) {
    super._onAttribute(name);
    if (name === 'src' && !this._makesModel()) {
      if (!this._viewer) this._prefetchSrc(); // still starting: download it meanwhile
      this._loadSrc();
    }
  }

  _urlAttributes() {
    return [...super._urlAttributes(), ['src', 'model']];
  }

  _onStarting() {
    super._onStarting();
    if (!this._makesModel()) this._prefetchSrc();
  }

  _startProgress(fraction) {
    super._startProgress(fraction);
    if (!this._modelShown) this._progress(fraction);
  }

  async _loadContent() {
    await super._loadContent();
    if (this.src && !this._makesModel()) await this._loadSrc();
  }

  async _settled() {
    await super._settled();
    await this._modelLoading;
  }

  _onFrameDrawn() {
    super._onFrameDrawn();
    if (!this._pendingLoadEvent) return;
    const detail = this._pendingLoadEvent;
    this._pendingLoadEvent = null;
    if (!this._modelShown) {
      this._modelShown = true;
      this._updatePoster();
      this._progress(1);
    }
    this._dispatch('load', detail);
    // A made model (a cut-out) is attached by construction, checked natively for every kind
    // and by the fuzzer: skipping the check spares each keystroke 6–9 ms of main thread.
    if (!detail.made) this._checkAttachment(this._loadToken);
  }

  /**
   * After a model's first frame (the check takes tens of milliseconds on a locket): a `warning`
   * event {detail: {code: 'model-part-floats', message, part, nearest, distanceMm, open, src}}
   * for each part that does not touch what holds it. The model still shows.
   */
  _checkAttachment(token) {
    setTimeout(() => {
      if (token !== this._loadToken || !this._viewer) return; // another model since
      for (const gap of this._viewer.attachmentGaps()) {
        console.warn(`pendant-viewer: ${gap.message}`);
        this._dispatch('warning', { ...gap, src: this.src });
      }
    }, 0);
  }

  _fail(error, src, lead) {
    this._progressBar.hidden = true;
    super._fail(error, src, lead);
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

  /** Loads `src`; `_modelLoading` settles when this load is done. */
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

  /**
   * Shows a model made on the page (a cut-out): one self-contained .glb, no downloads; the
   * shopper's view direction stays when it replaces one. `label` stands for its `src` in the
   * `load` event. Throws the model's coded error.
   */
  _showMadeModel(bytes, label) {
    ++this._loadToken;
    this._prefetch = null;
    this._modelLoading = Promise.resolve();
    this._viewer.loadMadeModel(bytes);
    this._modelHandedOver({ backend: this.backend, src: label, made: true });
  }

  /** After the viewer took a model: features follow it, and `load` goes out with its first frame. */
  _modelHandedOver(detail) {
    if (this._checkDevice()) return; // the device refused it: recovering, without this model
    this._onModelLoaded();
    this._pendingLoadEvent = detail;
    this._requestFrame();
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
      const { views, decoded } = await decodeModelViews(this._viewer.compressedViews(bytes, uris, files));
      if (token !== this._loadToken) return; // a newer src won
      this._noteModelLoad(url.href);
      this._viewer.loadModel(bytes, uris, files, sizes, pixels, views, decoded);
      this._modelHandedOver({ backend: this.backend, src });
    } catch (error) {
      if (token === this._loadToken) this._fail(error, src);
    }
  }
};
