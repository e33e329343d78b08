//! The design document for the element: JSON text in and out (cheap across the boundary, and
//! the element hands the result straight to `JSON.parse`).

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::to_js_error;
use crate::design::{attribute_names, design_from_element, element_from_design, Design, DesignError};

fn js(error: DesignError) -> JsValue {
    to_js_error(error.into())
}

/// Every attribute a design governs.
#[wasm_bindgen(js_name = designAttributeNames)]
pub fn design_attribute_names() -> Vec<String> {
    attribute_names()
}

/// The design an element shows: `attributes` is a JSON object of attribute values (null: not
/// set), `photos` a JSON list of per-area placements (null: no photo). Returns the document
/// (JSON text) or rejects with `design-invalid` naming the attribute.
#[wasm_bindgen(js_name = designFromElement)]
pub fn design_from_element_js(attributes: &str, photos: &str) -> Result<String, JsValue> {
    let parse = |text: &str| serde_json::from_str::<Value>(text).map_err(|e| js(DesignError::NotJson(e.to_string())));
    let attributes = parse(attributes)?;
    let photos = parse(photos)?;
    let design = design_from_element(
        attributes.as_object().ok_or_else(|| js(DesignError::NotJson("attributes: expected an object".into())))?,
        photos.as_array().map(Vec::as_slice).unwrap_or_default(),
    )
    .map_err(js)?;
    Ok(design.to_json())
}

/// Checks a document (JSON text) and returns what the element becomes:
/// `{"attributes": {name: value | null}, "photos": [placement | null], "design": document}`.
/// Rejects with `design-not-json`, `design-too-large`, `design-version-unsupported` or
/// `design-invalid` (naming the member).
#[wasm_bindgen(js_name = designToElement)]
pub fn design_to_element(document: &str) -> Result<String, JsValue> {
    let design = Design::from_json(document).map_err(js)?;
    let mut state = element_from_design(&design);
    state["design"] = design.to_value();
    Ok(state.to_string())
}

/// A share link's fragment value for a document.
#[wasm_bindgen(js_name = designToFragment)]
pub fn design_to_fragment(document: &str) -> Result<String, JsValue> {
    Ok(Design::from_json(document).map_err(js)?.to_fragment())
}

/// The document a share link's fragment carries (`#design=…` or the value alone); rejects
/// with `design-link-damaged` or the document's own codes.
#[wasm_bindgen(js_name = designFromFragment)]
pub fn design_from_fragment(fragment: &str) -> Result<String, JsValue> {
    Ok(Design::from_fragment(fragment).map_err(js)?.to_json())
}
