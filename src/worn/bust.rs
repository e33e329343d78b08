//! The display bust of the worn view: the neck, shoulders and upper chest of a jewelry display
//! form, generated (no asset to ship, no licence to track), in a linen look so no skin tone is
//! implied.
//!
//! The form is a stack of horizontal sections, each a superellipse `|x/a|^n + |(z−c)/b|^n = 1`
//! whose half-width `a`, front and back and exponent `n` follow a table of heights (below).
//! Metres, +Y up, +Z out of the chest, the origin at the suprasternal notch (the hollow at the
//! base of the throat), which is where a length chart measures from.
//!
//! Proportions (the medium form; a body size scales the neck's circumference and the torso
//! with it):
//! - neck circumference 32, 35 or 38 cm (small, medium, large), the sizes issue 22 names;
//! - shoulders about 36 cm across: adult women's biacromial breadth (ANSUR II, 2012);
//! - the bust point 21 cm below the notch: the sternal-notch-to-nipple distance plastic
//!   surgeons take as usual (Penn, Br J Plast Surg 1955: 21 cm);
//! - chest depth about 21 cm at the bust, the upper chest leaning forward below the notch.

use glam::{Vec2, Vec3};

use crate::model::build::mesh::MeshData;
use crate::model::{AlphaMode, Material, PendantModel};

/// Neck circumferences offered, cm (small, medium, large).
pub const NECK_SIZES_CM: [u8; 3] = [32, 35, 38];
/// The body size a worn view uses unless told.
pub const DEFAULT_NECK_CM: u8 = 35;
/// Height of the bust point below the notch, metres.
pub const BUST_POINT_DROP_M: f32 = 0.21;

/// Sections tabulated per metre of height (every millimetre).
const ROWS_PER_M: f32 = 1000.0;

/// One horizontal section.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Section {
    /// Half the width across the shoulders (x).
    half_width: f32,
    /// z of the front and of the back.
    front: f32,
    back: f32,
    /// Superellipse exponent: 2 round, larger squarer.
    exponent: f32,
}

impl Section {
    fn centre(&self) -> f32 {
        (self.front + self.back) * 0.5
    }

    fn half_depth(&self) -> f32 {
        (self.front - self.back) * 0.5
    }

    fn lerp(&self, other: &Section, t: f32) -> Section {
        let mix = |a: f32, b: f32| a + (b - a) * t;
        Section {
            half_width: mix(self.half_width, other.half_width),
            front: mix(self.front, other.front),
            back: mix(self.back, other.back),
            exponent: mix(self.exponent, other.exponent),
        }
    }
}

/// A display bust of one body size.
#[derive(Debug, Clone, PartialEq)]
pub struct Bust {
    /// Neck circumference, cm.
    pub neck_cm: u8,
    /// Sections every millimetre from `bottom` up.
    rows: Vec<Section>,
    bottom: f32,
}

impl Bust {
    /// The form with a neck of `neck_cm` centimetres round (its torso scaled in proportion).
    pub fn new(neck_cm: u8) -> Self {
        let keys = keys(f32::from(neck_cm) / 100.0);
        let (top, bottom) = (keys[0].0, keys[keys.len() - 1].0);
        let count = ((top - bottom) * ROWS_PER_M).round() as usize + 1;
        let rows = (0..count).map(|i| interpolate(&keys, bottom + i as f32 / ROWS_PER_M)).collect();
        Self { neck_cm, rows, bottom }
    }

    /// Heights of the form's bottom and top, metres.
    pub fn height_range(&self) -> (f32, f32) {
        (self.bottom, self.bottom + (self.rows.len() - 1) as f32 / ROWS_PER_M)
    }

    /// z of the front at height `y` on the centre line (`None` above or below the form).
    pub fn front_at(&self, y: f32) -> Option<f32> {
        self.section(y).map(|s| s.front)
    }

