//! The soft contact shadow behind the pendant: the classic jewelry shot, a pendant lying on a
//! pale surface (or hanging in front of a backdrop) with the key light in front and above, so
//! a soft shadow falls just below and beside it. Seen from the front it gives the pendant
//! depth; the shadow plane fades out as the view turns toward the side (see shaders/shadow.wgsl).
//!
//! Baked once per model on the CPU: the triangles are projected along the light onto the plane
//! touching the back of the pendant, rasterized into a coverage grid and blurred. Pure.

use glam::{Mat4, Vec2, Vec3};

use crate::hinge::{posed_world_transforms, swept_bounds, Hinge};
use crate::model::{Bounds, PendantModel};

/// Texels along each side of the shadow image.
pub const SHADOW_SIZE: usize = 128;

/// Direction toward the key light (front, above, a little to the left), as in the studio.
pub const LIGHT_DIRECTION: Vec3 = Vec3::new(-0.22, 0.42, 1.0);

/// Distance from the back of the pendant to the shadow plane, relative to its largest side.
const PLANE_GAP: f32 = 0.15;

/// A baked contact shadow.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactShadow {
    /// World position of the image's first texel corner (bottom left, seen from the front).
    pub origin: Vec3,
    /// World vector along the image's rows (left to right).
    pub u: Vec3,
    /// World vector along its columns (bottom to top).
    pub v: Vec3,
    /// `SHADOW_SIZE²` opacities, rows from bottom to top.
    pub opacity: Vec<u8>,
}

/// Bakes the shadow of `model` cast onto the plane z = (back of the model) along
/// [`LIGHT_DIRECTION`]; `None` for an empty model.
pub fn contact_shadow(model: &PendantModel) -> Option<ContactShadow> {
    let transforms: Vec<Mat4> = model.nodes.iter().map(|node| node.world_transform).collect();
    posed_contact_shadow(model, &transforms, model.bounds)
}

/// A locket's shadow: closed, and the opacity of the open pose over the same image, so the
/// shadow follows the lid as [`blend_opacity`] mixes them; `None` for an empty model or one
/// without hinges.
pub fn swinging_contact_shadow(model: &PendantModel, hinges: &[Hinge]) -> Option<(ContactShadow, Vec<u8>)> {
    if hinges.is_empty() {
        return None;
    }
    let bounds = swept_bounds(model, hinges);
    let closed = posed_contact_shadow(model, &posed_world_transforms(&model.nodes, hinges, 0.0), bounds)?;
    let open = posed_contact_shadow(model, &posed_world_transforms(&model.nodes, hinges, 1.0), bounds)?;
    Some((closed, open.opacity))
}

/// The opacity `fraction` of the way from `closed` to `open` (0 closed … 1 open).
pub fn blend_opacity(closed: &[u8], open: &[u8], fraction: f32) -> Vec<u8> {
    let t = fraction.clamp(0.0, 1.0);
    closed.iter().zip(open).map(|(&c, &o)| (c as f32 + (o as f32 - c as f32) * t).round() as u8).collect()
}

