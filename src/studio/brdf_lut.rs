//! The split-sum BRDF lookup table (B. Karis, "Real Shading in Unreal Engine 4", SIGGRAPH
//! 2013): for each (n·v, roughness) the scale and bias applied to F0 for GGX + Smith
//! height-correlated visibility + Schlick Fresnel under uniform lighting. Baked on the CPU at
//! start-up (a few milliseconds); pure.

use glam::{Vec2, Vec3};

/// Side of the square table in texels (u = n·v, v = perceptual roughness).
pub const LUT_SIZE: usize = 32;
/// Importance samples per texel.
const SAMPLE_COUNT: u32 = 128;

/// `LUT_SIZE²` (scale, bias) pairs, rows by roughness (0 at the top row), columns by n·v.
pub fn bake_brdf_lut() -> Vec<[f32; 2]> {
    let mut table = Vec::with_capacity(LUT_SIZE * LUT_SIZE);
    for row in 0..LUT_SIZE {
        let roughness = (row as f32 + 0.5) / LUT_SIZE as f32;
        for column in 0..LUT_SIZE {
            let n_dot_v = (column as f32 + 0.5) / LUT_SIZE as f32;
            table.push(integrate(n_dot_v, roughness));
        }
    }
    table
}

/// Van der Corput radical inverse, for the Hammersley point set.
fn radical_inverse(mut bits: u32) -> f32 {
    bits = bits.reverse_bits();
    bits as f32 * 2.328_306_4e-10
}

/// Smith-GGX height-correlated visibility V = G / (4 n·l n·v) (E. Heitz, "Understanding the
/// Masking-Shadowing Function in Microfacet-Based BRDFs", JCGT 2014; form from Filament §4.4.2).
pub fn visibility_smith_ggx_correlated(n_dot_v: f32, n_dot_l: f32, alpha: f32) -> f32 {
    let a2 = alpha * alpha;
    let lambda_v = n_dot_l * (n_dot_v * n_dot_v * (1.0 - a2) + a2).sqrt();
    let lambda_l = n_dot_v * (n_dot_l * n_dot_l * (1.0 - a2) + a2).sqrt();
    0.5 / (lambda_v + lambda_l)
}

fn integrate(n_dot_v: f32, roughness: f32) -> [f32; 2] {
    let alpha = roughness * roughness;
    let view = Vec3::new((1.0 - n_dot_v * n_dot_v).sqrt(), 0.0, n_dot_v);
    let (mut scale, mut bias) = (0.0, 0.0);
    for i in 0..SAMPLE_COUNT {
        let xi = Vec2::new(i as f32 / SAMPLE_COUNT as f32, radical_inverse(i));
        // GGX importance sample of the half vector around +Z.
        let phi = std::f32::consts::TAU * xi.x;
        let cos_theta = ((1.0 - xi.y) / (1.0 + (alpha * alpha - 1.0) * xi.y)).sqrt();
        let sin_theta = (1.0 - cos_theta * cos_theta).sqrt();
        let half = Vec3::new(sin_theta * phi.cos(), sin_theta * phi.sin(), cos_theta);
        let light = 2.0 * view.dot(half) * half - view;
        let n_dot_l = light.z;
        let n_dot_h = half.z.max(0.0);
        let v_dot_h = view.dot(half).max(0.0);
        if n_dot_l > 0.0 {
            // pdf = D n·h / (4 v·h), so f·n·l/pdf = V · 4 · n·l · v·h / n·h.
            let weight = visibility_smith_ggx_correlated(n_dot_v, n_dot_l, alpha) * 4.0 * n_dot_l * v_dot_h / n_dot_h;
            let fresnel = (1.0 - v_dot_h).powi(5);
            scale += (1.0 - fresnel) * weight;
            bias += fresnel * weight;
        }
    }
    [scale / SAMPLE_COUNT as f32, bias / SAMPLE_COUNT as f32]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_surfaces_reflect_almost_everything_at_normal_incidence() {
        let table = bake_brdf_lut();
        let [scale, bias] = table[LUT_SIZE - 1]; // roughness ≈ 0, n·v ≈ 1
        assert!((scale + bias - 1.0).abs() < 0.03, "{scale} + {bias}");
        assert!(bias < 0.01);
    }

    #[test]
    fn rough_surfaces_lose_energy_to_single_scattering() {
        let table = bake_brdf_lut();
        let [scale, bias] = table[(LUT_SIZE - 1) * LUT_SIZE + LUT_SIZE / 2];
        assert!(scale + bias < 0.85 && scale + bias > 0.4, "{scale} + {bias}");
        assert!(table.iter().flatten().all(|v| v.is_finite() && *v >= 0.0 && *v <= 1.05));
    }
}
