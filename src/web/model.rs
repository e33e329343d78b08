//! The model exports of the viewer (a second `impl Viewer`): what a glTF needs fetched and
//! decoded before `loadModel`, within this device's load budget, and what the loaded model's
//! parts say about each other (a ring that floats).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use super::viewer::{external_files, Viewer};
use super::{set_key, to_js_error};
use crate::model::gltf::{
    compressed_views as list_compressed_views, encoded_images, external_uris as list_external_uris, Codec, LoadBudget,
    ModelError,
};

#[wasm_bindgen]
impl Viewer {
    /// The external files (buffers, images) a glTF references, to be fetched relative to its
    /// URL and passed to `loadModel`. Rejects with `model-too-complex` (and the other model
    /// codes) before anything is fetched when the model is over this device's load budget.
    #[wasm_bindgen(js_name = externalUris)]
    pub fn external_uris(&self, bytes: &[u8]) -> Result<Vec<String>, JsValue> {
        list_external_uris(bytes, &self.load_budget()).map_err(|e| to_js_error(e.into()))
    }

    /// The model's images as stored, for the browser to decode one at a time (the wasm has no
    /// image codecs): `[{index, mimeType, bytes, width, height}]`, sizes from each header, every
    /// one within this device's load budget before any is decoded. `uris`/`files` as for
    /// `loadModel`.
    #[wasm_bindgen(js_name = embeddedImages)]
    pub fn embedded_images(
        &self,
        bytes: &[u8],
        uris: Vec<String>,
        files: Vec<Uint8Array>,
    ) -> Result<js_sys::Array, JsValue> {
        let external = external_files(uris, &files);
        let images = encoded_images(bytes, &external, &self.load_budget()).map_err(|e| to_js_error(e.into()))?;
        let list = js_sys::Array::new();
        for image in images {
            let entry = js_sys::Object::new();
            set_key(&entry, "index", image.index.into())?;
            set_key(&entry, "mimeType", image.mime_type.map_or(JsValue::UNDEFINED, JsValue::from))?;
            set_key(&entry, "bytes", Uint8Array::from(image.bytes.as_slice()).into())?;
            set_key(&entry, "width", image.width.into())?;
            set_key(&entry, "height", image.height.into())?;
            list.push(&entry);
        }
        Ok(list)
    }

    /// The model's compressed views that need decoding, for the decoder module before
    /// `loadModel`: `[{kind: 'meshopt', view, bytes, mode, filter, count, stride}]` for
    /// `decodeMeshopt` and `[{kind: 'draco', view, bytes, points, faces}]` for `decodeDraco`;
    /// empty for a model without them (then nothing more is fetched). `uris`/`files` as for
    /// `loadModel`.
    #[wasm_bindgen(js_name = compressedViews)]
    pub fn compressed_views(
        &self,
        bytes: &[u8],
        uris: Vec<String>,
        files: Vec<Uint8Array>,
    ) -> Result<js_sys::Array, JsValue> {
        let external = external_files(uris, &files);
        let views = list_compressed_views(bytes, &external, &self.load_budget()).map_err(|e| to_js_error(e.into()))?;
        let list = js_sys::Array::new();
        for view in views {
            let entry = js_sys::Object::new();
            set_key(&entry, "view", view.view.into())?;
            set_key(&entry, "bytes", Uint8Array::from(view.bytes.as_slice()).into())?;
            match view.codec {
                Codec::Meshopt(compressed) => {
                    set_key(&entry, "kind", "meshopt".into())?;
                    set_key(&entry, "mode", compressed.mode.name().into())?;
                    set_key(&entry, "filter", compressed.filter.name().into())?;
                    set_key(&entry, "count", compressed.count.into())?;
                    set_key(&entry, "stride", compressed.stride.into())?;
                }
                Codec::Draco { points, faces } => {
                    set_key(&entry, "kind", "draco".into())?;
                    set_key(&entry, "points", points.into())?;
                    set_key(&entry, "faces", faces.into())?;
                }
            }
            list.push(&entry);
        }
        Ok(list)
    }

    /// Shows this and later models in material variant `name` (KHR_materials_variants; empty:
    /// as authored). Rejects with `variant-unknown`, naming the model's variants, when the
    /// current model has none of that name: it shows as authored.
    #[wasm_bindgen(js_name = setVariant)]
    pub fn set_variant(&mut self, name: &str) -> Result<(), JsValue> {
        let name = Some(name.trim()).filter(|n| !n.is_empty());
        let known = self.scene.set_variant(name);
        self.sync();
        if known {
            return Ok(());
        }
        let variants = self.scene.variants();
        let known = if variants.is_empty() { "none".to_string() } else { variants.join(", ") };
        Err(to_js_error(ModelError::UnknownVariant { name: name.unwrap_or_default().to_string(), known }.into()))
    }

    /// The current model's material variants, by name (model-viewer's `availableVariants`).
    #[wasm_bindgen(js_name = availableVariants)]
    pub fn available_variants(&self) -> Vec<String> {
        self.scene.variants().to_vec()
    }

    /// The current model's parts that do not touch what holds them (a ring above the body, a
    /// lid loose when open, a stone setting off the metal): `[{code, message, part, nearest,
    /// distanceMm, open}]`, `code` being `model-part-floats`. A warning: the model still shows.
    /// Tens of milliseconds on a locket, so the element asks after the model's first frame.
    #[wasm_bindgen(js_name = attachmentGaps)]
    pub fn attachment_gaps(&self) -> Result<js_sys::Array, JsValue> {
        let Some(model) = self.scene.model() else { return Ok(js_sys::Array::new()) };
        crate::attachment::gaps(model)
            .iter()
            .map(|gap| {
                let entry = js_sys::Object::new();
                set_key(&entry, "code", gap.code().into())?;
                set_key(&entry, "message", gap.to_string().into())?;
                set_key(&entry, "part", gap.part.as_str().into())?;
                set_key(&entry, "nearest", gap.nearest.as_str().into())?;
                set_key(&entry, "distanceMm", gap.distance_mm.into())?;
                set_key(&entry, "open", gap.open.into())?;
                Ok::<JsValue, JsValue>(entry.into())
            })
            .collect()
    }
}

impl Viewer {
    /// The load budget within this device's texture and buffer limits: one for the URIs to
    /// fetch, the images to decode and the load.
    pub(super) fn load_budget(&self) -> LoadBudget {
        let limits = self.surface.context().device.limits();
        LoadBudget::default().for_device(limits.max_texture_dimension_2d, limits.max_buffer_size)
    }
}
