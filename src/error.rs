//! The crate-wide error: one variant per module error, each with a stable string code for JS.

use crate::camera::orbit::CameraOrbitError;
use crate::chain::ChainError;
use crate::cutout::ShapeError;
use crate::design::DesignError;
use crate::engraving::phrases::PhraseError;
use crate::engraving::EngravingError;
use crate::finish::FinishError;
use crate::gpu::RenderError;
use crate::model::gltf::ModelError;
use crate::photo::PhotoError;
use crate::size::SizeReferenceError;
use crate::stones::GemError;
use crate::studio::backdrop::BackdropError;
use crate::worn::WornError;

/// Any error the viewer reports. `code()` is stable and safe to switch on in JavaScript.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model could not be loaded.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A background value was not understood.
    #[error(transparent)]
    Backdrop(#[from] BackdropError),
    /// A stone or birth month was not understood.
    #[error(transparent)]
    Gem(#[from] GemError),
    /// A finish name was not understood.
    #[error(transparent)]
    Finish(#[from] FinishError),
    /// An engraving could not be made.
    #[error(transparent)]
    Engraving(#[from] EngravingError),
    /// A cut-out pendant could not be made.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// Coordinates or a date were not understood.
    #[error(transparent)]
    Phrase(#[from] PhraseError),
    /// A photo could not be used.
    #[error(transparent)]
    Photo(#[from] PhotoError),
    /// A design document was refused.
    #[error(transparent)]
    Design(#[from] DesignError),
    /// A camera orbit was not understood.
    #[error(transparent)]
    CameraOrbit(#[from] CameraOrbitError),
    /// A chain was not understood.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// A view or body size was not understood.
    #[error(transparent)]
    Worn(#[from] WornError),
    /// A size reference was not understood.
    #[error(transparent)]
    SizeReference(#[from] SizeReferenceError),
    /// The GPU could not be set up or could not draw.
    #[error(transparent)]
    Render(#[from] RenderError),
}

impl Error {
    /// A stable machine-readable code, e.g. `model-not-gltf`, `render-no-adapter`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Model(e) => e.code(),
            Error::Render(e) => e.code(),
            Error::Finish(e) => e.code(),
            Error::Backdrop(e) => e.code(),
            Error::Gem(e) => e.code(),
            Error::Engraving(e) => e.code(),
            Error::Phrase(e) => e.code(),
            Error::Shape(e) => e.code(),
            Error::Photo(e) => e.code(),
            Error::Design(e) => e.code(),
            Error::CameraOrbit(e) => e.code(),
            Error::Chain(e) => e.code(),
            Error::Worn(e) => e.code(),
            Error::SizeReference(e) => e.code(),
        }
    }
}
