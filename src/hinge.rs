//! Lockets that open: a node named `hinge[_<degrees>deg]` (slot convention) swings its
//! children about its own +Y axis, from closed (as modelled) to the opening angle (default
//! 160°). Pure: poses are world transforms the renderer draws with.

use glam::{Mat4, Vec3};

use crate::model::marks::mark_words;
use crate::model::{Bounds, ModelNode, PendantModel};

/// Opening angle when a hinge name gives none, degrees.
pub const DEFAULT_OPEN_DEG: f32 = 160.0;
/// Angles a hinge name may give, degrees.
pub const OPEN_RANGE_DEG: (f32, f32) = (1.0, 270.0);

/// One hinge of a model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hinge {
    /// Index of the hinge node.
    pub node: usize,
    /// Fully open angle, radians.
    pub open_rad: f32,
}

/// The opening angle a hinge name asks for: `None` when the name is not a hinge, `Err` with
/// the word that is not an angle in range.
pub fn parse_hinge_name(name: &str) -> Option<Result<f32, String>> {
    let words = mark_words(name);
    let (first, rest) = words.split_first()?;
    if first != "hinge" {
        return None;
    }
    let mut degrees = DEFAULT_OPEN_DEG;
    for word in rest {
        match word.strip_suffix("deg").and_then(|v| v.parse::<f32>().ok()) {
            Some(value) if (OPEN_RANGE_DEG.0..=OPEN_RANGE_DEG.1).contains(&value) => degrees = value,
            _ => return Some(Err(word.clone())),
        }
    }
    Some(Ok(degrees))
}

/// Every well-formed hinge of `model`.
pub fn find_hinges(model: &PendantModel) -> Vec<Hinge> {
    model
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(node, n)| {
            let degrees = parse_hinge_name(n.name.as_deref()?)?.ok()?;
            Some(Hinge { node, open_rad: degrees.to_radians() })
        })
        .collect()
}

/// World transforms of every node with each hinge opened by `fraction` (0 closed … 1 open).
/// Iterative (a deep chain of nodes must not overflow the stack) and linear: each node is
/// resolved once, after its ancestors; a parent cycle, which the loader never writes, is cut
/// where it closes.
pub fn posed_world_transforms(nodes: &[ModelNode], hinges: &[Hinge], fraction: f32) -> Vec<Mat4> {
    let fraction = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    let mut swing: Vec<Option<f32>> = vec![None; nodes.len()];
    for hinge in hinges {
        if let Some(slot) = swing.get_mut(hinge.node) {
            *slot = Some(hinge.open_rad * fraction);
        }
    }
    let local = |index: usize| {
        let node = &nodes[index];
        swing[index].map_or(node.local_transform, |angle| node.local_transform * Mat4::from_rotation_y(angle))
    };
    let mut world: Vec<Option<Mat4>> = vec![None; nodes.len()];
    let mut pending = Vec::new();
    for start in 0..nodes.len() {
        // Climb to the first resolved ancestor (or the root), then come back down.
        let mut at = Some(start);
        while let Some(index) = at.filter(|&i| i < nodes.len() && world[i].is_none()) {
            if pending.len() >= nodes.len() {
                break; // a cycle: its top is treated as a root
            }
            pending.push(index);
            at = nodes[index].parent;
        }
        let mut parent = at.and_then(|i| world.get(i).copied().flatten()).unwrap_or(Mat4::IDENTITY);
        while let Some(index) = pending.pop() {
            parent *= local(index);
            world[index] = Some(parent);
        }
    }
    world.into_iter().map(|m| m.unwrap_or(Mat4::IDENTITY)).collect()
}

/// The box around the model closed and fully open, so the camera frames the open locket too
/// (mid-swing the lid passes nearer the camera for a moment; framing for that would leave
/// the locket small the rest of the time).
pub fn swept_bounds(model: &PendantModel, hinges: &[Hinge]) -> Bounds {
    let mut bounds = model.bounds;
    if hinges.is_empty() {
        return bounds;
    }
    for fraction in [0.0, 1.0] {
        let transforms = posed_world_transforms(&model.nodes, hinges, fraction);
        for (node, transform) in model.nodes.iter().zip(&transforms) {
            let Some(mesh) = node.mesh.and_then(|m| model.meshes.get(m)) else { continue };
            for vertex in mesh.primitives.iter().flat_map(|p| &p.vertices) {
                bounds.include(transform.transform_point3(Vec3::from(vertex.position)));
            }
        }
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelNode;

    fn node(name: &str, parent: Option<usize>, translation: Vec3) -> ModelNode {
        ModelNode {
            name: Some(name.into()),
            parent,
            local_transform: Mat4::from_translation(translation),
            world_transform: Mat4::IDENTITY,
            mesh: None,
        }
    }

    #[test]
    fn hinge_names() {
        assert_eq!(parse_hinge_name("hinge"), Some(Ok(DEFAULT_OPEN_DEG)));
        assert_eq!(parse_hinge_name("Hinge_120deg.001"), Some(Ok(120.0)));
        assert_eq!(parse_hinge_name("hinge_400deg"), Some(Err("400deg".into())));
        assert_eq!(parse_hinge_name("lid"), None);
    }

    #[test]
    fn children_swing_about_the_hinge_axis_toward_the_front() {
        // A hinge on the right edge; the lid's centre 11 mm to its left.
        let nodes = vec![
            node("hinge_90deg", None, Vec3::new(0.011, 0.0, 0.0)),
            node("lid", Some(0), Vec3::new(-0.011, 0.0, 0.0)),
        ];
        let hinges = [Hinge { node: 0, open_rad: 90f32.to_radians() }];
        let closed = posed_world_transforms(&nodes, &hinges, 0.0)[1].transform_point3(Vec3::ZERO);
        let open = posed_world_transforms(&nodes, &hinges, 1.0)[1].transform_point3(Vec3::ZERO);
        assert!(closed.abs_diff_eq(Vec3::ZERO, 1e-6), "{closed}");
        assert!(open.abs_diff_eq(Vec3::new(0.011, 0.0, 0.011), 1e-6), "opens toward +Z: {open}");
        let half = posed_world_transforms(&nodes, &hinges, 0.5)[1].transform_point3(Vec3::ZERO);
        assert!(((half - Vec3::new(0.011, 0.0, 0.0)).length() - 0.011).abs() < 1e-6, "stays on the circle: {half}");
    }

    #[test]
    fn a_chain_of_a_million_nodes_is_posed_without_recursion() {
        // Recursion per ancestor overflowed the stack here (a 2 MiB test thread) long before
        // the end; the loader's budget keeps real files far shorter, this checks the walk.
        let count = 1_000_000;
        let mut nodes = vec![node("hinge_90deg", None, Vec3::ZERO)];
        nodes.extend((1..count).map(|i| node("link", Some(i - 1), Vec3::new(0.0, 1e-6, 0.0))));
        let posed = posed_world_transforms(&nodes, &[Hinge { node: 0, open_rad: 1.0 }], 1.0);
        let tip = posed[count - 1].transform_point3(Vec3::ZERO);
        let expected = (count - 1) as f32 * 1e-6;
        assert!((tip.y / expected - 1.0).abs() < 0.02, "{tip} (f32 sums a million steps)");
    }
}
