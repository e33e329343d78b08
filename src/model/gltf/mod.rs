//! glTF 2.0 (.gltf with embedded or external resources, and .glb) → [`PendantModel`].
//!
//! Pure: no I/O. External buffers and images are looked up in a map the caller fills (the web
//! layer fetches them relative to the model URL, native code reads files), so the web and
//! native paths load identically. Every accessor is bounds-checked before it is read, so hostile
//! files give a typed error naming the offending index instead of a panic.

mod accessor;
pub mod budget;
pub mod document;
pub mod draco;
mod error;
mod extensions;
mod glb;
mod image;
mod json;
mod material;
mod mesh;
pub mod meshopt;

pub use accessor::{read_f32, read_indices};
pub use budget::{LoadBudget, OverBudget};
pub use error::ModelError;
pub use extensions::SUPPORTED_EXTENSIONS;
pub use image::{encoded_images, EncodedImage};
pub use mesh::DRAWN_ATTRIBUTES;
pub use meshopt::DecodedViews;

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use glam::{Mat4, Vec3};

use accessor::check_accessor;
use document::{Document, ImageSource};
use image::{checked_image, decode_image, image_bytes, image_header, used_images};
use material::{convert_material, convert_sampler};
use mesh::load_mesh;

use crate::model::marks::{mark_kind, mark_words, slot_scale, stone_size_mm, MarkKind};
use crate::model::{Bounds, Image, Mesh, ModelNode, PendantModel, Texture};

/// External files (buffers, images) by the URI written in the glTF, already fetched.
pub type ExternalResources = HashMap<String, Vec<u8>>;

/// A model's images decoded by the caller (the browser's createImageBitmap), by glTF image
/// index: see [`encoded_images`] and [`load_gltf_with`].
pub type DecodedImages = HashMap<usize, Image>;

/// What the caller decoded before the load (in the browser: the images by createImageBitmap,
/// the compressed views by the decoder module). Anything missing is decoded by the loader
/// where the build can (natively) and is an error naming it where it cannot (the viewer wasm).
#[derive(Debug, Default)]
pub struct Decoded {
    /// Images by glTF image index: see [`encoded_images`].
    pub images: DecodedImages,
    /// `EXT_meshopt_compression` views by buffer-view index: see [`compressed_views`].
    pub views: DecodedViews,
}

/// How a compressed buffer view is to be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// EXT_meshopt_compression, with the extension's parameters.
    Meshopt(meshopt::Compressed),
    /// KHR_draco_mesh_compression: a mesh of at most `points` points and `faces` triangles
    /// (what the primitive's accessors declare).
    Draco {
        /// Points the POSITION accessor declares.
        points: usize,
        /// Triangles the indices accessor declares.
        faces: usize,
    },
}

/// One compressed buffer view to decode: its index, how, and its bytes as stored.
#[derive(Debug)]
pub struct CompressedView {
    /// Buffer-view index.
    pub view: usize,
    /// How it is compressed.
    pub codec: Codec,
    /// The compressed bytes.
    pub bytes: Vec<u8>,
}

