// TypeScript declarations for the <pendant-viewer> element (www/pendant-viewer.js).
// Reference: docs/element.md, docs/design-document.md and docs/errors.md.

/** Every code the viewer reports (docs/errors.md; tests/contracts.rs keeps the two equal). */
export type ErrorCode =
  | 'model-fetch-failed'
  | 'model-not-gltf'
  | 'model-malformed'
  | 'model-unsupported-extension'
  | 'model-missing-resource'
  | 'model-bad-image'
  | 'model-empty'
  | 'model-decoder-failed'
  | 'variant-unknown'
  | 'proof-failed'
  | 'model-too-complex'
  | 'source-not-allowed'
  | 'render-no-adapter'
  | 'render-no-device'
  | 'render-surface'
  | 'render-readback'
  | 'render-device-error'
  | 'render-device-lost'
  | 'still-size-invalid'
  | 'viewer-not-ready'
  | 'wasm-blocked'
  | 'finish-unknown-metal'
  | 'finish-unknown-surface'
  | 'background-unknown'
  | 'stone-unknown'
  | 'birthstone-unknown-month'
  | 'camera-orbit-invalid'
  | 'chain-unknown-style'
  | 'chain-length-invalid'
  | 'view-mode-invalid'
  | 'body-size-invalid'
  | 'size-reference-invalid'
  | 'engraving-does-not-fit'
  | 'engraving-unsupported-characters'
  | 'engraving-too-long'
  | 'engraving-too-many-lines'
  | 'engraving-control-character'
  | 'engraving-unknown-font'
  | 'engraving-unknown-option'
  | 'engraving-no-area'
  | 'engraving-bad-field'
  | 'engraving-bad-font'
  | 'engraving-font-not-loaded'
  | 'engraving-font-fetch-failed'
  | 'engraving-module-failed'
  | 'coordinates-unreadable'
  | 'coordinates-out-of-range'
  | 'date-unreadable'
  | 'date-style-unknown'
  | 'shape-unknown-option'
  | 'shape-out-of-range'
  | 'shape-empty'
  | 'shape-letter-count'
  | 'shape-unsupported-characters'
  | 'shape-font-not-loaded'
  | 'shape-bad-text'
  | 'shape-too-long'
  | 'shape-bad-outline'
  | 'shape-too-many-pieces'
  | 'photo-empty'
  | 'photo-unsupported'
  | 'photo-truncated'
  | 'photo-corrupt'
  | 'photo-no-pixels'
  | 'photo-too-large'
  | 'photo-file-too-large'
  | 'photo-bad-pixels'
  | 'photo-no-such-area'
  | 'photo-unknown-option'
  | 'photo-fetch-failed'
  | 'photo-not-a-file'
  | 'photo-none'
  | 'design-not-json'
  | 'design-too-large'
  | 'design-version-unsupported'
  | 'design-invalid'
  | 'design-link-damaged'
  | 'model-part-floats';

/** An Error the viewer reports; `code` is stable. */
export interface PendantViewerError extends Error {
  code: ErrorCode;
}

/** Where a photo sits in its area. */
export interface PhotoCrop {
  /** 1 (cover fit) … 8. */
  zoom: number;
  /** Pan across, −1 … 1. */
  x: number;
  /** Pan down, −1 … 1. */
  y: number;
  /** Clockwise, degrees. */
  rotation: number;
}

export interface PhotoPlacement extends PhotoCrop {
  style: 'color' | 'bw' | 'sepia';
  cover: 'glass' | 'resin' | 'print';
  /** The area's outline on the photo: four corners, photo UV, x then y. */
  corners: number[];
}

export type EngravingSide = 'front' | 'back' | 'left' | 'right';

export interface EngravingDesign {
  text: string;
  font?: 'script' | 'block' | 'serif' | 'mono';
  align?: 'left' | 'center' | 'right';
  /** Capital height in mm; absent: as large as fits. */
  size?: number;
  path?: 'straight' | 'arc';
  finish?: 'bright' | 'oxidized';
  /** Extra letter spacing, ems. */
  spacing?: number;
  /** Added by getConfig({production: true}). */
  production?: Record<string, unknown>;
}

