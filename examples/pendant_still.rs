//! Renders a still of a pendant, for looking closely at it:
//! `cargo run --release --example pendant_still -- models/solitaire-prong.glb out.png stone=diamond yaw=20`
//!
//! Options (`name=value`): size (px, 768), yaw and pitch (degrees, 20 and 5), zoom (1 =
//! framed), finish ("rose-gold polished"), stone (ruby, diamond, …), open (0…1, a locket),
//! chain (cable:18, box:20, rope:16).

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::chain::Chain;
use pendant_viewer::finish::Finish;
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::hinge::{find_hinges, swept_bounds};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::stones::Stone;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, out, options @ ..] = args.as_slice() else {
        eprintln!("usage: pendant_still MODEL OUT.png [size=768] [yaw=20] [pitch=5] [zoom=1] [finish=…] [stone=…] [open=0..1] [chain=cable:18]");
        std::process::exit(2);
    };
    let option = |name: &str| options.iter().find_map(|o| o.strip_prefix(name)?.strip_prefix('='));
    let number = |name: &str, default: f32| option(name).map_or(default, |v| v.parse().expect(name));
    let size = number("size", 768.0) as u32;
    let model = load_gltf(&std::fs::read(model).expect("model"), &ExternalResources::new()).expect("loads");
    let context = GpuContext::offscreen().expect("adapter");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    if let Some(finish) = option("finish") {
        let finish: Finish = finish.parse().expect("finish");
        renderer.set_finish(&context.device, &context.queue, Some(finish));
    }
    renderer.set_stone(&context.device, option("stone").map(|name| Stone::named(name).expect("stone")));
    renderer.set_model(&context.device, &context.queue, &model);
    if let Some(chain) = option("chain") {
        let (style, length) = chain.split_once(':').unwrap_or((chain, "18"));
        let chain = Chain::from_attributes(style, length).expect("chain");
        renderer.set_chain(&context.device, &context.queue, chain);
    }
    renderer.set_open(&context.queue, number("open", 0.0));
    let bounds = swept_bounds(&model, &find_hinges(&model));
    let mut camera = OrbitCamera::framing(&bounds, number("yaw", 20.0).to_radians(), number("pitch", 5.0).to_radians());
    camera.zoom(number("zoom", 1.0));
    let pixels =
        render_to_rgba8(&context, &mut renderer, (size, size), &camera, &FrameSettings::default()).expect("readback");
    image::save_buffer(out, &pixels, size, size, image::ExtendedColorType::Rgba8).expect("png");
}
