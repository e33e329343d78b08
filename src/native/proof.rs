//! A design document → its proof (PDF), natively: the request the page sends
//! ([`crate::proof::make_proof`], docs/proof.md) gathered from the same scene the stills draw,
//! with the stills drawn by the renderer and encoded as JPEG.

use std::path::Path;

use serde_json::{json, Map, Value};

use super::still::{design_scene, render_scene, StillError};
use crate::design::{Design, DesignError, SIDES};
use crate::engraving::export::{production_spec, svg_outlines};
use crate::engraving::{engrave, EngravingDesign, FontBook};
use crate::gpu::{GpuContext, Renderer};
use crate::proof::{make_proof, ProofError};
use crate::size::silhouette::front_triangles;
use crate::size::{dimensions, weight_json};

/// Why no proof was made.
#[derive(Debug, thiserror::Error)]
pub enum ProofJobError {
    /// The design document was refused.
    #[error(transparent)]
    Design(#[from] DesignError),
    /// The design could not be shown or drawn.
    #[error(transparent)]
    Still(#[from] StillError),
    /// The proof could not be written.
    #[error(transparent)]
    Proof(#[from] ProofError),
}

/// Pixels across each still on the proof (58 mm: about 250 dpi).
pub const PICTURE_SIDE: u32 = 560;

/// The proof of `text` (a design document), its files under `root`, its link `link`.
pub fn design_proof(
    context: &GpuContext,
    renderer: &mut Renderer,
    text: &str,
    root: &Path,
    fonts: &FontBook,
    link: &str,
) -> Result<Vec<u8>, ProofJobError> {
    let design = Design::from_json(text)?;
    let mut document: Value = serde_json::from_str(text).map_err(|e| DesignError::NotJson(e.to_string()))?;
    let mut scene = design_scene(&design, root, fonts)?;
    let (Some(model), Some(volume)) = (scene.model(), scene.metal_volume()) else {
        return Err(StillError::Model(crate::model::gltf::ModelError::Empty).into());
    };
    let (triangles, weight, size) = (front_triangles(model), weight_json(volume), dimensions(model));

    // What getConfig({production: true}) adds: each side's spec, the weight.
    let mut svgs = Map::new();
    for (side, engraving) in SIDES.iter().zip(&design.engravings) {
        let Some(engraving) = engraving else { continue };
        let Some(slot) = scene.analysis().engraving_index(side).and_then(|i| scene.analysis().engraving.get(i)) else {
            continue;
        };
        let cut = EngravingDesign::from(engraving);
        let Ok(engraved) = engrave(&cut, &slot.area, fonts) else { continue };
        let mut spec = production_spec(side, &cut, &slot.area, &engraved.layout);
        spec["warnings"] = json!(engraved.warnings);
        document["engraving"][*side]["production"] = spec;
        svgs.insert((*side).into(), json!(svg_outlines(&engraved.layout, fonts, &slot.area)));
    }
    document["weight"] = weight;
    let photos: Vec<Value> = (0..design.photos.len())
        .map(|index| match (scene.photo(index), scene.photo_window(index), scene.analysis().photos.get(index)) {
            (Some(kept), Some(window), Some(slot)) => json!({
                "area_mm": [slot.size_mm.x, slot.size_mm.y],
                "photo_px": [kept.image.width, kept.image.height],
                "corners": window.corners().iter().flat_map(|c| [c.x, c.y]).collect::<Vec<_>>(),
            }),
            _ => Value::Null,
        })
        .collect();
    let (p, b) = (size.pendant, size.with_bail);
    let request = json!({
        "design": document,
        "link": link,
        "dimensions_mm": [p.width_mm, p.height_mm, p.thickness_mm, b.width_mm, b.height_mm, b.thickness_mm],
        "engraving_svg": svgs,
        "photos": photos,
    });

    // The stills: front and back closed; a locket's inside as the design shows it open.
    let mut pictures = Vec::new();
    let opens = !scene.analysis().hinges.is_empty();
    let mut views = vec![("Front", "0deg 90deg 100%", false), ("Back", "180deg 90deg 100%", false)];
    if opens {
        views.push(("Inside", "0deg 75deg 100%", true));
    }
    for (label, orbit, open) in views {
        let mut view_design = design.clone();
        view_design.view.camera = orbit.parse().ok();
        scene.set_opening(if open { 1.0 } else { 0.0 });
        let rgba = render_scene(context, renderer, &mut scene, &view_design, (PICTURE_SIDE, PICTURE_SIDE))?;
        pictures.push((label.to_string(), jpeg(&rgba, PICTURE_SIDE, PICTURE_SIDE)));
    }
    Ok(make_proof(&request.to_string(), &triangles, pictures)?)
}

/// RGBA8 rows → a JPEG (quality 90), on white where a pixel is see-through.
pub fn jpeg(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|p| {
            let alpha = u16::from(p[3]);
            [0, 1, 2].map(|c| ((u16::from(p[c]) * alpha + 255 * (255 - alpha)) / 255) as u8)
        })
        .collect();
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
    // Encoding packed RGB rows of the stated size into memory cannot fail.
    let _ = image::ImageEncoder::write_image(encoder, &rgb, width, height, image::ExtendedColorType::Rgb8);
    bytes
}
