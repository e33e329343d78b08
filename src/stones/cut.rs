//! Stone geometry, generated: faceted cuts as convex polyhedra (the intersection of the facet
//! planes, so the mesh and the planes the gem shader traces against are the same shape), and
//! smooth cabochons and pearls.
//!
//! Local units: the girdle's largest half-width is 1, the table faces +Z, the girdle plane is
//! z = 0. A setting scales by half the stone's size in metres.
//!
//! Proportions of the round brilliant: the "ideal" cut (M. Tolkowsky, "Diamond Design", 1919,
//! as the GIA excellent range centres on it): table 57 % of the diameter, crown angle 34.5°,
//! pavilion angle 40.75°, a thin girdle (3 %), star facets about half-way down the crown,
//! lower girdle facets reaching about 77 % toward the culet.

use glam::{Vec2, Vec3};

use crate::model::Vertex;

/// The shapes a stone can be cut in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cut {
    /// 57-facet round brilliant.
    Round,
    /// Oval brilliant, 1.4 : 1.
    Oval,
    /// Square princess (chevron pavilion).
    Princess,
    /// Heart brilliant (two mirrored convex halves).
    Heart,
    /// Smooth dome with a flat back (opal, moonstone, turquoise).
    Cabochon,
    /// A sphere (pearl).
    Sphere,
}

impl Cut {
    /// Names used in attributes and slot extras.
    pub const NAMES: [(&'static str, Cut); 6] = [
        ("round", Cut::Round),
        ("oval", Cut::Oval),
        ("princess", Cut::Princess),
        ("heart", Cut::Heart),
        ("cabochon", Cut::Cabochon),
        ("sphere", Cut::Sphere),
    ];

    /// The cut called `name`.
    pub fn named(name: &str) -> Option<Cut> {
        let name = name.trim().to_ascii_lowercase();
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, cut)| cut)
    }
}

/// A plane `normal · x = offset` bounding a convex stone (inside: `normal · x ≤ offset`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facet {
    /// Outward unit normal.
    pub normal: Vec3,
    /// Distance from the origin along the normal.
    pub offset: f32,
}

/// Most planes a cut may have (the gem shader's uniform array size).
pub const MAX_FACETS: usize = 80;

/// A generated stone.
#[derive(Debug, Clone, PartialEq)]
pub struct GemGeometry {
    /// The cut.
    pub cut: Cut,
    /// Facet planes (empty for smooth cuts). For a heart, the planes of the x ≥ 0 half, with
    /// the plane x = 0 among them acting as a mirror (see `mirror_x`).
    pub facets: Vec<Facet>,
    /// The stone is the x ≥ 0 half mirrored: a ray reaching x = 0 continues mirrored.
    pub mirror_x: bool,
    /// Flat-shaded facets (faceted cuts) or a smooth surface, in local units.
    pub vertices: Vec<Vertex>,
    /// Triangle list.
    pub indices: Vec<u32>,
    /// Half-widths of the girdle outline along x and y.
    pub half_extent: Vec2,
    /// Height of the table (or dome) above the girdle plane.
    pub crown_height: f32,
    /// Depth of the culet (or flat back) below the girdle plane.
    pub pavilion_depth: f32,
}

const GIRDLE_HALF: f32 = 0.015;
const TABLE_RADIUS: f32 = 0.57;
const CROWN_DEG: f32 = 34.5;
const PAVILION_DEG: f32 = 40.75;
const STAR_DEG: f32 = 21.7;
const UPPER_GIRDLE_DEG: f32 = 41.0;
const LOWER_GIRDLE_DEG: f32 = 42.0;

/// A plane at `azimuth` (radians around +Z from +X) tilted `tilt` from vertical toward +Z
/// (crown, `up` = 1) or −Z (pavilion, `up` = −1), through `point`.
fn inclined(azimuth: f32, tilt_deg: f32, up: f32, point: Vec3) -> Facet {
    let (sin_az, cos_az) = azimuth.sin_cos();
    let (sin_t, cos_t) = tilt_deg.to_radians().sin_cos();
    // Tilt measured from the girdle plane: a crown angle of 34.5° means the facet rises 34.5°
    // above horizontal, so its normal leans 34.5° from vertical.
    let normal = Vec3::new(cos_az * sin_t, sin_az * sin_t, up * cos_t).normalize();
    Facet { normal, offset: normal.dot(point) }
}

fn radial(azimuth: f32, radius: f32, z: f32) -> Vec3 {
    let (sin, cos) = azimuth.sin_cos();
    Vec3::new(cos * radius, sin * radius, z)
}

