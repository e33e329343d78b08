//! Generated vertex data the glTF spec asks a viewer to supply when a file omits it:
//! flat normals (spec §3.7.2.1) and tangents for normal mapping.

use glam::{Vec2, Vec3};

use crate::model::Vertex;

/// Un-welds the triangles so each gets its own three vertices with the face normal (what the
/// glTF spec requires when NORMAL is missing). Degenerate triangles get +Z.
pub fn generate_flat_normals(vertices: &[Vertex], indices: &[u32]) -> (Vec<Vertex>, Vec<u32>) {
    let mut flat = Vec::with_capacity(indices.len());
    for triangle in indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| vertices[triangle[k] as usize]);
        let normal = (Vec3::from(b.position) - Vec3::from(a.position))
            .cross(Vec3::from(c.position) - Vec3::from(a.position))
            .try_normalize()
            .unwrap_or(Vec3::Z);
        flat.extend([a, b, c].map(|v| Vertex { normal: normal.into(), ..v }));
    }
    let indices = (0..flat.len() as u32).collect();
    (flat, indices)
}

/// Per-vertex tangents from UV0 derivatives, accumulated over the adjacent triangles and
/// Gram-Schmidt orthogonalized against the normal (E. Lengyel, "Computing Tangent Space Basis
/// Vectors for an Arbitrary Mesh", 2001). Close to MikkTSpace on smooth, well-mapped meshes;
/// the glTF spec recommends MikkTSpace, which matters only for baked normal maps on hard edges.
pub fn generate_tangents(vertices: &mut [Vertex], indices: &[u32]) {
    let mut tangent_sum = vec![Vec3::ZERO; vertices.len()];
    let mut bitangent_sum = vec![Vec3::ZERO; vertices.len()];
    for triangle in indices.chunks_exact(3) {
        let [i0, i1, i2] = [0, 1, 2].map(|k| triangle[k] as usize);
        let [p0, p1, p2] = [i0, i1, i2].map(|i| Vec3::from(vertices[i].position));
        let [t0, t1, t2] = [i0, i1, i2].map(|i| Vec2::from(vertices[i].uv0));
        let (e1, e2) = (p1 - p0, p2 - p0);
        let (d1, d2) = (t1 - t0, t2 - t0);
        let det = d1.x * d2.y - d2.x * d1.y;
        if det.abs() < 1e-12 {
            continue;
        }
        let r = 1.0 / det;
        let tangent = (e1 * d2.y - e2 * d1.y) * r;
        let bitangent = (e2 * d1.x - e1 * d2.x) * r;
        for i in [i0, i1, i2] {
            tangent_sum[i] += tangent;
            bitangent_sum[i] += bitangent;
        }
    }
    for (i, vertex) in vertices.iter_mut().enumerate() {
        let normal = Vec3::from(vertex.normal);
        let tangent = (tangent_sum[i] - normal * normal.dot(tangent_sum[i]))
            .try_normalize()
            .unwrap_or_else(|| normal.any_orthonormal_vector());
        let handedness = if normal.cross(tangent).dot(bitangent_sum[i]) < 0.0 { -1.0 } else { 1.0 };
        vertex.tangent = [tangent.x, tangent.y, tangent.z, handedness];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vertex(position: [f32; 3], uv0: [f32; 2]) -> Vertex {
        Vertex { position, normal: [0.0, 0.0, 1.0], uv0, ..Vertex::default() }
    }

    #[test]
    fn flat_normals_follow_counter_clockwise_winding() {
        let vertices =
            [vertex([0.0, 0.0, 0.0], [0.0; 2]), vertex([1.0, 0.0, 0.0], [0.0; 2]), vertex([0.0, 1.0, 0.0], [0.0; 2])];
        let (flat, indices) = generate_flat_normals(&vertices, &[0, 1, 2]);
        assert_eq!(indices, vec![0, 1, 2]);
        assert!(flat.iter().all(|v| v.normal == [0.0, 0.0, 1.0]));
        let (flipped, _) = generate_flat_normals(&vertices, &[0, 2, 1]);
        assert!(flipped.iter().all(|v| v.normal == [0.0, 0.0, -1.0]));
    }

    #[test]
    fn tangent_follows_increasing_u_and_handedness_follows_v() {
        let mut vertices = [
            vertex([0.0, 0.0, 0.0], [0.0, 0.0]),
            vertex([1.0, 0.0, 0.0], [1.0, 0.0]),
            vertex([0.0, 1.0, 0.0], [0.0, 1.0]),
        ];
        generate_tangents(&mut vertices, &[0, 1, 2]);
        for v in &vertices {
            assert!((Vec3::from_slice(&v.tangent[..3]) - Vec3::X).length() < 1e-5, "{:?}", v.tangent);
            assert_eq!(v.tangent[3], 1.0);
        }
        // Mirrored V (a common UV layout) flips the bitangent sign.
        let mut mirrored = [
            vertex([0.0, 0.0, 0.0], [0.0, 1.0]),
            vertex([1.0, 0.0, 0.0], [1.0, 1.0]),
            vertex([0.0, 1.0, 0.0], [0.0, 0.0]),
        ];
        generate_tangents(&mut mirrored, &[0, 1, 2]);
        assert!(mirrored.iter().all(|v| v.tangent[3] == -1.0));
    }
}
