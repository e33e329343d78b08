//! The photo exports: what a photo file is (`inspectPhoto`), and the viewer's photo methods (a
//! second `impl Viewer`). The scene checks and keeps the photos; this only converts.

use glam::Vec2;
use wasm_bindgen::prelude::*;

use super::viewer::Viewer;
use super::{set_key, to_js_error};
use crate::model::Image;
use crate::photo::inspect::fitted_size;
use crate::photo::{inspect, PhotoCrop, PhotoDesign, PhotoError, PhotoWindow, TEXTURE_SIDE};

/// What a photo file is, from its bytes (header and completeness; no pixels decoded):
/// `{format, width, height, orientation, textureWidth, textureHeight}` where the texture size
/// is the upright photo reduced to what the viewer keeps (decode it at that size). Rejects
/// with a coded error: `photo-empty`, `photo-unsupported` (HEIC, …), `photo-truncated`,
/// `photo-corrupt`, `photo-no-pixels`, `photo-too-large`, `photo-file-too-large`.
#[wasm_bindgen(js_name = inspectPhoto)]
pub fn inspect_photo(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let info = inspect(bytes).map_err(|e| to_js_error(e.into()))?;
    let (width, height) = info.upright_size();
    let (texture_width, texture_height) = fitted_size(width, height, TEXTURE_SIDE);
    let result = js_sys::Object::new();
    set_key(&result, "format", info.format.mime().into())?;
    set_key(&result, "width", width.into())?;
    set_key(&result, "height", height.into())?;
    set_key(&result, "orientation", info.orientation.into())?;
    set_key(&result, "textureWidth", texture_width.into())?;
    set_key(&result, "textureHeight", texture_height.into())?;
    Ok(result.into())
}

/// `{zoom, x, y, rotation, style, cover, corners}`: a photo's placement as stored in a
/// design, and the slot's corners on the photo (photo UV, clockwise from top-left) for a crop
/// editor to outline.
fn placement(design: &PhotoDesign, window: Option<PhotoWindow>) -> Result<JsValue, JsValue> {
    let result = js_sys::Object::new();
    let crop = design.crop;
    set_key(&result, "zoom", crop.zoom.into())?;
    set_key(&result, "x", crop.x.into())?;
    set_key(&result, "y", crop.y.into())?;
    set_key(&result, "rotation", crop.rotation_deg.into())?;
    set_key(&result, "style", design.tone.name().into())?;
    set_key(&result, "cover", design.cover.name().into())?;
    let corners: Vec<f32> = window.map(|w| w.corners().iter().flat_map(|c| c.to_array()).collect()).unwrap_or_default();
    set_key(&result, "corners", js_sys::Float32Array::from(corners.as_slice()).into())?;
    Ok(result.into())
}

/// A photo design from the element's values (empty strings: defaults).
fn photo_design(style: &str, cover: &str, zoom: f32, x: f32, y: f32, rotation: f32) -> Result<PhotoDesign, JsValue> {
    let js = |e: PhotoError| to_js_error(e.into());
    Ok(PhotoDesign {
        tone: style.parse().map_err(js)?,
        cover: cover.parse().map_err(js)?,
        crop: PhotoCrop { zoom, x, y, rotation_deg: rotation }.clamped(),
    })
}

#[wasm_bindgen]
impl Viewer {
    /// The current model's photo areas, in order: `[{mask, widthMm, heightMm}]`.
    #[wasm_bindgen(js_name = photoAreas)]
    pub fn photo_areas(&self) -> Result<js_sys::Array, JsValue> {
        self.scene
            .analysis()
            .photos
            .iter()
            .map(|slot| {
                let area = js_sys::Object::new();
                set_key(&area, "mask", slot.mask.name().into())?;
                set_key(&area, "widthMm", slot.size_mm.x.into())?;
                set_key(&area, "heightMm", slot.size_mm.y.into())?;
                Ok::<JsValue, JsValue>(area.into())
            })
            .collect()
    }

    /// Shows a photo (upright RGBA8 `width` × `height`, at most the `textureWidth` ×
    /// `textureHeight` that `inspectPhoto` gave) in photo area `index` in `style` (color, bw,
    /// sepia) under `cover` (glass, resin, print), centred and covering the area (place it
    /// with `setPhotoDesign`). Returns the placement (see `placement`). Rejects with
    /// `photo-no-such-area`, `photo-bad-pixels`, `photo-too-large` or `photo-unknown-option`.
    #[wasm_bindgen(js_name = setPhoto)]
    pub fn set_photo(
        &mut self,
        index: usize,
        width: u32,
        height: u32,
        rgba: Vec<u8>,
        style: &str,
        cover: &str,
    ) -> Result<JsValue, JsValue> {
        let design = photo_design(style, cover, 1.0, 0.0, 0.0, 0.0)?;
        let image = Image { width, height, rgba8: rgba };
        let window = self.scene.set_photo(index, image, design).map_err(|e| to_js_error(e.into()))?;
        self.sync();
        placement(&design, window)
    }

    /// Re-places photo area `index`'s photo (style, cover, crop as in `setPhoto`): instant,
    /// one uniform write. Returns the placement.
    #[wasm_bindgen(js_name = setPhotoDesign)]
    #[allow(clippy::too_many_arguments)]
    pub fn set_photo_design(
        &mut self,
        index: usize,
        style: &str,
        cover: &str,
        zoom: f32,
        x: f32,
        y: f32,
        rotation: f32,
    ) -> Result<JsValue, JsValue> {
        let design = photo_design(style, cover, zoom, x, y, rotation)?;
        let window = self.scene.set_photo_design(index, design).map_err(|e| to_js_error(e.into()))?;
        self.sync();
        placement(&design, window)
    }

    /// Moves photo area `index`'s photo by (`du`, `dv`) in photo UV (a drag in a crop editor
    /// that shows the whole photo), kept covering the area. Returns the placement.
    #[wasm_bindgen(js_name = panPhoto)]
    pub fn pan_photo(&mut self, index: usize, du: f32, dv: f32) -> Result<JsValue, JsValue> {
        let window = self.scene.pan_photo(index, Vec2::new(du, dv)).map_err(|e| to_js_error(e.into()))?;
        self.sync();
        let design = self.scene.photo(index).map(|kept| kept.design).unwrap_or_default();
        placement(&design, window)
    }

    /// Takes the photo out of area `index` (the area shows its own material again).
    #[wasm_bindgen(js_name = clearPhoto)]
    pub fn clear_photo(&mut self, index: usize) -> Result<(), JsValue> {
        self.scene.clear_photo(index);
        self.sync();
        Ok(())
    }
}