fn round_brilliant_facets() -> Vec<Facet> {
    use std::f32::consts::TAU;
    let crown_height = (1.0 - TABLE_RADIUS) * CROWN_DEG.to_radians().tan();
    let table_z = GIRDLE_HALF + crown_height;
    let culet_z = -GIRDLE_HALF - PAVILION_DEG.to_radians().tan();
    let mut facets =
        vec![Facet { normal: Vec3::Z, offset: table_z }, Facet { normal: -Vec3::Z, offset: -culet_z - 0.004 }];
    for k in 0..16 {
        let azimuth = (k as f32 + 0.5) * TAU / 16.0;
        facets.push(Facet { normal: radial(azimuth, 1.0, 0.0), offset: 1.0 });
    }
    for k in 0..8 {
        let main = k as f32 * TAU / 8.0;
        let between = main + TAU / 16.0;
        // Crown: bezel (main) facets, stars toward the table, upper girdle halves.
        facets.push(inclined(main, CROWN_DEG, 1.0, radial(main, 1.0, GIRDLE_HALF)));
        let star_point = radial(between, TABLE_RADIUS * 1.02, table_z);
        facets.push(inclined(between, STAR_DEG, 1.0, star_point));
        for side in [-1.0, 1.0] {
            let half = main + side * TAU / 32.0;
            facets.push(inclined(half, UPPER_GIRDLE_DEG, 1.0, radial(half, 1.0, GIRDLE_HALF)));
        }
        // Pavilion: mains and lower girdle halves.
        facets.push(inclined(main, PAVILION_DEG, -1.0, radial(main, 1.0, -GIRDLE_HALF)));
        for side in [-1.0, 1.0] {
            let half = main + side * TAU / 32.0;
            facets.push(inclined(half, LOWER_GIRDLE_DEG, -1.0, radial(half, 1.0, -GIRDLE_HALF)));
        }
    }
    facets
}

fn princess_facets() -> Vec<Facet> {
    use std::f32::consts::FRAC_PI_2;
    let crown_height = 0.3;
    let table_z = GIRDLE_HALF + crown_height;
    let corner = std::f32::consts::SQRT_2;
    let mut facets = vec![Facet { normal: Vec3::Z, offset: table_z }];
    for k in 0..4 {
        let side = k as f32 * FRAC_PI_2;
        let diagonal = side + FRAC_PI_2 / 2.0;
        facets.push(Facet { normal: radial(side, 1.0, 0.0), offset: 1.0 });
        // Slightly clipped corners, as real princess cuts have to avoid chipping.
        facets.push(Facet { normal: radial(diagonal, 1.0, 0.0), offset: corner * 0.97 });
        facets.push(inclined(side, 38.0, 1.0, radial(side, 1.0, GIRDLE_HALF)));
        facets.push(inclined(diagonal, 30.0, 1.0, radial(diagonal, corner * 0.97, GIRDLE_HALF)));
        // Chevron pavilion: three steps per side.
        for (offset, tilt) in [(0.0, 41.0), (-0.38, 46.0), (0.38, 46.0)] {
            let azimuth = side + offset;
            facets.push(inclined(azimuth, tilt, -1.0, radial(side, 1.0, -GIRDLE_HALF)));
        }
        facets.push(inclined(diagonal, 39.0, -1.0, radial(diagonal, corner * 0.97, -GIRDLE_HALF)));
    }
    facets
}

/// The x ≥ 0 half of a heart: a lobe (circle) and the straight side down to the point, each
/// outline plane given a crown and a pavilion facet like a brilliant's, plus x = 0 as the
/// mirror plane.
fn heart_half_facets() -> Vec<Facet> {
    let lobe_center = Vec2::new(0.47, 0.28);
    let lobe_radius = 0.53;
    let point = Vec2::new(0.0, -1.0);
    // Tangent from the point to the lobe circle: the straight lower side.
    let to_center = lobe_center - point;
    let tangent_angle = (lobe_radius / to_center.length()).asin();
    let side_direction = Vec2::from_angle(-tangent_angle).rotate(to_center.normalize());
    let side_normal = Vec2::new(side_direction.y, -side_direction.x);
    let side_normal_angle = side_normal.y.atan2(side_normal.x);
    let crown_height = 0.29;
    let table_z = GIRDLE_HALF + crown_height;
    let culet_z = -GIRDLE_HALF - 0.86;
    let mut facets = vec![
        Facet { normal: -Vec3::X, offset: 0.0 },
        Facet { normal: Vec3::Z, offset: table_z },
        Facet { normal: -Vec3::Z, offset: -culet_z - 0.004 },
    ];
    // Outline normals from the straight side's round to the notch, about 20° apart.
    let notch_angle = 2.55f32;
    let steps = 8;
    let mut outline = vec![(side_normal_angle, point)];
    for i in 0..=steps {
        let angle = side_normal_angle + (notch_angle - side_normal_angle) * (i as f32 + 0.5) / (steps as f32 + 1.0);
        outline.push((angle, lobe_center + Vec2::from_angle(angle) * lobe_radius));
    }
    for (i, &(angle, at)) in outline.iter().enumerate() {
        let (sin, cos) = angle.sin_cos();
        let normal = Vec3::new(cos, sin, 0.0);
        facets.push(Facet { normal, offset: normal.dot(at.extend(0.0)) });
        let tier = if i % 2 == 0 { (CROWN_DEG, PAVILION_DEG) } else { (UPPER_GIRDLE_DEG, LOWER_GIRDLE_DEG) };
        facets.push(inclined(angle, tier.0, 1.0, at.extend(GIRDLE_HALF)));
        facets.push(inclined(angle, tier.1, -1.0, at.extend(-GIRDLE_HALF)));
    }
    facets
}

