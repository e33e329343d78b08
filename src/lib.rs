//! Pendant Viewer: a 3D previewer for personalized pendants.
//!
//! Three layers, dependencies pointing one way (web → gpu → pure):
//! - pure logic, testable natively with no GPU: [`model`] and [`gltf_loader`] (glTF → CPU model),
//!   [`camera`] (orbit camera), [`environment`] (studio lighting baked on the CPU), [`brdf_lut`];
//! - [`gpu`]: wgpu only, never the DOM; draws into whatever texture view it is handed;
//! - `web` (wasm32 only): the thin `#[wasm_bindgen]` handle the page's element talks to.

pub mod backdrop;
pub mod brdf_lut;
pub mod camera;
pub mod camera_orbit;
pub mod chain;
pub mod convention;
pub mod design;
pub mod engraving;
pub mod environment;
pub mod error;
pub mod finish;
pub mod gem_cut;
pub mod gems;
pub mod gltf_document;
pub mod gltf_loader;
pub mod gpu;
pub mod half;
pub mod hinge;
pub mod load_budget;
pub mod model;
pub mod photo;
pub mod setting;
pub mod shadow;
pub mod spectral;
pub mod tangents;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
