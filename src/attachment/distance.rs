//! Closest distances between triangles (Ericson, *Real-Time Collision Detection*, 5.1.5 and
//! 5.1.9): two triangles that do not cross are closest at a vertex of one and the face of the
//! other, or at an edge of each; they cross when an edge of one passes through the other.

use glam::Vec3;

/// A triangle's corners.
pub type Triangle = [Vec3; 3];

/// The point of triangle `t` closest to `p`.
fn closest_on_triangle(p: Vec3, [a, b, c]: Triangle) -> Vec3 {
    let (ab, ac, ap) = (b - a, c - a, p - a);
    let (d1, d2) = (ab.dot(ap), ac.dot(ap));
    if d1 <= 0.0 && d2 <= 0.0 {
        return a;
    }
    let bp = p - b;
    let (d3, d4) = (ab.dot(bp), ac.dot(bp));
    if d3 >= 0.0 && d4 <= d3 {
        return b;
    }
    let vc = d1 * d4 - d3 * d2;
    if vc <= 0.0 && d1 >= 0.0 && d3 <= 0.0 {
        return a + ab * (d1 / (d1 - d3));
    }
    let cp = p - c;
    let (d5, d6) = (ab.dot(cp), ac.dot(cp));
    if d6 >= 0.0 && d5 <= d6 {
        return c;
    }
    let vb = d5 * d2 - d1 * d6;
    if vb <= 0.0 && d2 >= 0.0 && d6 <= 0.0 {
        return a + ac * (d2 / (d2 - d6));
    }
    let va = d3 * d6 - d5 * d4;
    if va <= 0.0 && (d4 - d3) >= 0.0 && (d5 - d6) >= 0.0 {
        return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    }
    let denominator = va + vb + vc;
    if denominator.abs() < f32::MIN_POSITIVE {
        return a; // a degenerate triangle: its corner will do
    }
    a + ab * (vb / denominator) + ac * (vc / denominator)
}

/// The squared distance between segments `p1 q1` and `p2 q2`.
fn segment_distance_squared((p1, q1): (Vec3, Vec3), (p2, q2): (Vec3, Vec3)) -> f32 {
    let (d1, d2, r) = (q1 - p1, q2 - p2, p1 - p2);
    let (a, e, f) = (d1.length_squared(), d2.length_squared(), d2.dot(r));
    let (s, t) = if a <= f32::EPSILON && e <= f32::EPSILON {
        (0.0, 0.0)
    } else if a <= f32::EPSILON {
        (0.0, (f / e).clamp(0.0, 1.0))
    } else {
        let c = d1.dot(r);
        if e <= f32::EPSILON {
            ((-c / a).clamp(0.0, 1.0), 0.0)
        } else {
            let b = d1.dot(d2);
            let denominator = a * e - b * b;
            let mut s = if denominator > 0.0 { ((b * f - c * e) / denominator).clamp(0.0, 1.0) } else { 0.0 };
            let mut t = (b * s + f) / e;
            if t < 0.0 {
                t = 0.0;
                s = (-c / a).clamp(0.0, 1.0);
            } else if t > 1.0 {
                t = 1.0;
                s = ((b - c) / a).clamp(0.0, 1.0);
            }
            (s, t)
        }
    };
    ((p1 + d1 * s) - (p2 + d2 * t)).length_squared()
}

/// Whether segment `p q` passes through triangle `t` (Möller–Trumbore, both ways along it).
fn segment_crosses(p: Vec3, q: Vec3, [a, b, c]: Triangle) -> bool {
    let direction = q - p;
    let (e1, e2) = (b - a, c - a);
    let h = direction.cross(e2);
    let det = e1.dot(h);
    if det.abs() < 1e-20 {
        return false; // parallel: the edge distances cover it
    }
    let inverse = 1.0 / det;
    let s = p - a;
    let u = s.dot(h) * inverse;
    if !(0.0..=1.0).contains(&u) {
        return false;
    }
    let qv = s.cross(e1);
    let v = direction.dot(qv) * inverse;
    if v < 0.0 || u + v > 1.0 {
        return false;
    }
    (0.0..=1.0).contains(&(e2.dot(qv) * inverse))
}

fn edges(t: Triangle) -> [(Vec3, Vec3); 3] {
    [(t[0], t[1]), (t[1], t[2]), (t[2], t[0])]
}

/// The distance between two triangles (0 where they touch or cross).
pub fn triangle_distance(a: Triangle, b: Triangle) -> f32 {
    if edges(a).iter().any(|&(p, q)| segment_crosses(p, q, b))
        || edges(b).iter().any(|&(p, q)| segment_crosses(p, q, a))
    {
        return 0.0;
    }
    let mut best = f32::INFINITY;
    for p in a {
        best = best.min((closest_on_triangle(p, b) - p).length_squared());
    }
    for p in b {
        best = best.min((closest_on_triangle(p, a) - p).length_squared());
    }
    for edge_a in edges(a) {
        for edge_b in edges(b) {
            best = best.min(segment_distance_squared(edge_a, edge_b));
        }
    }
    best.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOOR: Triangle = [Vec3::new(0.0, 0.0, 0.0), Vec3::new(1.0, 0.0, 0.0), Vec3::new(0.0, 0.0, 1.0)];

    #[test]
    fn a_triangle_above_another_is_its_height_away() {
        let above = FLOOR.map(|p| p + Vec3::new(0.1, 0.5, 0.1));
        assert!((triangle_distance(FLOOR, above) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn crossing_triangles_are_zero_apart() {
        let upright = [Vec3::new(0.2, -0.5, 0.2), Vec3::new(0.2, 0.5, 0.2), Vec3::new(0.3, 0.0, 0.3)];
        assert_eq!(triangle_distance(FLOOR, upright), 0.0);
    }

    #[test]
    fn edges_beside_each_other_are_measured_edge_to_edge() {
        // A triangle standing beyond the floor's long edge, leaning away: closest edge to edge.
        let beside = [Vec3::new(1.0, 0.0, 0.5), Vec3::new(2.0, 0.0, 0.5), Vec3::new(1.5, 1.0, 0.5)];
        let d = triangle_distance(FLOOR, beside);
        let expected = (0.5f32 * 0.5 / 2.0).sqrt(); // from (1, 0, 0.5) to the hypotenuse x + z = 1
        assert!((d - expected).abs() < 1e-5, "{d} vs {expected}");
    }
}
