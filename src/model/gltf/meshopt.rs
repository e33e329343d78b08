//! EXT_meshopt_compression: buffer views whose bytes are stored compressed elsewhere (what
//! `gltfpack -c` and glTF-Transform's `meshopt` write).
//!
//! Pure. The document names each compressed view ([`Compressed`]); the caller decodes them
//! ([`CompressedViews::jobs`] lists what to decode and from where) and the loader writes the
//! decoded bytes where the view says they are, in a *fallback* buffer that has no bytes of its
//! own ([`fill_views`]). Natively the decoder is linked in ([`decode`]); in the browser it is a
//! separate wasm module (`www/pkg/meshopt/`) fetched only for a model that needs it, so a plain
//! model's first frame downloads nothing more.

use std::collections::HashMap;

use serde_json::Value;

use super::error::{malformed, ModelError};
use super::json::{required_index, size, string, Object};

/// How a compressed view is stored: the extension's `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Vertex attributes (`ATTRIBUTES`).
    Attributes,
    /// A triangle list's indices (`TRIANGLES`).
    Triangles,
    /// Any other index sequence (`INDICES`).
    Indices,
}

impl Mode {
    /// The mode the extension names `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "ATTRIBUTES" => Self::Attributes,
            "TRIANGLES" => Self::Triangles,
            "INDICES" => Self::Indices,
            _ => return None,
        })
    }

    /// The extension's name for this mode.
    pub fn name(self) -> &'static str {
        match self {
            Self::Attributes => "ATTRIBUTES",
            Self::Triangles => "TRIANGLES",
            Self::Indices => "INDICES",
        }
    }
}

/// What is applied after decoding: the extension's `filter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `NONE`.
    None,
    /// `OCTAHEDRAL`: normals and tangents.
    Octahedral,
    /// `QUATERNION`: rotations.
    Quaternion,
    /// `EXPONENTIAL`: floats as exponent and mantissa.
    Exponential,
}

impl Filter {
    /// The filter the extension names `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "NONE" => Self::None,
            "OCTAHEDRAL" => Self::Octahedral,
            "QUATERNION" => Self::Quaternion,
            "EXPONENTIAL" => Self::Exponential,
            _ => return None,
        })
    }

    /// The extension's name for this filter.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Octahedral => "OCTAHEDRAL",
            Self::Quaternion => "QUATERNION",
            Self::Exponential => "EXPONENTIAL",
        }
    }
}

/// One buffer view's `EXT_meshopt_compression` object, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compressed {
    /// Where the compressed bytes are: buffer (checked), offset, length.
    pub buffer: usize,
    /// `byteOffset` in that buffer.
    pub offset: usize,
    /// `byteLength` of the compressed bytes.
    pub length: usize,
    /// `byteStride`: bytes per element once decoded.
    pub stride: usize,
    /// `count`: elements.
    pub count: usize,
    /// `mode`.
    pub mode: Mode,
    /// `filter`.
    pub filter: Filter,
}

impl Compressed {
    /// Bytes once decoded (`count × byteStride`), as `u64` so it cannot wrap.
    pub fn decoded_bytes(&self) -> u64 {
        self.count as u64 * self.stride as u64
    }
}

/// The extension's object on a buffer view, if it has one. `path` is the view's JSON path.
pub(super) fn read_view(view: &Object, path: &str, buffers: usize) -> Result<Option<Compressed>, ModelError> {
    let Some(extension) = view.get("extensions").and_then(|e| e.get("EXT_meshopt_compression")) else {
        return Ok(None);
    };
    let path = format!("{path}.extensions.EXT_meshopt_compression");
    let object = extension.as_object().ok_or_else(|| malformed(format!("{path} is not an object")))?;
    let required = |key: &str| size(object, key, &path)?.ok_or_else(|| malformed(format!("{path} has no {key}")));
    let mode = string(object, "mode");
    let mode = mode
        .as_deref()
        .and_then(Mode::parse)
        .ok_or_else(|| malformed(format!("{path}.mode {mode:?} is not ATTRIBUTES, TRIANGLES or INDICES")))?;
    let filter = string(object, "filter").unwrap_or_else(|| "NONE".into());
    let filter =
        Filter::parse(&filter).ok_or_else(|| malformed(format!("{path}.filter '{filter}' is not a meshopt filter")))?;
    Ok(Some(Compressed {
        buffer: required_index(object, "buffer", &path, "buffer", buffers)?,
        offset: size(object, "byteOffset", &path)?.unwrap_or(0),
        length: required("byteLength")?,
        stride: required("byteStride")?,
        count: required("count")?,
        mode,
        filter,
    }))
}

/// Whether a buffer is a meshopt fallback: no bytes of its own, its views all compressed.
pub(super) fn is_fallback(buffer: &Object) -> bool {
    buffer
        .get("extensions")
        .and_then(|e| e.get("EXT_meshopt_compression"))
        .and_then(|e| e.get("fallback"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Decoded views by buffer-view index (what the browser's decoder module returned).
pub type DecodedViews = HashMap<usize, Vec<u8>>;

/// Decodes one view's compressed bytes (`source`, exactly its `byteLength` bytes) with
/// meshoptimizer's codecs (the meshoptimizer-rs port, pure Rust), within `limit` bytes out.
/// Malformed data is an error, never a panic or a read out of bounds.
#[cfg(any(not(target_arch = "wasm32"), feature = "meshopt"))]
pub fn decode(compressed: &Compressed, source: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    use meshoptimizer_rs::codec::{decode_buffer_view, Filter as F, Mode as M};
    use meshoptimizer_rs::{Limits, Workspace};
    let mode = match compressed.mode {
        Mode::Attributes => M::Attributes,
        Mode::Triangles => M::Triangles,
        Mode::Indices => M::Indices,
    };
    let filter = match compressed.filter {
        Filter::None => F::None,
        Filter::Octahedral => F::Octahedral,
        Filter::Quaternion => F::Quaternion,
        Filter::Exponential => F::Exponential,
    };
    // The decoder's own scratch is bounded too: at most twice the output, plus a little.
    let max_bytes = usize::try_from(limit.saturating_mul(2).saturating_add(1 << 20)).unwrap_or(usize::MAX);
    let mut workspace = Workspace::new(Limits { max_bytes, ..Limits::default() });
    decode_buffer_view(mode, filter, compressed.count, compressed.stride, source, &mut workspace)
        .map_err(|e| format!("{e:?}"))
}
