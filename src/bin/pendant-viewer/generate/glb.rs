//! Writes a generated pendant as a binary glTF: one metal material, a root node with the
//! meshes and the slot nodes (slot convention, models/README.md). Millimetres in, metres out.

use glam::{Quat, Vec3};
use serde_json::{json, Value};

use super::mesh::MeshData;

/// A pendant ready to write.
pub struct Scene {
    /// The root node's name.
    pub name: &'static str,
    /// Named meshes (all metal).
    pub meshes: Vec<(&'static str, MeshData)>,
    /// Empty slot nodes: name, position (mm), rotation.
    pub slots: Vec<(String, Vec3, Quat)>,
}

/// Appends `bytes` to `bin` (4-byte aligned) and returns a buffer view.
fn view(bin: &mut Vec<u8>, bytes: &[u8], target: u32) -> Value {
    while bin.len() % 4 != 0 {
        bin.push(0);
    }
    let offset = bin.len();
    bin.extend_from_slice(bytes);
    json!({"buffer": 0, "byteOffset": offset, "byteLength": bytes.len(), "target": target})
}

/// The .glb bytes of `scene`.
pub fn write_glb(scene: &Scene) -> Vec<u8> {
    const ARRAY_BUFFER: u32 = 34962;
    const ELEMENT_ARRAY_BUFFER: u32 = 34963;
    let mut bin = Vec::new();
    let (mut views, mut accessors, mut meshes, mut nodes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let metres = |v: Vec3| v * 0.001;
    for (name, mesh) in &scene.meshes {
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
        meshes.push(json!({"name": name, "primitives": [{
            "attributes": {"POSITION": position, "NORMAL": normal, "TEXCOORD_0": uv},
            "indices": indices, "material": 0}]}));
        nodes.push(json!({"name": name, "mesh": meshes.len() - 1}));
    }
    for (name, position, rotation) in &scene.slots {
        let mut node = json!({"name": name, "translation": metres(*position).to_array()});
        if *rotation != Quat::IDENTITY {
            node["rotation"] = json!(rotation.to_array());
        }
        nodes.push(node);
    }
    let children: Vec<usize> = (1..=nodes.len()).collect();
    nodes.insert(0, json!({"name": scene.name, "children": children}));
    while bin.len() % 4 != 0 {
        bin.push(0);
    }
    let document = json!({
        "asset": {"version": "2.0", "generator": "pendant-viewer generate (src/bin/pendant-viewer/generate)"},
        "scene": 0,
        "scenes": [{"name": scene.name, "nodes": [0]}],
        "nodes": nodes,
        "meshes": meshes,
        "materials": [{"name": "18K yellow gold", "pbrMetallicRoughness": {
            "baseColorFactor": [0.981, 0.765, 0.474, 1.0], "metallicFactor": 1.0, "roughnessFactor": 0.08}}],
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": bin.len()}],
    });
    let mut text = serde_json::to_vec(&document).expect("JSON values serialize");
    while text.len() % 4 != 0 {
        text.push(b' ');
    }
    let total = 12 + 8 + text.len() + 8 + bin.len();
    let mut glb = Vec::with_capacity(total);
    glb.extend_from_slice(b"glTF");
    glb.extend_from_slice(&2u32.to_le_bytes());
    glb.extend_from_slice(&(total as u32).to_le_bytes());
    glb.extend_from_slice(&(text.len() as u32).to_le_bytes());
    glb.extend_from_slice(b"JSON");
    glb.extend_from_slice(&text);
    glb.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    glb.extend_from_slice(b"BIN\0");
    glb.extend_from_slice(&bin);
    glb
}
