//! Whether every part touches what holds it: a jump ring or bail that floats a millimetre
//! above the pendant reads as fake at once, and on a merchant's file it is usually an export
//! mistake. Each part that holds or is held (a node marked `jump…`, `bail…`, `ring…`, each
//! hinge's swinging subtree, each photo area's glass or resin, and the setting the viewer
//! builds at each gem slot) is measured
//! against the rest of the model: the closest distance between their triangles, in the
//! closed pose and, for a locket, the open one.
//! Pure; linear in the triangle count (the rest of the model goes into a uniform grid once,
//! and only its cells near the part are searched).

mod distance;
mod grid;

use glam::{Mat4, Vec3};

use crate::hinge::{find_hinges, posed_world_transforms};
use crate::model::marks::{mark_kind, MarkKind};
use crate::model::{PendantModel, Vertex};
use crate::stones::cut::generate;
use crate::stones::setting::{find_gem_slots, setting_mesh, slot_scale, GemSlot};

pub use distance::{triangle_distance, Triangle};
use grid::Grid;

/// How far apart two parts may be and still count as joined, mm: a casting's tolerance.
pub const TOUCH_TOLERANCE_MM: f32 = 0.05;
/// Query triangles and triangle pairs one check may measure (a few tenths of a second): the
/// shipped pendants and an 800,000-triangle file need far fewer; a hostile file with
/// thousands of stacked rings stops here, reporting what it found so far, rather than stall
/// the page or the checker.
pub const MAX_PAIR_TESTS: u64 = 2_000_000;
/// Parts checked at most: a pendant has a handful; a hostile file naming thousands of nodes
/// `gem…` or `ring…` in a deep chain is checked for its first ones only.
pub const MAX_CHECKED_PARTS: usize = 256;

/// A part that does not touch what holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The part's node name.
    pub part: String,
    /// The nearest other part's node name.
    pub nearest: String,
    /// How far apart they are, mm.
    pub distance_mm: f32,
    /// Whether this is the open pose of a locket (else closed, as modelled).
    pub open: bool,
    /// What the part is: a ring or bail, a hinged lid, a photo area, or a stone's setting.
    pub kind: MarkKind,
}

impl Gap {
    /// Stable code for JavaScript: a warning (the model still shows), not an error.
    pub fn code(&self) -> &'static str {
        "model-part-floats"
    }
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pose = if self.open { " with the locket open" } else { "" };
        let fix = match self.kind {
            MarkKind::Hinge => "give the hinge a barrel both halves touch at every opening, or the lid will look loose",
            MarkKind::Stone => {
                "move the slot onto the metal so its setting sits in it, or the stone will look glued on"
            }
            MarkKind::Photo => "seat the photo's glass or resin in its rim, or the photo will look loose",
            _ => "attach it (touching, or sunk into it), or the chain will look like it floats",
        };
        write!(f, "{} is {:.2} mm from {}{pose}: {fix}", self.part, self.distance_mm, self.nearest)
    }
}

/// One mesh node's triangles in world space (metres).
struct Part {
    node: usize,
    triangles: Vec<Triangle>,
}

/// The triangles `indices` make of `vertices`, moved by `world` (faces naming a missing
/// vertex are left out).
fn world_triangles(vertices: &[Vertex], indices: &[u32], world: Mat4, into: &mut Vec<Triangle>) {
    let corner = |i: u32| vertices.get(i as usize).map(|v| world.transform_point3(Vec3::from(v.position)));
    into.extend(
        indices.chunks_exact(3).filter_map(|face| Some([corner(face[0])?, corner(face[1])?, corner(face[2])?])),
    );
}

