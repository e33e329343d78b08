//! The studio environment that lights the pendant, baked on the CPU at start-up.
//!
//! Jewelry is photographed in a light tent: large softboxes and thin strip lights against a
//! dark surround, so polished metal shows crisp bright bands with dark gaps between them rather
//! than a flat gradient. The studio is described analytically ([`StudioLight`]s over a vertical
//! gradient) and baked into
//! - a chain of equirectangular images, level `k` prefiltered for perceptual roughness
//!   `k / (LEVEL_COUNT - 1)` with the GGX distribution (split-sum approximation, B. Karis,
//!   "Real Shading in Unreal Engine 4", SIGGRAPH 2013: N = V = R), each half the size of the
//!   previous so the chain uploads as one mipmapped texture;
//! - nine spherical-harmonic coefficients of diffuse irradiance (R. Ramamoorthi and
//!   P. Hanrahan, "An Efficient Representation for Irradiance Environment Maps", 2001).
//!
//! Pure: no GPU types. Directions: +Y up, the camera's default view looks down −Z, so the
//! environment toward +Z is what the front of the pendant reflects.

use glam::Vec3;
use std::f32::consts::{PI, TAU};

/// Number of prefiltered levels (mip levels of the environment texture).
pub const LEVEL_COUNT: usize = 6;
/// Width of level 0 in texels (height is half).
pub const BASE_WIDTH: usize = 256;

/// A rectangular light (softbox or strip) seen from the pendant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudioLight {
    /// Centre direction: degrees around +Y, 0 = toward +Z (behind the camera), 90 = toward +X.
    pub azimuth_deg: f32,
    /// Centre direction: degrees above the horizon.
    pub elevation_deg: f32,
    /// Half the angular width.
    pub half_width_deg: f32,
    /// Half the angular height.
    pub half_height_deg: f32,
    /// Linear RGB radiance.
    pub radiance: [f32; 3],
    /// Width of the soft edge (a diffuser's falloff), degrees.
    pub edge_softness_deg: f32,
}

/// The whole studio: lights over a vertical gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct Studio {
    /// Linear radiance straight up.
    pub zenith: [f32; 3],
    /// Linear radiance at the horizon.
    pub horizon: [f32; 3],
    /// Linear radiance straight down (the table).
    pub nadir: [f32; 3],
    /// Black cards (flags): the surround is replaced by their radiance where they cover it.
    pub cards: Vec<StudioLight>,
    /// The lights, added over the surround and cards.
    pub lights: Vec<StudioLight>,
}

impl Studio {
    /// The default jewelry studio, modelled on a light tent: a bright, slightly warm tent
    /// surround and white table; a large soft diffuser behind the camera (what a flat polished
    /// face reflects), a key softbox above-left, two tall strip lights at the sides for the
    /// bright edge bands polished metal needs and a top light; black cards between them give
    /// the dark accents that make metal read as polished rather than flat. Values were set by
    /// eye on the golden renders (tests/golden).
    pub fn jewelry() -> Self {
        let panel = |azimuth_deg, elevation_deg, half_width_deg, half_height_deg, intensity: f32, edge_softness_deg| {
            StudioLight {
                azimuth_deg,
                elevation_deg,
                half_width_deg,
                half_height_deg,
                radiance: [intensity, intensity * 0.985, intensity * 0.96],
                edge_softness_deg,
            }
        };
        Studio {
            zenith: [0.80, 0.80, 0.82],
            horizon: [0.45, 0.44, 0.42],
            nadir: [0.60, 0.58, 0.55],
            cards: vec![
                panel(-62.0, 8.0, 14.0, 45.0, 0.02, 6.0),
                panel(62.0, 8.0, 14.0, 45.0, 0.02, 6.0),
                panel(0.0, -22.0, 24.0, 12.0, 0.10, 9.0),
                panel(180.0, -22.0, 24.0, 12.0, 0.10, 9.0),
            ],
            lights: vec![
                // Front and back diffusers: the back of a pendant, turned to the viewer,
                // reads as brightly as its front (engraving on the back must show).
                panel(0.0, 17.0, 34.0, 14.0, 1.3, 9.0),
                panel(180.0, 17.0, 34.0, 14.0, 1.2, 9.0),
                panel(-30.0, 42.0, 20.0, 14.0, 4.0, 3.0),
                panel(-100.0, 5.0, 4.5, 38.0, 6.0, 1.0),
                panel(100.0, 5.0, 4.5, 38.0, 5.0, 1.0),
                panel(180.0, 65.0, 30.0, 12.0, 3.0, 4.0),
            ],
        }
    }

