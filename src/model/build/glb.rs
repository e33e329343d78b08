//! Writes a generated pendant as a binary glTF: one metal material, a root node with the
//! meshes and the slot nodes (slot convention, models/README.md). Millimetres in, metres out.

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

/// The .glb bytes of `scene`; `generator` names what made it (the asset's `generator`).
pub fn write_glb(scene: &Scene, generator: &str) -> Vec<u8> {
    const ARRAY_BUFFER: u32 = 34962;
    const ELEMENT_ARRAY_BUFFER: u32 = 34963;
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
        let positions: Vec<[f32; 3]> = positions.iter().map(|p| p.to_array()).collect();
        let normals: Vec<[f32; 3]> = mesh.normals.iter().map(|n| n.to_array()).collect();
        let uvs: Vec<[f32; 2]> = mesh.uvs.iter().map(|uv| uv.to_array()).collect();
        let mut attribute = |bytes: &[u8], kind: &str, extra: Value, target: u32, component: u32, count: usize| {
            views.push(view(&mut bin, bytes, target));
            let mut accessor =
                json!({"bufferView": views.len() - 1, "componentType": component, "count": count, "type": kind});
            if let (Value::Object(a), Value::Object(e)) = (&mut accessor, extra) {
                a.extend(e);
            }
            accessors.push(accessor);
            accessors.len() - 1
        };
        let count = positions.len();
        let position = attribute(
            bytemuck::cast_slice(&positions),
            "VEC3",
            json!({"min": low.to_array(), "max": high.to_array()}),
            ARRAY_BUFFER,
            5126,
            count,
        );
        let normal = attribute(bytemuck::cast_slice(&normals), "VEC3", json!({}), ARRAY_BUFFER, 5126, count);
        let uv = attribute(bytemuck::cast_slice(&uvs), "VEC2", json!({}), ARRAY_BUFFER, 5126, count);
        let indices = attribute(
            bytemuck::cast_slice(&mesh.indices),
            "SCALAR",
            json!({}),
            ELEMENT_ARRAY_BUFFER,
            5125,
            mesh.indices.len(),
        );
        let material = usize::from(name.starts_with("photo"));
        meshes.push(json!({"name": name, "primitives": [{
            "attributes": {"POSITION": position, "NORMAL": normal, "TEXCOORD_0": uv},
            "indices": indices, "material": material}]}));
        let mut node = json!({"name": name, "mesh": meshes.len() - 1});
        if *offset != Vec3::ZERO {
            node["translation"] = json!(metres(*offset).to_array());
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
    let document = json!({
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
