//! Renders a still of a pendant with the shopper's photo, for looking closely at the cover:
//! `cargo run --release --example photo_still -- models/photo-round.glb www/photos/cat.jpg out.png [size] [yaw] [pitch] [tone] [cover] [open]`

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::hinge::{find_hinges, swept_bounds};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::photo::decode::decode;
use pendant_viewer::photo::{PhotoDesign, TEXTURE_SIDE};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, photo, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: photo_still MODEL PHOTO OUT.png [SIZE] [YAW] [PITCH] [color|bw|sepia] [glass|resin|print] [OPEN 0..1]");
        std::process::exit(2);
    };
    let number = |i: usize, default: f32| rest.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let size = number(0, 768.0) as u32;
    let design = PhotoDesign {
        tone: rest.get(3).map_or(Ok(Default::default()), |s| s.parse()).expect("tone"),
        cover: rest.get(4).map_or(Ok(Default::default()), |s| s.parse()).expect("cover"),
        ..Default::default()
    };
    let model = load_gltf(&std::fs::read(model).expect("model"), &ExternalResources::new()).expect("loads");
    let image = decode(&std::fs::read(photo).expect("photo"), TEXTURE_SIDE).expect("decodes");
    let context = GpuContext::offscreen().expect("adapter");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    renderer.set_model(&context.device, &context.queue, &model);
    let areas = renderer.photo_slots().count();
    for index in 0..areas {
        renderer.set_photo(&context.device, &context.queue, index, Some(&image), design).expect("photo area");
    }
    renderer.set_open(&context.queue, number(5, 1.0));
    let bounds = swept_bounds(&model, &find_hinges(&model));
    let camera = OrbitCamera::framing(&bounds, number(1, 0.0).to_radians(), number(2, 8.0).to_radians());
    let pixels =
        render_to_rgba8(&context, &mut renderer, (size, size), &camera, &FrameSettings::default()).expect("readback");
    image::save_buffer(out, &pixels, size, size, image::ExtendedColorType::Rgba8).expect("png");
}
