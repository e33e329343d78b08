//! Where a model takes photos (slot convention v3, models/README.md): a mesh node named
//! `photo_<mask>[_<w>x<h>mm][_<label>]` whose UV0 spans the photo (u right, v down as seen).
//! The mesh is the surface the shopper sees: the glass or resin over the photo (domed or flat)
//! or the metal the photo is printed on; the photo lies on the plane under it.

use glam::{Vec2, Vec3};

use crate::engraving::slot::parse_size;
use crate::model::marks::mark_words;
use crate::model::PendantModel;

/// Photo masks (the outline of the area; the mesh has that outline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoMask {
    /// Round.
    Circle,
    /// Heart.
    Heart,
    /// Oval.
    Oval,
    /// Rectangle (a bar).
    Rect,
}

impl PhotoMask {
    /// The names the convention uses.
    pub const NAMES: [&'static str; 4] = ["circle", "heart", "oval", "rect"];

    /// Reads a mask word.
    pub fn named(word: &str) -> Option<Self> {
        let all = [PhotoMask::Circle, PhotoMask::Heart, PhotoMask::Oval, PhotoMask::Rect];
        all.into_iter().find(|mask| mask.name() == word)
    }

    /// The convention's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// One photo area of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoSlot {
    /// Index of the node in `PendantModel::nodes`.
    pub node: usize,
    /// The node's name.
    pub name: String,
    /// The outline.
    pub mask: PhotoMask,
    /// Physical width × height, mm (from the name, else measured).
    pub size_mm: Vec2,
    /// The plane the photo lies on, in the node's space: `normal · p = offset` (the mesh's
    /// lowest extent along its thinnest axis, normal toward the viewer's side).
    pub plane: (Vec3, f32),
}

/// What a photo area's mesh measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaMeasure {
    /// The two largest world extents, mm.
    pub size_mm: Vec2,
    /// UV0 bounds.
    pub uv_low: Vec2,
    /// UV0 bounds.
    pub uv_high: Vec2,
}

/// Extents of node `index`'s mesh (`None` without a mesh or vertices).
pub fn measure(model: &PendantModel, index: usize) -> Option<AreaMeasure> {
    let node = model.nodes.get(index)?;
    let mesh = model.meshes.get(node.mesh?)?;
    let (mut low, mut high) = (Vec3::INFINITY, Vec3::NEG_INFINITY);
    let (mut uv_low, mut uv_high) = (Vec2::INFINITY, Vec2::NEG_INFINITY);
    for vertex in mesh.primitives.iter().flat_map(|p| &p.vertices) {
        let p = node.world_transform.transform_point3(Vec3::from(vertex.position));
        (low, high) = (low.min(p), high.max(p));
        (uv_low, uv_high) = (uv_low.min(Vec2::from(vertex.uv0)), uv_high.max(Vec2::from(vertex.uv0)));
    }
    if !low.is_finite() {
        return None;
    }
    let mut sides = ((high - low) * 1000.0).to_array();
    sides.sort_by(|a, b| b.total_cmp(a));
    Some(AreaMeasure { size_mm: Vec2::new(sides[0], sides[1]), uv_low, uv_high })
}

/// The photo areas of `model`, in node order. Marks the checker would reject (unknown mask, no
/// mesh, no UVs) are left out; `pendant-viewer check` says why.
pub fn photo_slots(model: &PendantModel) -> Vec<PhotoSlot> {
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let name = node.name.as_deref()?;
            let words = mark_words(name);
            if words.first().map(String::as_str) != Some("photo") {
                return None;
            }
            let mask = PhotoMask::named(words.get(1)?)?;
            let mesh = model.meshes.get(node.mesh?)?;
            if mesh.primitives.is_empty() || mesh.primitives.iter().any(|p| !p.has_uv0) {
                return None;
            }
            let measured = measure(model, index)?;
            let size_mm = words.iter().find_map(|w| parse_size(w)).unwrap_or(measured.size_mm);
            let plane = photo_plane(model, index)?;
            Some(PhotoSlot { node: index, name: name.to_string(), mask, size_mm, plane })
        })
        .collect()
}

/// The plane under the cover, in the node's space.
fn photo_plane(model: &PendantModel, index: usize) -> Option<(Vec3, f32)> {
    let node = &model.nodes[index];
    let vertices: Vec<_> = model.meshes.get(node.mesh?)?.primitives.iter().flat_map(|p| &p.vertices).collect();
    let (mut low, mut high) = (Vec3::INFINITY, Vec3::NEG_INFINITY);
    let mut facing = Vec3::ZERO;
    for vertex in &vertices {
        (low, high) = (low.min(Vec3::from(vertex.position)), high.max(Vec3::from(vertex.position)));
        facing += Vec3::from(vertex.normal);
    }
    let extent = high - low;
    let thinnest = if extent.x <= extent.y && extent.x <= extent.z {
        0
    } else if extent.y <= extent.z {
        1
    } else {
        2
    };
    let mut normal = Vec3::ZERO;
    normal[thinnest] = if facing[thinnest] >= 0.0 { 1.0 } else { -1.0 };
    let offset = if normal[thinnest] > 0.0 { low[thinnest] } else { -high[thinnest] };
    Some((normal, offset))
}
