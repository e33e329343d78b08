//! Mesh building blocks in millimetres: a closed outline extruded with rounded (filleted)
//! edges, and a torus for jump rings. Smooth normals everywhere; planar UVs in mm / size.

use std::f32::consts::{FRAC_PI_2, TAU};

use glam::{Vec2, Vec3};

/// Triangles with per-vertex position (mm), normal and UV.
#[derive(Debug, Default, Clone)]
pub struct MeshData {
    /// Positions, mm.
    pub positions: Vec<Vec3>,
    /// Unit normals.
    pub normals: Vec<Vec3>,
    /// Texture coordinates.
    pub uvs: Vec<Vec2>,
    /// Three per triangle, counter-clockwise seen from outside.
    pub indices: Vec<u32>,
}

impl MeshData {
    /// Adds a vertex (the normal is normalized) and returns its index.
    pub fn vertex(&mut self, position: Vec3, normal: Vec3, uv: Vec2) -> u32 {
        self.positions.push(position);
        self.normals.push(normal.normalize());
        self.uvs.push(uv);
        (self.positions.len() - 1) as u32
    }

    /// Joins two rings of equal length into a band of quads (both closed loops).
    fn band(&mut self, a: u32, b: u32, count: u32) {
        for i in 0..count {
            let j = (i + 1) % count;
            self.indices.extend([a + i, b + i, b + j, a + i, b + j, a + j]);
        }
    }

    /// Triangles for a tube: `rings` rings of `sides` vertices each, closed both ways.
    fn close_grid(&mut self, rings: u32, sides: u32) {
        for i in 0..rings {
            let next = (i + 1) % rings;
            for j in 0..sides {
                let k = (j + 1) % sides;
                let (a, b, c, d) = (i * sides + j, next * sides + j, next * sides + k, i * sides + k);
                self.indices.extend([a, b, c, a, c, d]);
            }
        }
    }

    /// Turns the mesh so its +Z axis points along +Y (a quarter turn about X).
    pub fn turned_to_y(mut self) -> Self {
        let turn = |v: Vec3| Vec3::new(v.x, v.z, -v.y);
        self.positions.iter_mut().for_each(|p| *p = turn(*p));
        self.normals.iter_mut().for_each(|n| *n = turn(*n));
        self
    }

    /// The mesh as a drawable primitive, positions multiplied by `to_metres` (0.001 for a
    /// mesh in mm), tangents generated from the UVs.
    pub fn to_primitive(&self, to_metres: f32) -> crate::model::Primitive {
        let mut vertices: Vec<crate::model::Vertex> = (0..self.positions.len())
            .map(|i| crate::model::Vertex {
                position: (self.positions[i] * to_metres).to_array(),
                normal: self.normals[i].to_array(),
                uv0: self.uvs[i].to_array(),
                ..crate::model::Vertex::default()
            })
            .collect();
        crate::model::tangents::generate_tangents(&mut vertices, &self.indices);
        crate::model::Primitive { vertices, indices: self.indices.clone(), ..crate::model::Primitive::default() }
    }

    /// Moves every vertex by `offset` mm.
    pub fn translate(mut self, offset: Vec3) -> Self {
        for p in &mut self.positions {
            *p += offset;
        }
        self
    }
}

/// A point of a closed outline (counter-clockwise seen from +Z) and its outward normal.
pub type OutlinePoint = (Vec2, Vec2);

/// A rectangle `size` mm with corners rounded to `radius`, `steps` segments per corner.
pub fn rounded_rectangle(size: Vec2, radius: f32, steps: usize) -> Vec<OutlinePoint> {
    let half = size / 2.0 - Vec2::splat(radius);
    let centres = [
        Vec2::new(half.x, -half.y),
        Vec2::new(half.x, half.y),
        Vec2::new(-half.x, half.y),
        Vec2::new(-half.x, -half.y),
    ];
    let mut outline = Vec::new();
    for (corner, centre) in centres.iter().enumerate() {
        let start = -FRAC_PI_2 + corner as f32 * FRAC_PI_2;
        for step in 0..=steps {
            let angle = start + FRAC_PI_2 * step as f32 / steps as f32;
            let normal = Vec2::new(angle.cos(), angle.sin());
            outline.push((*centre + normal * radius, normal));
        }
    }
    outline
}

