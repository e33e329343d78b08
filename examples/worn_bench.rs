//! Times the worn view's parts natively: the drape, the pendant's placement and resting shadow,
//! and the chain's links, for the disc on the medium bust at each length.
//! `cargo run --release --example worn_bench`

use std::time::Instant;

use pendant_viewer::chain::{worn_chain, Chain, ChainAnchor, ChainStyle, LENGTHS_IN};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::worn::shade::resting_shadow;
use pendant_viewer::worn::{drape, wear, BodySize, Bust, Hang};

fn main() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/disc-pendant.glb")).expect("model");
    let disc = load_gltf(&bytes, &ExternalResources::new()).expect("loads");
    let anchor = ChainAnchor::of(&disc).expect("a ring");
    let bust = Bust::new(35);
    let ms = |start: Instant| start.elapsed().as_secs_f64() * 1000.0;
    for length_in in LENGTHS_IN {
        let chain = Chain { style: ChainStyle::Cable, length_in };
        let start = Instant::now();
        let solved = drape(&bust, f32::from(length_in) * 0.0254, Hang::One { clearance: 0.002 }, 0.0012);
        let drape_ms = ms(start);
        let start = Instant::now();
        let _ = resting_shadow(&bust, &solved.path, std::iter::empty());
        let shade_ms = ms(start);
        let start = Instant::now();
        let links = worn_chain(chain, &solved.path, true, anchor.metal());
        let links_ms = ms(start);
        let start = Instant::now();
        let _ = wear(&disc, Some(&anchor), chain, BodySize::default());
        let wear_ms = ms(start);
        let triangles = links.meshes[0].primitives[0].indices.len() / 3;
        println!(
            "{length_in} in: drape {drape_ms:.1} ms, chain shade {shade_ms:.1} ms, links {links_ms:.1} ms ({triangles} triangles), whole wear {wear_ms:.1} ms"
        );
    }
    let start = Instant::now();
    let _ = bust.model();
    println!("bust mesh {:.1} ms", ms(start));
}