/// Every mesh node's triangles, and the settings the viewer builds round each gem slot, where
/// `transforms` put them.
fn parts(model: &PendantModel, gem_slots: &[GemSlot], transforms: &[Mat4]) -> Vec<Part> {
    let meshes = model.nodes.iter().enumerate().filter_map(|(node, model_node)| {
        let (mesh, world) = (model.meshes.get(model_node.mesh?)?, *transforms.get(node)?);
        let mut triangles = Vec::new();
        for primitive in &mesh.primitives {
            world_triangles(&primitive.vertices, &primitive.indices, world, &mut triangles);
        }
        Some(Part { node, triangles })
    });
    let settings = gem_slots.iter().filter_map(|slot| {
        let world = *transforms.get(slot.index)? * slot_scale(slot.size_mm);
        let (vertices, indices) = setting_mesh(&generate(slot.cut), slot.setting);
        let mut triangles = Vec::new();
        world_triangles(&vertices, &indices, world, &mut triangles);
        Some(Part { node: slot.index, triangles })
    });
    meshes.chain(settings).filter(|part| !part.triangles.is_empty()).collect()
}

/// Which nodes are `root` or below it: a walk down from `root` (each node visited once, so
/// as long as the subtree, and safe from a parent cycle).
fn subtree(children: &[Vec<usize>], root: usize) -> Vec<bool> {
    let mut inside = vec![false; children.len()];
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if !std::mem::replace(&mut inside[node], true) {
            stack.extend(&children[node]);
        }
    }
    inside
}

/// The groups of nodes that must touch the rest: each ring or bail (with what hangs under it),
/// each hinge's swinging subtree, each photo area and each gem slot's setting; at most
/// [`MAX_CHECKED_PARTS`].
fn attached_groups(model: &PendantModel) -> Vec<(usize, MarkKind, Vec<bool>)> {
    let mut children = vec![Vec::new(); model.nodes.len()];
    for (index, node) in model.nodes.iter().enumerate() {
        if let Some(parent) = node.parent.filter(|&parent| parent < children.len() && parent != index) {
            children[parent].push(index);
        }
    }
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let kind = node.name.as_deref().and_then(mark_kind)?;
            matches!(kind, MarkKind::Ring | MarkKind::Hinge | MarkKind::Stone | MarkKind::Photo)
                .then_some((index, kind))
        })
        .take(MAX_CHECKED_PARTS)
        .map(|(index, kind)| (index, kind, subtree(&children, index)))
        .collect()
}

/// Every part that floats more than [`TOUCH_TOLERANCE_MM`] from the rest of the model, closed
/// and (for a locket) open.
pub fn gaps(model: &PendantModel) -> Vec<Gap> {
    let groups = attached_groups(model);
    if groups.is_empty() {
        return Vec::new();
    }
    let hinges = find_hinges(model);
    let gem_slots = find_gem_slots(model);
    let poses: &[f32] = if hinges.is_empty() { &[0.0] } else { &[0.0, 1.0] };
    let name = |node: usize| model.nodes[node].name.clone().unwrap_or_else(|| format!("node {node}"));
    let mut found = Vec::new();
    let mut budget = MAX_PAIR_TESTS;
    for &fraction in poses {
        let transforms = if fraction == 0.0 {
            model.nodes.iter().map(|n| n.world_transform).collect()
        } else {
            posed_world_transforms(&model.nodes, &hinges, fraction)
        };
        let parts = parts(model, &gem_slots, &transforms);
        // One grid of every part per pose; each group looks for the nearest part not its own.
        let grid = Grid::new(parts.iter().enumerate().flat_map(|(i, p)| p.triangles.iter().map(move |t| (i, *t))));
        for (root, kind, inside) in &groups {
            let group = parts.iter().filter(|part| inside[part.node]);
            if group.clone().next().is_none() || parts.iter().all(|part| inside[part.node]) {
                continue;
            }
            let own = |index: usize| inside[parts[index].node];
            let query = group.flat_map(|p| p.triangles.iter().copied());
            let Some((distance, nearest)) = grid.nearest(query, own, &mut budget) else {
                continue;
            };
            let distance_mm = distance * 1000.0;
            if distance_mm > TOUCH_TOLERANCE_MM {
                let part = name(*root);
                if !found.iter().any(|gap: &Gap| gap.part == part && gap.open == (fraction > 0.0)) {
                    let nearest = name(parts[nearest].node);
                    found.push(Gap { part, nearest, distance_mm, open: fraction > 0.0, kind: *kind });
                }
            }
        }
    }
    found
}