/// Extrudes `outline` (convex) into a slab `depth` mm thick centred on z = 0, every edge
/// rounded with radius `fillet`, `steps` segments per rounding. UVs map the slab's XY extent
/// to 0..1 (U along +X: the brushing direction).
pub fn rounded_slab(outline: &[OutlinePoint], depth: f32, fillet: f32, steps: usize) -> MeshData {
    let (low, high) = outline.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
    let uv = |p: Vec3| Vec2::new((p.x - low.x) / (high.x - low.x), (high.y - p.y) / (high.y - low.y));
    let mut mesh = MeshData::default();
    let count = outline.len() as u32;
    // Profile from the front face's edge (θ = 0) round the side to the back face's (θ = π).
    let mut profile: Vec<(f32, f32, Vec2)> = Vec::new(); // (inset, z, (radial, z) normal)
    let flat = depth / 2.0 - fillet;
    for step in 0..=steps {
        let theta = FRAC_PI_2 * step as f32 / steps as f32;
        profile.push((fillet * (1.0 - theta.sin()), flat + fillet * theta.cos(), Vec2::new(theta.sin(), theta.cos())));
    }
    for step in 0..=steps {
        let theta = FRAC_PI_2 + FRAC_PI_2 * step as f32 / steps as f32;
        profile.push((fillet * (1.0 - theta.sin()), -flat + fillet * theta.cos(), Vec2::new(theta.sin(), theta.cos())));
    }
    let mut rings = Vec::new();
    for &(inset, z, normal) in &profile {
        let first = mesh.positions.len() as u32;
        for &(point, outward) in outline {
            let position = (point - outward * inset).extend(z);
            mesh.vertex(position, (outward * normal.x).extend(normal.y), uv(position));
        }
        rings.push(first);
    }
    for pair in rings.windows(2) {
        mesh.band(pair[0], pair[1], count);
    }
    // Flat caps: fans from the centre, with their own vertices (a crisp normal).
    for (ring, z, facing) in [(rings[0], depth / 2.0, 1.0f32), (*rings.last().expect("rings"), -depth / 2.0, -1.0)] {
        let normal = Vec3::Z * facing;
        let centre_position = ((low + high) / 2.0).extend(z);
        let centre = mesh.vertex(centre_position, normal, uv(centre_position));
        let first = mesh.positions.len() as u32;
        for i in 0..count {
            let position = mesh.positions[(ring + i) as usize];
            mesh.vertex(position, normal, uv(position));
        }
        for i in 0..count {
            let j = (i + 1) % count;
            if facing > 0.0 {
                mesh.indices.extend([centre, first + i, first + j]);
            } else {
                mesh.indices.extend([centre, first + j, first + i]);
            }
        }
    }
    mesh
}

/// A round wire `wire` mm thick following `outline` in the XY plane (a photo's rim).
pub fn tube(outline: &[OutlinePoint], wire: f32, sides: usize) -> MeshData {
    let mut mesh = MeshData::default();
    for (i, &(point, outward)) in outline.iter().enumerate() {
        for j in 0..sides {
            let b = TAU * j as f32 / sides as f32;
            let normal = (outward * b.cos()).extend(b.sin());
            mesh.vertex(
                point.extend(0.0) + normal * wire,
                normal,
                Vec2::new(i as f32 / outline.len() as f32, j as f32 / sides as f32),
            );
        }
    }
    mesh.close_grid(outline.len() as u32, sides as u32);
    mesh
}

/// A torus in the plane normal to `axis` (X: a ring seen edge-on from the front), major radius
/// `radius` (centre line), wire radius `wire`, mm.
pub fn torus(radius: f32, wire: f32, axis: Vec3, segments: usize, sides: usize) -> MeshData {
    let mut mesh = MeshData::default();
    let (u, v) = axis.any_orthonormal_pair();
    for i in 0..segments {
        let a = TAU * i as f32 / segments as f32;
        let radial = u * a.cos() + v * a.sin();
        for j in 0..sides {
            let b = TAU * j as f32 / sides as f32;
            let normal = radial * b.cos() + axis * b.sin();
            mesh.vertex(
                radial * radius + normal * wire,
                normal,
                Vec2::new(i as f32 / segments as f32, j as f32 / sides as f32),
            );
        }
    }
    mesh.close_grid(segments as u32, sides as u32);
    mesh
}