/** The design document, version 1. */
export interface PendantDesign {
  version: 1;
  model?: string;
  finish?: { metal: 'yellow-gold' | 'rose-gold' | 'white-gold' | 'sterling-silver' | 'platinum'; surface?: 'polished' | 'brushed' };
  /** The model's own material variant by name (KHR_materials_variants). */
  variant?: string;
  /** 1–12 (or a month name when written by hand). */
  birthstone?: number | string;
  stone?: string;
  engraving?: Partial<Record<EngravingSide, EngravingDesign>>;
  photoStyle?: 'color' | 'bw' | 'sepia';
  photoCover?: 'glass' | 'resin' | 'print';
  photos?: Array<(Partial<PhotoCrop> & { src?: string; file?: string }) | null>;
  chain?: { style?: 'cable' | 'box' | 'rope'; lengthIn?: 16 | 18 | 20 | 22 | 24 };
  /** A pendant cut from the shopper's text or outline (then `model` is not used); sizes in mm. */
  shape?: { kind?: 'nameplate' | 'initial' | 'monogram' | 'outline'; text?: string; font?: 'script' | 'block' | 'serif' | 'mono';
            height?: number; thickness?: number; outline?: string; inset?: 'photo' | 'engraving' };
  view?: {
    open?: boolean; cameraOrbit?: string; background?: string; autoRotate?: boolean;
    /** 'studio' (default) or 'worn'; body: the bust's neck in cm ('32', '35', '38'). */
    mode?: 'studio' | 'worn'; body?: string;
    sizeReference?: 'us-quarter' | 'euro' | 'uk-pound';
  };
  /** Added by getConfig({production: true}): the metal's volume and weight per metal, or why unknown. */
  weight?: MetalWeight;
}

/** The metal's volume (closed metal meshes) and its weight in each metal, densities cited. */
export type MetalWeight =
  | { volume_mm3: number; weight_g: Record<string, number>; density_g_cm3: Record<string, number>; density_source: string }
  | { weight_unknown: string };

export interface PhotoArea {
  mask: 'circle' | 'heart' | 'oval' | 'rect';
  widthMm: number;
  heightMm: number;
}

export interface PendantViewerEventMap {
  /** After the first frame showing a model; `made`: a cut-out made on the page (src is `shape:<kind>`). */
  load: CustomEvent<{ backend: string; src: string; made?: boolean }>;
  error: CustomEvent<{ code: ErrorCode; message: string; src: string }>;
  /** After a model's first frame, for each part that does not touch what holds it (the model still shows). */
  warning: CustomEvent<{ code: ErrorCode; message: string; part: string; nearest: string; distanceMm: number; open: boolean; src: string }>;
  backend: CustomEvent<{ backend: string }>;
  progress: CustomEvent<{ totalProgress: number }>;
  change: CustomEvent<{ config: PendantDesign }>;
  /**
   * One per shopper action, for a shop's analytics (nothing is sent anywhere): a turn or zoom
   * gesture, a personalization change (`changed`: the design members), a view switch
   * (`changed`: mode, body, sizeReference, open, background), a proof, a photo added (its
   * size, never the photo). `first` on the first; `sinceLoadMs` since the first `load`.
   */
  interaction: CustomEvent<{ action: 'turn' | 'zoom' | 'personalize' | 'view' | 'proof' | 'photo'; first: boolean;
    sinceLoadMs: number | null; changed?: string[]; bytes?: number; area?: number; width?: number; height?: number }>;
  /** After makeProof made a proof: its size in bytes and the time it took. */
  proof: CustomEvent<{ bytes: number; milliseconds: number }>;
  'camera-change': CustomEvent<{ orbit: string; source: string }>;
  engraving: CustomEvent<{ side: EngravingSide; letterHeightMm: number; warnings: string[]; milliseconds: number }>;
  /** A cut-out was made and shown (each keystroke); warnings: thin strokes, bridges, shrunk letters. */
  shape: CustomEvent<{ kind: string; warnings: string[]; spec: Record<string, unknown>; milliseconds: number }>;
  photo: CustomEvent<{ area: number; width: number; height: number; placement: PhotoPlacement; milliseconds: number }>;
  'photo-placement': CustomEvent<{ area: number; placement: PhotoPlacement }>;
  restore: CustomEvent<{ backend: string; milliseconds: number; cause: string }>;
}

export interface Extent { width: number; height: number; thickness: number }

export declare const DEFAULTS: Readonly<{
  AUTO_ROTATE_DEGREES_PER_SECOND: number;
  EXPOSURE: number;
  SHADOW_INTENSITY: number;
  MAX_DEVICE_PIXEL_RATIO: number;
}>;

