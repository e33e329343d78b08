//! Gem settings: where a model wants a stone, and the metal bezel that holds it.
//!
//! Slot convention (models/README.md): an empty node whose name starts with `gem`, optionally
//! followed by a cut and a size, e.g. `gem`, `gem_round_4mm`, `gem_heart_6.5mm`,
//! `gem_oval_5mm.001` (Blender's duplicate suffix is ignored). The node's origin is the centre
//! of the stone's girdle, its +Z is where the table faces. Defaults: round, 4 mm.

use glam::{Mat4, Vec3};

use crate::gem_cut::{Cut, GemGeometry};
use crate::model::{PendantModel, Vertex};

/// Stone size when a slot name gives none.
pub const DEFAULT_SIZE_MM: f32 = 4.0;
/// Sizes outside this range are clamped (a slot name typo must not produce a 2 m stone).
pub const SIZE_RANGE_MM: (f32, f32) = (1.0, 20.0);

/// One place a stone goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GemSlot {
    /// Index of the slot's node in `PendantModel::nodes`.
    pub index: usize,
    /// Stone-local units (girdle half-width 1) to world: the node's transform scaled by half
    /// the stone's size in metres.
    pub transform: Mat4,
    /// The cut the slot asks for.
    pub cut: Cut,
    /// Girdle width (largest) in millimetres.
    pub size_mm: f32,
}

/// The words of a node name as the slot convention reads them: lower case, split at `_`, `-`
/// and spaces, without Blender's duplicate suffix (`.` and three digits: `gem.001` → `gem`;
/// `gem_heart_6.5mm` keeps its decimal point).
pub fn mark_words(name: &str) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    let base = match name.rsplit_once('.') {
        Some((head, tail)) if tail.len() == 3 && tail.chars().all(|c| c.is_ascii_digit()) => head,
        _ => name.as_str(),
    };
    base.split(['_', '-', ' ']).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Parses a slot name; `None` when the name does not mark a gem slot.
pub fn parse_slot_name(name: &str) -> Option<(Cut, f32)> {
    let words = mark_words(name);
    let mut words = words.iter().map(String::as_str);
    if words.next()? != "gem" {
        return None;
    }
    let (mut cut, mut size) = (Cut::Round, DEFAULT_SIZE_MM);
    for word in words {
        if let Some(named) = Cut::named(word) {
            cut = named;
        } else if let Some(value) = word.strip_suffix("mm").and_then(|v| v.parse::<f32>().ok()) {
            if value.is_finite() {
                size = value.clamp(SIZE_RANGE_MM.0, SIZE_RANGE_MM.1);
            }
        }
    }
    Some((cut, size))
}

/// Every gem slot in `model`, in node order.
pub fn find_gem_slots(model: &PendantModel) -> Vec<GemSlot> {
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let (cut, size_mm) = parse_slot_name(node.name.as_deref()?)?;
            let scale = size_mm / 2000.0;
            Some(GemSlot {
                index,
                transform: node.world_transform * Mat4::from_scale(Vec3::splat(scale)),
                cut,
                size_mm,
            })
        })
        .collect()
}

