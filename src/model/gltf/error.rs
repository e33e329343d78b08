//! What can go wrong loading a glTF, each with a stable code (`Error::code`).

use super::budget::OverBudget;

/// Why a model could not be loaded. Messages name the offending index or extension.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Neither a GLB container nor glTF JSON (e.g. an HTML error page).
    #[error("not a glTF file: {0}")]
    NotGltf(String),
    /// Looks like glTF but is broken (bad JSON, bad GLB chunks, invalid references).
    #[error("malformed glTF: {0}")]
    Malformed(String),
    /// `extensionsRequired` names an extension this viewer cannot render.
    #[error("the model requires the glTF extension {0}, which this viewer does not support")]
    UnsupportedExtension(String),
    /// Compressed data the caller was to decode (the browser's decoder module) was not given.
    #[error("the model's compressed data could not be decoded: {0}")]
    DecoderMissing(String),
    /// An external buffer or image was not provided (not found, or fetch failed).
    #[error("missing external resource '{uri}' ({what})")]
    MissingResource {
        /// The URI as written in the file.
        uri: String,
        /// e.g. "buffer 0", "image 2".
        what: String,
    },
    /// A buffer is shorter than its declared `byteLength`.
    #[error("buffer {index} is {actual} bytes, the file declares {declared}")]
    BufferTooShort {
        /// Buffer index.
        index: usize,
        /// Declared byteLength.
        declared: usize,
        /// Bytes actually available.
        actual: usize,
    },
    /// An accessor reads past the end of its buffer view, or has an unusable layout.
    #[error("accessor {accessor}: {reason}")]
    BadAccessor {
        /// Accessor index.
        accessor: usize,
        /// What is wrong.
        reason: String,
    },
    /// A vertex index points past the end of the vertex list.
    #[error("mesh {mesh} primitive {primitive}: index {index} is out of range ({vertex_count} vertices)")]
    IndexOutOfRange {
        /// Mesh index.
        mesh: usize,
        /// Primitive index within the mesh.
        primitive: usize,
        /// The bad index.
        index: u32,
        /// Number of vertices.
        vertex_count: usize,
    },
    /// A primitive has no POSITION attribute.
    #[error("mesh {mesh} primitive {primitive} has no POSITION attribute")]
    MissingPositions {
        /// Mesh index.
        mesh: usize,
        /// Primitive index within the mesh.
        primitive: usize,
    },
    /// An image could not be decoded.
    #[error("image {index}: {reason}")]
    BadImage {
        /// Image index.
        index: usize,
        /// Why.
        reason: String,
    },
    /// A material variant the model does not have (KHR_materials_variants).
    #[error("the model has no variant '{name}' (it has {known})")]
    UnknownVariant {
        /// The name asked for.
        name: String,
        /// The model's variants, in words ("Gold, Silver" or "none").
        known: String,
    },
    /// The scene has nothing to draw.
    #[error("the model has no triangles to draw")]
    Empty,
    /// The model declares more than the load budget allows (nothing was allocated for it).
    #[error("the model is too complex to show: {0}")]
    TooComplex(#[from] OverBudget),
}

impl ModelError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::NotGltf(_) => "model-not-gltf",
            ModelError::UnsupportedExtension(_) => "model-unsupported-extension",
            ModelError::MissingResource { .. } => "model-missing-resource",
            ModelError::DecoderMissing(_) => "model-decoder-failed",
            ModelError::BadImage { .. } => "model-bad-image",
            ModelError::Empty => "model-empty",
            ModelError::UnknownVariant { .. } => "variant-unknown",
            ModelError::TooComplex(_) => "model-too-complex",
            ModelError::Malformed(_)
            | ModelError::BufferTooShort { .. }
            | ModelError::BadAccessor { .. }
            | ModelError::IndexOutOfRange { .. }
            | ModelError::MissingPositions { .. } => "model-malformed",
        }
    }
}

pub(super) fn malformed(message: String) -> ModelError {
    ModelError::Malformed(message)
}
