//! Lockets that open: a node named `hinge[_<degrees>deg]` (slot convention) swings its
//! children about its own +Y axis, from closed (as modelled) to the opening angle (default
//! 160°). Pure: poses are world transforms the renderer draws with.

use glam::{Mat4, Vec3};

use crate::model::{Bounds, ModelNode, PendantModel};
use crate::setting::mark_words;

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
pub fn posed_world_transforms(nodes: &[ModelNode], hinges: &[Hinge], fraction: f32) -> Vec<Mat4> {
    let fraction = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    let mut world: Vec<Option<Mat4>> = vec![None; nodes.len()];
    fn resolve(
        nodes: &[ModelNode],
        hinges: &[Hinge],
        fraction: f32,
        index: usize,
        world: &mut [Option<Mat4>],
        depth: usize,
    ) -> Mat4 {
        if let Some(done) = world[index] {
            return done;
        }
        let node = &nodes[index];
        let mut local = node.local_transform;
        if let Some(hinge) = hinges.iter().find(|h| h.node == index) {
            local *= Mat4::from_rotation_y(hinge.open_rad * fraction);
        }
        // The loader rejects cycles; the depth guard keeps a hand-made model from recursing forever.
        let parent = match node.parent {
            Some(parent) if parent < nodes.len() && depth < nodes.len() => {
                resolve(nodes, hinges, fraction, parent, world, depth + 1)
            }
            _ => Mat4::IDENTITY,
        };
        let result = parent * local;
        world[index] = Some(result);
        result
    }
    (0..nodes.len()).map(|i| resolve(nodes, hinges, fraction, i, &mut world, 0)).collect()
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
}