/// A circle of `diameter` mm as an outline with `segments` points.
pub fn circle(diameter: f32, segments: usize) -> Vec<OutlinePoint> {
    ellipse(Vec2::splat(diameter), segments)
}

/// An ellipse `size` mm across.
pub fn ellipse(size: Vec2, segments: usize) -> Vec<OutlinePoint> {
    outline_from_points(
        (0..segments)
            .map(|i| {
                let angle = TAU * i as f32 / segments as f32;
                Vec2::new(angle.cos(), angle.sin()) * size / 2.0
            })
            .collect(),
    )
}

/// A heart `width` mm wide (the classic parametric heart, its notch and tip softened so the
/// rounded edge does not fold), centred on its bounding box.
pub fn heart(width: f32, segments: usize) -> Vec<OutlinePoint> {
    let mut points: Vec<Vec2> = (0..segments)
        .map(|i| {
            let t = TAU * i as f32 / segments as f32;
            // Counter-clockwise: x mirrored from the usual clockwise form.
            Vec2::new(
                -16.0 * t.sin().powi(3),
                13.0 * t.cos() - 5.0 * (2.0 * t).cos() - 2.0 * (3.0 * t).cos() - (4.0 * t).cos(),
            )
        })
        .collect();
    for _ in 0..4 {
        let previous = points.clone();
        let n = previous.len();
        for (i, point) in points.iter_mut().enumerate() {
            *point = (previous[(i + n - 1) % n] + 2.0 * previous[i] + previous[(i + 1) % n]) / 4.0;
        }
    }
    let (low, high) = points.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), &p| (l.min(p), h.max(p)));
    let scale = width / (high.x - low.x);
    let centre = (low + high) / 2.0;
    outline_from_points(points.into_iter().map(|p| (p - centre) * scale).collect())
}

/// Outward normals for a counter-clockwise polygon, from each point's neighbours.
pub fn outline_from_points(points: Vec<Vec2>) -> Vec<OutlinePoint> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let tangent = points[(i + 1) % n] - points[(i + n - 1) % n];
            (points[i], Vec2::new(tangent.y, -tangent.x).normalize_or_zero())
        })
        .collect()
}

/// The outline scaled by `factor` about its bounding box's centre.
pub fn scaled(outline: &[OutlinePoint], factor: f32) -> Vec<OutlinePoint> {
    outline.iter().map(|&(p, n)| (p * factor, n)).collect()
}

/// The area inside `outline`, flat, facing `facing` (+Z or −Z), UVs spanning 0..1 across the
/// longer side of its bounding box, centred, in proportion (U right and V down as seen from
/// the side it faces). Fan from the centre:
/// the outline must be star-shaped about it (circles, ellipses, hearts).
pub fn flat_fill(outline: &[OutlinePoint], facing: f32) -> MeshData {
    let (low, high) = outline.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
    let (centre_point, size) = ((low + high) / 2.0, (high - low).max_element());
    let mut mesh = MeshData::default();
    let normal = Vec3::Z * facing;
    let centre = mesh.vertex(centre_point.extend(0.0), normal, Vec2::splat(0.5));
    for &(point, _) in outline {
        let unit = (point - centre_point) / size;
        // Seen from −Z, right is −X: mirror U so the photo is not reversed.
        mesh.vertex(point.extend(0.0), normal, Vec2::new(0.5 + unit.x * facing, 0.5 - unit.y));
    }
    let segments = outline.len();
    let count = segments as u32;
    for i in 0..count {
        let j = (i + 1) % count;
        if facing > 0.0 {
            mesh.indices.extend([centre, 1 + i, 1 + j]);
        } else {
            mesh.indices.extend([centre, 1 + j, 1 + i]);
        }
    }
    mesh
}

