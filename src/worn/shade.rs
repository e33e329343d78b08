//! Where the chain and the pendant rest on the bust, as the linen shows it: a soft shadow
//! under every link that touches and under the pendant's back, baked into the form's
//! occlusion map (its UVs: [`Bust::uv_of`]). The studio's light is soft and from all round, so
//! what a shopper sees of contact is this occlusion, not a cast shadow; without it the chain
//! reads as floating over the form.

use glam::{Vec2, Vec3};

use crate::model::Image;

use super::bust::Bust;

/// Texels round the form and down it (about 1.7 × 0.8 mm each on the medium form).
pub const SIZE: (u32, u32) = (512, 512);
/// How far the shadow spreads from a touching point, metres, and how dark it is there.
const CHAIN_SPREAD_M: f32 = 0.0012;
const CHAIN_DARKNESS: f32 = 0.55;
const PENDANT_SPREAD_M: f32 = 0.0025;
const PENDANT_DARKNESS: f32 = 0.6;
/// Points further than this off the form cast nothing.
const REACH_M: f32 = 0.004;

/// The occlusion map: white where nothing rests, darker under `chain` (its path) and under the
/// points of `pendant` (world space) that touch or nearly touch the form.
pub fn resting_shadow(bust: &Bust, chain: &[Vec3], pendant: impl Iterator<Item = Vec3>) -> Image {
    let (width, height) = SIZE;
    let mut light = vec![1.0_f32; (width * height) as usize];
    let (bottom, top) = bust.height_range();
    let texel_v = (top - bottom) / height as f32;
    // Round the form, the widest section sets how many metres a texel spans in U.
    let texel_u = 0.9 / width as f32;
    let mut stamp = |p: Vec3, spread: f32, darkness: f32| {
        let Some((distance, _)) = bust.distance(p) else { return };
        if distance > REACH_M {
            return;
        }
        let Some(uv) = bust.uv_of(p) else { return };
        let strength = darkness * (1.0 - (distance.max(0.0) / REACH_M)).powi(2);
        let radius = Vec2::new(2.0 * spread / texel_u, 2.0 * spread / texel_v).ceil().as_ivec2();
        let centre = Vec2::new(uv.x * width as f32, uv.y * height as f32);
        for dy in -radius.y..=radius.y {
            for dx in -radius.x..=radius.x {
                let texel = centre.floor().as_ivec2() + glam::IVec2::new(dx, dy);
                if texel.y < 0 || texel.y >= height as i32 {
                    continue;
                }
                let offset = (texel.as_vec2() + 0.5 - centre) * Vec2::new(texel_u, texel_v);
                let falloff = (-offset.length_squared() / (spread * spread)).exp();
                let index = (texel.y as u32 * width + texel.x.rem_euclid(width as i32) as u32) as usize;
                light[index] = light[index].min(1.0 - strength * falloff);
            }
        }
    };
    // The chain, every half millimetre along it.
    for pair in chain.windows(2) {
        let steps = ((pair[1] - pair[0]).length() / 0.0005).ceil().max(1.0) as usize;
        for step in 0..steps {
            stamp(pair[0].lerp(pair[1], step as f32 / steps as f32), CHAIN_SPREAD_M, CHAIN_DARKNESS);
        }
    }
    for p in pendant {
        stamp(p, PENDANT_SPREAD_M, PENDANT_DARKNESS);
    }
    let rgba8 = light.iter().flat_map(|&l| [(l.clamp(0.0, 1.0) * 255.0).round() as u8, 0, 0, 255]).collect();
    Image { width, height, rgba8 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shadow_falls_where_a_point_touches_and_nowhere_else() {
        let bust = Bust::new(35);
        let touching = Vec3::new(0.0, -0.05, bust.front_at(-0.05).unwrap() + 0.0005);
        let image = resting_shadow(&bust, &[touching, touching + Vec3::new(0.002, 0.0, 0.0)], std::iter::empty());
        let uv = bust.uv_of(touching).unwrap();
        let at = |uv: Vec2| {
            let (x, y) = ((uv.x * SIZE.0 as f32) as u32, (uv.y * SIZE.1 as f32) as u32);
            image.rgba8[((y * SIZE.0 + x) * 4) as usize]
        };
        assert!(at(uv) < 200, "dark under the chain: {}", at(uv));
        assert_eq!(at(Vec2::new(uv.x, uv.y + 0.1)), 255, "white 4 cm below");
        // Floating 1 cm off, it casts nothing.
        let floating = resting_shadow(&bust, &[touching + Vec3::Z * 0.01], std::iter::empty());
        assert!(floating.rgba8.chunks(4).all(|texel| texel[0] == 255));
    }

    #[test]
    fn uv_of_inverts_the_forms_mapping() {
        let bust = Bust::new(35);
        let model = bust.model();
        for vertex in model.meshes[0].primitives[0].vertices.iter().step_by(211).take(60) {
            let p = Vec3::from(vertex.position);
            let (bottom, top) = bust.height_range();
            if p.y <= bottom + 0.001 || p.y >= top - 0.001 {
                continue; // the caps
            }
            let uv = bust.uv_of(p).unwrap();
            let expected = Vec2::from(vertex.uv0);
            let du = (uv.x - expected.x).abs().min(1.0 - (uv.x - expected.x).abs());
            assert!(du < 1e-3 && (uv.y - expected.y).abs() < 1e-3, "{p}: {uv} vs {expected}");
        }
    }
}
