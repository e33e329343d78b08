//! Gem settings: where a model wants a stone, and the metal bezel that holds it.
//!
//! Slot convention (models/README.md): an empty node whose name starts with `gem`, optionally
//! followed by a cut and a size, e.g. `gem`, `gem_round_4mm`, `gem_heart_6.5mm`,
//! `gem_oval_5mm.001` (Blender's duplicate suffix is ignored), and how it is held: `bezel`
//! (default: a metal collar) or `prong` / `<n>prong` (a basket of claws, e.g.
//! `gem_round_6mm_prong`, `gem_oval_5mm_4prong`). The node's origin is the centre of the
//! stone's girdle, its +Z is where the table faces. Defaults: round, 4 mm, bezel.

use glam::{Mat4, Vec3};

use crate::model::marks::{mark_words, stone_size_mm};
use crate::model::{PendantModel, Vertex};
use crate::stones::cut::{Cut, GemGeometry};

pub use crate::model::marks::{slot_scale, DEFAULT_SIZE_MM, SIZE_RANGE_MM};

/// Prong counts a slot may ask for (`3prong` … `8prong`).
pub const PRONG_RANGE: (u8, u8) = (3, 8);

/// How a slot holds its stone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// A metal collar round the girdle, lipped over the crown.
    Bezel,
    /// Claws rising from below the pavilion and bending over the crown's edge, tied by a
    /// gallery wire; `None`: the count usual for the cut (round and oval 6, princess 4 at
    /// the corners, heart 3: the tip and the lobes).
    Prongs(Option<u8>),
}

/// What a gem slot's name asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlotName {
    /// The cut.
    pub cut: Cut,
    /// Girdle width (largest) in millimetres.
    pub size_mm: f32,
    /// How the stone is held.
    pub setting: Setting,
}

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
    /// How the stone is held.
    pub setting: Setting,
}

/// The setting a slot-name word asks for: `bezel`, `prong`, `prongs`, `<n>prong(s)`
/// (`n` clamped to [`PRONG_RANGE`]); `None` for any other word.
pub fn setting_word(word: &str) -> Option<Setting> {
    if word == "bezel" {
        return Some(Setting::Bezel);
    }
    let count = word.strip_suffix("prongs").or_else(|| word.strip_suffix("prong"))?;
    if count.is_empty() {
        return Some(Setting::Prongs(None));
    }
    let n: u8 = count.parse().ok()?;
    Some(Setting::Prongs(Some(n.clamp(PRONG_RANGE.0, PRONG_RANGE.1))))
}

/// Parses a slot name; `None` when the name does not mark a gem slot. Unknown words are
/// ignored here (`pendant-viewer check` reports them).
pub fn parse_slot_name(name: &str) -> Option<SlotName> {
    let all = mark_words(name);
    let mut words = all.iter().map(String::as_str);
    if words.next()? != "gem" {
        return None;
    }
    let mut slot = SlotName { cut: Cut::Round, size_mm: stone_size_mm(&all), setting: Setting::Bezel };
    for word in words {
        if let Some(named) = Cut::named(word) {
            slot.cut = named;
        } else if let Some(setting) = setting_word(word) {
            slot.setting = setting;
        }
    }
    Some(slot)
}

/// Every gem slot in `model`, in node order.
pub fn find_gem_slots(model: &PendantModel) -> Vec<GemSlot> {
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let SlotName { cut, size_mm, setting } = parse_slot_name(node.name.as_deref()?)?;
            Some(GemSlot { index, transform: node.world_transform * slot_scale(size_mm), cut, size_mm, setting })
        })
        .collect()
}

