//! glTF 2.0 (.gltf with embedded or external resources, and .glb) → [`PendantModel`].
//!
//! Pure: no I/O. External buffers and images are looked up in a map the caller fills (the web
//! layer fetches them relative to the model URL, native code reads files), so the web and
//! native paths load identically. Every accessor is bounds-checked before it is read, so hostile
//! files give a typed error naming the offending index instead of a panic.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use glam::{Mat4, Vec3};
use gltf::accessor::{DataType, Dimensions};
use gltf::mesh::Mode;

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

/// Largest image side accepted, in pixels (WebGL2 guarantees 2048; most GPUs 8192+).
pub const MAX_IMAGE_SIDE: u32 = 8192;

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
            ModelError::Malformed(_)
            | ModelError::BufferTooShort { .. }
            | ModelError::BadAccessor { .. }
            | ModelError::IndexOutOfRange { .. }
            | ModelError::MissingPositions { .. } => "model-malformed",
        }
    }
}

/// The external URIs (not `data:` URIs) a model references, buffers first, in file order,
/// without duplicates. The caller fetches these and passes them to [`load_gltf`].
pub fn external_uris(bytes: &[u8]) -> Result<Vec<String>, ModelError> {
    let document = parse_document(bytes)?.0;
    let buffer_uris = document.buffers().filter_map(|b| match b.source() {
        gltf::buffer::Source::Uri(uri) => Some(uri),
        gltf::buffer::Source::Bin => None,
    });
    let image_uris = document.images().filter_map(|i| match i.source() {
        gltf::image::Source::Uri { uri, .. } => Some(uri),
        gltf::image::Source::View { .. } => None,
    });
    let mut seen = HashSet::new();
    Ok(buffer_uris
        .chain(image_uris)
        .filter(|uri| !uri.starts_with("data:"))
        .filter(|uri| seen.insert(uri.to_string()))
        .map(str::to_string)
        .collect())
}

/// Every image of a model as stored (buffer views, data URIs and external files from
/// `external`), for a caller that decodes images itself.
pub fn encoded_images(bytes: &[u8], external: &ExternalResources) -> Result<Vec<EncodedImage>, ModelError> {
    let (document, blob) = parse_document(bytes)?;
    let buffers = load_buffers(&document, blob, external)?;
    document
        .images()
        .map(|image| {
            let mime_type = match image.source() {
                gltf::image::Source::View { mime_type, .. } => Some(mime_type.to_string()),
                gltf::image::Source::Uri { mime_type, .. } => mime_type.map(str::to_string),
            };
            Ok(EncodedImage { index: image.index(), mime_type, bytes: image_bytes(&image, &buffers, external)? })
        })
        .collect()
}

/// Loads a .glb or .gltf from bytes. External resources come from `external` (see
/// [`external_uris`]); a missing one is an error naming it. Images are decoded here (natively;
/// the wasm build has no codecs: it uses [`load_gltf_with_images`]).
pub fn load_gltf(bytes: &[u8], external: &ExternalResources) -> Result<PendantModel, ModelError> {
    load_gltf_with_images(bytes, external, &DecodedImages::new())
}

/// [`load_gltf`] with images the caller decoded; an image not in `decoded` is decoded here
/// where the build can (natively) and is an error naming it where it cannot (wasm).
pub fn load_gltf_with_images(
    bytes: &[u8],
    external: &ExternalResources,
    decoded: &DecodedImages,
) -> Result<PendantModel, ModelError> {
    let (document, blob) = parse_document(bytes)?;
    let buffers = load_buffers(&document, blob, external)?;
    for accessor in document.accessors() {
        check_accessor(&accessor, &buffers)?;
    }

    let mut model = PendantModel::default();
    let mut needs_tangents = HashSet::new();
    for material in document.materials() {
        let converted = convert_material(&material, &mut model.warnings);
        // Normal maps need tangents, and so do metal parts (a brushed finish follows them).
        if converted.normal_texture.is_some() || converted.is_metal() {
            if let Some(index) = material.index() {
                needs_tangents.insert(index);
            }
        }
        model.materials.push(converted);
    }
    for mesh in document.meshes() {
        let primitives = load_mesh(&mesh, &buffers, &needs_tangents, &mut model.warnings)?;
        model.meshes.push(Mesh { name: mesh.name().map(str::to_string), primitives });
    }
    for texture in document.textures() {
        model.textures.push(Texture { image: texture.source().index(), sampler: convert_sampler(&texture.sampler()) });
    }
    for image in document.images() {
        let converted = match decoded.get(&image.index()) {
            Some(given) => checked_image(image.index(), given)?,
            None => decode_image(image.index(), &image_bytes(&image, &buffers, external)?)?,
        };
        model.images.push(converted);
    }
    model.nodes = flatten_scene(&document);
    model.bounds = compute_bounds(&model);
    if model.bounds.is_empty() {
        return Err(ModelError::Empty);
    }
    Ok(model)
}