/// Generates the stone for `cut`.
pub fn generate(cut: Cut) -> GemGeometry {
    match cut {
        Cut::Round => from_facets(cut, round_brilliant_facets(), false, Vec3::ONE),
        Cut::Oval => from_facets(cut, round_brilliant_facets(), false, Vec3::new(1.0, 1.0 / 1.4, 1.0 / 1.2)),
        Cut::Princess => from_facets(cut, princess_facets(), false, Vec3::ONE),
        Cut::Heart => from_facets(cut, heart_half_facets(), true, Vec3::ONE),
        Cut::Cabochon => smooth(cut, 0.55, 0.12),
        Cut::Sphere => smooth(cut, 1.0, 1.0),
    }
}

/// Scales planes by `scale` (normals by its inverse), clips a box to them and meshes the
/// result; `mirror_x` mirrors the x ≥ 0 half into a whole stone.
fn from_facets(cut: Cut, facets: Vec<Facet>, mirror_x: bool, scale: Vec3) -> GemGeometry {
    let facets: Vec<Facet> = facets
        .into_iter()
        .map(|f| {
            let normal = f.normal / scale;
            let length = normal.length();
            Facet { normal: normal / length, offset: f.offset / length }
        })
        .collect();
    debug_assert!(facets.len() <= MAX_FACETS, "{} facets", facets.len());
    let faces = clip_convex(&facets);
    let mut vertices = Vec::new();
    let mut indices = Vec::new();
    for (plane, polygon) in &faces {
        if mirror_x && facets[*plane].normal.x < -0.999 {
            continue; // the mirror plane is inside the stone
        }
        for mirrored in [false, true] {
            if mirrored && !mirror_x {
                continue;
            }
            let flip = |p: Vec3| if mirrored { Vec3::new(-p.x, p.y, p.z) } else { p };
            let normal = flip(facets[*plane].normal);
            let base = vertices.len() as u32;
            vertices.extend(polygon.iter().map(|&p| Vertex {
                position: flip(p).into(),
                normal: normal.into(),
                tangent: [1.0, 0.0, 0.0, 1.0],
                ..Vertex::default()
            }));
            for i in 1..polygon.len() as u32 - 1 {
                // Mirroring reverses the winding; swap to keep faces counter-clockwise.
                let (b, c) = if mirrored { (i + 1, i) } else { (i, i + 1) };
                indices.extend([base, base + b, base + c]);
            }
        }
    }
    let mut min = Vec3::splat(f32::INFINITY);
    let mut max = Vec3::splat(f32::NEG_INFINITY);
    for v in &vertices {
        min = min.min(Vec3::from(v.position));
        max = max.max(Vec3::from(v.position));
    }
    GemGeometry {
        cut,
        facets,
        mirror_x,
        vertices,
        indices,
        half_extent: Vec2::new(max.x.max(-min.x), max.y.max(-min.y)),
        crown_height: max.z,
        pavilion_depth: -min.z,
    }
}

