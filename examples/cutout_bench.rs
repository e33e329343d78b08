//! Times a cut-out natively, stage by stage: `cargo run --release --example cutout_bench`.
use std::path::Path;
use std::time::Instant;

use pendant_viewer::cutout::letters::letters;
use pendant_viewer::cutout::region::{join_pieces, thin_places, unite};
use pendant_viewer::cutout::solid::extrude;
use pendant_viewer::cutout::{make, ShapeDesign};
use pendant_viewer::engraving::{FontBook, FontStyle};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};

fn main() {
    let book = FontBook::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("www/fonts")).expect("fonts");
    for text in ["Olivia", "Alexandrinas"] {
        for font in [FontStyle::Script, FontStyle::Block] {
            let design = ShapeDesign { text: text.into(), font, height_mm: Some(6.0), ..ShapeDesign::default() };
            let runs = 20;
            let time = |f: &mut dyn FnMut()| {
                let start = Instant::now();
                for _ in 0..runs {
                    f();
                }
                start.elapsed().as_secs_f64() * 1000.0 / runs as f64
            };
            let lettering = letters(&book, font, text, 6.0, 0.0).unwrap();
            let t_letters = time(&mut || drop(letters(&book, font, text, 6.0, 0.0).unwrap()));
            let region = unite(&lettering.contours);
            let t_unite = time(&mut || drop(unite(&lettering.contours)));
            let t_join = time(&mut || {
                let mut r = region.clone();
                join_pieces(&mut r, 1.0).unwrap();
            });
            let t_thin = time(&mut || drop(thin_places(&region, 1.0)));
            let t_solid = time(&mut || drop(extrude(&region, 1.0, 0.25, 4)));
            let Ok(cutout) = make(&design, &book) else {
                println!("{text:>12} {font:>6}: {}", make(&design, &book).unwrap_err());
                continue;
            };
            let t_make = time(&mut || drop(make(&design, &book).unwrap()));
            let t_load = time(&mut || drop(load_gltf(&cutout.glb, &ExternalResources::new()).unwrap()));
            let points: usize = lettering.contours.iter().map(Vec::len).sum();
            println!(
                "{text:>12} {font:>6}: {points:5} points, glb {:7} B | letters {t_letters:5.2} unite {t_unite:5.2} join {t_join:5.2} thin {t_thin:5.2} solid {t_solid:5.2} | make {t_make:5.2} load {t_load:5.2} ms",
                cutout.glb.len()
            );
        }
    }
}