fn parse_document(bytes: &[u8]) -> Result<(gltf::Document, Option<Vec<u8>>), ModelError> {
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
    check_glb_length(bytes)?;
    let gltf = gltf::Gltf::from_slice_without_validation(bytes).map_err(describe_gltf_error)?;
    for required in gltf.document.extensions_required() {
        if !SUPPORTED_EXTENSIONS.contains(&required) {
            return Err(ModelError::UnsupportedExtension(required.to_string()));
        }
    }
    let gltf::Gltf { document, blob } = gltf;
    // Checked above against our list; the gltf crate's own list only knows the extensions
    // it parses itself, and we read several from raw JSON.
    let mut root = document.into_json();
    root.extensions_required.clear();
    check_position_accessors(&root)?;
    check_image_sources(&root)?;
    let document = gltf::Document::from_json(root).map_err(describe_gltf_error)?;
    Ok((document, blob))
}

/// gltf 1.4.1 subtracts the 12-byte header from the GLB's declared length unchecked (an
/// overflow panic where overflow checks are on; found by tests/fuzz): refuse a declared length
/// shorter than the header and the JSON chunk's header first.
fn check_glb_length(bytes: &[u8]) -> Result<(), ModelError> {
    let Some(declared) = bytes.strip_prefix(b"glTF").and_then(|rest| rest.get(4..8)) else { return Ok(()) };
    let declared = u32::from_le_bytes([declared[0], declared[1], declared[2], declared[3]]);
    if declared < 20 {
        return Err(ModelError::Malformed(format!(
            "the GLB header declares {declared} bytes, less than the 20 its own headers take"
        )));
    }
    Ok(())
}

/// gltf-json 1.4.1 reads each primitive's POSITION accessor while validating without checking
/// that it exists, and panics on a file whose accessor list is shorter (found by
/// tests/fuzz, target `model`): refuse such files before validation.
fn check_position_accessors(root: &gltf::json::Root) -> Result<(), ModelError> {
    use gltf::json::mesh::Semantic;
    use gltf::json::validation::Checked;
    for (m, mesh) in root.meshes.iter().enumerate() {
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            let Some(index) = primitive.attributes.get(&Checked::Valid(Semantic::Positions)) else { continue };
            if index.value() >= root.accessors.len() {
                return Err(ModelError::Malformed(format!(
                    "meshes[{m}].primitives[{p}].attributes.POSITION: accessor {} does not exist (the file has {})",
                    index.value(),
                    root.accessors.len()
                )));
            }
        }
    }
    Ok(())
}

/// gltf 1.4.1 unwraps an image's `uri` when it has no `bufferView`, and its `mimeType` when
/// it has one, and its validation checks neither (found by tests/fuzz): refuse such images.
fn check_image_sources(root: &gltf::json::Root) -> Result<(), ModelError> {
    for (index, image) in root.images.iter().enumerate() {
        let problem = match (&image.uri, &image.buffer_view, &image.mime_type) {
            (None, None, _) => "has neither a uri nor a bufferView",
            (_, Some(_), None) => "is in a buffer view but has no mimeType",
            _ => continue,
        };
        return Err(ModelError::Malformed(format!("images[{index}] {problem}")));
    }
    Ok(())
}