/// Polygons (counter-clockwise seen from outside) of the convex body `∩ normal·x ≤ offset`,
/// each tagged with its plane. Starts from a box that contains any of our stones.
fn clip_convex(facets: &[Facet]) -> Vec<(usize, Vec<Vec3>)> {
    const BOX: f32 = 3.0;
    let mut faces: Vec<(Option<usize>, Vec<Vec3>)> = Vec::new();
    for axis in 0..3 {
        for sign in [-1.0f32, 1.0] {
            let mut normal = Vec3::ZERO;
            normal[axis] = sign;
            let u = normal.any_orthonormal_vector();
            let v = normal.cross(u);
            let c = normal * BOX;
            faces.push((None, vec![c + (u + v) * BOX, c + (v - u) * BOX, c - (u + v) * BOX, c + (u - v) * BOX]));
        }
    }
    for (index, facet) in facets.iter().enumerate() {
        let mut cap_points = Vec::new();
        let mut clipped = Vec::with_capacity(faces.len() + 1);
        for (plane, polygon) in faces {
            let polygon = clip_polygon(&polygon, facet, &mut cap_points);
            if polygon.len() >= 3 {
                clipped.push((plane, polygon));
            }
        }
        if cap_points.len() >= 3 {
            clipped.push((Some(index), order_around(cap_points, facet.normal)));
        }
        faces = clipped;
    }
    faces.into_iter().filter_map(|(plane, polygon)| plane.map(|p| (p, polygon))).collect()
}

/// Sutherland–Hodgman against one plane; the new points on the plane go to `cap`.
fn clip_polygon(polygon: &[Vec3], facet: &Facet, cap: &mut Vec<Vec3>) -> Vec<Vec3> {
    let distance = |p: Vec3| facet.normal.dot(p) - facet.offset;
    let mut out = Vec::with_capacity(polygon.len() + 1);
    for i in 0..polygon.len() {
        let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
        let (da, db) = (distance(a), distance(b));
        if da <= 0.0 {
            out.push(a);
        }
        if (da <= 0.0) != (db <= 0.0) {
            let crossing = a + (b - a) * (da / (da - db));
            out.push(crossing);
            cap.push(crossing);
        }
    }
    out
}

/// Sorts points on a plane counter-clockwise around `normal`, dropping near-duplicates.
fn order_around(mut points: Vec<Vec3>, normal: Vec3) -> Vec<Vec3> {
    let center = points.iter().copied().sum::<Vec3>() / points.len() as f32;
    let u = normal.any_orthonormal_vector();
    let v = normal.cross(u);
    points.sort_by(|a, b| {
        let angle = |p: &Vec3| (*p - center).dot(v).atan2((*p - center).dot(u));
        angle(a).total_cmp(&angle(b))
    });
    points.dedup_by(|a, b| a.distance_squared(*b) < 1e-10);
    if points.len() > 1 && points[0].distance_squared(points[points.len() - 1]) < 1e-10 {
        points.pop();
    }
    points
}

