//! The native adapter (not wasm32): what `web/` is to the page, this is to files. A design
//! document and the files it names become a still or a proof, through the page's own path
//! (design → scene → renderer); the `still` example, the goldens and the CLI use it.

mod proof;
mod still;

pub use proof::{design_proof, jpeg, ProofJobError, PICTURE_SIDE};
pub use still::{design_scene, render_design, render_scene, Still, StillError};
