//! A design document shown in a scene without a page (stills, goldens): the choices the
//! element applies one attribute at a time, applied from the document at once, then framed as
//! the element frames them. The caller loads the files (the model, the photos) and the fonts.

use crate::camera::OrbitCamera;
use crate::design::Design;
use crate::engraving::{engrave, EngravingDesign, EngravingError, FontBook};
use crate::model::{Image, PendantModel};
use crate::photo::{PhotoDesign, PhotoError};

use super::{Cut, Scene};

/// Why a design could not be shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShowError {
    /// An engraving could not be cut (does not fit, characters the fonts lack, …).
    #[error("engraving {side}: {error}")]
    Engraving {
        /// front, back, left or right.
        side: &'static str,
        /// What went wrong.
        error: EngravingError,
    },
    /// A photo could not be placed.
    #[error(transparent)]
    Photo(#[from] PhotoError),
}

impl ShowError {
    /// The stable code of the underlying error.
    pub fn code(&self) -> &'static str {
        match self {
            ShowError::Engraving { error, .. } => error.code(),
            ShowError::Photo(error) => error.code(),
        }
    }
}

impl Scene {
    /// Shows `design` on `model`: finish, stone (or the birth month's usual one), chain, each
    /// side's engraving laid out with `fonts`, the photos (`photos[i]`: area `i`'s, decoded
    /// upright within the texture size) and the lid open or closed, as still as a still is.
    pub fn show_design(
        &mut self,
        design: &Design,
        model: PendantModel,
        photos: Vec<Option<Image>>,
        fonts: &FontBook,
    ) -> Result<(), ShowError> {
        self.set_finish(design.finish);
        self.set_stone(design.stone.or(design.birthstone.map(|month| month.stone())));
        self.set_chain(design.chain);
        self.set_view(design.view.mode, design.view.body);
        self.set_size_reference(design.view.size_reference);
        self.set_model(model);
        for (side, engraving) in crate::design::SIDES.iter().zip(&design.engravings) {
            let Some(engraving) = engraving else { continue };
            let analysis = self.analysis();
            let fail = |error| ShowError::Engraving { side, error };
            let index = analysis.engraving_index(side).ok_or_else(|| fail(EngravingError::NoArea(side.to_string())))?;
            let engraved =
                engrave(&EngravingDesign::from(engraving), &analysis.engraving[index].area, fonts).map_err(fail)?;
            self.set_engraving(side, Some(Cut { field: engraved.field, finish: engraving.finish })).map_err(fail)?;
        }
        for (index, (image, area)) in photos.into_iter().zip(&design.photos).enumerate() {
            let (Some(image), Some(area)) = (image, area) else { continue };
            let placement = PhotoDesign { crop: area.crop, tone: design.photo_style, cover: design.photo_cover };
            self.set_photo(index, image, placement)?;
        }
        self.set_opening(if design.view.open { 1.0 } else { 0.0 });
        Ok(())
    }

    /// The camera a design's view asks for on the scene's model: framed as the element frames a
    /// model it loads, then turned to the design's `cameraOrbit` if it has one.
    pub fn design_camera(&self, design: &Design) -> OrbitCamera {
        let mut camera = self.framing_bounds().map(|b| OrbitCamera::framing(&b, 0.0, 0.0)).unwrap_or_default();
        camera.set_home_view(design.view.camera.unwrap_or_default());
        camera
    }
}
