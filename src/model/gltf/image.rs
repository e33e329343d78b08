//! Images: which ones a texture uses, their sizes from headers (before any decode), and the
//! native decode (the browser decodes with createImageBitmap).

use super::budget::{LoadBudget, OverBudget};
use super::document::{Document, ImageSource};
use super::error::ModelError;
use super::{load_buffers, parse_within, resolve_uri, ExternalResources, Parsed};
use crate::model::Image;

/// One of a model's images as stored in it, for the caller to decode.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedImage {
    /// glTF image index.
    pub index: usize,
    /// The `mimeType` the model gives, if any.
    pub mime_type: Option<String>,
    /// The file's bytes (PNG, JPEG, WebP).
    pub bytes: Vec<u8>,
    /// Width from the file's header, pixels.
    pub width: u32,
    /// Height from the file's header, pixels.
    pub height: u32,
}

/// Every image a texture shows, as stored (buffer views, data URIs and external files from
/// `external`), for a caller that decodes images itself, one at a time. Each image's size is
/// read from its header and checked against `budget` (side, and pixels in all) before any is
/// returned, so nothing is decoded that could not be drawn.
pub fn encoded_images(
    bytes: &[u8],
    external: &ExternalResources,
    budget: &LoadBudget,
) -> Result<Vec<EncodedImage>, ModelError> {
    let Parsed { document, blob, .. } = parse_within(bytes, budget)?;
    let buffers = load_buffers(&document, blob, external, budget)?;
    let mut pixels = 0;
    used_images(&document)
        .into_iter()
        .map(|index| {
            let bytes = image_bytes(&document, index, &buffers, external)?;
            let (width, height) = image_header(index, &bytes, budget, &mut pixels)?;
            Ok(EncodedImage { index, mime_type: document.images[index].mime_type.clone(), bytes, width, height })
        })
        .collect()
}

/// The images some texture shows (an image no texture names is never decoded), in index order.
pub(super) fn used_images(document: &Document) -> Vec<usize> {
    let mut used = vec![false; document.images.len()];
    for texture in &document.textures {
        if let Some(flag) = used.get_mut(texture.source) {
            *flag = true;
        }
    }
    used.iter().enumerate().filter(|(_, &used)| used).map(|(index, _)| index).collect()
}

/// An image's size from its header (no pixels decoded), within `budget`; `pixels` keeps the
/// running total over the model's images.
pub(super) fn image_header(
    index: usize,
    bytes: &[u8],
    budget: &LoadBudget,
    pixels: &mut u64,
) -> Result<(u32, u32), ModelError> {
    let info = crate::model::image_header::read_header(bytes).map_err(|error| {
        let why = error.to_string();
        ModelError::BadImage { index, reason: format!("it could not be decoded ({why})") }
    })?;
    budget
        .check_image(info.width, info.height, pixels)
        .map_err(|over| ModelError::TooComplex(OverBudget { what: format!("image {index}: {}", over.what), ..over }))?;
    Ok((info.width, info.height))
}

/// An image's encoded bytes: from its buffer view, data URI or external file.
pub(super) fn image_bytes(
    document: &Document,
    index: usize,
    buffers: &[Vec<u8>],
    external: &ExternalResources,
) -> Result<Vec<u8>, ModelError> {
    match &document.images[index].source {
        ImageSource::View(view_index) => {
            let view = document.views[*view_index];
            let data = &buffers[view.buffer];
            let end = view.offset.checked_add(view.length).filter(|&e| e <= data.len()).ok_or_else(|| {
                ModelError::BadImage {
                    index,
                    reason: format!("buffer view {view_index} is past the end of its buffer"),
                }
            })?;
            Ok(data[view.offset..end].to_vec())
        }
        ImageSource::Uri(uri) => resolve_uri(uri, &format!("image {index}"), external),
    }
}

/// A caller-decoded image, checked: sides 1…the budget's, four bytes per pixel.
pub(super) fn checked_image(
    index: usize,
    image: &Image,
    budget: &LoadBudget,
    pixels: &mut u64,
) -> Result<Image, ModelError> {
    let bad = |reason: String| ModelError::BadImage { index, reason };
    let max = budget.image_side;
    if !(1..=max).contains(&image.width) || !(1..=max).contains(&image.height) {
        return Err(bad(format!("{} × {} px (at most {max} a side)", image.width, image.height)));
    }
    budget.check_image(image.width, image.height, pixels)?;
    if image.rgba8.len() as u64 != image.width as u64 * image.height as u64 * 4 {
        return Err(bad(format!("{} bytes for {} × {} RGBA pixels", image.rgba8.len(), image.width, image.height)));
    }
    Ok(image.clone())
}

#[cfg(not(target_arch = "wasm32"))]
pub(super) fn decode_image(index: usize, encoded: &[u8], budget: &LoadBudget) -> Result<Image, ModelError> {
    let bad = |reason: String| ModelError::BadImage { index, reason };
    let mut reader =
        image::ImageReader::new(std::io::Cursor::new(encoded)).with_guessed_format().map_err(|e| bad(e.to_string()))?;
    let side = budget.image_side;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(side as u64 * side as u64 * 4);
    reader.limits(limits);
    if reader.format().is_none() {
        return Err(bad("unknown image format (expected PNG, JPEG or WebP)".into()));
    }
    let decoded = reader.decode().map_err(|e| bad(e.to_string()))?.to_rgba8();
    Ok(Image { width: decoded.width(), height: decoded.height(), rgba8: decoded.into_raw() })
}

/// The wasm build has no image codecs: the browser decodes (see [`encoded_images`]).
#[cfg(target_arch = "wasm32")]
pub(super) fn decode_image(index: usize, _encoded: &[u8], _budget: &LoadBudget) -> Result<Image, ModelError> {
    Err(ModelError::BadImage { index, reason: "not decoded: the browser decodes a model's images".into() })
}
