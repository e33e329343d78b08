//! Any text and options on any area: a clear error or an engraving inside the area.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use glam::Vec2;
use libfuzzer_sys::fuzz_target;
use pendant_viewer::engraving::{engrave, EngravingArea, EngravingDesign, FontBook, FontStyle, TextPath};

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/fonts")).expect("www/fonts"))
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&options, text)) = bytes.split_first() else { return };
    let Some((&size, text)) = text.split_first() else { return };
    let design = EngravingDesign {
        text: String::from_utf8_lossy(text).into_owned(),
        style: FontStyle::ALL[usize::from(options) % 4],
        align: [Default::default(), "left".parse().unwrap(), "right".parse().unwrap()][usize::from(options >> 2) % 3],
        letter_height_mm: (options & 0x10 != 0).then_some(f32::from(size) / 20.0),
        letter_spacing: f32::from(size) / 255.0 - 0.2,
        path: if options & 0x20 != 0 { TextPath::Arc } else { TextPath::Straight },
    };
    let area = EngravingArea { size_mm: Vec2::new(4.0 + f32::from(size % 40), 3.0 + f32::from(size / 8)), round: options & 0x40 != 0 };
    if let Ok(engraved) = engrave(&design, &area, book()) {
        assert!(engraved.field.width > 0 && engraved.field.height > 0);
    }
});
