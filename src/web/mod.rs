//! The wasm32 web layer, in three builds of this crate: the viewer (`viewer.rs`, `model.rs`,
//! `photos.rs`, `helpers.rs`, `design.rs`; `webgl` adds the WebGL2 backend); with the
//! `engraver` feature, the engraving module (`engraver.rs`: text layout and rasterization with
//! rustybuzz, which a page loads only when a design has text); with the `meshopt` or
//! `draco` feature, a decoder module (`decoders.rs`, loaded only for a model compressed so);
//! with `proof`, the proof module (`proof.rs`: the PDF, loaded only when a proof is asked for).
//! Sizes in docs/performance.md. Each only adapts: JS values in, crate calls, JS errors with a
//! stable `code` out.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen::prelude::*;

#[cfg(not(any(feature = "meshopt", feature = "draco", feature = "proof")))]
use crate::Error;

#[cfg(any(feature = "meshopt", feature = "draco"))]
mod decoders;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
mod design;
#[cfg(feature = "engraver")]
mod engraver;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
mod helpers;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
mod model;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
mod photos;
#[cfg(feature = "proof")]
mod proof;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
mod viewer;

#[cfg(any(feature = "meshopt", feature = "draco"))]
pub use decoders::*;
#[cfg(feature = "engraver")]
pub use engraver::*;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
pub use helpers::*;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
pub use photos::*;
#[cfg(feature = "proof")]
pub use proof::*;
#[cfg(not(any(feature = "engraver", feature = "meshopt", feature = "draco", feature = "proof")))]
pub use viewer::*;

/// Installs a panic hook that logs Rust panics to the console (a panic is a bug: every
/// expected failure is an `Err`).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Turns a crate error into a JS `Error` whose `code` property is stable.
#[cfg(not(any(feature = "meshopt", feature = "draco", feature = "proof")))]
fn to_js_error(error: Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    let _ = js_sys::Reflect::set(&js_error, &"code".into(), &error.code().into());
    js_error.into()
}

/// Sets `object[key] = value`.
#[cfg(not(any(feature = "meshopt", feature = "draco", feature = "proof")))]
fn set_key(object: &js_sys::Object, key: &str, value: JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(object, &key.into(), &value).map(|_| ())
}
