//! The `cutout` target: see tests/fuzz/targets.rs.
#![no_main]

#[path = "../targets.rs"]
mod targets;

use std::path::Path;
use std::sync::OnceLock;

use pendant_viewer::engraving::FontBook;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/fonts")).expect("www/fonts"))
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::cutout(bytes, book()));