    /// A uniform white environment of radiance 1 (the "furnace": a lossless material lit by
    /// it reflects exactly 1).
    pub fn furnace() -> Self {
        Studio { zenith: [1.0; 3], horizon: [1.0; 3], nadir: [1.0; 3], cards: Vec::new(), lights: Vec::new() }
    }

    /// Linear radiance arriving from `direction` (unit).
    pub fn radiance(&self, direction: Vec3) -> Vec3 {
        LitStudio::new(self).radiance(direction)
    }
}

/// A studio with each panel's frame precomputed, for baking many directions.
struct LitStudio<'a> {
    studio: &'a Studio,
    card_frames: Vec<[Vec3; 3]>,
    light_frames: Vec<[Vec3; 3]>,
}

fn panel_frame(panel: &StudioLight) -> [Vec3; 3] {
    let center = direction_from_angles(panel.azimuth_deg, panel.elevation_deg);
    let right = Vec3::Y.cross(center).try_normalize().unwrap_or(Vec3::X);
    [center, right, center.cross(right)]
}

impl<'a> LitStudio<'a> {
    fn new(studio: &'a Studio) -> Self {
        Self {
            studio,
            card_frames: studio.cards.iter().map(panel_frame).collect(),
            light_frames: studio.lights.iter().map(panel_frame).collect(),
        }
    }

    fn radiance(&self, direction: Vec3) -> Vec3 {
        let studio = self.studio;
        let y = direction.y.clamp(-1.0, 1.0);
        let mut color = if y >= 0.0 {
            Vec3::from(studio.horizon).lerp(Vec3::from(studio.zenith), y.sqrt())
        } else {
            Vec3::from(studio.horizon).lerp(Vec3::from(studio.nadir), (-y).sqrt())
        };
        for (card, frame) in studio.cards.iter().zip(&self.card_frames) {
            color = color.lerp(Vec3::from(card.radiance), light_coverage(card, frame, direction));
        }
        for (light, frame) in studio.lights.iter().zip(&self.light_frames) {
            color += Vec3::from(light.radiance) * light_coverage(light, frame, direction);
        }
        color
    }
}

/// Unit direction for azimuth/elevation in degrees (see [`StudioLight`]).
pub fn direction_from_angles(azimuth_deg: f32, elevation_deg: f32) -> Vec3 {
    let (sin_az, cos_az) = azimuth_deg.to_radians().sin_cos();
    let (sin_el, cos_el) = elevation_deg.to_radians().sin_cos();
    Vec3::new(sin_az * cos_el, sin_el, cos_az * cos_el)
}

/// 0..1: how much of a light covers `direction`, with smooth edges.
fn light_coverage(light: &StudioLight, [center, right, up]: &[Vec3; 3], direction: Vec3) -> f32 {
    let forward = direction.dot(*center);
    if forward <= 0.0 {
        return 0.0;
    }
    let x = direction.dot(*right).atan2(forward).to_degrees().abs();
    let y = direction.dot(*up).atan2(forward).to_degrees().abs();
    let edge = |offset: f32, half: f32| {
        1.0 - smoothstep(half - light.edge_softness_deg, half + light.edge_softness_deg, offset)
    };
    edge(x, light.half_width_deg) * edge(y, light.half_height_deg)
}

fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Equirectangular texture coordinate of a unit direction: u = 0.5 looks toward −Z, v = 0 is
/// straight up. Keep in sync with `ibl_equirect_uv` in `shaders/ibl.wgsl`.
pub fn equirect_uv(direction: Vec3) -> [f32; 2] {
    let u = 0.5 + direction.x.atan2(-direction.z) / TAU;
    let v = direction.y.clamp(-1.0, 1.0).acos() / PI;
    [u, v]
}

/// Inverse of [`equirect_uv`].
pub fn equirect_direction(u: f32, v: f32) -> Vec3 {
    let azimuth = (u - 0.5) * TAU;
    let polar = v * PI;
    let (sin_polar, cos_polar) = polar.sin_cos();
    Vec3::new(azimuth.sin() * sin_polar, cos_polar, -azimuth.cos() * sin_polar)
}

/// An equirectangular image of linear RGB radiance.
#[derive(Debug, Clone, PartialEq)]
pub struct EquirectImage {
    /// Width in texels (twice the height).
    pub width: usize,
    /// Height in texels.
    pub height: usize,
    /// Rows top (up) to bottom.
    pub texels: Vec<Vec3>,
}

impl EquirectImage {
    /// Samples `studio` at every texel centre. The lights' soft edges are at least a texel
    /// wide at [`BASE_WIDTH`], so one sample per texel does not alias.
    pub fn from_studio(studio: &Studio, width: usize) -> Self {
        let height = width / 2;
        let lit = LitStudio::new(studio);
        let mut texels = Vec::with_capacity(width * height);
        for row in 0..height {
            for column in 0..width {
                let u = (column as f32 + 0.5) / width as f32;
                let v = (row as f32 + 0.5) / height as f32;
                texels.push(lit.radiance(equirect_direction(u, v)));
            }
        }
        Self { width, height, texels }
    }

    /// Half the size, each texel the solid-angle-weighted mean of the 2×2 texels it covers.
    pub fn downsampled(&self) -> Self {
        let (width, height) = (self.width / 2, self.height / 2);
        let mut texels = Vec::with_capacity(width * height);
        for row in 0..height {
            let weights = [self.texel_solid_angle(2 * row), self.texel_solid_angle(2 * row + 1)];
            for column in 0..width {
                let mut sum = Vec3::ZERO;
                for (dy, weight) in weights.iter().enumerate() {
                    let at = (2 * row + dy) * self.width + 2 * column;
                    sum += (self.texels[at] + self.texels[at + 1]) * *weight;
                }
                texels.push(sum / (2.0 * (weights[0] + weights[1])));
            }
        }
        Self { width, height, texels }
    }

    fn texel_direction(&self, column: usize, row: usize) -> Vec3 {
        equirect_direction((column as f32 + 0.5) / self.width as f32, (row as f32 + 0.5) / self.height as f32)
    }

    /// Solid angle of a texel in `row` (steradians).
    fn texel_solid_angle(&self, row: usize) -> f32 {
        let polar_step = PI / self.height as f32;
        let polar = (row as f32 + 0.5) * polar_step;
        (TAU / self.width as f32) * polar_step * polar.sin()
    }
}

/// The baked lighting the GPU layer uploads.
#[derive(Debug, Clone, PartialEq)]
pub struct BakedEnvironment {
    /// `LEVEL_COUNT` images, level k for roughness k / (LEVEL_COUNT − 1), halving in size.
    pub levels: Vec<EquirectImage>,
    /// Irradiance SH9 coefficients, pre-scaled so that
    /// `albedo * Σ coefficient_i · Y_i(n)` is the Lambertian outgoing radiance.
    /// Keep the basis in sync with `ibl_irradiance` in `shaders/ibl.wgsl`.
    pub irradiance_sh: [Vec3; 9],
}

/// Perceptual roughness that prefiltered level `level` stands for.
pub fn level_roughness(level: usize) -> f32 {
    level as f32 / (LEVEL_COUNT - 1) as f32
}