/// [`contact_shadow`] with the nodes placed by `transforms` (world, per node), the image
/// covering `bounds`.
fn posed_contact_shadow(model: &PendantModel, transforms: &[Mat4], bounds: Bounds) -> Option<ContactShadow> {
    if bounds.is_empty() {
        return None;
    }
    let light = LIGHT_DIRECTION.normalize();
    // The surface sits a little behind the pendant (it hangs just in front of a backdrop, or
    // lies on a surface with its bail and edges lifting it), so the shadow shows beside it.
    let size = bounds.max - bounds.min;
    let plane_z = bounds.min.z - PLANE_GAP * size.x.max(size.y);
    let project = |p: Vec3| -> Vec2 {
        let along = (p.z - plane_z) / light.z;
        (p - light * along).truncate()
    };
    // The shadow's extent: the projected box, plus room for the blur.
    let margin = 0.18 * size.x.max(size.y);
    let (mut low, mut high) = (Vec2::splat(f32::INFINITY), Vec2::splat(f32::NEG_INFINITY));
    for i in 0..8 {
        let pick = |bit: usize, min: f32, max: f32| if i & bit == 0 { min } else { max };
        let corner = Vec3::new(
            pick(1, bounds.min.x, bounds.max.x),
            pick(2, bounds.min.y, bounds.max.y),
            pick(4, bounds.min.z, bounds.max.z),
        );
        let projected = project(corner);
        low = low.min(projected);
        high = high.max(projected);
    }
    low -= Vec2::splat(margin);
    high += Vec2::splat(margin);
    let extent = (high - low).max(Vec2::splat(1e-6));
    let texel = extent / SHADOW_SIZE as f32;

    let mut coverage = vec![0.0f32; SHADOW_SIZE * SHADOW_SIZE];
    for (node, transform) in model.nodes.iter().zip(transforms) {
        let Some(mesh) = node.mesh.and_then(|m| model.meshes.get(m)) else { continue };
        for primitive in &mesh.primitives {
            for triangle in primitive.indices.chunks_exact(3) {
                let points = [0, 1, 2].map(|k| {
                    let vertex = primitive.vertices.get(triangle[k] as usize).map_or([0.0; 3], |v| v.position);
                    (project(transform.transform_point3(Vec3::from(vertex))) - low) / texel
                });
                rasterize(&points, &mut coverage);
            }
        }
    }
    // Two box blurs approximate a Gaussian of about this many texels.
    let radius = 5;
    let blurred = box_blur(&box_blur(&coverage, radius), radius);
    Some(ContactShadow {
        origin: low.extend(plane_z),
        u: Vec3::new(extent.x, 0.0, 0.0),
        v: Vec3::new(0.0, extent.y, 0.0),
        opacity: blurred.iter().map(|&c| (c.clamp(0.0, 1.0) * 255.0).round() as u8).collect(),
    })
}

/// Marks texels whose centres lie inside the triangle (either winding).
fn rasterize([a, b, c]: &[Vec2; 3], coverage: &mut [f32]) {
    let edge = |p: Vec2, q: Vec2, r: Vec2| (q - p).perp_dot(r - p);
    let area = edge(*a, *b, *c);
    if area.abs() < 1e-12 || !area.is_finite() {
        return;
    }
    let last = SHADOW_SIZE as f32 - 1.0;
    let min = a.min(*b).min(*c).floor().clamp(Vec2::ZERO, Vec2::splat(last));
    let max = a.max(*b).max(*c).ceil().clamp(Vec2::ZERO, Vec2::splat(last));
    for y in min.y as usize..=max.y as usize {
        for x in min.x as usize..=max.x as usize {
            let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
            let (w0, w1, w2) = (edge(*b, *c, p), edge(*c, *a, p), edge(*a, *b, p));
            let inside =
                if area > 0.0 { w0 >= 0.0 && w1 >= 0.0 && w2 >= 0.0 } else { w0 <= 0.0 && w1 <= 0.0 && w2 <= 0.0 };
            if inside {
                coverage[y * SHADOW_SIZE + x] = 1.0;
            }
        }
    }
}