/// The area inside `outline` under a dome `height` mm high at its centre (a glass cabochon,
/// a resin fill), facing +Z. The profile is a quarter ellipse — flat on top, meeting the rim
/// steeply, as cast glass and a resin meniscus do — so the edge catches grazing reflections.
/// `rings` rings from the centre out, each a scaled copy of the outline, closer together
/// toward the edge where the surface turns; planar UVs as [`flat_fill`]. The outline must be
/// star-shaped about the centre of its bounding box.
pub fn domed_fill(outline: &[OutlinePoint], height: f32, rings: usize) -> MeshData {
    let (low, high) = outline.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
    let (centre, size) = ((low + high) / 2.0, (high - low).max_element());
    let mut mesh = MeshData::default();
    let apex = mesh.vertex(centre.extend(height), Vec3::Z, Vec2::splat(0.5));
    let count = outline.len() as u32;
    for ring in 1..=rings {
        let angle = ring as f32 / rings as f32 * FRAC_PI_2;
        let (s, rise) = (angle.sin(), angle.cos());
        for &(point, _) in outline {
            let reach = point - centre;
            let at = centre + reach * s;
            // The ellipse (r/ρ)² + (z/h)² = 1 along the ray to this outline point.
            let normal = (reach.normalize_or_zero() * s / reach.length().max(1e-6)).extend(rise / height.max(1e-6));
            let unit = (at - centre) / size;
            mesh.vertex(at.extend(height * rise), normal, Vec2::new(0.5 + unit.x, 0.5 - unit.y));
        }
    }
    for i in 0..count {
        mesh.indices.extend([apex, 1 + i, 1 + (i + 1) % count]);
    }
    for ring in 1..rings as u32 {
        let (inner, outer) = (1 + (ring - 1) * count, 1 + ring * count);
        for i in 0..count {
            let j = (i + 1) % count;
            mesh.indices.extend([inner + i, outer + i, outer + j, inner + i, outer + j, inner + j]);
        }
    }
    mesh
}

/// A puffy (pillow) solid of `outline`, `thickness` mm at its centre: front and back are
/// superellipse domes, (r/ρ)^2.6 + (z/h)^2.6 = 1 along each ray from the centre, meeting at
/// the outline with a vertical tangent so the edge is rounded, not creased. `rings` rings per
/// side; smooth normals from the faces around each vertex; planar UVs as [`flat_fill`]. The
/// outline must be star-shaped about the centre of its bounding box.
pub fn puffy(outline: &[OutlinePoint], thickness: f32, rings: usize) -> MeshData {
    const EXPONENT: f32 = 2.6;
    let (low, high) = outline.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
    let (centre, size) = ((low + high) / 2.0, (high - low).max_element());
    let half = thickness / 2.0;
    let mut mesh = MeshData::default();
    let uv = |at: Vec2| {
        let unit = (at - centre) / size;
        Vec2::new(0.5 + unit.x, 0.5 - unit.y)
    };
    let count = outline.len() as u32;
    // Rings from the front pole over the rim to the back pole: angle 0 … π.
    let front_pole = mesh.vertex(centre.extend(half), Vec3::Z, uv(centre));
    let steps = 2 * rings;
    for ring in 1..steps {
        let angle = ring as f32 / steps as f32 * std::f32::consts::PI;
        let (s, c) = (angle.sin(), angle.cos());
        let reach = s.powf(2.0 / EXPONENT);
        let z = half * c.signum() * c.abs().powf(2.0 / EXPONENT);
        for &(point, _) in outline {
            let at = centre + (point - centre) * reach;
            mesh.vertex(at.extend(z), Vec3::Z, uv(at));
        }
    }
    let back_pole = mesh.vertex(centre.extend(-half), Vec3::NEG_Z, uv(centre));
    let ring_start = |ring: u32| 1 + (ring - 1) * count;
    for i in 0..count {
        let j = (i + 1) % count;
        mesh.indices.extend([front_pole, 1 + i, 1 + j]);
        let last = ring_start(steps as u32 - 1);
        mesh.indices.extend([last + i, back_pole, last + j]);
    }
    for ring in 1..steps as u32 - 1 {
        let (a, b) = (ring_start(ring), ring_start(ring + 1));
        for i in 0..count {
            let j = (i + 1) % count;
            mesh.indices.extend([a + i, b + i, b + j, a + i, b + j, a + j]);
        }
    }
    // Normals: area-weighted face normals; the poles keep ±Z.
    let mut normals = vec![Vec3::ZERO; mesh.positions.len()];
    for triangle in mesh.indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| mesh.positions[triangle[k] as usize]);
        let face = (b - a).cross(c - a);
        for &k in triangle {
            normals[k as usize] += face;
        }
    }
    for (k, normal) in normals.into_iter().enumerate() {
        if k as u32 != front_pole && k as u32 != back_pole {
            mesh.normals[k] = normal.normalize_or(Vec3::Z);
        }
    }
    mesh
}