/// A bezel: a metal collar around the girdle, from below the girdle up over the crown's
/// edge, in stone-local units, following the stone's outline.
pub fn bezel(stone: &GemGeometry) -> (Vec<Vertex>, Vec<u32>) {
    const SEGMENTS: usize = 64;
    let outline: Vec<Vec3> = (0..SEGMENTS)
        .map(|i| {
            let azimuth = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
            let direction = Vec3::new(azimuth.cos(), azimuth.sin(), 0.0);
            direction * girdle_radius(stone, direction)
        })
        .collect();
    let wall = 0.12;
    let top = stone.crown_height * 0.3;
    let bottom = -stone.pavilion_depth * 0.55;
    // Profile (radial offset, height, normal in the radial/z plane): inner lip over the crown,
    // rounded top, outer wall, bottom.
    let profile: [(f32, f32, [f32; 2]); 6] = [
        (-0.04, top - 0.04, [-0.6, 0.8]),
        (0.0, top + 0.02, [0.0, 1.0]),
        (wall * 0.6, top + 0.02, [0.5, 0.87]),
        (wall, top - 0.05, [1.0, 0.0]),
        (wall, bottom, [1.0, 0.0]),
        (0.0, bottom - 0.02, [0.0, -1.0]),
    ];
    let mut vertices = Vec::with_capacity(SEGMENTS * profile.len());
    for point in &outline {
        let radial = point.normalize_or(Vec3::X);
        for &(offset, z, [nr, nz]) in &profile {
            let position = *point + radial * offset + Vec3::Z * z;
            let normal = (radial * nr + Vec3::Z * nz).normalize();
            vertices.push(Vertex {
                position: position.into(),
                normal: normal.into(),
                tangent: radial.cross(Vec3::Z).extend(1.0).into(),
                ..Vertex::default()
            });
        }
    }
    let rows = profile.len() as u32;
    let mut indices = Vec::new();
    for segment in 0..SEGMENTS as u32 {
        let next = (segment + 1) % SEGMENTS as u32;
        for k in 0..rows - 1 {
            let (a, b) = (segment * rows + k, segment * rows + k + 1);
            let (c, d) = (next * rows + k, next * rows + k + 1);
            indices.extend([a, c, b, b, c, d]);
        }
    }
    (vertices, indices)
}

/// Distance from the stone's axis to its girdle along a horizontal `direction`.
fn girdle_radius(stone: &GemGeometry, direction: Vec3) -> f32 {
    if stone.facets.is_empty() {
        return 1.0;
    }
    let direction = if stone.mirror_x { Vec3::new(direction.x.abs(), direction.y, 0.0) } else { direction };
    stone
        .facets
        .iter()
        .filter(|f| f.normal.z.abs() < 1e-3 && f.normal.dot(direction) > 1e-4)
        .map(|f| f.offset / f.normal.dot(direction))
        .fold(f32::INFINITY, f32::min)
        .min(2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gem_cut::generate;
    use crate::model::ModelNode;

    #[test]
    fn slot_names_follow_the_convention() {
        assert_eq!(parse_slot_name("gem"), Some((Cut::Round, 4.0)));
        assert_eq!(parse_slot_name("Gem_Heart_6.5mm"), Some((Cut::Heart, 6.5)));
        assert_eq!(parse_slot_name("gem_oval_5mm.001"), Some((Cut::Oval, 5.0)));
        assert_eq!(parse_slot_name("gem-princess-300mm"), Some((Cut::Princess, 20.0)));
        assert_eq!(parse_slot_name("gemstone"), None);
        assert_eq!(parse_slot_name("disc"), None);
    }

    #[test]
    fn slots_are_found_and_scaled_to_millimetres() {
        let node = |name: &str, at: Vec3| ModelNode {
            name: Some(name.into()),
            parent: None,
            local_transform: Mat4::from_translation(at),
            world_transform: Mat4::from_translation(at),
            mesh: None,
        };
        let model = PendantModel {
            nodes: vec![node("disc", Vec3::ZERO), node("gem_round_5mm", Vec3::new(0.0, 0.01, 0.002))],
            ..PendantModel::default()
        };
        let slots = find_gem_slots(&model);
        assert_eq!(slots.len(), 1);
        // Local x = 1 (the girdle's edge) is 2.5 mm from the centre.
        let edge = slots[0].transform.transform_point3(Vec3::X);
        assert!((edge - Vec3::new(0.0025, 0.01, 0.002)).length() < 1e-6, "{edge}");
    }

    #[test]
    fn bezels_hug_every_cut() {
        for (_, cut) in Cut::NAMES {
            let stone = generate(cut);
            let (vertices, indices) = bezel(&stone);
            assert!(indices.iter().all(|&i| (i as usize) < vertices.len()));
            let widest = vertices.iter().map(|v| Vec3::from(v.position).truncate().length()).fold(0.0, f32::max);
            assert!(widest > stone.half_extent.max_element() && widest < 1.6, "{cut:?}: {widest}");
        }
    }
}