/// The compressed views a model needs decoded (meshopt views whose data exists nowhere else,
/// Draco streams), with their compressed bytes: empty for a model without them, so the browser
/// fetches its decoder module only for a model that needs it. Within `budget`, as the load is.
pub fn compressed_views(
    bytes: &[u8],
    external: &ExternalResources,
    budget: &LoadBudget,
) -> Result<Vec<CompressedView>, ModelError> {
    let Parsed { document, blob, .. } = parse_within(bytes, budget)?;
    let buffers = load_buffers(&document, blob, external, budget)?;
    let meshopt = to_decode(&document, &buffers, budget)?.into_iter().map(|(view, compressed, bytes)| CompressedView {
        view,
        codec: Codec::Meshopt(compressed),
        bytes: bytes.to_vec(),
    });
    let draco = draco_streams(&document, &buffers)?.into_iter().map(|stream| CompressedView {
        view: stream.view,
        codec: Codec::Draco { points: stream.points, faces: stream.faces },
        bytes: stream.bytes.to_vec(),
    });
    Ok(meshopt.chain(draco).collect())
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

/// Loads a .glb or .gltf from bytes. External resources come from `external` (see
/// [`external_uris`]); a missing one is an error naming it. Images and compressed views are
/// decoded here (natively; the viewer wasm has no codecs: it uses [`load_gltf_with`]).
/// Within the default [`LoadBudget`].
pub fn load_gltf(bytes: &[u8], external: &ExternalResources) -> Result<PendantModel, ModelError> {
    load_gltf_with(bytes, external, &Decoded::default(), &LoadBudget::default())
}

/// [`load_gltf`] with what the caller decoded (see [`Decoded`]). Anything over `budget` is
/// refused with [`ModelError::TooComplex`] before it is allocated.
pub fn load_gltf_with(
    bytes: &[u8],
    external: &ExternalResources,
    decoded: &Decoded,
    budget: &LoadBudget,
) -> Result<PendantModel, ModelError> {
    let Parsed { mut document, blob, nodes } = parse_within(bytes, budget)?;
    let mut buffers = load_buffers(&document, blob, external, budget)?;
    fill_compressed_views(&document, &mut buffers, &decoded.views, budget)?;
    fill_draco(&mut document, &mut buffers, &decoded.views, budget)?;
    for (index, accessor) in document.accessors.iter().enumerate() {
        check_accessor(&document, index, accessor, &buffers)?;
    }

    let mut model = PendantModel { nodes, variants: document.variants.clone(), ..PendantModel::default() };
    model.warnings.extend(extensions::unread_extensions(&document));
    model.warnings.extend(document.not_drawn.iter().cloned());
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
    for &index in used.iter().filter(|index| !decoded.images.contains_key(index)) {
        image_header(index, &image_bytes(&document, index, &buffers, external)?, budget, &mut pixels)?;
    }
    for index in 0..document.images.len() {
        let converted = match decoded.images.get(&index) {
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
    let document::Gltf { document, blob } = document::parse(bytes, budget)?;
    if let Some(required) = document.extensions_required.iter().find(|e| !SUPPORTED_EXTENSIONS.contains(&e.as_str())) {
        return Err(ModelError::UnsupportedExtension(required.clone()));
    }
    Ok((document, blob))
}

/// Stone settings, photo and engraving areas by name, before any is built.
fn check_slots(nodes: &[ModelNode], budget: &LoadBudget) -> Result<(), ModelError> {
    let (mut stones, mut decorated) = (0u64, 0u64);
    for name in nodes.iter().filter_map(|n| n.name.as_deref()) {
        match mark_kind(name) {
            Some(MarkKind::Stone) => stones += 1,
            Some(MarkKind::Engraving | MarkKind::Photo) => decorated += 1,
            _ => {}
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
    let fallback_bytes: u64 = document.buffers.iter().filter(|b| b.fallback).map(|b| b.length as u64).sum();
    LoadBudget::check("meshopt fallback buffers, bytes in all", fallback_bytes, budget.decoded_bytes)?;
    let mut buffers = Vec::new();
    for (index, buffer) in document.buffers.iter().enumerate() {
        let what = format!("buffer {index}");
        let data = match &buffer.uri {
            // Filled by fill_compressed_views.
            None if buffer.fallback => vec![0; buffer.length],
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

/// A compressed view to decode: its index, parameters and compressed bytes.
type Pending<'b> = (usize, meshopt::Compressed, &'b [u8]);

/// The compressed views whose data exists nowhere else (their view lies in a fallback
/// buffer), with their compressed bytes, checked against their buffers and `budget`.
fn to_decode<'b>(
    document: &Document,
    buffers: &'b [Vec<u8>],
    budget: &LoadBudget,
) -> Result<Vec<Pending<'b>>, ModelError> {
    let mut total = 0u64;
    let mut jobs = Vec::new();
    for (index, view) in document.views.iter().enumerate() {
        let Some(compressed) = view.compressed.filter(|_| document.buffers[view.buffer].fallback) else { continue };
        let bad =
            |reason: String| ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression): {reason}"));
        if compressed.decoded_bytes() != view.length as u64 {
            return Err(bad(format!(
                "{} elements of {} bytes do not fill its {} bytes",
                compressed.count, compressed.stride, view.length
            )));
        }
        total += view.length as u64;
        LoadBudget::check("bytes decoded from compressed views", total, budget.decoded_bytes)?;
        let source = compressed
            .offset
            .checked_add(compressed.length)
            .and_then(|end| buffers[compressed.buffer].get(compressed.offset..end))
            .ok_or_else(|| bad(format!("its compressed bytes lie past the end of buffer {}", compressed.buffer)))?;
        jobs.push((index, compressed, source));
    }
    Ok(jobs)
}

/// Writes each compressed view's decoded bytes where the view says they are: `given` by the
/// caller, or decoded here where the build has the decoder.
fn fill_compressed_views(
    document: &Document,
    buffers: &mut [Vec<u8>],
    given: &DecodedViews,
    budget: &LoadBudget,
) -> Result<(), ModelError> {
    let mut decoded = Vec::new();
    for (index, compressed, source) in to_decode(document, buffers, budget)? {
        let bad =
            |reason: String| ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression): {reason}"));
        let bytes = match given.get(&index) {
            Some(bytes) => bytes.clone(),
            None => decode_view(index, &compressed, source, budget.decoded_bytes)?,
        };
        if bytes.len() as u64 != compressed.decoded_bytes() {
            return Err(bad(format!("decoded to {} bytes, not {}", bytes.len(), compressed.decoded_bytes())));
        }
        decoded.push((index, bytes));
    }
    for (index, bytes) in decoded {
        let view = document.views[index];
        let target = view
            .offset
            .checked_add(view.length)
            .and_then(|end| buffers[view.buffer].get_mut(view.offset..end))
            .ok_or_else(|| {
                ModelError::Malformed(format!("buffer view {index} lies past the end of buffer {}", view.buffer))
            })?;
        target.copy_from_slice(&bytes);
    }
    Ok(())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "meshopt"))]
fn decode_view(
    index: usize,
    compressed: &meshopt::Compressed,
    source: &[u8],
    limit: u64,
) -> Result<Vec<u8>, ModelError> {
    meshopt::decode(compressed, source, limit).map_err(|reason| {
        ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression) does not decode: {reason}"))
    })
}

