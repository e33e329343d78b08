//! Renders a still of a pendant on its chain, for looking closely at the links:
//! `cargo run --release --example chain_still -- models/disc-pendant.glb cable 18 out.png [size] [yaw] [pitch] [zoom]`

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::chain::Chain;
use pendant_viewer::gltf_loader::{load_gltf, ExternalResources};
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, style, length, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: chain_still MODEL cable|box|rope LENGTH_IN OUT.png [SIZE] [YAW] [PITCH] [ZOOM]");
        std::process::exit(2);
    };
    let number = |i: usize, default: f32| rest.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let size = number(0, 768.0) as u32;
    let chain = Chain { style: style.parse().expect("style"), length_in: length.parse().expect("length") };
    let model = load_gltf(&std::fs::read(model).expect("model"), &ExternalResources::new()).expect("loads");
    let context = GpuContext::offscreen().expect("adapter");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    renderer.set_model(&context.device, &context.queue, &model);
    renderer.set_chain(&context.device, &context.queue, Some(chain));
    let mut camera = OrbitCamera::framing(&model.bounds, number(1, 20.0).to_radians(), number(2, 5.0).to_radians());
    camera.zoom(number(3, 1.0));
    let pixels =
        render_to_rgba8(&context, &mut renderer, (size, size), &camera, &FrameSettings::default()).expect("readback");
    image::save_buffer(out, &pixels, size, size, image::ExtendedColorType::Rgba8).expect("png");
}