/// Separable box blur of `radius` texels (edges clamp).
fn box_blur(image: &[f32], radius: usize) -> Vec<f32> {
    let n = SHADOW_SIZE;
    let width = (2 * radius + 1) as f32;
    let pass = |source: &[f32], horizontal: bool| {
        let mut out = vec![0.0; n * n];
        for line in 0..n {
            for i in 0..n {
                let mut sum = 0.0;
                for k in i as isize - radius as isize..=(i + radius) as isize {
                    let k = k.clamp(0, n as isize - 1) as usize;
                    sum += if horizontal { source[line * n + k] } else { source[k * n + line] };
                }
                let at = if horizontal { line * n + i } else { i * n + line };
                out[at] = sum / width;
            }
        }
        out
    };
    pass(&pass(image, true), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mesh, ModelNode, Primitive, Vertex};

    /// A 10 mm square facing +Z, 1 mm in front of the origin.
    fn square() -> PendantModel {
        let corner = |x: f32, y: f32| Vertex { position: [x, y, 0.001], normal: [0.0, 0.0, 1.0], ..Vertex::default() };
        let vertices = vec![corner(-0.005, -0.005), corner(0.005, -0.005), corner(0.005, 0.005), corner(-0.005, 0.005)];
        let mut bounds = Bounds::default();
        bounds.include(Vec3::new(-0.005, -0.005, 0.0));
        bounds.include(Vec3::new(0.005, 0.005, 0.001));
        PendantModel {
            nodes: vec![ModelNode {
                name: None,
                parent: None,
                local_transform: Mat4::IDENTITY,
                world_transform: Mat4::IDENTITY,
                mesh: Some(0),
            }],
            meshes: vec![Mesh {
                name: None,
                primitives: vec![Primitive { vertices, indices: vec![0, 1, 2, 0, 2, 3], ..Primitive::default() }],
            }],
            bounds,
            ..PendantModel::default()
        }
    }

    fn opacity_at(shadow: &ContactShadow, world: Vec2) -> u8 {
        let local = (world - shadow.origin.truncate()) / Vec2::new(shadow.u.x, shadow.v.y) * SHADOW_SIZE as f32;
        let inside = (0.0..SHADOW_SIZE as f32).contains(&local.x) && (0.0..SHADOW_SIZE as f32).contains(&local.y);
        if inside {
            shadow.opacity[local.y as usize * SHADOW_SIZE + local.x as usize]
        } else {
            0
        }
    }

    #[test]
    fn the_shadow_falls_away_from_the_light_and_is_soft() {
        let shadow = contact_shadow(&square()).expect("a shadow");
        assert_eq!(shadow.opacity.len(), SHADOW_SIZE * SHADOW_SIZE);
        // Dark in the middle, clear far outside.
        assert!(opacity_at(&shadow, Vec2::ZERO) > 240);
        assert_eq!(opacity_at(&shadow, Vec2::new(0.0, 0.0075)), 0, "nothing well above the square");
        // The light is up and to the left, so the shadow reaches further down and right.
        let below = opacity_at(&shadow, Vec2::new(0.0, -0.0052));
        let above = opacity_at(&shadow, Vec2::new(0.0, 0.0052));
        assert!(below > above, "below {below}, above {above}");
        // Soft edge: intermediate values exist.
        assert!(shadow.opacity.iter().any(|&o| o > 40 && o < 200));
        assert!((shadow.origin.z + 0.0015).abs() < 1e-6, "the plane is 15 % of the size behind the model");
    }

    /// A square lid on a hinge along its right edge (+Y axis through x = 5 mm): open, it
    /// stands out toward the viewer and its shadow leaves the middle.
    #[test]
    fn an_open_lid_moves_its_shadow() {
        let mut model = square();
        let hinge_at = Mat4::from_translation(Vec3::new(0.005, 0.0, 0.0));
        model.nodes[0].parent = Some(1);
        model.nodes[0].local_transform = hinge_at.inverse();
        model.nodes.push(ModelNode {
            name: Some("hinge_90deg".into()),
            parent: None,
            local_transform: hinge_at,
            world_transform: hinge_at,
            mesh: None,
        });
        let hinges = crate::hinge::find_hinges(&model);
        assert_eq!(hinges.len(), 1);
        let (closed, open) = swinging_contact_shadow(&model, &hinges).expect("shadows");
        let middle =
            |opacity: &[u8]| opacity_at(&ContactShadow { opacity: opacity.to_vec(), ..closed.clone() }, Vec2::ZERO);
        assert!(middle(&closed.opacity) > 200, "closed: the square's shadow covers the middle");
        assert!(middle(&open) < 60, "open: the lid stands edge-on at the right, {}", middle(&open));
        let half = blend_opacity(&closed.opacity, &open, 0.5);
        assert!(middle(&half) < middle(&closed.opacity) && middle(&half) > middle(&open));
        assert!(swinging_contact_shadow(&square(), &[]).is_none());
    }

    #[test]
    fn an_empty_model_has_no_shadow() {
        assert!(contact_shadow(&PendantModel::default()).is_none());
    }
}