#[cfg(all(target_arch = "wasm32", not(feature = "meshopt")))]
fn decode_view(index: usize, _: &meshopt::Compressed, _: &[u8], _: u64) -> Result<Vec<u8>, ModelError> {
    Err(ModelError::DecoderMissing(format!("buffer view {index} is meshopt-compressed and was not decoded")))
}

/// A primitive's Draco stream: where it is, what its accessors declare, and its bytes.
struct DracoStream<'b> {
    mesh: usize,
    primitive: usize,
    view: usize,
    points: usize,
    faces: usize,
    bytes: &'b [u8],
}

/// Every Draco primitive's stream, with the counts its accessors declare (the decode may not
/// exceed them: the budget counted them).
fn draco_streams<'b>(document: &Document, buffers: &'b [Vec<u8>]) -> Result<Vec<DracoStream<'b>>, ModelError> {
    let mut streams = Vec::new();
    for (m, mesh) in document.meshes.iter().enumerate() {
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            let Some(draco) = &primitive.draco else { continue };
            let bad = |reason: &str| {
                ModelError::Malformed(format!("mesh {m} primitive {p} (KHR_draco_mesh_compression): {reason}"))
            };
            let position =
                primitive.attribute("POSITION").ok_or(ModelError::MissingPositions { mesh: m, primitive: p })?;
            let indices = primitive.indices.ok_or_else(|| bad("it has no indices accessor"))?;
            let view = document.views[draco.view];
            let bytes = view
                .offset
                .checked_add(view.length)
                .and_then(|end| buffers[view.buffer].get(view.offset..end))
                .ok_or_else(|| bad("its buffer view lies past the end of its buffer"))?;
            let (points, faces) = (document.accessors[position].count, document.accessors[indices].count / 3);
            streams.push(DracoStream { mesh: m, primitive: p, view: draco.view, points, faces, bytes });
        }
    }
    Ok(streams)
}

