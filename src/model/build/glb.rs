//! Writes a generated pendant as a binary glTF: one metal material, a root node with the
//! meshes and the slot nodes (slot convention, models/README.md). Millimetres in, metres out.
//! Shipped pendants are written quantized (KHR_mesh_quantization: 16-bit positions, normals
//! and UVs, each mesh's node dequantizing it), which needs no decoder; a cut-out made in the
//! page stays float (its volume and outline are read back exactly).

use glam::{Quat, Vec3};
use serde_json::{json, Value};

use super::mesh::MeshData;

/// A pendant ready to write.
pub struct Scene {
    /// The root node's name.
    pub name: &'static str,
    /// Named meshes (all metal unless their name starts with `photo`), each at a position
    /// (mm) under a parent (`None`: the root; `Some(i)`: slot node `i`, e.g. a hinge).
    pub meshes: Vec<Part>,
    /// Empty slot nodes: name, position (mm), rotation, parent slot (`None`: the root).
    pub slots: Vec<(String, Vec3, Quat, Option<usize>)>,
}

/// A named mesh placed in the scene.
pub struct Part {
    /// The node's and mesh's name (its slot words: `jump_ring`, `photo_…`).
    pub name: String,
    /// The triangles, mm.
    pub mesh: MeshData,
    /// Where it sits in its parent's space, mm.
    pub position: Vec3,
    /// `None`: the root; `Some(i)`: slot node `i`.
    pub parent: Option<usize>,
}

impl Part {
    /// A part at the origin of the root.
    pub fn new(name: &str, mesh: MeshData) -> Self {
        Self { name: name.into(), mesh, position: Vec3::ZERO, parent: None }
    }

    /// The same part at `position` (mm) in the root's space.
    pub fn under_root(self, position: Vec3) -> Self {
        Self { position, ..self }
    }

    /// The same part at `position` (mm) in slot node `parent`'s space.
    pub fn under(self, parent: usize, position: Vec3) -> Self {
        Self { position, parent: Some(parent), ..self }
    }
}

/// Appends `bytes` to `bin` (4-byte aligned) and returns a buffer view.
fn view(bin: &mut Vec<u8>, bytes: &[u8], target: u32) -> Value {
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let offset = bin.len();
    bin.extend_from_slice(bytes);
    json!({"buffer": 0, "byteOffset": offset, "byteLength": bytes.len(), "target": target})
}

/// How vertex data is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// 32-bit floats: exact.
    Float,
    /// KHR_mesh_quantization, 16-bit: positions normalized in the mesh's box (its node
    /// scales and moves them back; 0.4 µm steps on a 25 mm pendant), normals normalized,
    /// UVs normalized where they lie in 0–1 (photo areas), 16-bit indices where they fit.
    /// Measured against `gltf-transform meshopt` and gltfpack in docs/models.md.
    Quantized,
}

