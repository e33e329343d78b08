//! The proof module's export (the `proof` feature): the page hands over what it knows of the
//! design and its stills, and gets the PDF back (src/proof/, docs/proof.md). Nothing leaves
//! the page: the photos are in the stills, and the stills are only written into the PDF.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use crate::proof::{describe, make_proof, page_operations, ProofError, MAX_PICTURES};

/// The proof as PDF bytes: `request` (JSON: design, dimensions, engraving SVGs, photos,
/// warnings, link), `triangles` (the viewer's `frontTriangles`), and each still's label and
/// JPEG bytes (at most three). Rejects with a JS error coded `proof-failed`.
#[wasm_bindgen(js_name = makeProof)]
pub fn make_proof_js(
    request: &str,
    triangles: &[f32],
    labels: Vec<String>,
    stills: Vec<Uint8Array>,
) -> Result<Vec<u8>, JsValue> {
    make_proof(request, triangles, pictures(labels, stills)).map_err(js_error)
}

/// The proof's page as drawing operations (JSON, mm from the top left: text, fills, strokes,
/// the stills by index) for the page to paint on a canvas: the PNG for email. Arguments as
/// for `makeProof`.
#[wasm_bindgen(js_name = proofPage)]
pub fn proof_page(
    request: &str,
    triangles: &[f32],
    labels: Vec<String>,
    stills: Vec<Uint8Array>,
) -> Result<String, JsValue> {
    page_operations(request, triangles, pictures(labels, stills)).map(|ops| ops.to_string()).map_err(js_error)
}

fn pictures(labels: Vec<String>, stills: Vec<Uint8Array>) -> Vec<(String, Vec<u8>)> {
    labels.into_iter().zip(stills).take(MAX_PICTURES).map(|(label, bytes)| (label, bytes.to_vec())).collect()
}

fn js_error(error: ProofError) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    let _ = js_sys::Reflect::set(&js_error, &"code".into(), &error.code().into());
    js_error.into()
}

/// The design's options in words, as the proof lists them: JSON `[[label, value], …]` (metal,
/// stone, chain, size, weight, photos, each engraving), for a cart line or an order email.
/// `request` as for `makeProof`. Rejects with `proof-failed`.
#[wasm_bindgen(js_name = describeDesign)]
pub fn describe_design(request: &str) -> Result<String, JsValue> {
    describe(request).map(|words| serde_json::json!(words).to_string()).map_err(js_error)
}
