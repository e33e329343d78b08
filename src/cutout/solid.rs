//! A flat region → a closed solid: the faces triangulated (i_triangle), the side walls swept
//! round every contour with a rounded edge profile. Faces get crisp normals (±Z); the walls
//! are smooth along curves and split at sharp corners (more than 35° turn), so a polished
//! letter's rounded edge catches the strip lights while a block capital's corner stays crisp.
//! The walls are built from the triangulation's own boundary, so faces and walls share every
//! edge: the solid is watertight.

use std::collections::HashMap;

use glam::{Vec2, Vec3};
use i_triangle::float::triangulatable::Triangulatable;

use super::region::{bounds, Region};
use crate::model::build::mesh::MeshData;

/// Turns sharper than this keep a crisp edge (cosine of 35°).
const SHARP_COS: f32 = 0.819;
/// The longest a corner's inset may be, in insets (a needle-sharp corner would otherwise
/// throw its inset far out).
const MITER_LIMIT: f32 = 2.5;

/// A flat triangulation: points and counter-clockwise triangles.
struct Faces {
    points: Vec<Vec2>,
    triangles: Vec<[u32; 3]>,
}

fn triangulate(region: &Region) -> Faces {
    let triangulation = region.as_slice().triangulate().to_triangulation::<u32>();
    let points: Vec<Vec2> = triangulation.points.iter().map(|&p| Vec2::from(p)).collect();
    let triangles = triangulation
        .indices
        .chunks_exact(3)
        .filter_map(|t| {
            let [a, b, c] = [t[0], t[1], t[2]];
            let (pa, pb, pc) = (points[a as usize], points[b as usize], points[c as usize]);
            let turn = (pb - pa).perp_dot(pc - pa);
            if turn.abs() < 1e-12 {
                None
            } else if turn > 0.0 {
                Some([a, b, c])
            } else {
                Some([a, c, b])
            }
        })
        .collect();
    Faces { points, triangles }
}

