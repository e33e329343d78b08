//! Renders a still of a pendant with an engraving, for looking closely at the cut:
//! `cargo run --release --example engraved_still -- models/disc-pendant.glb front "Emma" script out.png [size] [yaw] [oxidized|bright] [finish]`

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::engraving::{engrave, EngravingDesign, FontBook};
use pendant_viewer::gpu::{render_to_rgba8, CutFinish, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, side, text, font, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: engraved_still MODEL SIDE TEXT FONT OUT.png [SIZE] [YAW] [oxidized|bright] [FINISH]");
        std::process::exit(2);
    };
    let size: u32 = rest.first().and_then(|s| s.parse().ok()).unwrap_or(768);
    let yaw: f32 = rest.get(1).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let finish =
        if rest.get(2).map(String::as_str) == Some("oxidized") { CutFinish::Oxidized } else { CutFinish::Bright };
    let book =
        FontBook::from_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/www/fonts"))).expect("fonts");
    let model = load_gltf(&std::fs::read(model).expect("model"), &ExternalResources::new()).expect("loads");
    let context = GpuContext::offscreen().expect("adapter");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    if let Some(finish) = rest.get(3) {
        renderer.set_finish(
            &context.device,
            &context.queue,
            Some(finish.parse().expect("finish, e.g. 'polished white-gold'")),
        );
    }
    renderer.set_model(&context.device, &context.queue, &model);
    let index = renderer.engraving_slot_index(side).expect("side");
    let design =
        EngravingDesign { text: text.replace("\\n", "\n"), style: font.parse().expect("font"), ..Default::default() };
    let engraved = engrave(&design, &renderer.engraving_slots()[index].area, &book).expect("engraves");
    renderer.set_engraving(&context.device, &context.queue, index, Some(&engraved.field), finish);
    let yaw = if side == "back" { 180.0 + yaw } else { yaw };
    let camera = OrbitCamera::framing(&model.bounds, yaw.to_radians(), 0.15);
    let pixels =
        render_to_rgba8(&context, &mut renderer, (size, size), &camera, &FrameSettings::default()).expect("readback");
    image::save_buffer(out, &pixels, size, size, image::ExtendedColorType::Rgba8).expect("png");
}
