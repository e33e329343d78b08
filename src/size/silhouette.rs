//! What a pendant covers seen from the front: every drawn triangle of the model, closed (a
//! locket's lid shut), flattened onto the front plane in millimetres. The proof unites them
//! into the outline it prints at true size (the proof room's `outline`).

use glam::Vec3;

use crate::model::PendantModel;

/// Each triangle facing the front (+Z) as three (x, y) points in mm, y up: a closed surface's
/// front-facing triangles cover all it covers, so the back half is left out. Linear in the
/// triangles.
pub fn front_triangles(model: &PendantModel) -> Vec<f32> {
    let mut flat = Vec::new();
    for node in &model.nodes {
        let Some(mesh) = node.mesh.and_then(|m| model.meshes.get(m)) else { continue };
        for primitive in &mesh.primitives {
            let points: Vec<Vec3> = primitive
                .vertices
                .iter()
                .map(|v| node.world_transform.transform_point3(Vec3::from(v.position)) * 1000.0)
                .collect();
            for triangle in primitive.indices.chunks_exact(3) {
                let corner = |k: usize| points.get(triangle[k] as usize).copied();
                let (Some(a), Some(b), Some(c)) = (corner(0), corner(1), corner(2)) else { continue };
                let facing = (b - a).truncate().perp_dot((c - a).truncate());
                // Front-facing, or an open surface's triangle seen edge-on from either side.
                if facing > 0.0 || (facing < 0.0 && primitive_is_double_sided(model, primitive.material)) {
                    flat.extend([a.x, a.y, b.x, b.y, c.x, c.y]);
                }
            }
        }
    }
    flat
}

/// A double-sided material's triangles are seen from both sides (a merchant's single sheet).
fn primitive_is_double_sided(model: &PendantModel, material: Option<usize>) -> bool {
    material.and_then(|m| model.materials.get(m)).is_some_and(|m| m.double_sided)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::gltf::{load_gltf, ExternalResources};

    #[test]
    fn the_disc_covers_its_width_with_its_ring() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/disc-pendant.glb")).unwrap();
        let model = load_gltf(&bytes, &ExternalResources::new()).unwrap();
        let flat = front_triangles(&model);
        assert_eq!(flat.len() % 6, 0);
        let xs = flat.iter().step_by(2);
        let (low, high) = xs.fold((f32::MAX, f32::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        assert!((high - low - 20.0).abs() < 0.05, "{low}..{high}");
    }
}
