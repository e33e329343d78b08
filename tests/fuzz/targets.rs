//! What each fuzz target checks, shared by the libFuzzer binaries (tests/fuzz/fuzz_targets/)
//! and the stable replay of the committed corpus in `make test` (tests/fuzz_corpus.rs), so a
//! crash the fuzzer found stays a test. Included with `#[path]`; every target takes any bytes
//! and must return (a typed error is fine), never panic, hang or allocate without bound. Each
//! fuzz binary uses one of them.
#![allow(dead_code)]

use std::collections::HashMap;

use glam::Vec2;
use pendant_viewer::cutout::{make, ShapeDesign, ShapeKind};
use pendant_viewer::design::Design;
use pendant_viewer::engraving::{engrave, EngravingArea, EngravingDesign, FontBook, FontStyle, TextPath};
use pendant_viewer::model::gltf::budget::LoadBudget;
use pendant_viewer::model::gltf::{
    encoded_images, external_uris, load_gltf, load_gltf_with, Decoded, ExternalResources,
};
use pendant_viewer::model::{Image, PendantModel};

/// Any bytes as a .glb or .gltf, down both load paths: natively decoded images, and the
/// browser's (images listed with their header sizes, then handed back "decoded"); then what
/// the viewer does with a loaded model: hinges, swept bounds, shadows, slots, the checker.
pub fn model(bytes: &[u8]) {
    let budget = LoadBudget::default();
    let none = ExternalResources::default();
    let _ = external_uris(bytes, &budget);
    if let Ok(model) = load_gltf(bytes, &none) {
        use_model(&model, bytes.len());
    }
    let images = encoded_images(bytes, &none, &budget).ok();
    // Stand-in pixels only for a few megapixels: the budget's 128 MP would cost the fuzzer
    // half a gigabyte per input.
    let pixels: u64 = images.iter().flatten().map(|image| u64::from(image.width) * u64::from(image.height)).sum();
    if let Some(images) = images.filter(|_| pixels <= 4_000_000) {
        // What createImageBitmap would give: the header's size, four bytes a pixel.
        let decoded: HashMap<usize, Image> = images
            .iter()
            .map(|image| {
                let rgba8 = vec![128; image.width as usize * image.height as usize * 4];
                (image.index, Image { width: image.width, height: image.height, rgba8 })
            })
            .collect();
        if let Ok(model) = load_gltf_with(bytes, &none, &Decoded { images: decoded, ..Decoded::default() }, &budget) {
            use_model(&model, bytes.len());
        }
    }
}

fn use_model(model: &PendantModel, file_bytes: usize) {
    let hinges = pendant_viewer::hinge::find_hinges(model);
    let _ = pendant_viewer::hinge::swept_bounds(model, &hinges);
    let _ = pendant_viewer::studio::shadow::contact_shadow(model);
    let _ = pendant_viewer::studio::shadow::swinging_contact_shadow(model, &hinges);
    let _ = pendant_viewer::stones::setting::find_gem_slots(model);
    let _ = pendant_viewer::photo::slot::photo_slots(model);
    let _ = pendant_viewer::engraving::slot::find_engraving_slots(model);
    let _ = pendant_viewer::chain::attachments(model);
    let _ = pendant_viewer::convention::check_model(model, file_bytes);
}

/// Any text as a design document or a share link: a coded error, or a design that writes back
/// to the same text, and whose link opens to the same design without the shopper's file names.
pub fn design(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(design) = Design::from_json(&text) {
        let written = design.to_json();
        let again = Design::from_json(&written).expect("a written design reads back");
        assert_eq!(again.to_json(), written, "one design, one text");
        let mut linked = design.clone();
        linked.photos.iter_mut().flatten().for_each(|photo| photo.file.clear());
        let opened = Design::from_fragment(&design.to_fragment()).expect("its link opens");
        assert_eq!(opened.to_json(), linked.to_json());
    }
    let _ = Design::from_fragment(&text);
}

/// Any bytes as a photo: the header check decides first (as in the browser), and only a file
/// it accepts is decoded (natively, with the image crate's limits).
pub fn photo(bytes: &[u8]) {
    if pendant_viewer::photo::inspect(bytes).is_ok() {
        let _ = pendant_viewer::photo::decode::decode(bytes, 256);
    }
}

/// Any text and options on any area: a clear error or an engraving inside the area. The first
/// two bytes choose the options and the size.
pub fn engraving(bytes: &[u8], book: &FontBook) {
    let Some((&options, text)) = bytes.split_first() else { return };
    let Some((&size, text)) = text.split_first() else { return };
    let design = EngravingDesign {
        text: String::from_utf8_lossy(text).into_owned(),
        style: FontStyle::ALL[usize::from(options) % 4],
        align: [Default::default(), "left".parse().expect("left"), "right".parse().expect("right")]
            [usize::from(options >> 2) % 3],
        letter_height_mm: (options & 0x10 != 0).then_some(f32::from(size) / 20.0),
        letter_spacing: f32::from(size) / 255.0 - 0.2,
        path: if options & 0x20 != 0 { TextPath::Arc } else { TextPath::Straight },
    };
    let area = EngravingArea {
        size_mm: Vec2::new(4.0 + f32::from(size % 40), 3.0 + f32::from(size / 8)),
        round: options & 0x40 != 0,
    };
    if let Ok(engraved) = engrave(&design, &area, book) {
        assert!(engraved.field.width > 0 && engraved.field.height > 0);
    }
}

/// Any text as a cut-out's name, letters or outline path data, in any kind, font and size:
/// a coded error, or one piece of metal that loads as a model whose rings touch it. The first
/// two bytes choose the kind and font, and the height and thickness.
pub fn cutout(bytes: &[u8], book: &FontBook) {
    let Some((&options, rest)) = bytes.split_first() else { return };
    let Some((&size, text)) = rest.split_first() else { return };
    let kind =
        [ShapeKind::Nameplate, ShapeKind::Initial, ShapeKind::Monogram, ShapeKind::Outline][usize::from(options) % 4];
    let text = String::from_utf8_lossy(text).into_owned();
    let (low, high) = kind.height_range();
    let design = ShapeDesign {
        kind,
        font: FontStyle::ALL[usize::from(options >> 2) % 4],
        height_mm: Some(low + (high - low) * f32::from(size) / 255.0),
        thickness_mm: 0.8 + 0.7 * f32::from(size % 16) / 15.0,
        outline: if kind == ShapeKind::Outline { text.clone() } else { String::new() },
        text,
        ..ShapeDesign::default()
    };
    match make(&design, book) {
        Ok(cutout) => {
            assert_eq!(cutout.region.len(), 1, "one piece of metal");
            let model = load_gltf(&cutout.glb, &ExternalResources::new()).expect("a cut-out loads");
            assert!(pendant_viewer::attachment::gaps(&model).is_empty(), "its rings touch it");
        }
        Err(error) => assert!(error.code().starts_with("shape-"), "{error}"),
    }
}
