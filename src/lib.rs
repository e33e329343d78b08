//! Pendant Viewer: a 3D previewer for personalized pendants.
//!
//! Three layers, dependencies pointing one way (web → gpu → pure):
//! - pure logic, testable natively with no GPU, one room per domain:
//!   - [`model`]: the plain model, the slot words ([`model::marks`]) and the glTF reader
//!     ([`model::gltf`]);
//!   - [`stones`] (stones, cuts, settings), [`finish`] (metals from measured optical data),
//!     [`studio`] (light tent, BRDF table, backdrop, contact shadow), [`camera`], [`color`];
//!   - [`chain`], [`hinge`], [`attachment`] (every part touches what holds it),
//!     [`convention`] (the merchant checker), [`design`] (the versioned
//!     design document), [`engraving`], [`photo`];
//!   - [`size`] (dimensions, coin, weight, silhouette) and `proof` (the page a shopper
//!     approves: PDF, QR; not in the viewer's wasm);
//!   - [`scene`]: what the shopper chose on which model, the slots found once, the framing and
//!     the lid's motion; what changed since the last frame;
//! - [`gpu`]: wgpu only, never the DOM; uploads what the scene says changed and draws into
//!   whatever texture view it is handed (canvas surface, offscreen texture);
//! - `web` (wasm32 only): the `#[wasm_bindgen]` handles the page's element talks to, and
//!   `native` (not wasm32): design documents and files to stills. Both only adapt.
//!
//! docs/architecture.md walks through the rooms and a keystroke's way to the pixels.

pub mod attachment;
pub mod camera;
pub mod chain;
pub mod color;
pub mod convention;
pub mod cutout;
pub mod design;
pub mod engraving;
pub mod error;
pub mod finish;
pub mod gpu;
pub mod hinge;
pub mod model;
pub mod photo;
#[cfg(any(feature = "proof", not(target_arch = "wasm32")))]
pub mod proof;
pub mod scene;
pub mod size;
pub mod stones;
pub mod studio;
pub mod worn;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
