//! A decoder module's exports (the `meshopt` or the `draco` feature): what a compressed model needs
//! decoded before the viewer reads it, kept out of the viewer builds so a plain model's first
//! frame never downloads it: meshopt views and Draco streams. The viewer lists the work (`Viewer.compressedViews`), this module
//! does it, and the viewer takes the results (`Viewer.loadModel`).

use wasm_bindgen::prelude::*;

#[cfg(feature = "draco")]
use crate::model::gltf::draco;
#[cfg(feature = "meshopt")]
use crate::model::gltf::meshopt::{self, Compressed, Filter, Mode};
use crate::model::gltf::LoadBudget;

/// Decodes one EXT_meshopt_compression buffer view: `bytes` as stored, `mode` and `filter`
/// as the file names them, `count` elements of `stride` bytes. Rejects with `model-malformed`
/// naming what is wrong; never reads past `bytes`.
#[cfg(feature = "meshopt")]
#[wasm_bindgen(js_name = decodeMeshopt)]
pub fn decode_meshopt(bytes: &[u8], mode: &str, filter: &str, count: usize, stride: usize) -> Result<Vec<u8>, JsValue> {
    let mode = Mode::parse(mode).ok_or_else(|| malformed(&format!("EXT_meshopt_compression: mode '{mode}'")))?;
    let filter =
        Filter::parse(filter).ok_or_else(|| malformed(&format!("EXT_meshopt_compression: filter '{filter}'")))?;
    let compressed = Compressed { buffer: 0, offset: 0, length: bytes.len(), stride, count, mode, filter };
    meshopt::decode(&compressed, bytes, LoadBudget::default().decoded_bytes)
        .map_err(|reason| malformed(&format!("EXT_meshopt_compression: {reason}")))
}

/// Decodes one KHR_draco_mesh_compression stream of at most `points` points and `faces`
/// triangles (what its accessors declare) into the viewer's layout for it (`loadModel` takes
/// it as that view's decoded bytes). Rejects with `model-malformed`.
#[cfg(feature = "draco")]
#[wasm_bindgen(js_name = decodeDraco)]
pub fn decode_draco(bytes: &[u8], points: usize, faces: usize) -> Result<Vec<u8>, JsValue> {
    let decoded = draco::decode(bytes, points as u64, faces as u64, LoadBudget::default().decoded_bytes)
        .map_err(|reason| malformed(&format!("KHR_draco_mesh_compression: {reason}")))?;
    Ok(decoded.to_bytes())
}

/// A JS error coded `model-malformed`, made here rather than through the crate's `Error`, whose
/// messages for every room would otherwise all be linked into this small module.
fn malformed(reason: &str) -> JsValue {
    let error = js_sys::Error::new(&format!("malformed glTF: does not decode: {reason}"));
    let _ = js_sys::Reflect::set(&error, &"code".into(), &"model-malformed".into());
    error.into()
}