/// The metal that holds `stone` as `setting` asks, in stone-local units.
pub fn setting_mesh(stone: &GemGeometry, setting: Setting) -> (Vec<Vertex>, Vec<u32>) {
    match setting {
        Setting::Bezel => bezel(stone),
        Setting::Prongs(count) => prongs(stone, count),
    }
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

/// Where the claws of `count` prongs stand round `stone` (azimuths in radians, 0 = +X,
/// counter-clockwise seen from the table): a top claw under the bail where the count allows,
/// a princess's at its corners, a heart's at the tip and the two lobes.
fn prong_azimuths(stone: &GemGeometry, count: Option<u8>) -> Vec<f32> {
    use std::f32::consts::{FRAC_PI_2, FRAC_PI_4, TAU};
    let usual = match stone.cut {
        Cut::Princess => 4,
        Cut::Heart => 3,
        _ => 6,
    };
    let n = count.unwrap_or(usual);
    match (stone.cut, n) {
        (Cut::Heart, 3) => vec![-FRAC_PI_2, 40f32.to_radians(), 140f32.to_radians()],
        (Cut::Princess, 4) => (0..4).map(|k| FRAC_PI_4 + k as f32 * FRAC_PI_2).collect(),
        _ => {
            // Four claws stand as an X; other counts put one at the top.
            let start = if n.is_multiple_of(4) { FRAC_PI_2 + TAU / (2.0 * n as f32) } else { FRAC_PI_2 };
            (0..n).map(|k| start + TAU * k as f32 / n as f32).collect()
        }
    }
}

/// A prong basket: claws from below the pavilion up past the girdle, bent over the crown's
/// edge with rounded tips, and a gallery wire tying them under the girdle; stone-local units.
pub fn prongs(stone: &GemGeometry, count: Option<u8>) -> (Vec<Vertex>, Vec<u32>) {
    let (crown, pavilion) = (stone.crown_height.max(0.1), stone.pavilion_depth.max(0.2));
    let wire = 0.11;
    let mut mesh = (Vec::new(), Vec::new());
    for azimuth in prong_azimuths(stone, count) {
        let out = Vec3::new(azimuth.cos(), azimuth.sin(), 0.0);
        let radius = girdle_radius(stone, out);
        // (distance from the axis, height, wire radius): the claw tapers toward its tip.
        let profile = [
            (0.45 * radius, -0.9 * pavilion, wire * 1.1),
            (0.8 * radius + wire, -0.45 * pavilion, wire * 1.05),
            (radius + wire * 0.9, 0.0, wire),
            (radius + wire * 0.5, crown * 0.3, wire * 0.9),
            (radius - wire * 0.6, crown * 0.45, wire * 0.8),
        ];
        let path: Vec<(Vec3, f32)> = profile.iter().map(|&(r, z, w)| (out * r + Vec3::Z * z, w)).collect();
        append(&mut mesh, sweep(&path, Vec3::Z.cross(out), 10));
    }
    // The gallery: a wire following the girdle's outline, inside the claws.
    const SEGMENTS: usize = 48;
    let gallery: Vec<(Vec3, f32)> = (0..=SEGMENTS)
        .map(|i| {
            let azimuth = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
            let direction = Vec3::new(azimuth.cos(), azimuth.sin(), 0.0);
            (direction * (0.8 * girdle_radius(stone, direction) + wire) - Vec3::Z * 0.45 * pavilion, wire * 0.8)
        })
        .collect();
    append(&mut mesh, sweep(&gallery, Vec3::Z, 8));
    mesh
}

fn append(mesh: &mut (Vec<Vertex>, Vec<u32>), (vertices, indices): (Vec<Vertex>, Vec<u32>)) {
    let base = mesh.0.len() as u32;
    mesh.0.extend(vertices);
    mesh.1.extend(indices.into_iter().map(|i| i + base));
}

/// A round wire along `path` (points with their wire radius), `sides` around; `across` is
/// a direction perpendicular to the whole path (the plane of a bent claw's normal, or +Z for
/// a wire lying flat). The start is open (it sits in metal), the end gets a rounded cap.
fn sweep(path: &[(Vec3, f32)], across: Vec3, sides: usize) -> (Vec<Vertex>, Vec<u32>) {
    const CAP_RINGS: usize = 3;
    let mut rings: Vec<(Vec3, Vec3, f32, f32)> = Vec::new(); // centre, tangent, radius, normal tilt
    for (i, &(point, radius)) in path.iter().enumerate() {
        let before = path[i.saturating_sub(1)].0;
        let after = path[(i + 1).min(path.len() - 1)].0;
        rings.push((point, (after - before).normalize_or(Vec3::Z), radius, 0.0));
    }
    if let Some(&(end, tangent, radius, _)) = rings.last() {
        for k in 1..=CAP_RINGS {
            let angle = std::f32::consts::FRAC_PI_2 * k as f32 / CAP_RINGS as f32;
            rings.push((end + tangent * radius * angle.sin(), tangent, radius * angle.cos(), angle));
        }
    }
    let mut vertices = Vec::with_capacity(rings.len() * sides);
    for &(centre, tangent, radius, tilt) in &rings {
        let side = across.reject_from(tangent).normalize_or(Vec3::X);
        let up = tangent.cross(side);
        for j in 0..sides {
            let angle = std::f32::consts::TAU * j as f32 / sides as f32;
            let radial = side * angle.cos() + up * angle.sin();
            vertices.push(Vertex {
                position: (centre + radial * radius).into(),
                normal: (radial * tilt.cos() + tangent * tilt.sin()).normalize().into(),
                tangent: tangent.extend(1.0).into(),
                ..Vertex::default()
            });
        }
    }
    let mut indices = Vec::with_capacity(rings.len() * sides * 6);
    for ring in 0..rings.len() as u32 - 1 {
        for j in 0..sides as u32 {
            let next = (j + 1) % sides as u32;
            let (a, b) = (ring * sides as u32 + j, ring * sides as u32 + next);
            let (c, d) = (a + sides as u32, b + sides as u32);
            indices.extend([a, b, c, c, b, d]);
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
    use crate::model::ModelNode;
    use crate::stones::cut::generate;

    #[test]
    fn slot_names_follow_the_convention() {
        let slot = |cut, size_mm, setting| Some(SlotName { cut, size_mm, setting });
        assert_eq!(parse_slot_name("gem"), slot(Cut::Round, 4.0, Setting::Bezel));
        assert_eq!(parse_slot_name("Gem_Heart_6.5mm"), slot(Cut::Heart, 6.5, Setting::Bezel));
        assert_eq!(parse_slot_name("gem_oval_5mm.001"), slot(Cut::Oval, 5.0, Setting::Bezel));
        assert_eq!(parse_slot_name("gem-princess-300mm"), slot(Cut::Princess, 20.0, Setting::Bezel));
        assert_eq!(parse_slot_name("gem_round_6mm_prong"), slot(Cut::Round, 6.0, Setting::Prongs(None)));
        assert_eq!(parse_slot_name("gem_4prongs_oval"), slot(Cut::Oval, 4.0, Setting::Prongs(Some(4))));
        assert_eq!(parse_slot_name("gem_99prong"), slot(Cut::Round, 4.0, Setting::Prongs(Some(8))));
        assert_eq!(parse_slot_name("gem_xprong"), slot(Cut::Round, 4.0, Setting::Bezel));
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

#[cfg(test)]
mod prong_tests {
    use super::*;
    use crate::stones::cut::generate;

    /// Every claw touches the girdle from outside and bends over the crown, and the heart's
    /// three and the princess's four stand where a jeweller puts them.
    #[test]
    fn prongs_grip_every_cut() {
        for (_, cut) in Cut::NAMES {
            let stone = generate(cut);
            let (vertices, indices) = prongs(&stone, None);
            assert!(!indices.is_empty() && indices.iter().all(|&i| (i as usize) < vertices.len()), "{cut:?}");
            assert!(vertices.iter().all(|v| Vec3::from(v.position).is_finite()), "{cut:?}");
            let top = vertices.iter().map(|v| v.position[2]).fold(f32::MIN, f32::max);
            assert!(top > stone.crown_height * 0.4 && top < stone.crown_height, "{cut:?}: claws reach {top}");
            let widest = vertices.iter().map(|v| Vec3::from(v.position).truncate().length()).fold(0.0, f32::max);
            let corner = stone.half_extent.length();
            assert!(widest > stone.half_extent.max_element() && widest < corner + 0.3, "{cut:?}: {widest}");
        }
        let degrees = |cut, count| -> Vec<i32> {
            prong_azimuths(&generate(cut), count).iter().map(|a| a.to_degrees().round() as i32 % 360).collect()
        };
        assert_eq!(degrees(Cut::Heart, None), [-90, 40, 140]);
        assert_eq!(degrees(Cut::Princess, None), [45, 135, 225, 315]);
        assert_eq!(degrees(Cut::Round, Some(4)), [135, 225, 315, 45]);
        assert_eq!(degrees(Cut::Round, None).len(), 6);
        assert_eq!(degrees(Cut::Round, None)[0], 90);
    }
}