    /// z of the back at height `y` on the centre line (`None` above or below the form).
    pub fn back_at(&self, y: f32) -> Option<f32> {
        self.section(y).map(|s| s.back)
    }

    fn section(&self, y: f32) -> Option<Section> {
        let at = (y - self.bottom) * ROWS_PER_M;
        if !(0.0..=(self.rows.len() - 1) as f32).contains(&at) {
            return None;
        }
        let below = (at.floor() as usize).min(self.rows.len() - 2);
        Some(self.rows[below].lerp(&self.rows[below + 1], at - below as f32))
    }

    /// Signed distance of `p` from the surface, approximately (positive outside, exact on it),
    /// and the outward unit normal there. `None` above or below the form.
    pub fn distance(&self, p: Vec3) -> Option<(f32, Vec3)> {
        let section = self.section(p.y)?;
        let dy = 0.5 / ROWS_PER_M;
        let (below, above) = (self.section(p.y - dy).unwrap_or(section), self.section(p.y + dy).unwrap_or(section));
        let slope = |f: fn(&Section) -> f32| (f(&above) - f(&below)) / (2.0 * dy);
        let (a, b, c, n) = (section.half_width, section.half_depth(), section.centre(), section.exponent);
        let (x, z) = (p.x / a, (p.z - c) / b);
        let (xn1, zn1) = (x.abs().powf(n - 1.0), z.abs().powf(n - 1.0));
        let sum = (xn1 * x.abs() + zn1 * z.abs()).max(1e-12);
        let radius = sum.powf(1.0 / n);
        // ∂R/∂x = R^(1−n)·|x|^(n−1)·sign(x), by the chain rule through the section's a, b, c.
        let scale = radius / sum;
        let (dr_dx, dr_dz) = (scale * xn1 * x.signum(), scale * zn1 * z.signum());
        let (da, db, dc) = (slope(|s| s.half_width), slope(Section::half_depth), slope(Section::centre));
        let gradient = Vec3::new(dr_dx / a, dr_dx * (-x * da / a) + dr_dz * (-dc / b - z * db / b), dr_dz / b);
        let length = gradient.length().max(1e-9);
        Some(((radius - 1.0) / length, gradient / length))
    }

    /// Where `p` (on or near the surface) is in the form's texture: U once round the form
    /// (as [`Bust::model`] maps it), V down from the top. `None` above or below the form.
    pub fn uv_of(&self, p: Vec3) -> Option<Vec2> {
        let section = self.section(p.y)?;
        let (bottom, top) = self.height_range();
        let half = section.exponent * 0.5;
        let x = p.x / section.half_width;
        let z = (p.z - section.centre()) / section.half_depth();
        let angle = (z.signum() * z.abs().powf(half)).atan2(x.signum() * x.abs().powf(half));
        Some(Vec2::new((-angle / std::f32::consts::TAU).rem_euclid(1.0), (top - p.y) / (top - bottom)))
    }