export declare class PendantViewerElement extends HTMLElement {
  src: string;
  alt: string;
  cameraControls: boolean;
  withCredentials: boolean;
  /** URL prefixes models and photos may come from (space-separated); empty: the page's origin. */
  allowedSources: string;
  autoRotate: boolean;
  exposure: number;
  shadowIntensity: number;
  finish: string;
  /** The model's material variant shown (KHR_materials_variants); '' as authored. */
  variant: string;
  /** The current model's material variants, by name. */
  readonly availableVariants: string[];
  background: string;
  stone: string;
  birthstone: string;
  open: boolean;
  photo: string;
  photoStyle: string;
  photoCover: string;
  /** 'WebGPU' or 'WebGL2' once started. */
  backend: string | null;
  /** 'studio' or 'worn' (on a display bust, at the chain's length). */
  view: string;
  /** The bust's neck, cm: '32', '35' (default), '38', or small, medium, large. */
  bodySize: string;
  /** A coin beside the pendant: 'coin' (the page locale's), 'us-quarter', 'euro', 'uk-pound', 'none'. */
  sizeReference: string;
  showDimensions: boolean;
  readonly canOpen: boolean;
  /** How many stones the current shape holds (its gem settings); 0: `stone` shows nothing. */
  readonly stoneSettings: number;
  readonly photoAreas: PhotoArea[];
  readonly engravingSides: EngravingSide[];
  readonly framesRendered: number;
  /** Live GPU objects wgpu holds for the page (WebGL2 build; null on WebGPU). */
  readonly liveGpuObjects: number | null;
  /** Bytes of wasm memory held by the build (soak tests). */
  readonly wasmMemoryBytes: number;

  getConfig(options?: { production?: boolean }): PendantDesign;
  setConfig(config: PendantDesign | string): Promise<PendantDesign>;
  configToFragment(config?: PendantDesign): string;
  configFromFragment(fragment: string): PendantDesign;
  configAttributes(config: PendantDesign): Record<string, string | null>;
  /** A still of the design as set (waits for the model and pending engravings). */
  toBlob(options?: { width?: number; height?: number; type?: string; quality?: number; transparent?: boolean; orbit?: string; open?: boolean }): Promise<Blob>;
  /** The design's one-page proof, made in the page: a PDF, or the same page as a PNG for email (the proof module loads on the first call). */
  makeProof(options?: { link?: string; type?: 'application/pdf' | 'image/png' }): Promise<Blob>;
  /** The design's options in words, as its proof lists them (for a cart line or an order email). */
  describeDesign(): Promise<Array<{ label: string; value: string }>>;
  resetCamera(): void;
  /** The pendant's size in mm, closed, without and with its rings and bails; null before a model. */
  getDimensions(): (Extent & { withBail: Extent }) | null;

  setPhoto(blob: Blob, options?: { area?: number }): Promise<{ area: number; width: number; height: number; placement: PhotoPlacement; milliseconds: number } | null>;
  choosePhoto(options?: { area?: number }): void;
  setPhotoCrop(area: number, crop: Partial<PhotoCrop>): PhotoPlacement;
  panPhoto(area: number, du: number, dv: number): PhotoPlacement;
  photoPlacement(area?: number): PhotoPlacement | null;
  /** The shopper's own file shown in photo area `area`, or null. */
  photoFile(area?: number): Blob | null;
  clearPhoto(area?: number): void;

  engravingSpec(side?: EngravingSide): Record<string, unknown> | null;
  engravingSvg(side?: EngravingSide): string | null;
  /** The cut-out's production spec (sizes in mm, area, volume, weight per metal, warnings), or null. */
  cutoutSpec(): Record<string, unknown> | null;
  /** The cut-out's outline as SVG in millimetres (what a laser or water-jet cuts), or null. */
  cutoutSvg(): string | null;
  formatCoordinates(input: string, style?: 'dms' | 'decimal'): string;
  formatDate(iso: string, style?: 'dots' | 'us' | 'iso' | 'long' | 'roman'): string;
  monogram(fullName: string): string;

  addEventListener<K extends keyof PendantViewerEventMap>(type: K, listener: (this: PendantViewerElement, event: PendantViewerEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PendantViewerEventMap>(type: K, listener: (this: PendantViewerElement, event: PendantViewerEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'pendant-viewer': PendantViewerElement;
  }
}
