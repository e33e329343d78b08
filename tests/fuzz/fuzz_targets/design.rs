//! Any text as a design document or a share link: a coded error or a design that writes back
//! to the same design.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pendant_viewer::design::Design;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(design) = Design::from_json(&text) {
        let written = design.to_json();
        let again = Design::from_json(&written).expect("a written design reads back");
        assert_eq!(again.to_json(), written, "one design, one text");
        assert_eq!(Design::from_fragment(&design.to_fragment()).expect("its link opens").to_json(), written);
    }
    let _ = Design::from_fragment(&text);
});
