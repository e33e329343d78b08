//! A design document → pixels, natively: its model and photos read from files under a root
//! (the page's folder, `www/`, where the document's relative URLs point), its engravings laid
//! out with the page's fonts, drawn as the element draws it.

use std::path::{Path, PathBuf};

use crate::design::Design;
use crate::engraving::FontBook;
use crate::gpu::{render_to_rgba8, FrameSettings, GpuContext, RenderError, Renderer};
use crate::model::gltf::{load_gltf, ExternalResources, ModelError};
use crate::photo::decode::decode;
use crate::photo::{PhotoError, TEXTURE_SIDE};
use crate::scene::{Scene, ShowError};
use crate::studio::backdrop::{Backdrop, BackdropError};

/// What to draw and how large.
pub struct Still<'a> {
    /// The design.
    pub design: &'a Design,
    /// Where the design's relative URLs (model, photos) point.
    pub root: &'a Path,
    /// The engraving fonts.
    pub fonts: &'a FontBook,
    /// Pixels across and down.
    pub size: (u32, u32),
}

/// Why a still could not be made.
#[derive(Debug, thiserror::Error)]
pub enum StillError {
    /// A file the design names could not be read.
    #[error("{path}: {error}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The model did not load.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The cut-out shape could not be made.
    #[error(transparent)]
    Shape(#[from] crate::cutout::ShapeError),
    /// A photo did not decode.
    #[error(transparent)]
    Photo(#[from] PhotoError),
    /// The design could not be shown (engraving, photo placement).
    #[error(transparent)]
    Show(#[from] ShowError),
    /// The background is not one the viewer knows.
    #[error(transparent)]
    Backdrop(#[from] BackdropError),
    /// Drawing failed.
    #[error(transparent)]
    Render(#[from] RenderError),
}

fn read(root: &Path, url: &str) -> Result<Vec<u8>, StillError> {
    let path = root.join(url);
    std::fs::read(&path).map_err(|error| StillError::File { path, error })
}

/// Draws `still` with `renderer` (shared between stills: the scene is new each time, so
/// nothing of an earlier still remains). Returns tightly packed sRGB RGBA8 rows.
pub fn render_design(context: &GpuContext, renderer: &mut Renderer, still: &Still) -> Result<Vec<u8>, StillError> {
    let mut scene = design_scene(still.design, still.root, still.fonts)?;
    render_scene(context, renderer, &mut scene, still.design, still.size)
}

/// The scene `design` shows: its model (or cut-out), photos and engravings.
pub fn design_scene(design: &Design, root: &Path, fonts: &FontBook) -> Result<Scene, StillError> {
    let bytes = match &design.shape {
        Some(shape) => crate::cutout::make(shape, fonts)?.glb,
        None => read(root, &design.model)?,
    };
    let model = load_gltf(&bytes, &ExternalResources::new())?;
    let photos = design
        .photos
        .iter()
        .map(|area| match area.as_ref().filter(|area| !area.src.is_empty()) {
            Some(area) => Ok(Some(decode(&read(root, &area.src)?, TEXTURE_SIDE)?)),
            None => Ok(None),
        })
        .collect::<Result<Vec<_>, StillError>>()?;
    let mut scene = Scene::new();
    scene.show_design(design, model, photos, fonts)?;
    Ok(scene)
}

/// Draws `scene` as `design`'s view (camera and background) asks, `size` pixels; what
/// changed in the scene since the last draw (the lid) is synced first.
pub fn render_scene(
    context: &GpuContext,
    renderer: &mut Renderer,
    scene: &mut Scene,
    design: &Design,
    size: (u32, u32),
) -> Result<Vec<u8>, StillError> {
    let camera = scene.design_camera(design);
    let background = match design.view.background.as_str() {
        "" => Backdrop::Studio,
        written => written.parse()?,
    };
    let settings = FrameSettings { background, ..FrameSettings::default() };
    let changes = scene.take_changes();
    renderer.sync(&context.device, &context.queue, scene, &changes);
    Ok(render_to_rgba8(context, renderer, size, &camera, &settings)?)
}
