//! Times engraving layout + rasterization natively (the browser figure comes from the
//! `engraving` event's `milliseconds`): `cargo run --release --example engraving_bench`.

use std::time::Instant;

use glam::Vec2;
use pendant_viewer::engraving::{engrave, EngravingArea, EngravingDesign, FontBook, FontStyle};

fn main() {
    let book =
        FontBook::from_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/www/fonts"))).expect("fonts");
    let cases = [
        (
            "a name, script, Ø16 mm disc",
            "Emma",
            FontStyle::Script,
            EngravingArea { size_mm: Vec2::splat(16.0), round: true },
        ),
        (
            "three lines, serif, 32×7 mm bar",
            "Love you\nto the moon\nand back",
            FontStyle::Serif,
            EngravingArea { size_mm: Vec2::new(32.0, 7.0), round: false },
        ),
        (
            "coordinates, mono, 16×16 mm",
            "40°42′46″N\n74°00′22″W",
            FontStyle::Mono,
            EngravingArea { size_mm: Vec2::splat(16.0), round: true },
        ),
    ];
    for (what, text, style, area) in cases {
        let design = EngravingDesign { text: text.into(), style, ..Default::default() };
        let mut times: Vec<f64> = (0..60)
            .map(|_| {
                let started = Instant::now();
                engrave(&design, &area, &book).expect("engraves");
                started.elapsed().as_secs_f64() * 1000.0
            })
            .skip(10)
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{what:34} median {:.2} ms, max {:.2} ms (50 runs)", times[times.len() / 2], times[times.len() - 1]);
    }
}