/// Gives each Draco primitive's accessors its decoded values as plain data (floats, indices as
/// u32) in a buffer of their own, so everything after reads them as any other accessor. The
/// streams come decoded by the caller (`given`, by buffer view) or are decoded here where the
/// build has the decoder.
fn fill_draco(
    document: &mut Document,
    buffers: &mut Vec<Vec<u8>>,
    given: &DecodedViews,
    budget: &LoadBudget,
) -> Result<(), ModelError> {
    let mut decoded_bytes = 0u64;
    let mut filled = Vec::new();
    for stream in draco_streams(document, buffers)? {
        let DracoStream { mesh: m, primitive: p, view, points, faces, bytes } = stream;
        let bad = |reason: String| {
            ModelError::Malformed(format!("mesh {m} primitive {p} (KHR_draco_mesh_compression): {reason}"))
        };
        let decoded = match given.get(&view) {
            Some(bytes) => {
                draco::DecodedDraco::from_bytes(bytes).ok_or_else(|| bad("its decoded data is cut short".into()))?
            }
            None => decode_draco(m, p, bytes, points, faces, budget.decoded_bytes)?,
        };
        if decoded.points != points || decoded.indices.len() != faces * 3 {
            return Err(bad(format!(
                "decodes to {} points and {} triangles, its accessors say {points} and {faces}",
                decoded.points,
                decoded.indices.len() / 3
            )));
        }
        decoded_bytes +=
            (decoded.indices.len() + decoded.attributes.iter().map(|a| a.2.len()).sum::<usize>()) as u64 * 4;
        LoadBudget::check("bytes decoded from Draco streams", decoded_bytes, budget.decoded_bytes)?;
        filled.push((m, p, decoded));
    }
    for (m, p, decoded) in filled {
        let primitive = &document.meshes[m].primitives[p];
        let bad = |reason: String| {
            ModelError::Malformed(format!("mesh {m} primitive {p} (KHR_draco_mesh_compression): {reason}"))
        };
        let buffer = buffers.len();
        let mut data = Vec::new();
        let mut placed = Vec::new(); // (accessor, offset, length, component)
        for (semantic, id) in primitive.draco.iter().flat_map(|d| &d.attributes) {
            let Some(accessor) = primitive.attribute(semantic) else { continue };
            let (components, values) =
                decoded.attribute(*id).ok_or_else(|| bad(format!("no Draco attribute {id} for {semantic}")))?;
            let declared = &document.accessors[accessor];
            if components != declared.components {
                return Err(bad(format!(
                    "{semantic} decodes to {components} components, its accessor has {}",
                    declared.components
                )));
            }
            // Draco gives normalized integers as stored: scaled to 0…1 or −1…1 here, as a
            // reader of the accessor would.
            let (scale, floor) = match (declared.normalized, declared.component) {
                (false, _) => (1.0, f32::MIN),
                (true, c @ (document::Component::I8 | document::Component::I16)) => (c.normalized_max(), -1.0),
                (true, c) => (c.normalized_max(), f32::MIN),
            };
            let offset = data.len();
            for value in values {
                data.extend_from_slice(&(value / scale).max(floor).to_le_bytes());
            }
            placed.push((accessor, offset, data.len() - offset, document::Component::F32));
        }
        if let Some(indices) = primitive.indices {
            let offset = data.len();
            decoded.indices.iter().for_each(|i| data.extend_from_slice(&i.to_le_bytes()));
            placed.push((indices, offset, data.len() - offset, document::Component::U32));
        }
        for (accessor, offset, length, component) in placed {
            document.views.push(document::View { buffer, offset, length, stride: None, compressed: None });
            let accessor = &mut document.accessors[accessor];
            accessor.view = Some(document.views.len() - 1);
            accessor.offset = 0;
            accessor.component = component;
            accessor.normalized = false;
            accessor.sparse = None;
        }
        document.buffers.push(document::Buffer { uri: None, length: data.len(), fallback: false });
        buffers.push(data);
    }
    Ok(())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "draco"))]
