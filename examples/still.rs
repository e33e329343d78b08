//! Renders a still of a design document, through the page's own path (design → scene →
//! renderer), for looking closely at a pendant:
//! `cargo run --release --example still -- tests/golden/designs/locket-photos.json out.png size=1024`
//!
//! The design's relative URLs (its model, its photos) are read under `root` (default `www`, the
//! page's folder); its `view` gives the camera, the backdrop and whether a locket is open.
//! Options (`name=value`): size (px, 768; `W×H` or one number), root.

use std::path::Path;

use pendant_viewer::design::Design;
use pendant_viewer::engraving::FontBook;
use pendant_viewer::gpu::{GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::native::{render_design, Still};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [design, out, options @ ..] = args.as_slice() else {
        eprintln!("usage: still DESIGN.json OUT.png [size=768 | size=1200x800] [root=www]");
        std::process::exit(2);
    };
    let option = |name: &str| options.iter().find_map(|o| o.strip_prefix(name)?.strip_prefix('='));
    let size = option("size").unwrap_or("768");
    let (width, height) = size.split_once(['x', '×']).unwrap_or((size, size));
    let size = (width.parse().expect("size"), height.parse().expect("size"));
    let root = Path::new(option("root").unwrap_or("www"));
    let text = std::fs::read_to_string(design).expect("design file");
    let design = Design::from_json(&text).unwrap_or_else(|e| panic!("{design}: {e}"));
    let fonts = FontBook::from_dir(&root.join("fonts")).expect("fonts");
    let context = GpuContext::offscreen().expect("a Vulkan or GL adapter");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    let still = Still { design: &design, root, fonts: &fonts, size };
    let pixels = render_design(&context, &mut renderer, &still).unwrap_or_else(|e| panic!("{e}"));
    image::save_buffer(out, &pixels, size.0, size.1, image::ExtendedColorType::Rgba8).expect("png");
}
