//! A glTF mesh → the model's primitives: attributes read through checked accessors, strips and fans
//! turned into lists, missing normals and tangents generated.

use std::collections::HashSet;

use glam::Vec3;

use super::accessor::expect_layout;
use super::document::{Component, Document};
use super::error::ModelError;
use crate::model::tangents::{generate_flat_normals, generate_tangents};
use crate::model::{Primitive, Vertex};

/// The attributes drawn; any other a primitive carries is named in a warning.
pub const DRAWN_ATTRIBUTES: &[&str] = &["POSITION", "NORMAL", "TANGENT", "TEXCOORD_0", "TEXCOORD_1", "COLOR_0"];

/// Component types each attribute may have: glTF 2.0's, widened by KHR_mesh_quantization
/// (normalized or not as the file says; `read_f32` scales normalized integers).
const POSITION_TYPES: &[Component] = &[Component::F32, Component::I8, Component::U8, Component::I16, Component::U16];
const UNIT_TYPES: &[Component] = &[Component::F32, Component::I8, Component::I16];
const TEXCOORD_TYPES: &[Component] = &[Component::F32, Component::I8, Component::U8, Component::I16, Component::U16];
const COLOR_TYPES: &[Component] = &[Component::F32, Component::U8, Component::U16];

/// glTF primitive modes.
const TRIANGLES: u64 = 4;

const TRIANGLE_STRIP: u64 = 5;

const TRIANGLE_FAN: u64 = 6;

pub(super) fn load_mesh(
    document: &Document,
    mesh_index: usize,
    buffers: &[Vec<u8>],
    needs_tangents: &HashSet<usize>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Primitive>, ModelError> {
    let read = |accessor| super::read_f32(document, buffers, accessor);
    let mut primitives = Vec::new();
    for (p, primitive) in document.meshes[mesh_index].primitives.iter().enumerate() {
        let mode = primitive.mode;
        if !matches!(mode, TRIANGLES | TRIANGLE_STRIP | TRIANGLE_FAN) {
            warnings.push(format!("mesh {mesh_index} primitive {p}: mode {mode} (not triangles) is not drawn"));
            continue;
        }
        let position_accessor =
            primitive.attribute("POSITION").ok_or(ModelError::MissingPositions { mesh: mesh_index, primitive: p })?;
        expect_layout(document, position_accessor, "POSITION", "VEC3", POSITION_TYPES)?;
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
            expect_layout(document, accessor, "NORMAL", "VEC3", UNIT_TYPES)?;
            for (vertex, normal) in vertices.iter_mut().zip(read(accessor)?.chunks_exact(3)) {
                vertex.normal = sanitize_unit([normal[0], normal[1], normal[2]]);
            }
        }
        let has_uv0 = primitive.attribute("TEXCOORD_0").is_some();
        for set in 0..2 {
            let Some(accessor) = primitive.attribute(&format!("TEXCOORD_{set}")) else { continue };
            expect_layout(document, accessor, "TEXCOORD", "VEC2", TEXCOORD_TYPES)?;
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
            expect_layout(document, accessor, "TANGENT", "VEC4", UNIT_TYPES)?;
            for (vertex, tangent) in vertices.iter_mut().zip(read(accessor)?.chunks_exact(4)) {
                vertex.tangent = [tangent[0], tangent[1], tangent[2], tangent[3]];
            }
        }
        if let Some(accessor) = primitive.attribute("COLOR_0") {
            let kind = if document.accessors[accessor].components == 3 { "VEC3" } else { "VEC4" };
            expect_layout(document, accessor, "COLOR_0", kind, COLOR_TYPES)?;
            let values = read(accessor)?;
            let n = document.accessors[accessor].components;
            for (vertex, color) in vertices.iter_mut().zip(values.chunks_exact(n)) {
                let channel = |i: usize| color.get(i).copied().unwrap_or(1.0);
                vertex.color = [0, 1, 2, 3].map(|i| unorm16(channel(i)));
            }
        }
        note_unread(primitive, mesh_index, p, warnings);

        let mut indices: Vec<u32> = match primitive.indices {
            Some(accessor) => {
                let index_types = [Component::U8, Component::U16, Component::U32];
                expect_layout(document, accessor, "indices", "SCALAR", &index_types)?;
                super::read_indices(document, buffers, accessor)?
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
        let variant_materials = primitive.variant_materials.clone();
        primitives.push(Primitive {
            vertices,
            indices,
            material,
            has_uv0,
            variant_materials,
            authored_material: material,
        });
    }
    Ok(primitives)
}

/// A warning for each attribute the primitive carries and the viewer does not draw, and for
/// morph targets (the base shape is drawn).
fn note_unread(primitive: &super::document::Primitive, mesh: usize, p: usize, warnings: &mut Vec<String>) {
    let mut unread: Vec<&str> = primitive
        .attributes
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| !DRAWN_ATTRIBUTES.contains(name))
        .collect();
    unread.sort_unstable();
    if !unread.is_empty() {
        let skinned = unread.iter().any(|n| n.starts_with("JOINTS_") || n.starts_with("WEIGHTS_"));
        let why = if skinned { " (skinning: the static pose is drawn)" } else { "" };
        warnings.push(format!("mesh {mesh} primitive {p}: {} not drawn{why}", unread.join(", ")));
    }
    if primitive.targets > 0 {
        warnings.push(format!(
            "mesh {mesh} primitive {p}: {} morph targets not applied (the base shape is drawn)",
            primitive.targets
        ));
    }
}

/// A colour channel 0…1 as unsigned normalized 16-bit.
fn unorm16(value: f32) -> u16 {
    (if value.is_finite() { value.clamp(0.0, 1.0) } else { 1.0 } * 65535.0).round() as u16
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