    /// The form as a model: its surface, closed at the neck and at the bottom, in linen.
    pub fn model(&self) -> PendantModel {
        const COLUMNS: usize = 96;
        const ROW_STEP_MM: usize = 4;
        let mut mesh = MeshData::default();
        let (bottom, top) = self.height_range();
        let row_count = ((top - bottom) * 1000.0) as usize / ROW_STEP_MM + 1;
        let heights: Vec<f32> = (0..row_count).map(|i| (bottom + (i * ROW_STEP_MM) as f32 / 1000.0).min(top)).collect();
        for &y in &heights {
            let section = self.section(y).expect("inside the table");
            for column in 0..=COLUMNS {
                let point = Vec3::new(0.0, y, 0.0) + outline_point(&section, column as f32 / COLUMNS as f32);
                let probe = Vec3::new(point.x, y.clamp(bottom + 0.001, top - 0.001), point.z);
                let normal = self.distance(probe).map_or(Vec3::Z, |(_, n)| n);
                let uv = Vec2::new(column as f32 / COLUMNS as f32, (top - y) / (top - bottom));
                mesh.vertex(point, normal, uv);
            }
        }
        let stride = COLUMNS as u32 + 1;
        for row in 0..row_count as u32 - 1 {
            for column in 0..COLUMNS as u32 {
                let (a, b) = (row * stride + column, row * stride + column + 1);
                let (c, d) = (a + stride, b + stride);
                mesh.indices.extend([a, b, d, a, d, c]);
            }
        }
        for (y, up) in [(bottom, -1.0_f32), (top, 1.0)] {
            let section = self.section(y).expect("inside the table");
            let centre = mesh.vertex(Vec3::new(0.0, y, section.centre()), Vec3::Y * up, Vec2::splat(0.5));
            mesh.vertex(Vec3::new(0.0, y, 0.0) + outline_point(&section, 0.0), Vec3::Y * up, Vec2::ZERO);
            for column in 1..=COLUMNS {
                let point = Vec3::new(0.0, y, 0.0) + outline_point(&section, column as f32 / COLUMNS as f32);
                let this = mesh.vertex(point, Vec3::Y * up, Vec2::ZERO);
                let previous = this - 1;
                if up > 0.0 {
                    mesh.indices.extend([centre, this, previous]);
                } else {
                    mesh.indices.extend([centre, previous, this]);
                }
            }
        }
        PendantModel::single("display_bust", mesh.to_primitive(1.0), linen())
    }
}

/// The point at `t` (0..1 round, from +x towards −z… counter-clockwise seen from above) on a
/// section's outline, relative to the centre line.
fn outline_point(section: &Section, t: f32) -> Vec3 {
    let angle = -t * std::f32::consts::TAU;
    let (sin, cos) = angle.sin_cos();
    let power = 2.0 / section.exponent;
    Vec3::new(
        cos.signum() * cos.abs().powf(power) * section.half_width,
        0.0,
        section.centre() + sin.signum() * sin.abs().powf(power) * section.half_depth(),
    )
}

/// A warm, undyed linen: matte, light enough to read a form, dark enough that polished
/// silver and white gold stand out against it.
fn linen() -> Material {
    let srgb = [181, 168, 148].map(crate::color::srgb_to_linear);
    Material {
        name: Some("linen".into()),
        base_color_factor: [srgb[0], srgb[1], srgb[2], 1.0],
        metallic_factor: 0.0,
        roughness_factor: 0.92,
        alpha_mode: AlphaMode::Opaque,
        ..Material::default()
    }
}

/// The table of sections for a neck `neck_m` round, top to bottom: (height, section).
fn keys(neck_m: f32) -> Vec<(f32, Section)> {
    let s = neck_m / 0.35;
    let r = neck_m / std::f32::consts::TAU;
    let neck_centre = -0.052 * s;
    let neck = |widen: f32, back: f32, n: f32| Section {
        half_width: r * 1.04 * widen,
        front: neck_centre + r * 0.96,
        back: neck_centre - r * 0.96 * back,
        exponent: n,
    };
    let torso = |half_width: f32, front: f32, back: f32, exponent: f32| Section {
        half_width: half_width * s,
        front: front * s,
        back: back * s,
        exponent,
    };
    vec![
        (0.115, neck(1.0, 1.0, 2.0)),
        (0.060, neck(1.0, 1.0, 2.0)),
        (0.040, neck(1.08, 1.06, 2.1)),
        (0.024, torso(0.090, 0.005, -0.112, 2.4)),
        (0.010, torso(0.132, 0.005, -0.118, 2.8)),
        (-0.012, torso(0.166, 0.008, -0.122, 3.2)),
        (-0.040, torso(0.180, 0.022, -0.124, 3.2)),
        (-0.080, torso(0.176, 0.045, -0.122, 3.0)),
        (-0.140, torso(0.168, 0.072, -0.118, 2.7)),
        (-BUST_POINT_DROP_M, torso(0.162, 0.090, -0.114, 2.5)),
        (-0.250, torso(0.158, 0.088, -0.112, 2.5)),
        (-0.290, torso(0.152, 0.082, -0.110, 2.5)),
    ]
}

