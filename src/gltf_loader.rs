//! glTF 2.0 (.gltf with embedded or external resources, and .glb) → [`PendantModel`].
//!
//! Pure: no I/O. External buffers and images are looked up in a map the caller fills (the web
//! layer fetches them relative to the model URL, native code reads files), so the web and
//! native paths load identically. Every accessor is bounds-checked before it is read, so hostile
//! files give a typed error naming the offending index instead of a panic.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use glam::{Mat4, Vec3};
use serde_json::Value;

use crate::gltf_document::{self, Accessor, Component, Document, ImageSource};
use crate::load_budget::{LoadBudget, OverBudget};

use crate::model::{
    AlphaMode, Bounds, Image, Material, Mesh, ModelNode, Optics, PendantModel, Primitive, Sampler, Texture, TextureRef,
    UvTransform, Vertex, Wrap,
};
use crate::tangents::{generate_flat_normals, generate_tangents};

/// glTF extensions this loader understands; a file that *requires* any other is refused.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "KHR_texture_transform",
    "KHR_materials_emissive_strength",
    "KHR_materials_ior",
    "KHR_materials_specular",
    "KHR_materials_transmission",
    "KHR_materials_volume",
    "KHR_materials_dispersion",
    "KHR_materials_clearcoat",
];

/// Texture properties of the optical extensions, which this viewer does not read yet (their
/// factors apply); a model using them loads with a warning naming them.
const UNREAD_EXTENSION_TEXTURES: &[(&str, &str)] = &[
    ("KHR_materials_specular", "specularTexture"),
    ("KHR_materials_specular", "specularColorTexture"),
    ("KHR_materials_transmission", "transmissionTexture"),
    ("KHR_materials_volume", "thicknessTexture"),
    ("KHR_materials_clearcoat", "clearcoatTexture"),
    ("KHR_materials_clearcoat", "clearcoatRoughnessTexture"),
    ("KHR_materials_clearcoat", "clearcoatNormalTexture"),
];

/// External files (buffers, images) by the URI written in the glTF, already fetched.
pub type ExternalResources = HashMap<String, Vec<u8>>;

/// A model's images decoded by the caller (the browser's createImageBitmap), by glTF image
/// index: see [`encoded_images`] and [`load_gltf_with_images`].
pub type DecodedImages = HashMap<usize, Image>;

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
            ModelError::BadImage { .. } => "model-bad-image",
            ModelError::Empty => "model-empty",
            ModelError::TooComplex(_) => "model-too-complex",
            ModelError::Malformed(_)
            | ModelError::BufferTooShort { .. }
            | ModelError::BadAccessor { .. }
            | ModelError::IndexOutOfRange { .. }
            | ModelError::MissingPositions { .. } => "model-malformed",
        }
    }
}

/// The external URIs (not `data:` URIs) a model references, buffers first, in file order,
/// without duplicates. The caller fetches these and passes them to [`load_gltf`]. Refused
/// with `model-too-complex` when the model is over `budget` (checked before anything is
/// fetched).
pub fn external_uris(bytes: &[u8], budget: &LoadBudget) -> Result<Vec<String>, ModelError> {
    Ok(document_uris(&parse_within(bytes, budget)?.document))
}