/// Bakes `studio` into prefiltered levels and irradiance coefficients.
pub fn bake(studio: &Studio) -> BakedEnvironment {
    let base = EquirectImage::from_studio(studio, BASE_WIDTH);
    let irradiance_sh = irradiance_sh(&base);
    // Each blurred level reads the base averaged down (area-weighted) to its own size, so thin
    // strip lights keep their energy. At level 1 the GGX lobe is about a texel wide, so this is
    // close to the exact convolution of the full-size base at a fraction of the cost.
    let mut source = base.clone();
    let mut levels = vec![base];
    for level in 1..LEVEL_COUNT {
        let width = BASE_WIDTH >> level;
        while source.width > width {
            source = source.downsampled();
        }
        levels.push(prefilter_ggx(&source, level_roughness(level).powi(2)));
    }
    BakedEnvironment { levels, irradiance_sh }
}

/// GGX normal distribution function (Trowbridge-Reitz; B. Walter et al., "Microfacet Models
/// for Refraction through Rough Surfaces", EGSR 2007, eq. 33), without the 1/π factor which
/// the normalization below cancels.
fn ggx_distribution(n_dot_h: f32, alpha: f32) -> f32 {
    let a2 = alpha * alpha;
    let d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    a2 / (d * d)
}

/// Convolves `source` with the GGX lobe of `alpha` for N = V = R, at the source's own size.
/// Only texels within the lobe's window are visited (where D has fallen below ~1/300 of its
/// peak), found per row from spherical trigonometry. Turning about the vertical axis by a
/// column maps the grid onto itself, so every texel of a row sees the same weights at the same
/// column offsets: they are computed once per row, for its first texel, and each texel is then
/// a weighted sum. Together this keeps the bake to a few tens of milliseconds.
pub fn prefilter_ggx(source: &EquirectImage, alpha: f32) -> EquirectImage {
    let (width, height) = (source.width, source.height);
    // Half-vector angle where D drops to ~1/300 of its peak (tan θh = 4α), doubled for L.
    let window_rad = (2.0 * (4.0 * alpha).atan()).min(PI);
    let cos_window = window_rad.cos();
    let polar_step = PI / height as f32;
    let first_column_u = 0.5 / width as f32;
    // (index of the source row's first texel, column offset in 0..width, weight)
    let mut weights: Vec<(usize, usize, f32)> = Vec::new();
    let mut texels = Vec::with_capacity(width * height);
    for row in 0..height {
        let v = (row as f32 + 0.5) / height as f32;
        let normal = equirect_direction(first_column_u, v);
        let normal_polar = v * PI;
        let first_row = (((normal_polar - window_rad) / polar_step).floor().max(0.0)) as usize;
        let last_row = (((normal_polar + window_rad) / polar_step).ceil() as usize).min(height - 1);
        weights.clear();
        let mut weight_sum = 0.0;
        for source_row in first_row..=last_row {
            let solid_angle = source.texel_solid_angle(source_row);
            for offset in row_window(source, source_row, normal, normal_polar, cos_window, first_column_u) {
                let n_dot_l = normal.dot(source.texel_direction(offset, source_row));
                if n_dot_l <= cos_window.max(0.0) {
                    continue;
                }
                let n_dot_h = ((1.0 + n_dot_l) * 0.5).sqrt(); // H bisects N(=V) and L
                let weight = ggx_distribution(n_dot_h, alpha) * n_dot_l * solid_angle;
                weights.push((source_row * width, offset, weight));
                weight_sum += weight;
            }
        }
        for column in 0..width {
            let mut sum = Vec3::ZERO;
            for &(row_start, offset, weight) in &weights {
                let source_column = column + offset;
                let source_column = if source_column >= width { source_column - width } else { source_column };
                sum += source.texels[row_start + source_column] * weight;
            }
            texels.push(if weight_sum > 0.0 { sum / weight_sum } else { source.texels[0] });
        }
    }
    EquirectImage { width, height, texels }
}

