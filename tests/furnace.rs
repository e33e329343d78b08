//! The furnace test: in a uniform white environment of radiance 1, a metal whose F0 is white
//! must reflect exactly 1 at every roughness and view angle (energy is neither created nor
//! lost), and a real metal must never reflect more than 1. A coloured metal reflects its F0
//! when polished; rough, it reflects less, because light bouncing between microfacets loses
//! (1 − F) at each bounce. Measured here for 18K yellow gold's blue channel (F0 0.474): 0.476
//! at roughness 0 and 0.25, 0.451 at 0.5, 0.368 at 0.75, 0.251 at 1 — what Kulla and Conty's
//! multiple-scattering estimate gives too (single-scattering albedo at roughness 1 is only
//! 0.31 at normal incidence, checked by numerical integration). Bounds: within 3 % of F0 up
//! to roughness 0.25 (polished and brushed jewelry), at least 45 % of F0 beyond. Rendered by the real renderer
//! on lavapipe and measured from the pixels.
//!
//! The measurement inverts the output path: at exposure 0.5 the radiances stay in the linear
//! part of PBR Neutral (output = input − 0.04 for inputs from 0.08 to 0.76), then sRGB.

mod common;

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::color::srgb_to_linear;
use pendant_viewer::finish::Metal;
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::scene::Scene;
use pendant_viewer::studio::backdrop::Backdrop;
use pendant_viewer::studio::environment::Studio;

const EXPOSURE: f32 = 0.5;
/// Largest allowed deviation of reflected radiance from the expectation, as a fraction.
const TOLERANCE: f32 = 0.03;
const SIZE: (u32, u32) = (640, 160);

/// Radiance (before exposure and tone mapping) that produced an output byte.
fn radiance(value: u8) -> f32 {
    (srgb_to_linear(value) + 0.04) / EXPOSURE
}

/// Per sphere (left to right): the mean radiance over the pixels within `inner` of its radius
/// (n·v from 1 down to √(1 − inner²)), per channel.
fn sphere_radiance(pixels: &[u8], inner: f32) -> Vec<[f32; 3]> {
    let (width, height) = (SIZE.0 as usize, SIZE.1 as usize);
    let covered = |x: usize| (0..height).any(|y| pixels[(y * width + x) * 4 + 3] == 255);
    let mut spheres = Vec::new();
    let mut x = 0;
    while x < width {
        if !covered(x) {
            x += 1;
            continue;
        }
        let start = x;
        while x < width && covered(x) {
            x += 1;
        }
        let (cx, r) = ((start + x) as f32 / 2.0, (x - start) as f32 / 2.0);
        let cy = height as f32 / 2.0;
        let (mut sum, mut count) = ([0.0f32; 3], 0);
        for y in 0..height {
            for px in start..x {
                let (dx, dy) = (px as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                if (dx * dx + dy * dy).sqrt() <= inner * r {
                    let at = (y * width + px) * 4;
                    for c in 0..3 {
                        sum[c] += radiance(pixels[at + c]);
                    }
                    count += 1;
                }
            }
        }
        spheres.push(sum.map(|s| s / count.max(1) as f32));
    }
    spheres
}

fn render_sweep(base_color: [f32; 3]) -> Vec<u8> {
    render_model(&common::roughness_sweep_glb(base_color))
}

fn render_model(glb: &[u8]) -> Vec<u8> {
    let context = GpuContext::offscreen().expect("a Vulkan or GL adapter (install mesa-vulkan-drivers)");
    let mut renderer = Renderer::with_studio(&context.device, &context.queue, OFFSCREEN_FORMAT, &Studio::furnace());
    let model = load_gltf(glb, &ExternalResources::new()).expect("loads");
    let mut camera = OrbitCamera::framing(&model.bounds, 0.0, 0.0);
    let mut scene = Scene::new();
    scene.set_model(model);
    let changes = scene.take_changes();
    renderer.sync(&context.device, &context.queue, &scene, &changes);
    camera.zoom(0.35);
    let settings = FrameSettings { exposure: EXPOSURE, background: Backdrop::Transparent, shadow_intensity: 0.0 };
    render_to_rgba8(&context, &mut renderer, SIZE, &camera, &settings).expect("readback")
}

#[test]
fn a_white_metal_reflects_all_the_light_at_every_roughness() {
    let pixels = render_sweep([1.0, 1.0, 1.0]);
    // Centre (n·v ≈ 1 … 0.7) and a ring toward the rim (down to n·v ≈ 0.44).
    for inner in [0.7, 0.9] {
        let spheres = sphere_radiance(&pixels, inner);
        assert_eq!(spheres.len(), 5, "five spheres (roughness 0, .25, .5, .75, 1)");
        for (index, rgb) in spheres.iter().enumerate() {
            for value in rgb {
                assert!(
                    (value - 1.0).abs() <= TOLERANCE,
                    "roughness {}: reflected {value:.3} within {inner} of the radius, expected 1 ± {TOLERANCE}",
                    index as f32 * 0.25
                );
            }
        }
    }
}

#[test]
fn real_metals_reflect_no_more_than_one_and_about_their_f0() {
    for metal in [Metal::YellowGold, Metal::RoseGold, Metal::Platinum] {
        let f0 = metal.base_color();
        let pixels = render_sweep(f0);
        for (index, rgb) in sphere_radiance(&pixels, 0.7).iter().enumerate() {
            for c in 0..3 {
                assert!(
                    rgb[c] >= f0[c] * if index <= 1 { 1.0 - TOLERANCE } else { 0.45 } && rgb[c] <= 1.0 + TOLERANCE,
                    "{}: roughness {}: channel {c} reflects {:.3}, F0 {:.3}",
                    metal.name(),
                    index as f32 * 0.25,
                    rgb[c],
                    f0[c]
                );
            }
        }
    }
}

/// A white dielectric: what its specular layer reflects is taken from the diffuse layer, so
/// the two together reflect 1 as well (the glTF spec's dielectric BRDF mix).
#[test]
fn a_white_dielectric_reflects_all_the_light_too() {
    let pixels = render_model(&common::roughness_sweep_glb_with([1.0, 1.0, 1.0], 0.0));
    for (index, rgb) in sphere_radiance(&pixels, 0.7).iter().enumerate() {
        for value in rgb {
            assert!(
                (value - 1.0).abs() <= TOLERANCE,
                "roughness {}: reflected {value:.3}, expected 1 ± {TOLERANCE}",
                index as f32 * 0.25
            );
        }
    }
}