/// The section at `y`: Catmull–Rom through the table's keys (smooth, passing through each).
fn interpolate(keys: &[(f32, Section)], y: f32) -> Section {
    let last = keys.len() - 1;
    let i = keys.iter().position(|(h, _)| *h <= y).unwrap_or(last).clamp(1, last);
    let (y0, y1) = (keys[i - 1].0, keys[i].0);
    let t = ((y0 - y) / (y0 - y1)).clamp(0.0, 1.0);
    let p0 = keys[i.saturating_sub(2)].1;
    let (p1, p2) = (keys[i - 1].1, keys[i].1);
    let p3 = keys[(i + 1).min(last)].1;
    let spline = |f: fn(&Section) -> f32| {
        let (a, b, c, d) = (f(&p0), f(&p1), f(&p2), f(&p3));
        let (t2, t3) = (t * t, t * t * t);
        0.5 * (2.0 * b + (c - a) * t + (2.0 * a - 5.0 * b + 4.0 * c - d) * t2 + (3.0 * b - a - 3.0 * c + d) * t3)
    };
    Section {
        half_width: spline(|s| s.half_width),
        front: spline(|s| s.front),
        back: spline(|s| s.back),
        exponent: spline(|s| s.exponent).max(2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_neck_has_the_circumference_asked() {
        for neck_cm in NECK_SIZES_CM {
            let bust = Bust::new(neck_cm);
            let section = bust.section(0.08).unwrap();
            let points: Vec<Vec3> = (0..=400).map(|i| outline_point(&section, i as f32 / 400.0)).collect();
            let round: f32 = points.windows(2).map(|w| (w[1] - w[0]).length()).sum();
            assert!((round * 100.0 - f32::from(neck_cm)).abs() < 0.3, "{neck_cm} cm neck is {} cm", round * 100.0);
        }
    }

    #[test]
    fn distance_is_zero_on_the_surface_and_signed() {
        let bust = Bust::new(DEFAULT_NECK_CM);
        for (y, t) in [(0.08, 0.1), (0.0, 0.75), (-0.1, 0.25), (-0.2, 0.6), (0.02, 0.9)] {
            let on = Vec3::new(0.0, y, 0.0) + outline_point(&bust.section(y).unwrap(), t);
            let (d, normal) = bust.distance(on).unwrap();
            assert!(d.abs() < 1e-4, "{d} at {on}");
            let (outside, _) = bust.distance(on + normal * 0.003).unwrap();
            let (inside, _) = bust.distance(on - normal * 0.003).unwrap();
            assert!((outside - 0.003).abs() < 0.0006 && (inside + 0.003).abs() < 0.0006, "{outside} {inside}");
        }
        assert!(bust.distance(Vec3::new(0.0, 0.5, 0.0)).is_none());
    }

    #[test]
    fn the_form_is_a_closed_surface_facing_out() {
        let model = Bust::new(DEFAULT_NECK_CM).model();
        let primitive = &model.meshes[0].primitives[0];
        assert!(primitive.indices.len() / 3 < 40_000);
        let b = model.bounds;
        assert!((b.max.x - b.min.x - 0.36).abs() < 0.01, "shoulders {} m across", b.max.x - b.min.x);
        // Normals point away from the centre line.
        for vertex in primitive.vertices.iter().step_by(97) {
            let (p, n) = (Vec3::from(vertex.position), Vec3::from(vertex.normal));
            let outward = Vec3::new(p.x, 0.0, p.z + 0.05);
            assert!(n.dot(outward) > -1e-3 || n.y.abs() > 0.99, "{p} {n}");
        }
    }
}
