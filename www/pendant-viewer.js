// <pendant-viewer>: the embeddable element. ES modules plus the wasm; no framework.
//
// The element only adapts the page to the wasm `Viewer` handle. It is a base (element/base.js:
// lifecycle, shadow DOM, messages, rendering on demand, and the hooks) with one mixin per
// feature, composed here as <model-viewer> composes its features:
//   backend   which wasm build draws, the canvas and its size, recovery from a lost device
//   loading   src, downloads within caps and allowed-sources, poster, progress, lazy loading
//   look      finish, stone, background, exposure, shadow, auto-rotate, open, chain, camera-orbit
//   controls  drag, wheel, pinch, keys; camera-change; the live region; resetCamera()
//   engraving per-side text, fonts, the engraving module, production spec and SVG, phrases
//   shape     cut-outs: a nameplate, initial, monogram or outline made from the shopper's
//             text (by the engraving module), shown instead of src; its cutting SVG and spec
//   photos    the shopper's photo, photo attributes, look and placement
//   worn      the worn view on a display bust, body size, a coin for scale, dimensions
//   design    getConfig / setConfig, share links, change events, toBlob stills
//   proof     the one-page PDF proof (makeProof), made in the page by the proof module
//   interaction  what a shop measures: one `interaction` event per shopper action
// Reference: docs/element.md (attributes, properties, methods, events), docs/errors.md (codes),
// pendant-viewer.d.ts (types).

import { PendantViewerBase } from './element/base.js';
import { BackendFeature } from './element/backend.js';
import { LoadingFeature } from './element/loading.js';
import { LookFeature } from './element/look.js';
import { ControlsFeature } from './element/controls.js';
import { EngravingFeature } from './element/engraving.js';
import { ShapeFeature } from './element/shape.js';
import { PhotosFeature } from './element/photos.js';
import { WornFeature } from './element/worn.js';
import { DesignFeature } from './element/design.js';
import { ProofFeature } from './element/proof.js';
import { InteractionFeature } from './element/interaction.js';

export { DEFAULTS } from './element/shared.js';

/** The element: each feature over the ones before it. */
export class PendantViewerElement extends InteractionFeature(ProofFeature(DesignFeature(WornFeature(PhotosFeature(
  ShapeFeature(EngravingFeature(ControlsFeature(LookFeature(LoadingFeature(BackendFeature(PendantViewerBase))))))))))) {}

if (!customElements.get('pendant-viewer')) {
  customElements.define('pendant-viewer', PendantViewerElement);
}