fn document_uris(document: &Document) -> Vec<String> {
    let buffer_uris = document.buffers.iter().filter_map(|b| b.uri.as_deref());
    let image_uris = document.images.iter().filter_map(|i| match &i.source {
        ImageSource::Uri(uri) => Some(uri.as_str()),
        ImageSource::View(_) => None,
    });
    let mut seen = HashSet::new();
    buffer_uris
        .chain(image_uris)
        .filter(|uri| !uri.starts_with("data:"))
        .filter(|uri| seen.insert(uri.to_string()))
        .map(str::to_string)
        .collect()
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
fn used_images(document: &Document) -> Vec<usize> {
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
fn image_header(index: usize, bytes: &[u8], budget: &LoadBudget, pixels: &mut u64) -> Result<(u32, u32), ModelError> {
    let info = crate::photo::inspect::read_header(bytes).map_err(|error| {
        use crate::photo::PhotoError;
        let why = match error {
            PhotoError::Unsupported { format } => format!("{format} format; PNG, JPEG, WebP or GIF expected"),
            PhotoError::Truncated => "the file is cut short".into(),
            PhotoError::Corrupt { reason } => reason,
            PhotoError::Empty => "the file is empty".into(),
            other => other.to_string(),
        };
        ModelError::BadImage { index, reason: format!("it could not be decoded ({why})") }
    })?;
    budget
        .check_image(info.width, info.height, pixels)
        .map_err(|over| ModelError::TooComplex(OverBudget { what: format!("image {index}: {}", over.what), ..over }))?;
    Ok((info.width, info.height))
}

/// Loads a .glb or .gltf from bytes. External resources come from `external` (see
/// [`external_uris`]); a missing one is an error naming it. Images are decoded here (natively;
/// the wasm build has no codecs: it uses [`load_gltf_with_images`]).
/// Within the default [`LoadBudget`].
pub fn load_gltf(bytes: &[u8], external: &ExternalResources) -> Result<PendantModel, ModelError> {
    load_gltf_with_images(bytes, external, &DecodedImages::new(), &LoadBudget::default())
}

/// [`load_gltf`] with images the caller decoded; an image not in `decoded` is decoded here
/// where the build can (natively) and is an error naming it where it cannot (wasm). Anything
/// over `budget` is refused with [`ModelError::TooComplex`] before it is allocated.
pub fn load_gltf_with_images(
    bytes: &[u8],
    external: &ExternalResources,
    decoded: &DecodedImages,
    budget: &LoadBudget,
) -> Result<PendantModel, ModelError> {
    let Parsed { document, blob, nodes } = parse_within(bytes, budget)?;
    let buffers = load_buffers(&document, blob, external, budget)?;
    for (index, accessor) in document.accessors.iter().enumerate() {
        check_accessor(&document, index, accessor, &buffers)?;
    }

    let mut model = PendantModel { nodes, ..PendantModel::default() };
    let mut needs_tangents = HashSet::new();
    for (index, material) in document.materials.iter().enumerate() {
        let converted = convert_material(material, &mut model.warnings);
        // Normal maps need tangents, and so do metal parts (a brushed finish follows them).
        if converted.normal_texture.is_some() || converted.is_metal() {
            needs_tangents.insert(index);
        }
        model.materials.push(converted);
    }
    for (index, mesh) in document.meshes.iter().enumerate() {
        let primitives = load_mesh(&document, index, &buffers, &needs_tangents, &mut model.warnings)?;
        model.meshes.push(Mesh { name: mesh.name.clone(), primitives });
    }
    for texture in &document.textures {
        let sampler = texture.sampler.map(|s| convert_sampler(&document.samplers[s])).unwrap_or_default();
        model.textures.push(Texture { image: texture.source, sampler });
    }
    let used = used_images(&document);
    // Every header first: nothing is decoded unless all of them fit the budget together.
    let mut pixels = 0;
    for &index in used.iter().filter(|index| !decoded.contains_key(index)) {
        image_header(index, &image_bytes(&document, index, &buffers, external)?, budget, &mut pixels)?;
    }
    for index in 0..document.images.len() {
        let converted = match decoded.get(&index) {
            // No texture shows it: never decoded, a placeholder keeps the indices.
            _ if used.binary_search(&index).is_err() => Image { width: 1, height: 1, rgba8: vec![255; 4] },
            Some(given) => checked_image(index, given, budget, &mut pixels)?,
            None => decode_image(index, &image_bytes(&document, index, &buffers, external)?, budget)?,
        };
        model.images.push(converted);
    }
    model.bounds = compute_bounds(&model);
    if model.bounds.is_empty() {
        return Err(ModelError::Empty);
    }
    Ok(model)
}

/// A document checked against the budget, with its scene walked (nothing read from buffers).
struct Parsed {
    document: Document,
    blob: Option<Vec<u8>>,
    nodes: Vec<ModelNode>,
}

/// Parses and checks everything the budget can count from the document alone, so each entry
/// point (the URIs to fetch, the images to decode, the load) refuses an over-budget model
/// before it costs anything.
fn parse_within(bytes: &[u8], budget: &LoadBudget) -> Result<Parsed, ModelError> {
    LoadBudget::check("model file, bytes", bytes.len() as u64, budget.file_bytes)?;
    let (document, blob) = parse_document(bytes, budget)?;
    let cost = budget.check_document(&document)?;
    LoadBudget::check("external files", document_uris(&document).len() as u64, budget.external_files)?;
    let nodes = flatten_scene(&document);
    budget.check_scene(&cost, nodes.iter().filter_map(|n| n.mesh))?;
    check_slots(&nodes, budget)?;
    Ok(Parsed { document, blob, nodes })
}

fn parse_document(bytes: &[u8], budget: &LoadBudget) -> Result<(Document, Option<Vec<u8>>), ModelError> {
    let looks_like_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !bytes.starts_with(b"glTF") && !looks_like_json {
        let shown: String = String::from_utf8_lossy(&bytes[..bytes.len().min(16)])
            .chars()
            .map(|c| if c.is_control() { '.' } else { c })
            .collect();
        return Err(ModelError::NotGltf(format!(
            "expected a GLB header or JSON, found '{shown}' ({} bytes)",
            bytes.len()
        )));
    }
    let gltf_document::Gltf { document, blob } = gltf_document::parse(bytes, budget)?;
    if let Some(required) = document.extensions_required.iter().find(|e| !SUPPORTED_EXTENSIONS.contains(&e.as_str())) {
        return Err(ModelError::UnsupportedExtension(required.clone()));
    }
    Ok((document, blob))
}

/// Stone settings, photo and engraving areas by name, before any is built.
fn check_slots(nodes: &[ModelNode], budget: &LoadBudget) -> Result<(), ModelError> {
    let (mut stones, mut decorated) = (0u64, 0u64);
    for name in nodes.iter().filter_map(|n| n.name.as_deref()) {
        if crate::setting::parse_slot_name(name).is_some() {
            stones += 1;
        } else if crate::engraving::slot::parse_engraving_name(name).is_some()
            || crate::setting::mark_words(name).first().is_some_and(|w| w == "photo")
        {
            decorated += 1;
        }
    }
    LoadBudget::check("stone settings", stones, budget.stone_slots)?;
    LoadBudget::check("photo and engraving areas", decorated, budget.decorated_slots)?;
    Ok(())
}

fn load_buffers(
    document: &Document,
    mut blob: Option<Vec<u8>>,
    external: &ExternalResources,
    budget: &LoadBudget,
) -> Result<Vec<Vec<u8>>, ModelError> {
    let external_bytes: u64 = external.values().map(|file| file.len() as u64).sum();
    LoadBudget::check("external files, bytes in all", external_bytes, budget.file_bytes)?;
    // Images are copied out of their views one by one: N images on one view are N copies.
    let image_bytes: u64 = document
        .images
        .iter()
        .filter_map(|image| match image.source {
            ImageSource::View(view) => document.views.get(view).map(|v| v.length as u64),
            ImageSource::Uri(_) => None,
        })
        .sum();
    LoadBudget::check("image bytes in buffer views", image_bytes, budget.file_bytes)?;
    let mut buffers = Vec::new();
    for (index, buffer) in document.buffers.iter().enumerate() {
        let what = format!("buffer {index}");
        let data = match &buffer.uri {
            None => blob.take().ok_or_else(|| {
                ModelError::Malformed(format!("{what} refers to the GLB BIN chunk, which is missing"))
            })?,
            Some(uri) => resolve_uri(uri, &what, external)?,
        };
        if data.len() < buffer.length {
            return Err(ModelError::BufferTooShort { index, declared: buffer.length, actual: data.len() });
        }
        buffers.push(data);
    }
    Ok(buffers)
}

fn resolve_uri(uri: &str, what: &str, external: &ExternalResources) -> Result<Vec<u8>, ModelError> {
    if let Some(rest) = uri.strip_prefix("data:") {
        let (_, payload) = rest
            .split_once(";base64,")
            .ok_or_else(|| ModelError::Malformed(format!("{what}: only base64 data URIs are supported")))?;
        return base64::engine::general_purpose::STANDARD
            .decode(payload)
            .map_err(|e| ModelError::Malformed(format!("{what}: bad base64 data URI: {e}")));
    }
    external
        .get(uri)
        .cloned()
        .ok_or_else(|| ModelError::MissingResource { uri: uri.to_string(), what: what.to_string() })
}

/// Checks that an accessor (and its sparse parts) lies inside its buffer view and buffer, with
/// overflow-safe arithmetic, so the readers in `gltf_document` can never index out of bounds.
fn check_accessor(
    document: &Document,
    index: usize,
    accessor: &Accessor,
    buffers: &[Vec<u8>],
) -> Result<(), ModelError> {
    let bad = |reason: String| ModelError::BadAccessor { accessor: index, reason };
    if accessor.count == 0 {
        return Err(bad("count is 0".into()));
    }
    let element_size = accessor.element_size();
    let check_range = |view_index: usize, offset: usize, count: usize, size: usize, stride: usize| {
        let view = document.views[view_index];
        view.offset
            .checked_add(view.length)
            .filter(|&end| end <= buffers[view.buffer].len())
            .ok_or_else(|| bad(format!("buffer view {view_index} extends past the end of its buffer")))?;
        let needed = stride
            .checked_mul(count - 1)
            .and_then(|n| n.checked_add(size))
            .and_then(|n| n.checked_add(offset))
            .ok_or_else(|| bad(format!("{count} elements overflow the address space")))?;
        if needed > view.length {
            return Err(bad(format!("needs {needed} bytes of buffer view {view_index}, which has {}", view.length)));
        }
        Ok(())
    };
    if let Some(view) = accessor.view {
        let stride = document.views[view].stride.unwrap_or(element_size);
        if stride < element_size {
            return Err(bad(format!("byteStride {stride} is smaller than an element ({element_size} bytes)")));
        }
        check_range(view, accessor.offset, accessor.count, element_size, stride)?;
    } else if accessor.sparse.is_none() {
        return Err(bad("has neither a buffer view nor sparse values".into()));
    }
    if let Some(sparse) = &accessor.sparse {
        let count = sparse.count;
        if count == 0 || count > accessor.count {
            return Err(bad(format!("sparse count {count} is not within 1..={}", accessor.count)));
        }
        let (index_view, index_offset, index_component) = sparse.indices;
        let index_size = index_component.size();
        check_range(index_view, index_offset, count, index_size, index_size)?;
        let (values_view, values_offset) = sparse.values;
        check_range(values_view, values_offset, count, element_size, element_size)?;
        // Sparse indices must point inside the accessor.
        let view = document.views[index_view];
        let data = &buffers[view.buffer];
        let start = view.offset + index_offset;
        for i in 0..count {
            let value = index_component.read_index(data, start + i * index_size) as usize;
            if value >= accessor.count {
                return Err(bad(format!("sparse index {value} is past the accessor's {} elements", accessor.count)));
            }
        }
    }
    Ok(())
}

/// `SCALAR`, `VEC3`… as the error messages write them (`Scalar`, `Vec3`).
fn kind_name(kind: &str) -> String {
    let mut chars = kind.chars();
    chars.next().map_or_else(String::new, |first| first.to_string() + &chars.as_str().to_ascii_lowercase())
}

fn expect_layout(
    document: &Document,
    accessor: usize,
    semantic: &str,
    kind: &str,
    components: &[Component],
) -> Result<(), ModelError> {
    let found = &document.accessors[accessor];
    if found.kind != kind || !components.contains(&found.component) {
        return Err(ModelError::BadAccessor {
            accessor,
            reason: format!(
                "{semantic} must be {} of {components:?}, found {} of {:?}",
                kind_name(kind),
                kind_name(&found.kind),
                found.component
            ),
        });
    }
    Ok(())
}

/// glTF primitive modes.
const TRIANGLES: u64 = 4;
const TRIANGLE_STRIP: u64 = 5;
const TRIANGLE_FAN: u64 = 6;

fn load_mesh(
    document: &Document,
    mesh_index: usize,
    buffers: &[Vec<u8>],
    needs_tangents: &HashSet<usize>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Primitive>, ModelError> {
    let read = |accessor| gltf_document::read_f32(document, buffers, accessor);
    let mut primitives = Vec::new();
    for (p, primitive) in document.meshes[mesh_index].primitives.iter().enumerate() {
        let mode = primitive.mode;
        if !matches!(mode, TRIANGLES | TRIANGLE_STRIP | TRIANGLE_FAN) {
            warnings.push(format!("mesh {mesh_index} primitive {p}: mode {mode} (not triangles) is not drawn"));
            continue;
        }
        let position_accessor =
            primitive.attribute("POSITION").ok_or(ModelError::MissingPositions { mesh: mesh_index, primitive: p })?;
        expect_layout(document, position_accessor, "POSITION", "VEC3", &[Component::F32])?;
        let positions = read(position_accessor)?;
        if positions.iter().any(|v| !v.is_finite()) {
            return Err(ModelError::BadAccessor {
                accessor: position_accessor,
                reason: "POSITION contains NaN or infinite values".into(),
            });
        }
        let mut vertices: Vec<Vertex> = positions
            .chunks_exact(3)
            .map(|p| Vertex { position: [p[0], p[1], p[2]], tangent: [1.0, 0.0, 0.0, 1.0], ..Vertex::default() })
            .collect();

        let normals = primitive.attribute("NORMAL");
        if let Some(accessor) = normals {
            expect_layout(document, accessor, "NORMAL", "VEC3", &[Component::F32])?;
            for (vertex, normal) in vertices.iter_mut().zip(read(accessor)?.chunks_exact(3)) {
                vertex.normal = sanitize_unit([normal[0], normal[1], normal[2]]);
            }
        }
        let has_uv0 = primitive.attribute("TEXCOORD_0").is_some();
        for set in 0..2 {
            let Some(accessor) = primitive.attribute(&format!("TEXCOORD_{set}")) else { continue };
            let uv_types = [Component::F32, Component::U8, Component::U16];
            expect_layout(document, accessor, "TEXCOORD", "VEC2", &uv_types)?;
            for (vertex, uv) in vertices.iter_mut().zip(read(accessor)?.chunks_exact(2)) {
                let uv = [uv[0], uv[1]].map(|c| if c.is_finite() { c } else { 0.0 });
                if set == 0 {
                    vertex.uv0 = uv
                } else {
                    vertex.uv1 = uv
                }
            }
        }
        let tangents = primitive.attribute("TANGENT");
        if let Some(accessor) = tangents {
            expect_layout(document, accessor, "TANGENT", "VEC4", &[Component::F32])?;
            for (vertex, tangent) in vertices.iter_mut().zip(read(accessor)?.chunks_exact(4)) {
                vertex.tangent = [tangent[0], tangent[1], tangent[2], tangent[3]];
            }
        }

        let mut indices: Vec<u32> = match primitive.indices {
            Some(accessor) => {
                let index_types = [Component::U8, Component::U16, Component::U32];
                expect_layout(document, accessor, "indices", "SCALAR", &index_types)?;
                gltf_document::read_indices(document, buffers, accessor)?
            }
            None => (0..vertices.len() as u32).collect(),
        };
        if let Some(&index) = indices.iter().find(|&&i| i as usize >= vertices.len()) {
            return Err(ModelError::IndexOutOfRange {
                mesh: mesh_index,
                primitive: p,
                index,
                vertex_count: vertices.len(),
            });
        }
        indices = to_triangle_list(mode, &indices);
        if normals.is_none() {
            (vertices, indices) = generate_flat_normals(&vertices, &indices);
        }
        let material = primitive.material;
        if tangents.is_none() && material.is_some_and(|m| needs_tangents.contains(&m)) {
            generate_tangents(&mut vertices, &indices);
        }
        primitives.push(Primitive { vertices, indices, material, has_uv0 });
    }
    Ok(primitives)
}

fn sanitize_unit(v: [f32; 3]) -> [f32; 3] {
    let n = Vec3::from(v);
    if n.is_finite() && n.length_squared() > 1e-12 {
        n.normalize().into()
    } else {
        [0.0, 0.0, 1.0]
    }
}

/// Strips and fans become lists; a trailing partial triangle is dropped.
fn to_triangle_list(mode: u64, indices: &[u32]) -> Vec<u32> {
    match mode {
        TRIANGLE_STRIP => (2..indices.len())
            .flat_map(|i| {
                let (a, b, c) = (indices[i - 2], indices[i - 1], indices[i]);
                if i % 2 == 0 {
                    [a, b, c]
                } else {
                    [b, a, c]
                }
            })
            .collect(),
        TRIANGLE_FAN => (2..indices.len()).flat_map(|i| [indices[0], indices[i - 1], indices[i]]).collect(),
        _ => indices[..indices.len() / 3 * 3].to_vec(),
    }
}

/// A number member, or `default` when absent or not a finite number.
fn number(object: Option<&Value>, key: &str, default: f32) -> f32 {
    object
        .and_then(|o| o.get(key))
        .and_then(Value::as_f64)
        .map(|v| v as f32)
        .filter(|v| v.is_finite())
        .unwrap_or(default)
}

/// N numbers, each falling back to `default`'s when absent or not a number.
fn number_array<const N: usize>(object: Option<&Value>, key: &str, default: [f32; N]) -> [f32; N] {
    let Some(items) = object.and_then(|o| o.get(key)).and_then(Value::as_array).filter(|a| a.len() == N) else {
        return default;
    };
    std::array::from_fn(|i| items[i].as_f64().map(|v| v as f32).filter(|v| v.is_finite()).unwrap_or(default[i]))
}

/// A texture reference (`{"index", "texCoord", "extensions": {"KHR_texture_transform"}}`);
/// the index was checked by `gltf_document`.
fn texture_ref(info: Option<&Value>) -> Option<TextureRef> {
    let info = info?;
    let texture = info.get("index")?.as_u64()? as usize;
    let tex_coord = info.get("texCoord").and_then(Value::as_u64).unwrap_or(0).min(1) as u32;
    let mut result = TextureRef { texture, tex_coord, transform: UvTransform::default() };
    let transform = info.get("extensions").and_then(|e| e.get("KHR_texture_transform"));
    if transform.is_some() {
        result.transform = UvTransform {
            offset: number_array(transform, "offset", [0.0, 0.0]),
            rotation: number(transform, "rotation", 0.0),
            scale: number_array(transform, "scale", [1.0, 1.0]),
        };
        if let Some(set) = transform.and_then(|t| t.get("texCoord")).and_then(Value::as_u64) {
            result.tex_coord = set.min(1) as u32;
        }
    }
    Some(result)
}

fn material_name(material: &Value) -> Option<String> {
    material.get("name").and_then(Value::as_str).map(str::to_string)
}

/// The optical extensions' factors, each clamped to its valid range.
fn convert_optics(material: &Value, warnings: &mut Vec<String>) -> Optics {
    let extension = |name: &str| material.get("extensions").and_then(|e| e.get(name));
    let clamped = |name: &str, key: &str, default: f32, (low, high): (f32, f32)| {
        number(extension(name), key, default).clamp(low, high)
    };
    let color = |name: &str, key: &str| number_array(extension(name), key, [1.0; 3]).map(|c| c.clamp(0.0, 1.0));
    for (name, texture) in UNREAD_EXTENSION_TEXTURES {
        if extension(name).and_then(|e| e.get(*texture)).is_some() {
            warnings.push(format!(
                "material '{}': {name} {texture} is not supported yet; its factor is used",
                material_name(material).as_deref().unwrap_or("unnamed")
            ));
        }
    }
    Optics {
        // KHR_materials_ior allows 0 ("infinite", F0 = 1); clamped to what real materials have.
        ior: clamped("KHR_materials_ior", "ior", 1.5, (1.0, 5.0)),
        specular_factor: clamped("KHR_materials_specular", "specularFactor", 1.0, (0.0, 1.0)),
        specular_color: color("KHR_materials_specular", "specularColorFactor"),
        transmission: clamped("KHR_materials_transmission", "transmissionFactor", 0.0, (0.0, 1.0)),
        thickness: clamped("KHR_materials_volume", "thicknessFactor", 0.0, (0.0, f32::MAX)),
        attenuation_distance: clamped(
            "KHR_materials_volume",
            "attenuationDistance",
            f32::INFINITY,
            (1e-6, f32::INFINITY),
        ),
        attenuation_color: color("KHR_materials_volume", "attenuationColor"),
        dispersion: clamped("KHR_materials_dispersion", "dispersion", 0.0, (0.0, 10.0)),
        clearcoat: clamped("KHR_materials_clearcoat", "clearcoatFactor", 0.0, (0.0, 1.0)),
        clearcoat_roughness: clamped("KHR_materials_clearcoat", "clearcoatRoughnessFactor", 0.0, (0.0, 1.0)),
    }
}

fn convert_material(material: &Value, warnings: &mut Vec<String>) -> Material {
    let pbr = material.get("pbrMetallicRoughness");
    let normal = material.get("normalTexture");
    let occlusion = material.get("occlusionTexture");
    let strength = number(
        material.get("extensions").and_then(|e| e.get("KHR_materials_emissive_strength")),
        "emissiveStrength",
        1.0,
    );
    let cutoff = number(Some(material), "alphaCutoff", 0.5);
    Material {
        name: material_name(material),
        base_color_factor: number_array(pbr, "baseColorFactor", [1.0; 4]),
        base_color_texture: texture_ref(pbr.and_then(|p| p.get("baseColorTexture"))),
        metallic_factor: number(pbr, "metallicFactor", 1.0).clamp(0.0, 1.0),
        roughness_factor: number(pbr, "roughnessFactor", 1.0).clamp(0.0, 1.0),
        metallic_roughness_texture: texture_ref(pbr.and_then(|p| p.get("metallicRoughnessTexture"))),
        normal_texture: texture_ref(normal),
        normal_scale: number(normal, "scale", 1.0),
        occlusion_texture: texture_ref(occlusion),
        occlusion_strength: number(occlusion, "strength", 1.0).clamp(0.0, 1.0),
        emissive_texture: texture_ref(material.get("emissiveTexture")),
        emissive_factor: number_array(Some(material), "emissiveFactor", [0.0; 3]).map(|c| c * strength),
        alpha_mode: match material.get("alphaMode").and_then(Value::as_str) {
            Some("MASK") => AlphaMode::Mask { cutoff },
            Some("BLEND") => AlphaMode::Blend,
            _ => AlphaMode::Opaque,
        },
        double_sided: material.get("doubleSided").and_then(Value::as_bool).unwrap_or(false),
        optics: convert_optics(material, warnings),
    }
}

fn convert_sampler(sampler: &gltf_document::SamplerDef) -> Sampler {
    const NEAREST: u64 = 9728;
    const NEAREST_MIPMAP_NEAREST: u64 = 9984;
    const NEAREST_MIPMAP_LINEAR: u64 = 9986;
    let wrap = |mode| match mode {
        Some(33071) => Wrap::ClampToEdge,
        Some(33648) => Wrap::MirroredRepeat,
        _ => Wrap::Repeat,
    };
    Sampler {
        wrap_u: wrap(sampler.wrap_s),
        wrap_v: wrap(sampler.wrap_t),
        mag_linear: sampler.mag_filter != Some(NEAREST),
        min_linear: !matches!(sampler.min_filter, Some(NEAREST | NEAREST_MIPMAP_NEAREST | NEAREST_MIPMAP_LINEAR)),
    }
}

/// An image's encoded bytes: from its buffer view, data URI or external file.
fn image_bytes(
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
fn checked_image(index: usize, image: &Image, budget: &LoadBudget, pixels: &mut u64) -> Result<Image, ModelError> {
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
fn decode_image(index: usize, encoded: &[u8], budget: &LoadBudget) -> Result<Image, ModelError> {
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
fn decode_image(index: usize, _encoded: &[u8], _budget: &LoadBudget) -> Result<Image, ModelError> {
    Err(ModelError::BadImage { index, reason: "not decoded: the browser decodes a model's images".into() })
}

/// Walks the default scene (or the first, or every root node when there is no scene), parents
/// before children. A node reached twice (a cycle or shared child) is visited once.
fn flatten_scene(document: &Document) -> Vec<ModelNode> {
    let roots: Vec<usize> = match document.scene.or((!document.scenes.is_empty()).then_some(0)) {
        Some(scene) => document.scenes[scene].clone(),
        None => {
            let children: HashSet<usize> = document.nodes.iter().flat_map(|n| n.children.iter().copied()).collect();
            (0..document.nodes.len()).filter(|n| !children.contains(n)).collect()
        }
    };
    let mut nodes: Vec<ModelNode> = Vec::new();
    let mut visited = HashSet::new();
    let mut stack: Vec<(usize, Option<usize>)> = roots.into_iter().rev().map(|n| (n, None)).collect();
    while let Some((index, parent)) = stack.pop() {
        if !visited.insert(index) {
            continue;
        }
        let node = &document.nodes[index];
        let parent_world = parent.map_or(Mat4::IDENTITY, |p: usize| nodes[p].world_transform);
        nodes.push(ModelNode {
            name: node.name.clone(),
            parent,
            local_transform: node.transform,
            world_transform: parent_world * node.transform,
            mesh: node.mesh,
        });
        let me = nodes.len() - 1;
        stack.extend(node.children.iter().rev().map(|&c| (c, Some(me))));
    }
    nodes
}

/// Everything drawn: the meshes and the stones the gem slots will hold (a solitaire's stone
/// may be all there is below its bail).
fn compute_bounds(model: &PendantModel) -> Bounds {
    let mut bounds = Bounds::default();
    for slot in crate::setting::find_gem_slots(model) {
        // Stone-local box: the girdle (and a setting's wall) across, pavilion to table deep.
        for i in 0..8 {
            let pick = |bit: usize, low: f32, high: f32| if i & bit == 0 { low } else { high };
            let corner = Vec3::new(pick(1, -1.2, 1.2), pick(2, -1.2, 1.2), pick(4, -1.0, 0.6));
            bounds.include(slot.transform.transform_point3(corner));
        }
    }
    for node in &model.nodes {
        let Some(mesh) = node.mesh.and_then(|m| model.meshes.get(m)) else { continue };
        for primitive in mesh.primitives.iter().filter(|p| !p.indices.is_empty()) {
            for vertex in &primitive.vertices {
                bounds.include(node.world_transform.transform_point3(Vec3::from(vertex.position)));
            }
        }
    }
    bounds
}