/// A dome of height `dome` over a flat back `depth` below (cabochon), or a sphere when both
/// are 1, with smooth normals.
fn smooth(cut: Cut, dome: f32, depth: f32) -> GemGeometry {
    const RINGS: u32 = 24;
    const SEGMENTS: u32 = 48;
    let mut vertices = Vec::new();
    let mut indices = Vec::new();
    let sphere = cut == Cut::Sphere;
    // Rings from the top (polar 0) to the girdle (π/2) for a cabochon, to the bottom (π) for
    // a sphere; the cabochon's back is a flat disc added after.
    let last_polar = if sphere { std::f32::consts::PI } else { std::f32::consts::FRAC_PI_2 };
    for ring in 0..=RINGS {
        let polar = last_polar * ring as f32 / RINGS as f32;
        for segment in 0..=SEGMENTS {
            let azimuth = std::f32::consts::TAU * segment as f32 / SEGMENTS as f32;
            let (sin_p, cos_p) = polar.sin_cos();
            let (sin_a, cos_a) = azimuth.sin_cos();
            let position = Vec3::new(sin_p * cos_a, sin_p * sin_a, cos_p * dome);
            // Ellipsoid normal: gradient of x² + y² + (z/dome)².
            let normal = Vec3::new(position.x, position.y, position.z / (dome * dome)).normalize();
            vertices.push(Vertex { position: position.into(), normal: normal.into(), ..Vertex::default() });
        }
    }
    let row = SEGMENTS + 1;
    for ring in 0..RINGS {
        for segment in 0..SEGMENTS {
            let a = ring * row + segment;
            let (b, c, d) = (a + 1, a + row, a + row + 1);
            indices.extend([a, c, b, b, c, d]);
        }
    }
    if !sphere {
        let center = vertices.len() as u32;
        vertices.push(Vertex { position: [0.0, 0.0, -depth], normal: [0.0, 0.0, -1.0], ..Vertex::default() });
        for segment in 0..=SEGMENTS {
            let (sin_a, cos_a) = (std::f32::consts::TAU * segment as f32 / SEGMENTS as f32).sin_cos();
            vertices.push(Vertex { position: [cos_a, sin_a, -depth], normal: [0.0, 0.0, -1.0], ..Vertex::default() });
        }
        for segment in 0..SEGMENTS {
            indices.extend([center, center + 2 + segment, center + 1 + segment]);
        }
        // The thin wall between the dome's rim and the back.
        let rim = RINGS * row;
        let back = center + 1;
        for segment in 0..SEGMENTS {
            let (sin_a, cos_a) = (std::f32::consts::TAU * (segment as f32 + 0.5) / SEGMENTS as f32).sin_cos();
            let normal = [cos_a, sin_a, 0.0];
            let base = vertices.len() as u32;
            for index in [rim + segment, rim + segment + 1, back + segment + 1, back + segment] {
                vertices.push(Vertex { normal, ..vertices[index as usize] });
            }
            indices.extend([base, base + 3, base + 1, base + 1, base + 3, base + 2]);
        }
    }
    let (crown_height, pavilion_depth) = if sphere { (1.0, 1.0) } else { (dome, depth) };
    GemGeometry {
        cut,
        facets: Vec::new(),
        mirror_x: false,
        vertices,
        indices,
        half_extent: Vec2::ONE,
        crown_height,
        pavilion_depth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_closed_and_outward(geometry: &GemGeometry) {
        // Signed volume of a closed, outward-wound mesh is positive; every facet's triangles
        // face the way its normal says.
        let mut volume = 0.0;
        for triangle in geometry.indices.chunks_exact(3) {
            let [a, b, c] = [0, 1, 2].map(|k| Vec3::from(geometry.vertices[triangle[k] as usize].position));
            volume += a.dot(b.cross(c)) / 6.0;
            let face = (b - a).cross(c - a);
            let normal = Vec3::from(geometry.vertices[triangle[0] as usize].normal);
            if face.length() > 1e-6 {
                assert!(face.normalize().dot(normal) > 0.5, "{:?}: a triangle faces inward", geometry.cut);
            }
        }
        assert!(volume > 0.1, "{:?}: volume {volume}", geometry.cut);
    }

    #[test]
    fn round_brilliant_has_ideal_proportions() {
        let round = generate(Cut::Round);
        assert!(round.facets.len() <= MAX_FACETS);
        assert_closed_and_outward(&round);
        // Diameter 2: crown ≈ 16 % (0.31 + girdle), pavilion ≈ 43 % of the diameter.
        assert!((round.crown_height / 2.0 - 0.16).abs() < 0.015, "crown {}", round.crown_height);
        assert!((round.pavilion_depth / 2.0 - 0.43).abs() < 0.015, "pavilion {}", round.pavilion_depth);
        assert!((round.half_extent.x - 1.0).abs() < 0.03, "{:?}", round.half_extent);
        // Facets that show: table, 8 stars, 8 bezels, 16 upper and 16 lower girdle, 8
        // pavilion mains and 16 girdle faces (and a tiny culet): at least 57.
        let triangles_per_plane = {
            let mut planes = std::collections::HashSet::new();
            for v in &round.vertices {
                planes.insert(v.normal.map(|c| (c * 1000.0) as i32));
            }
            planes.len()
        };
        assert!(triangles_per_plane >= 57, "only {triangles_per_plane} facets");
    }

    #[test]
    fn every_cut_is_a_closed_solid_of_the_right_size() {
        for (name, cut) in Cut::NAMES {
            let geometry = generate(cut);
            assert_eq!(Cut::named(name), Some(cut));
            assert!(geometry.facets.len() <= MAX_FACETS, "{name}");
            assert_closed_and_outward(&geometry);
            let widest = geometry.half_extent.max_element();
            assert!((0.95..=1.45).contains(&widest), "{name}: half extent {:?}", geometry.half_extent);
            for v in &geometry.vertices {
                assert!(Vec3::from(v.position).is_finite() && Vec3::from(v.normal).is_normalized(), "{name}");
            }
        }
        let oval = generate(Cut::Oval);
        assert!((oval.half_extent.x / oval.half_extent.y - 1.4).abs() < 0.05, "{:?}", oval.half_extent);
        assert!(generate(Cut::Heart).mirror_x);
    }

    #[test]
    fn faceted_vertices_lie_inside_every_plane() {
        for cut in [Cut::Round, Cut::Oval, Cut::Princess, Cut::Heart] {
            let geometry = generate(cut);
            for v in &geometry.vertices {
                let p = Vec3::from(v.position);
                let p = if geometry.mirror_x { Vec3::new(p.x.abs(), p.y, p.z) } else { p };
                for facet in &geometry.facets {
                    assert!(facet.normal.dot(p) <= facet.offset + 1e-4, "{cut:?}: {p} outside {facet:?}");
                }
            }
        }
    }
}