/// Columns of `source_row` that may lie within the window around `normal` (wrapping around
/// the seam), from the spherical law of cosines.
fn row_window(
    source: &EquirectImage,
    source_row: usize,
    normal: Vec3,
    normal_polar: f32,
    cos_window: f32,
    normal_u: f32,
) -> impl Iterator<Item = usize> {
    let width = source.width;
    let row_polar = (source_row as f32 + 0.5) * PI / source.height as f32;
    let denominator = normal_polar.sin() * row_polar.sin();
    let numerator = cos_window - normal.y * row_polar.cos();
    // Half the longitude span, padded by a texel and a half for the texel's own extent.
    let half_span = if denominator < 1e-4 || numerator / denominator <= -1.0 {
        PI
    } else if numerator / denominator >= 1.0 {
        0.0
    } else {
        (numerator / denominator).acos()
    };
    let span_texels = ((half_span / TAU) * width as f32 + 1.5).ceil() as i64;
    let center = (normal_u * width as f32).floor() as i64;
    let (start, count) = if 2 * span_texels + 1 >= width as i64 {
        (0, width as i64)
    } else {
        (center - span_texels, 2 * span_texels + 1)
    };
    (0..count).map(move |i| (start + i).rem_euclid(width as i64) as usize)
}

/// Real SH basis (bands 0–2) at unit direction `n`.
pub fn sh_basis(n: Vec3) -> [f32; 9] {
    [
        0.282_095,
        0.488_603 * n.y,
        0.488_603 * n.z,
        0.488_603 * n.x,
        1.092_548 * n.x * n.y,
        1.092_548 * n.y * n.z,
        0.315_392 * (3.0 * n.z * n.z - 1.0),
        1.092_548 * n.x * n.z,
        0.546_274 * (n.x * n.x - n.y * n.y),
    ]
}