fn decode_draco(
    mesh: usize,
    primitive: usize,
    bytes: &[u8],
    points: usize,
    faces: usize,
    limit: u64,
) -> Result<draco::DecodedDraco, ModelError> {
    draco::decode(bytes, points as u64, faces as u64, limit).map_err(|reason| {
        ModelError::Malformed(format!(
            "mesh {mesh} primitive {primitive} (KHR_draco_mesh_compression) does not decode: {reason}"
        ))
    })
}

#[cfg(all(target_arch = "wasm32", not(feature = "draco")))]
fn decode_draco(
    mesh: usize,
    primitive: usize,
    _: &[u8],
    _: usize,
    _: usize,
    _: u64,
) -> Result<draco::DecodedDraco, ModelError> {
    Err(ModelError::DecoderMissing(format!(
        "mesh {mesh} primitive {primitive} is Draco-compressed and was not decoded"
    )))
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
        let (local, mesh, children) = match mesh_carrier(document, index).filter(|&child| visited.insert(child)) {
            Some(child) => (node.transform * document.nodes[child].transform, document.nodes[child].mesh, &[][..]),
            None => (node.transform, node.mesh, &node.children[..]),
        };
        nodes.push(ModelNode {
            name: node.name.clone(),
            parent,
            local_transform: local,
            world_transform: parent_world * local,
            mesh,
        });
        let me = nodes.len() - 1;
        stack.extend(children.iter().rev().map(|&c| (c, Some(me))));
    }
    nodes
}

/// gltfpack -kn keeps a named node but hangs its (quantized) mesh on an unnamed, childless
/// child whose transform dequantizes it. The named node is the part (a slot, a lid), so it
/// takes that mesh, the child's transform folded into its own.
fn mesh_carrier(document: &Document, index: usize) -> Option<usize> {
    let node = &document.nodes[index];
    let [child] = node.children[..] else { return None };
    let carrier = &document.nodes[child];
    (node.mesh.is_none() && carrier.name.is_none() && carrier.mesh.is_some() && carrier.children.is_empty())
        .then_some(child)
}

/// Everything drawn: the meshes and the stones the gem slots will hold (a solitaire's stone
/// may be all there is below its bail).
fn compute_bounds(model: &PendantModel) -> Bounds {
    let mut bounds = Bounds::default();
    let stones = model.nodes.iter().filter_map(|node| {
        let name = node.name.as_deref().filter(|name| mark_kind(name) == Some(MarkKind::Stone))?;
        Some(node.world_transform * slot_scale(stone_size_mm(&mark_words(name))))
    });
    for transform in stones {
        // Stone-local box: the girdle (and a setting's wall) across, pavilion to table deep.
        for i in 0..8 {
            let pick = |bit: usize, low: f32, high: f32| if i & bit == 0 { low } else { high };
            let corner = Vec3::new(pick(1, -1.2, 1.2), pick(2, -1.2, 1.2), pick(4, -1.0, 0.6));
            bounds.include(transform.transform_point3(corner));
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