/// The boundary of the faces as closed loops of point indices, the metal on their left.
fn boundary_loops(faces: &Faces) -> Vec<Vec<u32>> {
    let mut uses: HashMap<(u32, u32), u32> = HashMap::new();
    for t in &faces.triangles {
        for k in 0..3 {
            let (a, b) = (t[k], t[(k + 1) % 3]);
            *uses.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }
    // Directed boundary edges, as the triangles run them (metal on the left).
    let mut next: HashMap<u32, Vec<u32>> = HashMap::new();
    for t in &faces.triangles {
        for k in 0..3 {
            let (a, b) = (t[k], t[(k + 1) % 3]);
            if uses[&(a.min(b), a.max(b))] == 1 {
                next.entry(a).or_default().push(b);
            }
        }
    }
    let mut starts: Vec<u32> = next.keys().copied().collect();
    starts.sort_unstable();
    let mut loops = Vec::new();
    for start in starts {
        while let Some(mut at) = next.get_mut(&start).and_then(Vec::pop) {
            let mut ring = vec![start];
            while at != start {
                ring.push(at);
                match next.get_mut(&at).and_then(Vec::pop) {
                    Some(to) => at = to,
                    None => break, // an open chain cannot happen for a valid triangulation
                }
            }
            if ring.len() >= 3 {
                loops.push(ring);
            }
        }
    }
    loops
}

/// A point of a boundary loop: where it is, how it moves inward as the edge rounds, and the
/// outward normals of the walls either side (equal where the loop is smooth).
struct Corner {
    point: u32,
    miter: Vec2,
    normal_in: Vec2,
    normal_out: Vec2,
}

fn corners(faces: &Faces, ring: &[u32]) -> Vec<Corner> {
    let n = ring.len();
    let outward = |a: u32, b: u32| {
        let d = faces.points[b as usize] - faces.points[a as usize];
        Vec2::new(d.y, -d.x).normalize_or_zero()
    };
    (0..n)
        .map(|i| {
            let (before, at, after) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            let (n1, n2) = (outward(before, at), outward(at, after));
            let sum = n1 + n2;
            let miter = if sum.length_squared() < 1e-8 {
                n1
            } else {
                let m = sum / (1.0 + n1.dot(n2)).max(1e-3);
                m.clamp_length_max(MITER_LIMIT)
            };
            let (normal_in, normal_out) = if n1.dot(n2) < SHARP_COS {
                (n1, n2)
            } else {
                let smooth = sum.normalize_or(n1);
                (smooth, smooth)
            };
            Corner { point: at, miter, normal_in, normal_out }
        })
        .collect()
}

/// The edge profile from the front face's edge round to the back face's: (inset, z, normal as
/// (outward, z)). A quarter circle of radius `fillet` at each face, a straight wall between;
/// `steps` = 0 gives a square edge.
fn profile(thickness: f32, fillet: f32, steps: usize) -> Vec<(f32, f32, Vec2)> {
    let half = thickness / 2.0;
    if steps == 0 || fillet <= 0.0 {
        return vec![(0.0, half, Vec2::X), (0.0, -half, Vec2::X)];
    }
    let flat = half - fillet;
    let mut rings = Vec::new();
    for (centre, from) in [(flat, 0.0f32), (-flat, std::f32::consts::FRAC_PI_2)] {
        for step in 0..=steps {
            let theta = from + std::f32::consts::FRAC_PI_2 * step as f32 / steps as f32;
            rings.push((
                fillet * (1.0 - theta.sin()),
                centre + fillet * theta.cos(),
                Vec2::new(theta.sin(), theta.cos()),
            ));
        }
    }
    rings
}

/// Extrudes `region` into a solid `thickness` mm thick centred on z = 0, its edges rounded
/// with radius `fillet` in `steps` segments. UVs map the region's extent to 0..1, U along +X
/// (the brushing direction).
pub fn extrude(region: &Region, thickness: f32, fillet: f32, steps: usize) -> MeshData {
    let faces = triangulate(region);
    let loops = boundary_loops(&faces);
    let (low, high) = bounds(region);
    let size = (high - low).max(Vec2::splat(1e-3));
    let uv = |p: Vec3| Vec2::new((p.x - low.x) / size.x, (high.y - p.y) / size.y);
    let fillet = fillet.min(thickness / 2.0);
    let profile = profile(thickness, fillet, steps);
    let mut mesh = MeshData::default();
    // Each face point's position on the faces: boundary points move inward by the fillet.
    let mut face_point = faces.points.clone();
    for ring in &loops {
        let corners = corners(&faces, ring);
        for corner in &corners {
            face_point[corner.point as usize] = faces.points[corner.point as usize] - corner.miter * profile[0].0;
        }
        // Two columns per corner (in, out); a smooth corner's are the same vertex.
        let mut columns: Vec<[u32; 2]> = Vec::with_capacity(corners.len());
        for corner in &corners {
            let p = faces.points[corner.point as usize];
            let column = |normal: Vec2, mesh: &mut MeshData| {
                let start = mesh.positions.len() as u32;
                for &(inset, z, n) in &profile {
                    let position = (p - corner.miter * inset).extend(z);
                    mesh.vertex(position, (normal * n.x).extend(n.y), uv(position));
                }
                start
            };
            let a = column(corner.normal_in, &mut mesh);
            let b = if corner.normal_in == corner.normal_out { a } else { column(corner.normal_out, &mut mesh) };
            columns.push([a, b]);
        }
        let n = columns.len();
        for i in 0..n {
            let (from, to) = (columns[i][1], columns[(i + 1) % n][0]);
            for r in 0..profile.len() as u32 - 1 {
                let (a, b, c, d) = (from + r, to + r, to + r + 1, from + r + 1);
                mesh.indices.extend([a, c, b, a, d, c]);
            }
        }
    }
    for (z, facing) in [(thickness / 2.0, 1.0f32), (-thickness / 2.0, -1.0)] {
        let first = mesh.positions.len() as u32;
        for &p in &face_point {
            let position = p.extend(z);
            mesh.vertex(position, Vec3::Z * facing, uv(position));
        }
        for t in &faces.triangles {
            let [a, b, c] = t.map(|i| first + i);
            if facing > 0.0 {
                mesh.indices.extend([a, b, c]);
            } else {
                mesh.indices.extend([a, c, b]);
            }
        }
    }
    mesh
}

/// The volume a closed, outward-facing mesh encloses, mm³ (divergence theorem).
pub fn volume(mesh: &MeshData) -> f32 {
    mesh.indices
        .chunks_exact(3)
        .map(|t| {
            let [a, b, c] = [0, 1, 2].map(|k| mesh.positions[t[k] as usize]);
            a.dot(b.cross(c)) as f64 / 6.0
        })
        .sum::<f64>() as f32
}

/// Edges (between positions welded to 1 µm) not shared by exactly two triangles: empty for
/// a watertight mesh.
pub fn open_edges(mesh: &MeshData) -> Vec<(Vec3, Vec3)> {
    let key = |p: Vec3| ((p * 1000.0).round().as_ivec3()).to_array();
    type Welded = ([i32; 3], [i32; 3]);
    let mut uses: HashMap<Welded, (u32, Vec3, Vec3)> = HashMap::new();
    for t in mesh.indices.chunks_exact(3) {
        for k in 0..3 {
            let (a, b) = (mesh.positions[t[k] as usize], mesh.positions[t[(k + 1) % 3] as usize]);
            let (ka, kb) = (key(a), key(b));
            if ka == kb {
                continue; // a zero-length edge of a degenerate sliver
            }
            let entry = uses.entry((ka.min(kb), ka.max(kb))).or_insert((0, a, b));
            entry.0 += 1;
        }
    }
    uses.into_values().filter(|(count, _, _)| *count != 2).map(|(_, a, b)| (a, b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cutout::region::unite;

    #[test]
    fn a_square_with_a_hole_is_watertight_and_has_its_volume() {
        let outer = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let hole = vec![[3.0, 3.0], [3.0, 7.0], [7.0, 7.0], [7.0, 3.0]];
        let region = unite(&[outer, hole]);
        let square = extrude(&region, 1.0, 0.0, 0);
        assert!(open_edges(&square).is_empty(), "{:?}", open_edges(&square));
        assert!((volume(&square) - 84.0).abs() < 1e-3, "{}", volume(&square));
        let rounded = extrude(&region, 1.0, 0.3, 4);
        assert!(open_edges(&rounded).is_empty());
        // A rounded edge takes (1 − π/4)·r² per mm of edge from each face's rim: 2 × 56 mm of edge.
        let expected = 84.0 - 2.0 * (1.0 - std::f32::consts::FRAC_PI_4) * 0.09 * 56.0;
        assert!((volume(&rounded) - expected).abs() < 0.3, "{} vs {expected}", volume(&rounded));
    }
}
