//! glTF 2.0 (.gltf with embedded or external resources, and .glb) → [`PendantModel`].
//!
//! Pure: no I/O. External buffers and images are looked up in a map the caller fills (the web
//! layer fetches them relative to the model URL, native code reads files), so the web and
//! native paths load identically. Every accessor is bounds-checked before it is read, so hostile
//! files give a typed error naming the offending index instead of a panic.

mod accessor;
pub mod budget;
mod decoded;
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
    let meshopt = decoded::to_decode(&document, &buffers, budget)?.into_iter().map(|(view, compressed, bytes)| {
        CompressedView { view, codec: Codec::Meshopt(compressed), bytes: bytes.to_vec() }
    });
    let draco = decoded::draco_streams(&document, &buffers)?.into_iter().map(|stream| CompressedView {
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
    decoded::fill_compressed_views(&document, &mut buffers, &decoded.views, budget)?;
    decoded::fill_draco(&mut document, &mut buffers, &decoded.views, budget)?;
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