/// Signed 16-bit normalized, as KHR_mesh_quantization reads it back (`max(v / 32767, -1)`).
fn snorm16(value: f32) -> i16 {
    (value.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// Unsigned 16-bit normalized.
fn unorm16(value: f32) -> u16 {
    (value.clamp(0.0, 1.0) * 65535.0).round() as u16
}

/// `items` of `N` 16-bit components each, padded to `stride` bytes (vertex attributes are
/// 4-byte aligned), little-endian.
fn packed16<const N: usize>(items: impl Iterator<Item = [u16; N]>, stride: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for item in items {
        for component in item {
            bytes.extend_from_slice(&component.to_le_bytes());
        }
        bytes.resize(bytes.len().next_multiple_of(stride), 0);
    }
    bytes
}

/// The .glb bytes of `scene` with float vertex data; `generator` names what made it (the
/// asset's `generator`).
pub fn write_glb(scene: &Scene, generator: &str) -> Vec<u8> {
    write_glb_as(scene, generator, Encoding::Float)
}

/// The .glb bytes of `scene` with vertex data stored as `encoding` says.
pub fn write_glb_as(scene: &Scene, generator: &str, encoding: Encoding) -> Vec<u8> {
    const ARRAY_BUFFER: u32 = 34962;
    const ELEMENT_ARRAY_BUFFER: u32 = 34963;
    const SHORT: u32 = 5122;
    const UNSIGNED_SHORT: u32 = 5123;
    const UNSIGNED_INT: u32 = 5125;
    const FLOAT: u32 = 5126;
    let mut bin = Vec::new();
    let (mut views, mut accessors, mut meshes, mut nodes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let metres = |v: Vec3| v * 0.001;
    // Node order: root, meshes, slots; children lists follow the parents given.
    let mesh_count = scene.meshes.len();
    let slot_node = |slot: usize| 1 + mesh_count + slot;
    let mut root_children = Vec::new();
    let mut slot_children: Vec<Vec<usize>> = vec![Vec::new(); scene.slots.len()];
    for Part { name, mesh, position: offset, parent } in &scene.meshes {
        let positions: Vec<Vec3> = mesh.positions.iter().map(|&p| metres(p)).collect();
        let (low, high) = positions.iter().fold((Vec3::MAX, Vec3::MIN), |(l, h), &p| (l.min(p), h.max(p)));
        // `stride`: padded 16-bit vertex attributes (each element 4-byte aligned) say theirs.
        let mut attribute =
            |bytes: &[u8], kind: &str, extra: Value, (component, count): (u32, usize), stride: Option<usize>| {
                let target = if kind == "SCALAR" { ELEMENT_ARRAY_BUFFER } else { ARRAY_BUFFER };
                let mut view = view(&mut bin, bytes, target);
                if let Some(stride) = stride {
                    view["byteStride"] = json!(stride);
                }
                views.push(view);
                let mut accessor =
                    json!({"bufferView": views.len() - 1, "componentType": component, "count": count, "type": kind});
                if let (Value::Object(a), Value::Object(e)) = (&mut accessor, extra) {
                    a.extend(e);
                }
                accessors.push(accessor);
                accessors.len() - 1
            };
        let count = positions.len();
        let mut node = json!({"name": name});
        let mut translation = metres(*offset);
        let (position, normal, uv, indices);
        match encoding {
            Encoding::Float => {
                let positions: Vec<[f32; 3]> = positions.iter().map(|p| p.to_array()).collect();
                let normals: Vec<[f32; 3]> = mesh.normals.iter().map(|n| n.to_array()).collect();
                let uvs: Vec<[f32; 2]> = mesh.uvs.iter().map(|uv| uv.to_array()).collect();
                let bounds = json!({"min": low.to_array(), "max": high.to_array()});
                position = attribute(bytemuck::cast_slice(&positions), "VEC3", bounds, (FLOAT, count), None);
                normal = attribute(bytemuck::cast_slice(&normals), "VEC3", json!({}), (FLOAT, count), None);
                uv = attribute(bytemuck::cast_slice(&uvs), "VEC2", json!({}), (FLOAT, count), None);
            }
            Encoding::Quantized => {
                // The mesh's box, one scale for all axes (normals stay unit under the node).
                let centre = (low + high) * 0.5;
                let half = ((high - low) * 0.5).max_element().max(1e-9);
                let quantized: Vec<[i16; 3]> =
                    positions.iter().map(|&p| ((p - centre) / half).to_array().map(snorm16)).collect();
                let (q_low, q_high) = quantized.iter().fold(([i16::MAX; 3], [i16::MIN; 3]), |(l, h), q| {
                    (std::array::from_fn(|i| l[i].min(q[i])), std::array::from_fn(|i| h[i].max(q[i])))
                });
                let bounds = json!({"min": q_low, "max": q_high, "normalized": true});
                let bytes = packed16(quantized.iter().map(|q| q.map(|c| c as u16)), 8);
                position = attribute(&bytes, "VEC3", bounds, (SHORT, count), Some(8));
                let bytes = packed16(mesh.normals.iter().map(|n| n.to_array().map(|c| snorm16(c) as u16)), 8);
                normal = attribute(&bytes, "VEC3", json!({"normalized": true}), (SHORT, count), Some(8));
                let in_unit =
                    mesh.uvs.iter().all(|uv| uv.cmpge(glam::Vec2::ZERO).all() && uv.cmple(glam::Vec2::ONE).all());
                uv = if in_unit {
                    let bytes = packed16(mesh.uvs.iter().map(|uv| uv.to_array().map(unorm16)), 4);
                    attribute(&bytes, "VEC2", json!({"normalized": true}), (UNSIGNED_SHORT, count), None)
                } else {
                    let uvs: Vec<[f32; 2]> = mesh.uvs.iter().map(|uv| uv.to_array()).collect();
                    attribute(bytemuck::cast_slice(&uvs), "VEC2", json!({}), (FLOAT, count), None)
                };
                translation += centre;
                node["scale"] = json!([half, half, half]);
            }
        }
        indices = if encoding == Encoding::Quantized && count <= u16::MAX as usize {
            let short: Vec<u16> = mesh.indices.iter().map(|&i| i as u16).collect();
            attribute(bytemuck::cast_slice(&short), "SCALAR", json!({}), (UNSIGNED_SHORT, mesh.indices.len()), None)
        } else {
            attribute(
                bytemuck::cast_slice(&mesh.indices),
                "SCALAR",
                json!({}),
                (UNSIGNED_INT, mesh.indices.len()),
                None,
            )
        };
        let material = usize::from(name.starts_with("photo"));
        meshes.push(json!({"name": name, "primitives": [{
            "attributes": {"POSITION": position, "NORMAL": normal, "TEXCOORD_0": uv},
            "indices": indices, "material": material}]}));
        node["mesh"] = json!(meshes.len() - 1);
        if translation != Vec3::ZERO {
            node["translation"] = json!(translation.to_array());
        }
        nodes.push(node);
        match parent {
            Some(slot) => slot_children[*slot].push(nodes.len()),
            None => root_children.push(nodes.len()),
        }
    }
    for (index, (name, position, rotation, parent)) in scene.slots.iter().enumerate() {
        let mut node = json!({"name": name, "translation": metres(*position).to_array()});
        if *rotation != Quat::IDENTITY {
            node["rotation"] = json!(rotation.to_array());
        }
        nodes.push(node);
        match parent {
            Some(slot) => slot_children[*slot].push(slot_node(index)),
            None => root_children.push(slot_node(index)),
        }
    }
    for (index, children) in slot_children.into_iter().enumerate() {
        if !children.is_empty() {
            nodes[slot_node(index) - 1]["children"] = json!(children);
        }
    }
    nodes.insert(0, json!({"name": scene.name, "children": root_children}));
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let mut document = json!({
        "asset": {"version": "2.0", "generator": generator},
        "scene": 0,
        "scenes": [{"name": scene.name, "nodes": [0]}],
        "nodes": nodes,
        "meshes": meshes,
        "materials": [
            {"name": "18K yellow gold", "pbrMetallicRoughness": {
                "baseColorFactor": [0.981, 0.765, 0.474, 1.0], "metallicFactor": 1.0, "roughnessFactor": 0.08}},
            {"name": "photo paper (until a photo is chosen)", "pbrMetallicRoughness": {
                "baseColorFactor": [0.86, 0.84, 0.8, 1.0], "metallicFactor": 0.0, "roughnessFactor": 0.6}}],
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": bin.len()}],
    });
    if encoding == Encoding::Quantized {
        document["extensionsUsed"] = json!(["KHR_mesh_quantization"]);
        document["extensionsRequired"] = json!(["KHR_mesh_quantization"]);
    }
    container(&serde_json::to_vec(&document).expect("JSON values serialize"), &bin)
}

/// Packs a glTF JSON document and its binary chunk into a .glb: both padded to four bytes
/// (JSON with spaces, binary with zeros); an empty binary chunk is left out.
pub fn container(json: &[u8], bin: &[u8]) -> Vec<u8> {
    let mut json = json.to_vec();
    while !json.len().is_multiple_of(4) {
        json.push(b' ');
    }
    let mut bin = bin.to_vec();
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let total = 12 + 8 + json.len() + if bin.is_empty() { 0 } else { 8 + bin.len() };
    let mut glb = Vec::with_capacity(total);
    glb.extend_from_slice(b"glTF");
    glb.extend_from_slice(&2u32.to_le_bytes());
    glb.extend_from_slice(&(total as u32).to_le_bytes());
    glb.extend_from_slice(&(json.len() as u32).to_le_bytes());
    glb.extend_from_slice(b"JSON");
    glb.extend_from_slice(&json);
    if !bin.is_empty() {
        glb.extend_from_slice(&(bin.len() as u32).to_le_bytes());
        glb.extend_from_slice(b"BIN\0");
        glb.extend_from_slice(&bin);
    }
    glb
}
