//! Where a model wants engraving (slot convention v3, models/README.md): a node named
//! `engrave_<side>[_<w>x<h>mm][_round]`. Its origin is the centre of the area on the surface,
//! +Z points out of the surface, +Y up the lettering. The lettering is projected along −Z onto
//! the metal that faces it, so the area needs no UVs and may be gently curved (a puffy heart).
//! The size comes from the name, else from the node's mesh (its extent in the node's XY).

use glam::{Mat4, Vec2, Vec3};

use super::layout::EngravingArea;
use crate::model::marks::mark_words;
use crate::model::PendantModel;

/// Engraving areas a model may have (front, back and two more: a vertical bar's four faces);
/// the GPU holds one texture layer for each.
pub const MAX_ENGRAVING_AREAS: usize = 4;

/// Engraving sides.
pub const SIDES: [&str; 6] = ["front", "back", "left", "right", "top", "bottom"];

/// One engraving area of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct EngravingSlot {
    /// front, back, left, right, top or bottom.
    pub side: String,
    /// Index of the node in `PendantModel::nodes`.
    pub node: usize,
    /// Size and shape.
    pub area: EngravingArea,
    /// Area millimetres (x right, y up, z out of the surface) → world (metres).
    pub frame: Mat4,
}

/// What a name says: side, size if given, round.
#[derive(Debug, Clone, PartialEq)]
pub struct EngravingMark {
    /// The side word (checked against [`SIDES`] by the caller).
    pub side: Option<String>,
    /// `<w>x<h>mm`.
    pub size_mm: Option<Vec2>,
    /// `round` (or `oval`, `circle`): an ellipse inscribed in the size.
    pub round: bool,
    /// Words not understood.
    pub unknown: Vec<String>,
}

/// Parses `<w>x<h>mm`.
pub fn parse_size(word: &str) -> Option<Vec2> {
    let (w, h) = word.strip_suffix("mm")?.split_once('x')?;
    let size = Vec2::new(w.parse().ok()?, h.parse().ok()?);
    (size.is_finite() && size.min_element() > 0.0).then_some(size)
}

/// Reads an engraving mark; `None` when the name is not one.
pub fn parse_engraving_name(name: &str) -> Option<EngravingMark> {
    let words = mark_words(name);
    let (first, rest) = words.split_first()?;
    if first != "engrave" && first != "engraving" {
        return None;
    }
    let mut mark = EngravingMark { side: None, size_mm: None, round: false, unknown: Vec::new() };
    for (i, word) in rest.iter().enumerate() {
        if i == 0 {
            mark.side = Some(word.clone());
        } else if let Some(size) = parse_size(word) {
            mark.size_mm = Some(size);
        } else if matches!(word.as_str(), "round" | "oval" | "circle") {
            mark.round = true;
        } else {
            mark.unknown.push(word.clone());
        }
    }
    Some(mark)
}

/// The extent of a node's mesh in the node's own XY plane, mm.
pub fn mesh_extent_mm(model: &PendantModel, node: usize) -> Option<Vec2> {
    let node = &model.nodes[node];
    let mesh = model.meshes.get(node.mesh?)?;
    let scale = node.world_transform.to_scale_rotation_translation().0;
    let (low, high) = mesh
        .primitives
        .iter()
        .flat_map(|p| &p.vertices)
        .fold((Vec3::MAX, Vec3::MIN), |(l, h), v| (l.min(Vec3::from(v.position)), h.max(Vec3::from(v.position))));
    let extent = (high - low) * scale * 1000.0;
    (extent.x > 0.0 && extent.y > 0.0).then(|| Vec2::new(extent.x, extent.y))
}

/// Every usable engraving area of `model`, in node order (marks the checker would reject
/// are skipped).
pub fn find_engraving_slots(model: &PendantModel) -> Vec<EngravingSlot> {
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let mark = parse_engraving_name(node.name.as_deref()?)?;
            let side = mark.side.filter(|s| SIDES.contains(&s.as_str()))?;
            let size_mm = mark.size_mm.or_else(|| mesh_extent_mm(model, index))?;
            let frame = area_frame(node.world_transform);
            Some(EngravingSlot { side, node: index, area: EngravingArea { size_mm, round: mark.round }, frame })
        })
        .collect()
}

/// Area millimetres → world for a slot node at `world` (its scale ignored: the size is in
/// the name). Also used when a hinge moves the node.
pub fn area_frame(world: Mat4) -> Mat4 {
    let (_, rotation, translation) = world.to_scale_rotation_translation();
    Mat4::from_rotation_translation(rotation, translation) * Mat4::from_scale(Vec3::splat(0.001))
}