/// Projects radiance onto SH9 and applies the clamped-cosine convolution (Â0 = π, Â1 = 2π/3,
/// Â2 = π/4), divided by π so the result is outgoing radiance per unit albedo.
fn irradiance_sh(image: &EquirectImage) -> [Vec3; 9] {
    let mut coefficients = [Vec3::ZERO; 9];
    for row in 0..image.height {
        let solid_angle = image.texel_solid_angle(row);
        for column in 0..image.width {
            let radiance = image.texels[row * image.width + column];
            for (c, y) in coefficients.iter_mut().zip(sh_basis(image.texel_direction(column, row))) {
                *c += radiance * y * solid_angle;
            }
        }
    }
    let band_scale = [1.0, 2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0, 0.25, 0.25, 0.25, 0.25, 0.25];
    for (c, scale) in coefficients.iter_mut().zip(band_scale) {
        *c *= scale;
    }
    coefficients
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evaluates the irradiance SH at `normal` (what the shader does), for the tests.
    fn evaluate_irradiance(sh: &[Vec3; 9], normal: Vec3) -> Vec3 {
        sh.iter().zip(sh_basis(normal)).map(|(c, y)| *c * y).sum()
    }

    #[test]
    fn equirect_mapping_round_trips() {
        for direction in [
            Vec3::X,
            Vec3::NEG_Z,
            Vec3::Z,
            Vec3::new(0.3, 0.8, -0.52).normalize(),
            Vec3::new(-0.6, -0.7, 0.39).normalize(),
        ] {
            let [u, v] = equirect_uv(direction);
            assert!((equirect_direction(u, v) - direction).length() < 1e-5, "{direction}");
        }
        assert_eq!(equirect_uv(Vec3::NEG_Z), [0.5, 0.5]);
    }

    #[test]
    fn furnace_environment_stays_uniform_through_the_bake() {
        let baked = bake(&Studio::furnace());
        for (level, image) in baked.levels.iter().enumerate() {
            assert_eq!(image.width, BASE_WIDTH >> level);
            for texel in &image.texels {
                assert!((*texel - Vec3::ONE).abs().max_element() < 1e-4, "level {level}: {texel}");
            }
        }
        for normal in [Vec3::Y, Vec3::NEG_Y, Vec3::X, Vec3::new(0.5, -0.5, 0.7).normalize()] {
            let irradiance = evaluate_irradiance(&baked.irradiance_sh, normal);
            assert!((irradiance - Vec3::ONE).abs().max_element() < 0.01, "{normal}: {irradiance}");
        }
    }

    #[test]
    fn prefiltering_conserves_energy_and_spreads_a_light() {
        let studio = Studio::jewelry();
        let baked = bake(&studio);
        let mean = |image: &EquirectImage| {
            let (mut sum, mut area) = (Vec3::ZERO, 0.0);
            for row in 0..image.height {
                let solid_angle = image.texel_solid_angle(row);
                for column in 0..image.width {
                    sum += image.texels[row * image.width + column] * solid_angle;
                    area += solid_angle;
                }
            }
            sum / area
        };
        let base_mean = mean(&baked.levels[0]);
        for level in &baked.levels[1..] {
            let ratio = mean(level) / base_mean;
            assert!((ratio - Vec3::ONE).abs().max_element() < 0.08, "{}: {ratio}", level.width);
        }
        // The key light's peak falls as the lobe widens.
        let key = direction_from_angles(-30.0, 42.0);
        let peak = |image: &EquirectImage| {
            let [u, v] = equirect_uv(key);
            let column = ((u * image.width as f32) as usize).min(image.width - 1);
            let row = ((v * image.height as f32) as usize).min(image.height - 1);
            image.texels[row * image.width + column].x
        };
        let peaks: Vec<f32> = baked.levels.iter().map(peak).collect();
        assert!(peaks.windows(2).all(|w| w[1] < w[0] + 1e-3), "{peaks:?}");
        assert!(peaks[0] > 3.0 && peaks[LEVEL_COUNT - 1] < 1.5, "{peaks:?}");
    }

    #[test]
    fn prefiltering_matches_a_direct_convolution_over_the_whole_sphere() {
        // The bake reuses each row's weights along the row and visits only the lobe's window;
        // the reference weighs every texel for every texel, with its own direction.
        let source = EquirectImage::from_studio(&Studio::jewelry(), 32);
        for alpha in [0.04_f32, 0.16, 0.36] {
            let window_rad = (2.0 * (4.0 * alpha).atan()).min(PI);
            let fast = prefilter_ggx(&source, alpha);
            for row in 0..source.height {
                for column in 0..source.width {
                    let normal = source.texel_direction(column, row);
                    let (mut sum, mut weight_sum) = (Vec3::ZERO, 0.0);
                    for source_row in 0..source.height {
                        for source_column in 0..source.width {
                            let n_dot_l = normal.dot(source.texel_direction(source_column, source_row));
                            if n_dot_l <= window_rad.cos().max(0.0) {
                                continue;
                            }
                            let n_dot_h = ((1.0 + n_dot_l) * 0.5).sqrt();
                            let weight =
                                ggx_distribution(n_dot_h, alpha) * n_dot_l * source.texel_solid_angle(source_row);
                            sum += source.texels[source_row * source.width + source_column] * weight;
                            weight_sum += weight;
                        }
                    }
                    let direct = sum / weight_sum;
                    let got = fast.texels[row * source.width + column];
                    let error = ((got - direct).abs() / direct.max(Vec3::splat(1e-3))).max_element();
                    assert!(error < 1e-3, "alpha {alpha}, texel ({column}, {row}): {got} against {direct}");
                }
            }
        }
    }

    #[test]
    fn bake_is_fast_enough_for_start_up() {
        let started = std::time::Instant::now();
        let _ = bake(&Studio::jewelry());
        let elapsed = started.elapsed();
        eprintln!("environment bake: {elapsed:?}");
        // Start-up budget with headroom for debug builds on a loaded 2-core CI machine
        // (release: ~25 ms native).
        assert!(elapsed.as_secs_f32() < 3.0, "{elapsed:?}");
    }

    #[test]
    fn irradiance_is_brighter_facing_the_lights_than_facing_the_table() {
        let baked = bake(&Studio::jewelry());
        let up = evaluate_irradiance(&baked.irradiance_sh, Vec3::Y);
        let down = evaluate_irradiance(&baked.irradiance_sh, Vec3::NEG_Y);
        assert!(up.x > 2.0 * down.x, "up {up}, down {down}");
    }
}
