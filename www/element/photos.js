// Photos: the shopper's own photo (setPhoto, a drop, a paste, choosePhoto), decoded in the
// browser and never uploaded; photos a design names (`photo`, `photo-2`); their look
// (`photo-style`, `photo-cover`) and placement (setPhotoCrop, panPhoto), kept across a lost
// device.

import { LIMITS, codedError, fetchBytes } from './shared.js';

const PHOTO_ERROR_LEAD = 'Photo';

/** Photo attributes, in photo area order (0: a locket's base or a pendant's only photo; 1: its lid). */
const PHOTO_ATTRIBUTES = ['photo', 'photo-2'];
const PHOTO_LOOK = ['photo-style', 'photo-cover'];

function photoTooLarge(bytes) {
  return codedError('photo-file-too-large', `the photo file is ${Math.floor(bytes / 1e6)} MB; the largest accepted is 64 MB`);
}

/** A placement from the wasm as a plain object (corners as an array). */
function plainPlacement(placement) {
  return { ...placement, corners: Array.from(placement.corners) };
}

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

export const PhotosFeature = (Base) => class extends Base {
  static get observedAttributes() {
    return [...super.observedAttributes, ...PHOTO_ATTRIBUTES, ...PHOTO_LOOK];
  }

  constructor() {
    super();
    this._photoTokens = [];
    this._placements = []; // per photo area: the last placement the wasm returned
    this._photoSizes = []; // per photo area: [width, height] of the photo as the viewer holds it
    this._wantedPlacements = []; // per photo area: a saved placement waiting for its photo
    this._photoFiles = []; // per photo area: the shopper's file name
    this._photoBlobs = []; // per photo area: the shopper's file (kept to recover a lost device)
  }

  get photo() { return this.getAttribute('photo') ?? ''; }
  set photo(value) { this.setAttribute('photo', value); }
  get photoStyle() { return this.getAttribute('photo-style') ?? 'color'; }
  set photoStyle(value) { this.setAttribute('photo-style', value); }
  get photoCover() { return this.getAttribute('photo-cover') ?? 'glass'; }
  set photoCover(value) { this.setAttribute('photo-cover', value); }
  /** The current model's photo areas: [{mask, widthMm, heightMm}] (circle, heart, oval, rect). */
  get photoAreas() { return this._viewer ? Array.from(this._viewer.photoAreas()) : []; }

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
      this._photoSizes[area] = [photo.width, photo.height];
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

  _onViewerReady(viewer, canvas) {
    super._onViewerReady(viewer, canvas);
    if (!this._listeningToDrops) this._listenToDrops(); // the element's own: added once
    this._listeningToDrops = true;
  }

  async _loadContent() {
    await super._loadContent();
    PHOTO_ATTRIBUTES.forEach((name, area) => {
      if (this.getAttribute(name)) this._loadPhotoAttribute(area);
    });
  }

  _onAttribute(name) {
    super._onAttribute(name);
    if (PHOTO_ATTRIBUTES.includes(name)) this._loadPhotoAttribute(PHOTO_ATTRIBUTES.indexOf(name));
    if (PHOTO_LOOK.includes(name)) this._restylePhotos();
  }

  _beforeRecovery(lost) {
    super._beforeRecovery(lost);
    this._placements.forEach((placement, area) => { if (placement) this._wantedPlacements[area] = placement; });
  }

  async _afterRecovery(viewer) {
    await super._afterRecovery(viewer);
    const shoppersPhotos = this._photoBlobs.map((blob, area) => [blob, area])
      .filter(([blob, area]) => blob && !this.getAttribute(PHOTO_ATTRIBUTES[area]));
    await Promise.all(shoppersPhotos.map(([blob, area]) => this.setPhoto(blob, { area }).catch(() => {})));
  }

  /** What the design document keeps of each area's photo (null: none, or not on this shape). */
  _photoDesigns() {
    const areas = this.photoAreas.length; // photos kept for another shape are not part of this one
    return PHOTO_ATTRIBUTES.map((_, area) => {
      const placement = this._placements[area];
      if (!placement || area >= areas) return null;
      const { zoom, x, y, rotation } = placement;
      return { zoom, x, y, rotation, file: this._photoFiles[area] ?? '' };
    });
  }

  _urlAttributes() {
    return [...super._urlAttributes(), ...PHOTO_ATTRIBUTES.map((name) => [name, 'photo'])];
  }

  /**
   * A design's placements (`wanted[area]`; null: none), before its `attributes` are set: each
   * applies now to the photo its area shows, or when the photo the design names arrives.
   */
  _placeFromDesign(wanted, attributes) {
    super._placeFromDesign(wanted, attributes);
    wanted.forEach((placement, area) => {
      const name = PHOTO_ATTRIBUTES[area];
      const srcChanges = (attributes[name] ?? null) !== this.getAttribute(name);
      if (!placement) {
        this._wantedPlacements[area] = null;
        if (!srcChanges) this.clearPhoto(area);
      } else if (srcChanges || !this._placements[area]) {
        this._wantedPlacements[area] = placement; // applied when the photo arrives
      } else {
        this.setPhotoCrop(area, placement);
      }
    });
  }

  _listenToDrops() {
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
    const src = this.getAttribute(PHOTO_ATTRIBUTES[area]);
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
};