fn describe_gltf_error(error: gltf::Error) -> ModelError {
    match error {
        gltf::Error::Validation(errors) => {
            let listed: Vec<String> =
                errors.iter().take(5).map(|(path, e)| format!("{}: {e}", path.as_str())).collect();
            ModelError::Malformed(listed.join("; "))
        }
        other => ModelError::Malformed(other.to_string()),
    }
}

fn load_buffers(
    document: &gltf::Document,
    mut blob: Option<Vec<u8>>,
    external: &ExternalResources,
) -> Result<Vec<Vec<u8>>, ModelError> {
    let mut buffers = Vec::new();
    for buffer in document.buffers() {
        let what = format!("buffer {}", buffer.index());
        let data = match buffer.source() {
            gltf::buffer::Source::Bin => blob.take().ok_or_else(|| {
                ModelError::Malformed(format!("{what} refers to the GLB BIN chunk, which is missing"))
            })?,
            gltf::buffer::Source::Uri(uri) => resolve_uri(uri, &what, external)?,
        };
        if data.len() < buffer.length() {
            return Err(ModelError::BufferTooShort {
                index: buffer.index(),
                declared: buffer.length(),
                actual: data.len(),
            });
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
/// overflow-safe arithmetic, so the gltf crate's readers can never index out of bounds.
fn check_accessor(accessor: &gltf::Accessor, buffers: &[Vec<u8>]) -> Result<(), ModelError> {
    let index = accessor.index();
    let bad = |reason: String| ModelError::BadAccessor { accessor: index, reason };
    if accessor.count() == 0 {
        return Err(bad("count is 0".into()));
    }
    let element_size = accessor.size();
    let check_range = |view: gltf::buffer::View, offset: usize, count: usize, size: usize, stride: usize| {
        view.offset()
            .checked_add(view.length())
            .filter(|&end| end <= buffers[view.buffer().index()].len())
            .ok_or_else(|| bad(format!("buffer view {} extends past the end of its buffer", view.index())))?;
        let needed = stride
            .checked_mul(count - 1)
            .and_then(|n| n.checked_add(size))
            .and_then(|n| n.checked_add(offset))
            .ok_or_else(|| bad(format!("{count} elements overflow the address space")))?;
        if needed > view.length() {
            return Err(bad(format!(
                "needs {needed} bytes of buffer view {}, which has {}",
                view.index(),
                view.length()
            )));
        }
        Ok(())
    };
    if let Some(view) = accessor.view() {
        let stride = view.stride().unwrap_or(element_size);
        if stride < element_size {
            return Err(bad(format!("byteStride {stride} is smaller than an element ({element_size} bytes)")));
        }
        check_range(view, accessor.offset(), accessor.count(), element_size, stride)?;
    } else if accessor.sparse().is_none() {
        return Err(bad("has neither a buffer view nor sparse values".into()));
    }
    if let Some(sparse) = accessor.sparse() {
        let count = sparse.count();
        if count == 0 || count > accessor.count() {
            return Err(bad(format!("sparse count {count} is not within 1..={}", accessor.count())));
        }
        let indices = sparse.indices();
        let index_size = indices.index_type().size();
        check_range(indices.view(), indices.offset(), count, index_size, index_size)?;
        let values = sparse.values();
        check_range(values.view(), values.offset(), count, element_size, element_size)?;
        // Sparse indices must point inside the accessor; the gltf crate trusts them.
        let data = &buffers[indices.view().buffer().index()];
        let start = indices.view().offset() + indices.offset();
        for i in 0..count {
            let at = start + i * index_size;
            let value = match index_size {
                1 => data[at] as usize,
                2 => u16::from_le_bytes([data[at], data[at + 1]]) as usize,
                _ => u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize,
            };
            if value >= accessor.count() {
                return Err(bad(format!("sparse index {value} is past the accessor's {} elements", accessor.count())));
            }
        }
    }
    Ok(())
}

fn expect_layout(
    accessor: &gltf::Accessor,
    semantic: &str,
    dimensions: Dimensions,
    types: &[DataType],
) -> Result<(), ModelError> {
    if accessor.dimensions() != dimensions || !types.contains(&accessor.data_type()) {
        return Err(ModelError::BadAccessor {
            accessor: accessor.index(),
            reason: format!(
                "{semantic} must be {dimensions:?} of {types:?}, found {:?} of {:?}",
                accessor.dimensions(),
                accessor.data_type()
            ),
        });
    }
    Ok(())
}

fn load_mesh(
    mesh: &gltf::Mesh,
    buffers: &[Vec<u8>],
    needs_tangents: &HashSet<usize>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Primitive>, ModelError> {
    let mut primitives = Vec::new();
    for (p, primitive) in mesh.primitives().enumerate() {
        let mode = primitive.mode();
        if !matches!(mode, Mode::Triangles | Mode::TriangleStrip | Mode::TriangleFan) {
            warnings.push(format!("mesh {} primitive {p}: mode {mode:?} is not drawn", mesh.index()));
            continue;
        }
        let reader = primitive.reader(|b| buffers.get(b.index()).map(Vec::as_slice));
        let position_accessor = primitive
            .get(&gltf::Semantic::Positions)
            .ok_or(ModelError::MissingPositions { mesh: mesh.index(), primitive: p })?;
        expect_layout(&position_accessor, "POSITION", Dimensions::Vec3, &[DataType::F32])?;
        let positions: Vec<[f32; 3]> = reader.read_positions().map(Iterator::collect).unwrap_or_default();
        if positions.iter().flatten().any(|v| !v.is_finite()) {
            return Err(ModelError::BadAccessor {
                accessor: position_accessor.index(),
                reason: "POSITION contains NaN or infinite values".into(),
            });
        }
        let mut vertices: Vec<Vertex> = positions
            .iter()
            .map(|&position| Vertex { position, tangent: [1.0, 0.0, 0.0, 1.0], ..Vertex::default() })
            .collect();

        let normals = primitive.get(&gltf::Semantic::Normals);
        if let Some(accessor) = &normals {
            expect_layout(accessor, "NORMAL", Dimensions::Vec3, &[DataType::F32])?;
            for (vertex, normal) in vertices.iter_mut().zip(reader.read_normals().into_iter().flatten()) {
                vertex.normal = sanitize_unit(normal);
            }
        }
        let has_uv0 = primitive.get(&gltf::Semantic::TexCoords(0)).is_some();
        for set in 0..2u32 {
            let Some(accessor) = primitive.get(&gltf::Semantic::TexCoords(set)) else { continue };
            expect_layout(&accessor, "TEXCOORD", Dimensions::Vec2, &[DataType::F32, DataType::U8, DataType::U16])?;
            if let Some(uvs) = reader.read_tex_coords(set) {
                for (vertex, uv) in vertices.iter_mut().zip(uvs.into_f32()) {
                    let uv = uv.map(|c| if c.is_finite() { c } else { 0.0 });
                    if set == 0 {
                        vertex.uv0 = uv
                    } else {
                        vertex.uv1 = uv
                    }
                }
            }
        }
        let tangents = primitive.get(&gltf::Semantic::Tangents);
        if let Some(accessor) = &tangents {
            expect_layout(accessor, "TANGENT", Dimensions::Vec4, &[DataType::F32])?;
            for (vertex, tangent) in vertices.iter_mut().zip(reader.read_tangents().into_iter().flatten()) {
                vertex.tangent = tangent;
            }
        }

        let mut indices: Vec<u32> = match primitive.indices() {
            Some(accessor) => {
                expect_layout(&accessor, "indices", Dimensions::Scalar, &[DataType::U8, DataType::U16, DataType::U32])?;
                reader.read_indices().map(|i| i.into_u32().collect()).unwrap_or_default()
            }
            None => (0..vertices.len() as u32).collect(),
        };
        if let Some(&index) = indices.iter().find(|&&i| i as usize >= vertices.len()) {
            return Err(ModelError::IndexOutOfRange {
                mesh: mesh.index(),
                primitive: p,
                index,
                vertex_count: vertices.len(),
            });
        }
        indices = to_triangle_list(mode, &indices);
        if normals.is_none() {
            (vertices, indices) = generate_flat_normals(&vertices, &indices);
        }
        let material = primitive.material().index();
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
fn to_triangle_list(mode: Mode, indices: &[u32]) -> Vec<u32> {
    match mode {
        Mode::TriangleStrip => (2..indices.len())
            .flat_map(|i| {
                let (a, b, c) = (indices[i - 2], indices[i - 1], indices[i]);
                if i % 2 == 0 {
                    [a, b, c]
                } else {
                    [b, a, c]
                }
            })
            .collect(),
        Mode::TriangleFan => (2..indices.len()).flat_map(|i| [indices[0], indices[i - 1], indices[i]]).collect(),
        _ => indices[..indices.len() / 3 * 3].to_vec(),
    }
}

fn convert_texture_ref(info: Option<gltf::texture::Info>) -> Option<TextureRef> {
    info.map(|info| texture_ref(info.texture().index(), info.tex_coord(), info.texture_transform()))
}

fn texture_ref(texture: usize, tex_coord: u32, transform: Option<gltf::texture::TextureTransform>) -> TextureRef {
    let mut result = TextureRef { texture, tex_coord: tex_coord.min(1), transform: UvTransform::default() };
    if let Some(t) = transform {
        result.transform = UvTransform { offset: t.offset(), rotation: t.rotation(), scale: t.scale() };
        if let Some(set) = t.tex_coord() {
            result.tex_coord = set.min(1);
        }
    }
    result
}

/// The gltf crate exposes KHR_texture_transform only on `Info`; normal and occlusion textures
/// carry it as raw JSON.
fn texture_ref_from_json(texture: usize, tex_coord: u32, transform: Option<&gltf::json::Value>) -> TextureRef {
    let mut result = TextureRef { texture, tex_coord: tex_coord.min(1), transform: UvTransform::default() };
    let Some(transform) = transform else { return result };
    let pair = |key: &str, default: [f32; 2]| {
        transform
            .get(key)
            .and_then(|v| v.as_array())
            .filter(|a| a.len() == 2)
            .map_or(default, |a| [0, 1].map(|i| a[i].as_f64().map_or(default[i], |x| x as f32)))
    };
    result.transform = UvTransform {
        offset: pair("offset", [0.0, 0.0]),
        rotation: transform.get("rotation").and_then(|v| v.as_f64()).unwrap_or(0.0) as f32,
        scale: pair("scale", [1.0, 1.0]),
    };
    if let Some(set) = transform.get("texCoord").and_then(|v| v.as_u64()) {
        result.tex_coord = set.min(1) as u32;
    }
    result
}

/// The optical extensions' factors, each clamped to its valid range.
fn convert_optics(material: &gltf::Material, warnings: &mut Vec<String>) -> Optics {
    let number = |extension: &str, key: &str, default: f32, range: (f32, f32)| {
        material
            .extension_value(extension)
            .and_then(|e| e.get(key))
            .and_then(|v| v.as_f64())
            .map(|v| v as f32)
            .filter(|v| v.is_finite())
            .map_or(default, |v| v.clamp(range.0, range.1))
    };
    let color = |extension: &str, key: &str| {
        material
            .extension_value(extension)
            .and_then(|e| e.get(key))
            .and_then(|v| v.as_array())
            .filter(|a| a.len() == 3)
            .map_or([1.0; 3], |a| [0, 1, 2].map(|i| a[i].as_f64().map_or(1.0, |x| (x as f32).clamp(0.0, 1.0))))
    };
    for (extension, texture) in UNREAD_EXTENSION_TEXTURES {
        if material.extension_value(extension).and_then(|e| e.get(*texture)).is_some() {
            warnings.push(format!(
                "material '{}': {extension} {texture} is not supported yet; its factor is used",
                material.name().unwrap_or("unnamed")
            ));
        }
    }
    let attenuation_distance =
        number("KHR_materials_volume", "attenuationDistance", f32::INFINITY, (1e-6, f32::INFINITY));
    Optics {
        // KHR_materials_ior allows 0 ("infinite", F0 = 1); clamped to what real materials have.
        ior: number("KHR_materials_ior", "ior", 1.5, (1.0, 5.0)),
        specular_factor: number("KHR_materials_specular", "specularFactor", 1.0, (0.0, 1.0)),
        specular_color: color("KHR_materials_specular", "specularColorFactor"),
        transmission: number("KHR_materials_transmission", "transmissionFactor", 0.0, (0.0, 1.0)),
        thickness: number("KHR_materials_volume", "thicknessFactor", 0.0, (0.0, f32::MAX)),
        attenuation_distance,
        attenuation_color: color("KHR_materials_volume", "attenuationColor"),
        dispersion: number("KHR_materials_dispersion", "dispersion", 0.0, (0.0, 10.0)),
        clearcoat: number("KHR_materials_clearcoat", "clearcoatFactor", 0.0, (0.0, 1.0)),
        clearcoat_roughness: number("KHR_materials_clearcoat", "clearcoatRoughnessFactor", 0.0, (0.0, 1.0)),
    }
}

fn convert_material(material: &gltf::Material, warnings: &mut Vec<String>) -> Material {
    let pbr = material.pbr_metallic_roughness();
    let strength = material.emissive_strength().unwrap_or(1.0);
    Material {
        name: material.name().map(str::to_string),
        base_color_factor: pbr.base_color_factor(),
        base_color_texture: convert_texture_ref(pbr.base_color_texture()),
        metallic_factor: pbr.metallic_factor().clamp(0.0, 1.0),
        roughness_factor: pbr.roughness_factor().clamp(0.0, 1.0),
        metallic_roughness_texture: convert_texture_ref(pbr.metallic_roughness_texture()),
        normal_texture: material.normal_texture().map(|n| {
            texture_ref_from_json(n.texture().index(), n.tex_coord(), n.extension_value("KHR_texture_transform"))
        }),
        normal_scale: material.normal_texture().map_or(1.0, |n| n.scale()),
        occlusion_texture: material.occlusion_texture().map(|o| {
            texture_ref_from_json(o.texture().index(), o.tex_coord(), o.extension_value("KHR_texture_transform"))
        }),
        occlusion_strength: material.occlusion_texture().map_or(1.0, |o| o.strength().clamp(0.0, 1.0)),
        emissive_texture: convert_texture_ref(material.emissive_texture()),
        emissive_factor: material.emissive_factor().map(|c| c * strength),
        alpha_mode: match material.alpha_mode() {
            gltf::material::AlphaMode::Opaque => AlphaMode::Opaque,
            gltf::material::AlphaMode::Mask => AlphaMode::Mask { cutoff: material.alpha_cutoff().unwrap_or(0.5) },
            gltf::material::AlphaMode::Blend => AlphaMode::Blend,
        },
        double_sided: material.double_sided(),
        optics: convert_optics(material, warnings),
    }
}

fn convert_sampler(sampler: &gltf::texture::Sampler) -> Sampler {
    use gltf::texture::{MagFilter, MinFilter, WrappingMode};
    let wrap = |mode| match mode {
        WrappingMode::Repeat => Wrap::Repeat,
        WrappingMode::MirroredRepeat => Wrap::MirroredRepeat,
        WrappingMode::ClampToEdge => Wrap::ClampToEdge,
    };
    Sampler {
        wrap_u: wrap(sampler.wrap_s()),
        wrap_v: wrap(sampler.wrap_t()),
        mag_linear: sampler.mag_filter() != Some(MagFilter::Nearest),
        min_linear: !matches!(
            sampler.min_filter(),
            Some(MinFilter::Nearest | MinFilter::NearestMipmapNearest | MinFilter::NearestMipmapLinear)
        ),
    }
}

/// An image's encoded bytes: from its buffer view, data URI or external file.
fn image_bytes(image: &gltf::Image, buffers: &[Vec<u8>], external: &ExternalResources) -> Result<Vec<u8>, ModelError> {
    let index = image.index();
    match image.source() {
        gltf::image::Source::View { view, .. } => {
            let data = &buffers[view.buffer().index()];
            let end = view.offset().checked_add(view.length()).filter(|&e| e <= data.len()).ok_or_else(|| {
                ModelError::BadImage {
                    index,
                    reason: format!("buffer view {} is past the end of its buffer", view.index()),
                }
            })?;
            Ok(data[view.offset()..end].to_vec())
        }
        gltf::image::Source::Uri { uri, .. } => resolve_uri(uri, &format!("image {index}"), external),
    }
}

/// A caller-decoded image, checked: sides 1…[`MAX_IMAGE_SIDE`], four bytes per pixel.
fn checked_image(index: usize, image: &Image) -> Result<Image, ModelError> {
    let bad = |reason: String| ModelError::BadImage { index, reason };
    let sides = 1..=MAX_IMAGE_SIDE;
    if !sides.contains(&image.width) || !sides.contains(&image.height) {
        return Err(bad(format!("{} × {} px (at most {MAX_IMAGE_SIDE} a side)", image.width, image.height)));
    }
    if image.rgba8.len() as u64 != image.width as u64 * image.height as u64 * 4 {
        return Err(bad(format!("{} bytes for {} × {} RGBA pixels", image.rgba8.len(), image.width, image.height)));
    }
    Ok(image.clone())
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_image(index: usize, encoded: &[u8]) -> Result<Image, ModelError> {
    let bad = |reason: String| ModelError::BadImage { index, reason };
    let mut reader =
        image::ImageReader::new(std::io::Cursor::new(encoded)).with_guessed_format().map_err(|e| bad(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_SIDE as u64 * MAX_IMAGE_SIDE as u64 * 4);
    reader.limits(limits);
    if reader.format().is_none() {
        return Err(bad("unknown image format (expected PNG, JPEG or WebP)".into()));
    }
    let decoded = reader.decode().map_err(|e| bad(e.to_string()))?.to_rgba8();
    Ok(Image { width: decoded.width(), height: decoded.height(), rgba8: decoded.into_raw() })
}

/// The wasm build has no image codecs: the browser decodes (see [`encoded_images`]).
#[cfg(target_arch = "wasm32")]
fn decode_image(index: usize, _encoded: &[u8]) -> Result<Image, ModelError> {
    Err(ModelError::BadImage { index, reason: "not decoded: the browser decodes a model's images".into() })
}

/// Walks the default scene (or the first, or every root node when there is no scene), parents
/// before children. A node reached twice (a cycle or shared child) is visited once.
fn flatten_scene(document: &gltf::Document) -> Vec<ModelNode> {
    let roots: Vec<gltf::Node> = match document.default_scene().or_else(|| document.scenes().next()) {
        Some(scene) => scene.nodes().collect(),
        None => {
            let children: HashSet<usize> =
                document.nodes().flat_map(|n| n.children().map(|c| c.index()).collect::<Vec<_>>()).collect();
            document.nodes().filter(|n| !children.contains(&n.index())).collect()
        }
    };
    let mut nodes: Vec<ModelNode> = Vec::new();
    let mut visited = HashSet::new();
    let mut stack: Vec<(gltf::Node, Option<usize>)> = roots.into_iter().rev().map(|n| (n, None)).collect();
    while let Some((node, parent)) = stack.pop() {
        if !visited.insert(node.index()) {
            continue;
        }
        let local_transform = Mat4::from_cols_array_2d(&node.transform().matrix());
        let parent_world = parent.map_or(Mat4::IDENTITY, |p: usize| nodes[p].world_transform);
        nodes.push(ModelNode {
            name: node.name().map(str::to_string),
            parent,
            local_transform,
            world_transform: parent_world * local_transform,
            mesh: node.mesh().map(|m| m.index()),
        });
        let me = nodes.len() - 1;
        let children: Vec<gltf::Node> = node.children().collect();
        stack.extend(children.into_iter().rev().map(|c| (c, Some(me))));
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
