//! The native adapter (not wasm32): what `web/` is to the page, this is to files. A design
//! document and the files it names become a still, through the page's own path (design →
//! scene → renderer); the `still` example, the goldens and the CLI use it.

mod still;

pub use still::{render_design, Still, StillError};
